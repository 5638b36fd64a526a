"""RGPD records: the history of a person's consents, and the anonymisation of their file.

Both are immutable: a record is written once and never changed or deleted (a consent withdrawn is
a new record saying so). They hold no name, contact or free text, so anonymising a file leaves
them as they are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chemin.participants.models import Participant
from chemin.privacy.enums import AnonymisationReason, ConsentChannel, ConsentPurpose, SharedItem


class ImmutableRecordError(RuntimeError):
    """Raised on any attempt to change or delete an immutable record."""


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        raise ImmutableRecordError(f"{self.model._meta.label} records cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None) -> int:
        raise ImmutableRecordError(f"{self.model._meta.label} records cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError(f"{self.model._meta.label} records cannot be deleted.")


class ImmutableModel(models.Model):
    """A row written once: ``save`` only inserts, ``delete`` (of a row or a queryset) refuses."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableRecordError(f"{self._meta.label} records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError(f"{self._meta.label} records cannot be deleted.")


class ConsentRecord(ImmutableModel):
    """One consent given or refused by the person, for one purpose, to one version of the notice.

    The current state of a purpose is its latest record (chemin/privacy/selectors.py). The
    participant's ``consent_given_at`` and ``consent_text_version`` stay as a quick copy of the
    latest processing consent.
    """

    participant = models.ForeignKey(
        Participant,
        # The history of consents is kept for as long as the file: a file is anonymised, not deleted.
        on_delete=models.PROTECT,
        related_name="consent_records",
        verbose_name=_("participant"),
    )
    purpose = models.CharField(_("purpose"), max_length=24, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    # For the prescriber sharing: what the prescriber may see (SharedItem values). Empty otherwise.
    scope = models.JSONField(_("what is shared"), default=list, blank=True)
    notice_version = models.CharField(_("notice version"), max_length=20)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff who leave are deactivated, not deleted: the record keeps who wrote it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("consent record", "recorded by"),
    )
    by_participant = models.BooleanField(_("recorded by the person"), default=False)
    channel = models.CharField(_("how it was collected"), max_length=24, choices=ConsentChannel.choices)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["participant", "purpose", "-recorded_at"], name="consent_purpose_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=ConsentChannel.values), name="consent_channel_valid"
            ),
            models.CheckConstraint(condition=~Q(notice_version=""), name="consent_has_notice_version"),
            # Someone is answerable for each record: the person, a staff member, or the migration
            # that started the history from the files' consent dates.
            models.CheckConstraint(
                condition=Q(by_participant=True)
                | Q(recorded_by__isnull=False)
                | Q(channel=ConsentChannel.EARLIER_RECORD),
                name="consent_has_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — {self.granted} ({self.given_on:%d/%m/%Y})"

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(SharedItem.choices)
        return [str(labels.get(item, item)) for item in self.scope]


class AnonymisationRecord(ImmutableModel):
    """That a file was anonymised, when, why and by whom — and nothing about the person."""

    participant = models.ForeignKey(
        Participant,
        # Kept with the anonymised file: it proves the erasure was done.
        on_delete=models.PROTECT,
        related_name="anonymisations",
        verbose_name=_("participant"),
    )
    reason = models.CharField(_("reason"), max_length=24, choices=AnonymisationReason.choices)
    # For a request: the day the person asked (the organisation has one month to answer, art. 12).
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    # For the retention period: the day the last pathway closed.
    last_closed_on = models.DateField(_("last pathway closed on"), null=True, blank=True)
    performed_at = models.DateTimeField(_("anonymised at"), default=timezone.now)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # Staff are deactivated, not deleted.
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anonymised by"),
    )

    class Meta:
        verbose_name = _("anonymisation record")
        verbose_name_plural = _("anonymisation records")
        ordering = ["-performed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["participant"], name="anonymisation_once_per_participant"),
            models.CheckConstraint(
                condition=Q(reason__in=AnonymisationReason.values), name="anonymisation_reason_valid"
            ),
            # The scheduled job anonymises on its own; a request is carried out by a staff member,
            # who records the day the person asked.
            models.CheckConstraint(
                condition=Q(reason=AnonymisationReason.RETENTION, performed_by__isnull=True)
                | (
                    ~Q(reason=AnonymisationReason.RETENTION)
                    & Q(performed_by__isnull=False, requested_on__isnull=False)
                ),
                name="anonymisation_request_has_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk} ({self.get_reason_display()})"
