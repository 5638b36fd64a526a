"""The audit trail: who changed what (``ChangeEntry``, written by django-auditlog) and who read
which file (``ReadEntry``, written by chemin/audit/middleware.py).

Neither is edited nor deleted by the application: ``save()`` only inserts, ``delete()`` and the
QuerySet's ``delete()``/``update()`` refuse, and the Django admin shows them read-only. The one
exception is ``services.scrub_participant_history`` (the RGPD anonymisation of a person).
"""

from __future__ import annotations

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.audit.enums import ReadKind


class AuditRowImmutable(Exception):
    """An attempt to change or delete a row of the audit trail."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditRowImmutable("Audit rows cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditRowImmutable("Audit rows cannot be changed.")

    def delete(self):
        raise AuditRowImmutable("Audit rows cannot be deleted.")

    def update_for_scrub(self, **fields) -> int:
        """The one write audit rows allow, reserved to ``services.scrub_participant_history``."""
        return super().update(**fields)


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditRowImmutable(f"{type(self).__name__} {self.pk} cannot be changed.")
        # Never an UPDATE, even of a row given an existing primary key.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRowImmutable(f"{type(self).__name__} {self.pk} cannot be deleted.")


class ChangeEntryManager(LogEntryManager.from_queryset(AuditQuerySet)):
    def log_create(self, instance, force_log: bool = False, **kwargs):
        """auditlog's entry, naming the participant the changed row is about."""
        from chemin.audit.tracking import participant_id_of

        kwargs.setdefault("participant_id", participant_id_of(instance))
        return super().log_create(instance, force_log=force_log, **kwargs)


class ChangeEntry(_AppendOnly, AbstractLogEntry):
    """A create, update or delete of a row holding personal data (django-auditlog's log entry,
    swapped in with AUDITLOG_LOGENTRY_MODEL so it can refuse changes and name its participant)."""

    # Redeclared from auditlog's entry with PROTECT: an entry keeps who did it and on what kind
    # of row. Staff leave by deactivation, and a model removed from the code keeps its history.
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("content type")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # Not a database constraint, and nothing happens on delete: the entry recording a person's
    # erasure, and every entry before it, outlive the person's row.
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participant"),
    )

    objects = ChangeEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [models.Index(fields=["participant", "-timestamp"], name="changeentry_participant_idx")]

    def __str__(self) -> str:
        # Not auditlog's "Updated <object_repr>": __str__ ends up in logs, and the repr may name a person.
        return f"{self.get_action_display()} {self.content_type_id}#{self.object_pk}"


class ReadEntry(_AppendOnly):
    """A signed-in staff member's read of personal data: a page of a participant file, their
    restricted notes, an export, a document (chemin/audit/reads.py says which pages are reads)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leave by deactivation: the trail keeps who read.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
    )
    # As on ChangeEntry: the record of who read a file outlives the file.
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReadKind.choices)
    url_name = models.CharField(_("page"), max_length=120)
    # The object read within the file (a document…), when the page shows one.
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    # For exports not tied to one person: the filters saying what went out (scope, period…).
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # Written once, never updated: no updated_at.
    created_at = models.DateTimeField(_("read at"), default=timezone.now)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("read")
        verbose_name_plural = _("reads")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["participant", "-created_at"], name="readentry_participant_idx"),
            models.Index(fields=["user", "-created_at"], name="readentry_user_idx"),
            models.Index(fields=["-created_at"], name="readentry_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ReadKind.values), name="readentry_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
