"""Contract starts and their two-headed follow-up (DESIGN.md §1, §5.4).

From every contract start the organisation follows the new employee *and* the employer until the
job is held. An ``Employment`` gets a calendar of ``CheckIn``s (D+7, end of trial, M+1, M+3, M+6);
each check-in has two ``CheckInSide``s recorded separately: the employee's and the employer's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.employments.enums import Channel, ContractType, Difficulty, EndReason, HowItGoes, Milestone, Side
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway

MAX_HOURS_PER_WEEK = 48  # the legal weekly maximum (Code du travail, L3121-20)


class Employment(models.Model):
    pathway = models.ForeignKey(
        Pathway, on_delete=models.PROTECT, related_name="employments", verbose_name=_("pathway")
    )
    # The placement it comes from, when the person was hired through one.
    placement = models.OneToOneField(
        "opportunities.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employment",
        verbose_name=_("placement"),
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="employments", verbose_name=_("employer")
    )
    contact = models.ForeignKey(
        "companies.CompanyContact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employments",
        verbose_name=_("employer contact"),
    )
    rome_job = models.ForeignKey(
        "referentials.RomeJob",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job (ROME)"),
    )
    job_title = models.CharField(_("job title"), max_length=200)
    contract_type = models.CharField(_("contract"), max_length=24, choices=ContractType.choices)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    start_date = models.DateField(_("start date"))
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    trial_end_date = models.DateField(_("end of the trial period"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for the end"), max_length=16, choices=EndReason.choices, blank=True
    )
    end_detail = models.CharField(_("details"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["pathway", "start_date"], name="employment_pathway_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_type__in=ContractType.values), name="employment_contract_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1, hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="employment_hours_between_1_and_48",
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True) | Q(planned_end_date__gte=models.F("start_date")),
                name="employment_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(trial_end_date__isnull=True) | Q(trial_end_date__gte=models.F("start_date")),
                name="employment_trial_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("start_date")),
                name="employment_ended_after_start",
            ),
            # An ended contract says why; a running one has no reason.
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="employment_end_reason_iff_ended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_title} — {self.company}"

    @property
    def is_running(self) -> bool:
        return self.ended_on is None


class CheckIn(models.Model):
    """One date of the follow-up calendar; its two sides are recorded apart."""

    employment = models.ForeignKey(
        Employment, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("employment")
    )
    milestone = models.CharField(_("check-in"), max_length=12, choices=Milestone.choices)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("follow-up check-in")
        verbose_name_plural = _("follow-up check-ins")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["employment", "milestone"], name="checkin_once_per_milestone"),
            models.CheckConstraint(
                condition=Q(milestone__in=Milestone.values), name="checkin_milestone_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()} ({self.due_on})"


class CheckInSide(models.Model):
    """What one side — the employee or the employer — says at a check-in."""

    check_in = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, related_name="sides", verbose_name=_("check-in")
    )
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    done_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    how_it_goes = models.PositiveSmallIntegerField(_("how it goes"), choices=HowItGoes.choices)
    # Difficulty values (enums.Difficulty), validated by the forms and the service.
    difficulties = models.JSONField(_("difficulties"), default=list, blank=True)
    actions_agreed = models.TextField(_("actions agreed"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Staff who recorded it; empty when the employer answered through the emailed link.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("check-in side")
        verbose_name_plural = _("check-in sides")
        ordering = ["check_in", "side"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "side"], name="checkinside_once_per_side"),
            models.CheckConstraint(condition=Q(side__in=Side.values), name="checkinside_side_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="checkinside_channel_valid"),
            models.CheckConstraint(
                condition=Q(how_it_goes__in=HowItGoes.values), name="checkinside_how_it_goes_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_in} — {self.get_side_display()}"

    @property
    def difficulty_labels(self) -> list[str]:
        labels = dict(Difficulty.choices)
        return [str(labels.get(value, value)) for value in self.difficulties]

    @property
    def signals_risk(self) -> bool:
        return self.how_it_goes == HowItGoes.AT_RISK


class EmployerRequestQuerySet(models.QuerySet["EmployerRequest"]):
    def followed_by(self, user) -> EmployerRequestQuerySet:
        """Requests of the open pathways the user follows: as referent, or as manager/admin."""
        if not user.is_authenticated:
            return self.none()
        managed = Membership.objects.filter(
            user=user, role__in=[Role.MANAGER, Role.ADMIN], territory__is_active=True
        ).values("territory")
        return self.exclude(check_in__employment__pathway__phase=Phase.CLOSED).filter(
            Q(check_in__employment__pathway__referent=user)
            | Q(check_in__employment__pathway__territory__in=managed)
        )


class EmployerRequest(models.Model):
    """The employer side of one check-in, asked by email: a signed, expiring link to a short form.

    The employer contact answers without an account, once: the answer becomes the check-in's
    employer ``CheckInSide`` (channel "online form", no staff member) and ``answered_at`` is set.
    ``callback_wanted`` and ``risk_signalled`` are the two things the side itself cannot hold;
    the risk rule lives in ``chemin.employments.employer_link.signals_risk``.
    """

    # One request per check-in: sending again before an answer refreshes the same request.
    check_in = models.OneToOneField(
        CheckIn, on_delete=models.CASCADE, related_name="employer_request", verbose_name=_("check-in")
    )
    sent_to = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    # The link works until then (EMPLOYER_LINK_MAX_AGE_DAYS after sending).
    expires_at = models.DateTimeField(_("link expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    callback_wanted = models.BooleanField(_("callback wanted"), default=False)
    risk_signalled = models.BooleanField(_("risk of breaking off signalled"), default=False)
    # A counsellor said they took the signalled risk in hand: the alert goes away.
    risk_handled_at = models.DateTimeField(_("risk handled at"), null=True, blank=True)
    risk_handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("risk handled by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EmployerRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer follow-up request")
        verbose_name_plural = _("employer follow-up requests")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["risk_signalled", "risk_handled_at"], name="employerrequest_risk_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("sent_at")), name="employerrequest_expires_after_sent"
            ),
            # Unanswered: nothing signalled. Answered: after sending.
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, callback_wanted=False, risk_signalled=False)
                | Q(answered_at__isnull=False, answered_at__gte=models.F("sent_at")),
                name="employerrequest_answer_consistent",
            ),
            # Only a signalled risk can be handled, and it is handled by someone.
            models.CheckConstraint(
                condition=Q(risk_handled_at__isnull=True, risk_handled_by__isnull=True)
                | Q(risk_signalled=True, risk_handled_at__isnull=False, risk_handled_by__isnull=False),
                name="employerrequest_risk_handled_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_in} — {self.sent_to}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
