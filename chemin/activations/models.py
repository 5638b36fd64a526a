"""Prescriber activations (DESIGN.md §1, §5.2): the organisation asks the prescriber who referred
the person for what they hold (a funding, a right, an appointment) to lift a barrier.

The request goes by email with a signed, expiring link; the prescriber answers without an account
(accepted, done, not possible + text) and may change the answer until the link expires. The delay
between the request and the first answer is kept: it tells how responsive the partnership is.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.activations.enums import ActivationStatus
from chemin.barriers.models import Barrier
from chemin.core.encryption import EncryptedTextField
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber

if TYPE_CHECKING:
    from chemin.accounts.models import User

# Both the request and the answer stay short: a question and its answer, not a report.
REQUEST_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 2000


class PrescriberActivationQuerySet(models.QuerySet["PrescriberActivation"]):
    def visible_to(self, user: User) -> PrescriberActivationQuerySet:
        """Counsellors, managers and admins of the pathway's territory; business developers none
        (an activation is about a barrier, which they do not see)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        from chemin.accounts.models import Membership

        territories = (
            Membership.objects.filter(user=user, territory__is_active=True)
            .exclude(role=Role.BUSINESS_DEVELOPER)
            .values("territory")
        )
        return self.filter(pathway__territory__in=territories)

    def waiting(self) -> PrescriberActivationQuerySet:
        return self.filter(status=ActivationStatus.SENT)


class PrescriberActivation(models.Model):
    pathway = models.ForeignKey(
        Pathway,
        # Part of the pathway's history: a pathway with activations is never deleted.
        on_delete=models.PROTECT,
        related_name="activations",
        verbose_name=_("pathway"),
    )
    # The barrier it is about; an activation may also be about the pathway in general.
    barrier = models.ForeignKey(
        Barrier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activations",
        verbose_name=_("barrier"),
    )
    prescriber = models.ForeignKey(
        Prescriber,
        # The prescriber's answer is history: a référent with activations is never deleted.
        on_delete=models.PROTECT,
        related_name="activations",
        verbose_name=_("prescriber"),
    )
    # Encrypted (chemin/core/encryption.py), like the answer: both may speak of a health or
    # justice barrier (a probation officer asked about a sentence's hours).
    request_text = EncryptedTextField(_("request"), max_length=REQUEST_MAX_LENGTH)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    # The link works until then (ACTIVATION_LINK_MAX_AGE_DAYS after sending).
    expires_at = models.DateTimeField(_("link expires at"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActivationStatus.choices, default=ActivationStatus.SENT
    )
    answer_text = EncryptedTextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    # The first answer: the delay is measured to it. Later changes move last_answered_at only.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    last_answered_at = models.DateTimeField(_("answer last changed at"), null=True, blank=True)
    answer_count = models.PositiveSmallIntegerField(_("number of answers"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PrescriberActivationQuerySet.as_manager()

    class Meta:
        verbose_name = _("prescriber activation")
        verbose_name_plural = _("prescriber activations")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["pathway", "sent_at"], name="activation_pathway_sent_idx"),
            models.Index(fields=["status", "sent_at"], name="activation_status_sent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActivationStatus.values), name="activation_status_valid"
            ),
            models.CheckConstraint(condition=~Q(request_text=""), name="activation_has_request"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("sent_at")), name="activation_expires_after_sent"
            ),
            # Waiting: no answer at all. Answered: when, how many times, and in order.
            models.CheckConstraint(
                condition=Q(
                    status=ActivationStatus.SENT,
                    answered_at__isnull=True,
                    last_answered_at__isnull=True,
                    answer_count=0,
                )
                | (
                    ~Q(status=ActivationStatus.SENT)
                    & Q(
                        answered_at__isnull=False,
                        last_answered_at__gte=F("answered_at"),
                        answered_at__gte=F("sent_at"),
                        answer_count__gte=1,
                    )
                ),
                name="activation_answer_consistent",
            ),
            # "Not possible" always says why.
            models.CheckConstraint(
                condition=~Q(status=ActivationStatus.NOT_POSSIBLE) | ~Q(answer_text=""),
                name="activation_not_possible_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prescriber} — {self.get_status_display()} ({self.sent_at:%d/%m/%Y})"

    @property
    def is_answered(self) -> bool:
        return self.status != ActivationStatus.SENT

    @property
    def delay_days(self) -> int | None:
        """Days between the request and the prescriber's first answer (calendar days, Paris time)."""
        if self.answered_at is None:
            return None
        return (timezone.localdate(self.answered_at) - timezone.localdate(self.sent_at)).days

    @property
    def days_waiting(self) -> int | None:
        if self.is_answered:
            return None
        return (timezone.localdate() - timezone.localdate(self.sent_at)).days

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at
