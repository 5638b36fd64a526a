"""The end-of-pathway review (bilan de fin d'accompagnement) sent to the referring prescriber.

The exit itself (category, reason, date) lives on ``Pathway`` (chemin/pathways/models.py): it is
what the pathway *is* once closed. The review is a document written at the exit: what was achieved,
the barriers that remain, the next steps. The person reads it first (``read_with_person_on``); only
then can it be sent, and what was sent is kept as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber

TEXT_MAX_LENGTH = 4000


class ExitReview(models.Model):
    pathway = models.OneToOneField(
        Pathway,
        # The review is part of the pathway's history: it goes only with an explicit erasure.
        on_delete=models.PROTECT,
        related_name="exit_review",
        verbose_name=_("pathway"),
    )
    achievements = models.TextField(_("what was achieved"))
    remaining_barriers = models.TextField(_("remaining barriers"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # The day the counsellor went through it with the person: nothing is sent before.
    read_with_person_on = models.DateField(_("read with the person on"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_to = models.ForeignKey(
        Prescriber,
        # Whom it went to stays known even if the prescriber leaves the directory.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent to"),
    )
    # The address it went to, as it was that day.
    sent_to_email = models.EmailField(_("sent to (email)"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("end-of-pathway review")
        verbose_name_plural = _("end-of-pathway reviews")
        ordering = ["-created_at"]
        constraints = [
            # The person sees it first.
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(read_with_person_on__isnull=False),
                name="exitreview_read_before_sent",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True, sent_to__isnull=True, sent_to_email="")
                | (Q(sent_at__isnull=False, sent_to__isnull=False) & ~Q(sent_to_email="")),
                name="exitreview_sent_says_to_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pathway_id}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
