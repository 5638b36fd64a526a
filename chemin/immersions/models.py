"""PMSMP immersions (périodes de mise en situation en milieu professionnel).

A short period in a company to discover a job, confirm a plan or start a recruitment (Code du
travail L5135-1 to L5135-8). An immersion lasts at most one month (D5135-2): here 30 calendar
days, first and last day included, checked by the form, the service and the database.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.companies.models import Company, CompanyContact
from chemin.immersions.enums import Attendance, ImmersionObjective, ImmersionStatus
from chemin.jobwishes.enums import ContractType
from chemin.jobwishes.models import JobWish
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber
from chemin.referentials.models import RomeJob
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

# Code du travail D5135-2: one month at most; counted as 30 calendar days, both ends included.
MAX_DAYS = 30
ACTIVE_STATUSES = (ImmersionStatus.PLANNED, ImmersionStatus.IN_PROGRESS)


def check_dates(start_date: datetime.date | None, end_date: datetime.date | None) -> None:
    """Refuse an end before the start and a period over ``MAX_DAYS``, as an error on end_date."""
    if start_date is None or end_date is None:
        return
    if end_date < start_date:
        raise ValidationError(
            {"end_date": _("The immersion cannot end before it starts.")}, code="end_before"
        )
    days = (end_date - start_date).days + 1
    if days > MAX_DAYS:
        raise ValidationError(
            {
                "end_date": _(
                    "An immersion (PMSMP) lasts at most %(max)d calendar days; this one lasts %(days)d days."
                )
                % {"max": MAX_DAYS, "days": days}
            },
            code="too_long",
        )


class DaysBetween(models.Func):
    """Whole days from ``start`` to ``end`` (two dates), with each database's own date arithmetic.

    Written out per vendor so the check constraint below uses only built-in SQL: Django's generic
    date + interval compiles on SQLite to a Python function that other tools would not have.
    """

    output_field = models.IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL (and the SQL standard): date - date is a number of days.
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class ImmersionQuerySet(models.QuerySet["Immersion"]):
    def visible_to(self, user: User) -> ImmersionQuerySet:
        """Immersions of pathways in the user's territories (every staff role: they are job-facing)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pathway__territory__in=Territory.objects.for_user(user))

    def active(self) -> ImmersionQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)

    def with_details(self) -> ImmersionQuerySet:
        return self.select_related(
            "pathway__participant", "company", "tutor", "rome_job", "prescriber__organisation", "job_wish"
        )


class Immersion(models.Model):
    """One PMSMP: a person in a company, for a job, over a few days, then assessed."""

    pathway = models.ForeignKey(
        Pathway,
        # Immersions are part of the pathway's history and of the funders' reporting.
        on_delete=models.PROTECT,
        related_name="immersions",
        verbose_name=_("pathway"),
    )
    company = models.ForeignKey(
        Company,
        # A company that hosted people stays on record (reporting, its own history).
        on_delete=models.PROTECT,
        related_name="immersions",
        verbose_name=_("company"),
    )
    objective = models.CharField(_("objective"), max_length=20, choices=ImmersionObjective.choices)
    rome_job = models.ForeignKey(
        RomeJob,
        # Reference data: a code immersions refer to is never removed under them.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("job (ROME)"),
    )
    job_title = models.CharField(_("job title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    tutor = models.ForeignKey(
        CompanyContact,
        # Contacts who leave are marked "no longer there", not deleted: the tutor stays on record.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tutored_immersions",
        verbose_name=_("tutor"),
    )
    prescriber = models.ForeignKey(
        Prescriber,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="immersions",
        verbose_name=_("prescriber"),
    )
    job_wish = models.ForeignKey(
        JobWish,
        # The wish may be reworded or removed; the immersion stays, without the link.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="immersions",
        verbose_name=_("related job wish"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ImmersionStatus.choices, default=ImmersionStatus.PLANNED
    )
    # The assessment (bilan).
    attendance = models.CharField(_("attendance"), max_length=16, choices=Attendance.choices, blank=True)
    job_offer = models.BooleanField(_("ended with a job offer"), default=False)
    contract_type_offered = models.CharField(
        _("contract offered"), max_length=24, choices=ContractType.choices, blank=True
    )
    participant_comments = models.TextField(_("the person's comments"), blank=True)
    tutor_comments = models.TextField(_("the tutor's comments"), blank=True)
    # True when the assessment set the related wish to "confirmed".
    confirmed_wish = models.BooleanField(_("confirmed the job wish"), default=False)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the file keeps who arranged what.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ImmersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("immersion (PMSMP)")
        verbose_name_plural = _("immersions (PMSMP)")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["pathway", "start_date"], name="immersion_pathway_start_idx"),
            models.Index(fields=["status", "start_date"], name="immersion_status_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="immersion_end_after_start"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(DaysBetween(F("end_date"), F("start_date")), MAX_DAYS - 1),
                name="immersion_at_most_30_days",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ImmersionStatus.values), name="immersion_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(objective__in=ImmersionObjective.values), name="immersion_objective_valid"
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(attendance__in=Attendance.values),
                name="immersion_attendance_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=ImmersionStatus.ASSESSED)
                | (~Q(attendance="") & Q(assessed_on__isnull=False)),
                name="immersion_assessed_has_attendance",
            ),
            models.CheckConstraint(
                condition=Q(job_offer=True) | Q(contract_type_offered=""),
                name="immersion_contract_only_with_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_title} — {self.company} ({self.start_date:%d/%m/%Y})"

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_under_way(self) -> bool:
        return self.is_active and self.start_date <= timezone.localdate() <= self.end_date

    @property
    def awaits_assessment(self) -> bool:
        return self.is_active and self.end_date < timezone.localdate()

    @property
    def can_be_assessed(self) -> bool:
        return self.is_active and self.start_date <= timezone.localdate()

    @property
    def status_label(self) -> str:
        """The status as people read it: a planned immersion whose days have come is under way."""
        if self.status == ImmersionStatus.PLANNED and self.is_under_way:
            return str(ImmersionStatus.IN_PROGRESS.label)
        if self.awaits_assessment:
            return str(_("To assess"))
        return self.get_status_display()
