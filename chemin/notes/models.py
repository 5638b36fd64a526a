from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.core.encryption import EncryptedTextField
from chemin.notes.enums import NoteVisibility
from chemin.pathways.models import Pathway
from chemin.referentials.text import normalize

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant


class NoteQuerySet(models.QuerySet["Note"]):
    def visible_to(self, user: User) -> NoteQuerySet:
        """The notes a staff member may read, enforced in the query so lists, counts, searches,
        exports and the timeline all share it.

        - Notes belong to the team of the pathway's territory: staff of other territories see none.
        - Business developers see no notes at all (job-facing profile only, DESIGN.md §4).
        - Restricted notes: the pathway's referent and the territory's managers and admins, as
          ``can_see_restricted`` says — and their author. The author already knows what they
          wrote; hiding it from them would only stop them from correcting it. If the author
          leaves the territory, they lose it with the rest of the territory's notes.
        """
        from chemin.accounts.models import Membership

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        memberships = Membership.objects.filter(user=user, territory__is_active=True)
        reading_territories = memberships.exclude(role=Role.BUSINESS_DEVELOPER).values("territory")
        managed_territories = memberships.filter(role__in=[Role.MANAGER, Role.ADMIN]).values("territory")
        return self.filter(pathway__territory__in=reading_territories).filter(
            ~models.Q(visibility=NoteVisibility.RESTRICTED)
            | models.Q(pathway__referent=user)
            | models.Q(pathway__territory__in=managed_territories)
            | models.Q(author=user)
        )

    def for_participant(self, participant: Participant) -> NoteQuerySet:
        return self.filter(pathway__participant=participant)

    def search(self, text: str) -> NoteQuerySet:
        """Accent- and case-insensitive: every word typed must appear in the note.

        Restricted notes keep no searchable copy in the database (``Note.search_text`` is empty,
        their text encrypted): those of this queryset are decrypted and matched here, in Python.
        Meant for one file's notes, as the notes page asks — not for a whole table.
        """
        words = normalize(text).split()
        if not words:
            return self
        query = models.Q()
        for word in words:
            query &= models.Q(search_text__contains=word)
        restricted = self.filter(visibility=NoteVisibility.RESTRICTED).values_list("pk", "text")
        found = [pk for pk, note_text in restricted if all(word in normalize(note_text) for word in words)]
        return self.filter(query | models.Q(pk__in=found))

    def newest_first(self) -> NoteQuerySet:
        return self.order_by("-date", "-created_at", "-pk")


class Note(models.Model):
    """A free-text record about a pathway, with a visibility level (journal, observation)."""

    pathway = models.ForeignKey(
        Pathway,
        # Notes are part of the pathway's record. A pathway is only ever deleted when the person's
        # data is erased (RGPD), and then its notes must go with it, not block the erasure.
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("pathway"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff who leave are deactivated, not deleted: a note keeps who wrote it.
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name=_("author"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    # Encrypted (chemin/core/encryption.py): restricted notes hold health and justice observations,
    # and a note's visibility may change after it is written.
    text = EncryptedTextField(_("text"))
    # normalize(text): lower case, no accents, for the accent-insensitive search. Empty for a
    # restricted note, so that its words never sit in clear in the database (see ``search``).
    search_text = models.TextField(editable=False, default="")
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=NoteVisibility.choices, default=NoteVisibility.TEAM
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["pathway", "visibility", "-date"], name="note_pathway_visibility_idx"),
            models.Index(fields=["pathway", "-date"], name="note_pathway_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=NoteVisibility.values), name="note_visibility_valid"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="note_text_not_empty"),
        ]

    def __str__(self) -> str:
        # No text here: __str__ ends up in logs and admin lists, and a note may be restricted.
        return f"{self._meta.verbose_name} #{self.pk} ({self.date:%d/%m/%Y})"

    def save(self, *args, **kwargs) -> None:
        self.search_text = "" if self.is_restricted else normalize(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"text", "visibility"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_restricted(self) -> bool:
        return self.visibility == NoteVisibility.RESTRICTED
