"""The indicators: every figure's exact definition, written once, and how it is computed.

This module is the one place the definitions live: the dashboard shows each ``definition`` as the
figure's help text, the exports and the PDF report print them in their annex.

Vocabulary shared by every definition
    *Scope* (``Scope``): an agreement, some territories, or the whole organisation.
    - The pathways of an agreement are those opened under it (``Pathway.agreement``); of
      territories, those of these territories; of the organisation, all of them. When both an
      agreement and territories are given, both apply (a manager of one of an agreement's
      territories sees only that territory's part of it).
    - Figures not tied to a person (company interactions, job offers) count what happened in the
      scope's territories: for an agreement, its territories.
    *Period*: from ``start`` to ``end``, both days included. An event is "in the period" when its
    date (entry date, exit date, contract start…) is one of these days; a date-and-time (an
    appointment) is read in the organisation's time zone (Europe/Paris).
    *Exit to employment* is an exit in the categories "emploi durable" or "emploi de transition";
    *durable employment* is the category "emploi durable" (the categories and their rules:
    chemin/exits/enums.py and chemin/exits/rules.py).
    *Retention at M+n* follows chemin/employments/retention.py: continuous employments
    (consecutive contracts with the same employer at most 7 days apart count as one, from the
    first start), judged on the day the start plus n months falls.
    *Medians* are computed in Python from the list of delays (portable across SQLite and
    PostgreSQL); with an even number of cases, the mean of the two middle ones.

``report(scope, start, end)`` runs a fixed number of aggregate queries, whatever the number of
people or months; ``people_behind(...)`` returns the pathways behind one figure, for the
drill-down, limited to the territories the user may report on.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import formats, timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.barriers.models import Barrier, BarrierTransition
from chemin.companies.models import CompanyInteraction
from chemin.core.dates import add_months
from chemin.employments.enums import ContractType
from chemin.employments.models import Employment
from chemin.employments.retention import RETENTION_MONTHS, Contract, Retained, stints
from chemin.exits.enums import ExitCategory
from chemin.immersions.enums import ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import Opportunity, Placement
from chemin.partners.enums import ReferralStatus as PartnerReferralStatus
from chemin.partners.models import PartnerReferral
from chemin.pathways.models import Pathway
from chemin.referrals.models import Referral

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.agreements.models import Agreement

EMPLOYMENT_EXITS = (ExitCategory.SUSTAINABLE_EMPLOYMENT, ExitCategory.TRANSITIONAL_EMPLOYMENT)
DURABLE_EXITS = (ExitCategory.SUSTAINABLE_EMPLOYMENT,)
FAVOURABLE_EXITS = tuple(category for category in ExitCategory if category.is_favourable)


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    DAYS = "days", _("days")
    PERCENT = "percent", _("percent")


class Section(models.TextChoices):
    ENTRIES = "entries", _("Entries and caseload")
    JOBS = "jobs", _("Companies and job proposals")
    EMPLOYMENT = "employment", _("Contract starts and retention")
    EXITS = "exits", _("Exits")
    BARRIERS = "barriers", _("Barriers and partners")
    APPOINTMENTS = "appointments", _("Appointments")


# --- Scope --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What the figures are about: an agreement, territories (``None``: all of them), or both."""

    agreement: Agreement | None = None
    territory_ids: tuple[int, ...] | None = None

    def pathway_q(self, prefix: str = "") -> Q:
        """The scope's pathways, seen from a model reaching ``Pathway`` through ``prefix``."""
        q = Q()
        if self.agreement is not None:
            q &= Q(**{f"{prefix}agreement_id": self.agreement.pk})
        if self.territory_ids is not None:
            q &= Q(**{f"{prefix}territory_id__in": self.territory_ids})
        return q

    def territory_q(self, prefix: str = "") -> Q:
        """The scope's territories (an agreement's own, cut down to ``territory_ids``)."""
        q = Q()
        if self.agreement is not None:
            q &= Q(**{f"{prefix}territory__agreements": self.agreement.pk})
        if self.territory_ids is not None:
            q &= Q(**{f"{prefix}territory_id__in": self.territory_ids})
        return q

    def pathways(self) -> QuerySet[Pathway]:
        return Pathway.objects.filter(self.pathway_q())


# --- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Result:
    """What an indicator's function computes from the collected data."""

    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None
    breakdown: tuple[BreakdownRow, ...] = ()


@dataclass(frozen=True)
class Figure:
    """One indicator's value for a scope and period, with the agreement's target when it has one."""

    indicator: Indicator
    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None
    target: int | None = None
    breakdown: tuple[BreakdownRow, ...] = ()

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def gap(self) -> float | None:
        """Value minus target (in the figure's unit: points for a rate, days for a delay)."""
        if self.value is None or self.target is None:
            return None
        return round(self.value - self.target, 1)

    @property
    def meets_target(self) -> bool | None:
        if self.gap is None:
            return None
        return self.gap >= 0 if self.indicator.higher_is_better else self.gap <= 0

    @property
    def display(self) -> str:
        return format_value(self.value, self.indicator.unit)

    @property
    def target_display(self) -> str:
        return format_value(self.target, self.indicator.unit) if self.target is not None else ""

    @property
    def gap_display(self) -> str:
        if self.gap is None:
            return ""
        sign = "+" if self.gap > 0 else ""
        if self.indicator.unit == Unit.PERCENT:
            return sign + gettext("%(points)s pts") % {"points": _number(self.gap)}
        return sign + format_value(self.gap, self.indicator.unit)

    @property
    def cases_display(self) -> str:
        """ "2 of 4" for a rate, "12 cases" for a median."""
        if self.indicator.unit == Unit.PERCENT and self.denominator is not None:
            return gettext("%(numerator)s of %(denominator)s") % {
                "numerator": self.numerator,
                "denominator": self.denominator,
            }
        if self.indicator.unit == Unit.DAYS and self.denominator is not None:
            return ngettext("%(count)s case", "%(count)s cases", self.denominator) % {
                "count": self.denominator
            }
        return ""


def _number(value: float | int) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return formats.number_format(value, decimal_pos=decimals)


def format_value(value: float | int | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == Unit.PERCENT:
        return f"{_number(value)} %"
    if unit == Unit.DAYS:
        return ngettext("%(days)s day", "%(days)s days", round(abs(value))) % {"days": _number(value)}
    return _number(value)


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    entries: int
    exits: int


@dataclass
class Report:
    scope: Scope
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    figures: dict[str, Figure]
    months: list[MonthRow] = field(default_factory=list)

    def __getitem__(self, code: str) -> Figure:
        return self.figures[code]

    @property
    def sections(self) -> list[tuple[Section, list[Figure]]]:
        return [
            (section, [figure for figure in self.figures.values() if figure.indicator.section == section])
            for section in Section
        ]


# --- The fixed set of queries behind a report ---------------------------------------------------


def _rate(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def _median(delays: list[int]) -> float | None:
    return round(statistics.median(delays), 1) if delays else None


def _breakdown(counts: dict[str, int], choices: type[models.TextChoices]) -> tuple[BreakdownRow, ...]:
    return tuple(BreakdownRow(value, str(label), counts.get(value, 0)) for value, label in choices.choices)


def _counts(queryset: QuerySet, key: str, count: Any = None) -> dict[str, int]:
    rows = queryset.values(key).annotate(n=count or Count("pk")).order_by()
    return {row[key]: row["n"] for row in rows}


@dataclass
class RetentionCohort:
    """Per milestone (months): continuous employments measured, retained, and whose pathways."""

    measured: dict[int, int]
    retained: dict[int, int]
    retained_pathways: dict[int, set[int]]


def _retention(
    scope: Scope, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> RetentionCohort:
    rows = (
        Employment.objects.filter(scope.pathway_q("pathway__"), start_date__lte=end)
        .values_list("pk", "pathway_id", "company_id", "start_date", "ended_on")
        .order_by("start_date", "pk")
    )
    contracts: dict[int, list[Contract]] = {}
    for pk, pathway_id, company_id, start_date, ended_on in rows:
        contracts.setdefault(pathway_id, []).append(
            Contract(company_id=company_id, start=start_date, ended_on=ended_on, pk=pk)
        )
    cohort = RetentionCohort(
        measured=dict.fromkeys(RETENTION_MONTHS, 0),
        retained=dict.fromkeys(RETENTION_MONTHS, 0),
        retained_pathways={months: set() for months in RETENTION_MONTHS},
    )
    for pathway_id, items in contracts.items():
        for stint in stints(items):
            if not start <= stint.start <= end:
                continue
            for months in RETENTION_MONTHS:
                if add_months(stint.start, months) > as_of:
                    continue
                cohort.measured[months] += 1
                if stint.retained(months, as_of) == Retained.YES:
                    cohort.retained[months] += 1
                    cohort.retained_pathways[months].add(pathway_id)
    return cohort


@dataclass
class _Data:
    """Everything the indicators read, collected with a fixed number of aggregate queries."""

    pathways: dict[str, int]
    caseload: list[dict[str, Any]]
    referral_delays: list[int]
    proposal_delays: list[int]
    company_interactions: int
    opportunities: int
    placements: dict[str, int]
    immersions: int
    contract_starts: dict[str, int]
    retention: RetentionCohort
    barriers_raised: dict[str, int]
    barriers_lifted: dict[str, int]
    partner_referrals: dict[str, int]
    appointments: dict[str, int]
    entries_by_month: dict[datetime.date, int]
    exits_by_month: dict[datetime.date, int]


def _active_q(start: datetime.date, end: datetime.date) -> Q:
    return Q(entry_date__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def _during(field: str, start: datetime.date, end: datetime.date) -> Q:
    """From local midnight on ``start`` to local midnight after ``end``: the same rows as a
    ``__date__range`` on a datetime, as a range an index on the datetime can serve."""

    def midnight(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return Q(**{f"{field}__gte": midnight(start), f"{field}__lt": midnight(end + datetime.timedelta(days=1))})


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _collect(scope: Scope, start: datetime.date, end: datetime.date, as_of: datetime.date) -> _Data:
    period = (start, end)
    pathways = scope.pathways()
    in_period = Q(closed_on__range=period)
    pathway_counts = pathways.aggregate(
        entries=Count("pk", filter=Q(entry_date__range=period)),
        active=Count("pk", filter=_active_q(start, end)),
        exits=Count("pk", filter=in_period),
        **{
            f"exit_{category}": Count("pk", filter=in_period & Q(exit_category=category))
            for category in ExitCategory.values
        },
    )
    caseload = list(
        pathways.filter(_active_q(start, end))
        .values("referent_id", "referent__first_name", "referent__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "referent__last_name", "referent__first_name", "referent_id")
    )
    referral_delays = [
        (met - referred).days
        for referred, met in Referral.objects.filter(
            scope.pathway_q("pathway__"), pathway__isnull=False, first_meeting_on__range=period
        ).values_list("referred_on", "first_meeting_on")
    ]
    proposal_delays = [
        (proposed - entered).days
        for entered, proposed in pathways.filter(first_job_proposal_on__range=period).values_list(
            "entry_date", "first_job_proposal_on"
        )
    ]
    placements = Placement.objects.filter(scope.pathway_q("pathway__")).aggregate(
        proposed=Count("pk", filter=Q(proposed_on__range=period)),
        hired=Count("pk", filter=Q(status=PlacementStatus.HIRED, status_changed_on__range=period)),
    )
    entries_by_month = {
        _as_date(row["month"]): row["n"]
        for row in pathways.filter(entry_date__range=period)
        .annotate(month=TruncMonth("entry_date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    exits_by_month = {
        _as_date(row["month"]): row["n"]
        for row in pathways.filter(in_period)
        .annotate(month=TruncMonth("closed_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    return _Data(
        pathways=pathway_counts,
        caseload=caseload,
        referral_delays=referral_delays,
        proposal_delays=proposal_delays,
        company_interactions=CompanyInteraction.objects.filter(
            scope.territory_q("company__"), date__range=period
        ).count(),
        opportunities=Opportunity.objects.filter(scope.territory_q(), _during("created_at", *period)).count(),
        placements=placements,
        immersions=Immersion.objects.filter(scope.pathway_q("pathway__"), start_date__range=period)
        .exclude(status=ImmersionStatus.CANCELLED)
        .count(),
        contract_starts=_counts(
            Employment.objects.filter(scope.pathway_q("pathway__"), start_date__range=period), "contract_type"
        ),
        retention=_retention(scope, start, end, as_of),
        barriers_raised=_counts(
            Barrier.objects.filter(scope.pathway_q("pathway__"), identified_on__range=period), "category"
        ),
        barriers_lifted=_counts(
            BarrierTransition.objects.filter(
                scope.pathway_q("barrier__pathway__"), to_status=BarrierStatus.LIFTED, on__range=period
            ),
            "barrier__category",
            Count("barrier_id", distinct=True),
        ),
        partner_referrals=_counts(
            PartnerReferral.objects.filter(scope.pathway_q("pathway__"), sent_on__range=period), "status"
        ),
        appointments=_counts(
            Appointment.objects.filter(
                scope.pathway_q("pathway__"),
                _during("starts_at", *period),
                status__in=[AppointmentStatus.HELD, AppointmentStatus.NO_SHOW],
            ),
            "status",
        ),
        entries_by_month=entries_by_month,
        exits_by_month=exits_by_month,
    )


# --- The registry -------------------------------------------------------------------------------

Compute = Callable[[_Data], Result]
# (pathways of the scope the user may see, start, end, key, scope, as_of) → the pathways behind it,
# annotated with ``detail_date`` (and ``detail_key`` where a category applies).
People = Callable[..., QuerySet[Pathway]]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    definition: str | Promise
    unit: str
    section: str
    compute: Compute
    # Who is behind the figure; None when it is not about people (company interactions…).
    people: People | None = None
    # The Agreement field holding the figure's target, when there is one.
    target_field: str | None = None
    higher_is_better: bool = True
    # What the drill-down's date column holds.
    detail_label: str | Promise = ""
    # The breakdown's column title, when the figure is broken down (by category, type…).
    breakdown_label: str | Promise = ""

    @property
    def drillable(self) -> bool:
        """Whether a list of people stands behind the figure (templates must not call ``people``)."""
        return self.people is not None

    def target_for(self, agreement: Agreement | None) -> int | None:
        if agreement is None or self.target_field is None:
            return None
        return getattr(agreement, self.target_field)


def _having(
    pathways: QuerySet[Pathway],
    events: QuerySet,
    date_field: str,
    *,
    pathway_path: str = "pathway",
    key_field: str | None = None,
) -> QuerySet[Pathway]:
    """Pathways with at least one of ``events``, with the first event's date (and key)."""
    events = events.filter(**{pathway_path: OuterRef("pk")}).order_by(date_field, "pk")
    pathways = pathways.filter(Exists(events)).annotate(detail_date=Subquery(events.values(date_field)[:1]))
    if key_field:
        pathways = pathways.annotate(detail_key=Subquery(events.values(key_field)[:1]))
    return pathways


def _entries_people(pathways, start, end, key, scope, as_of):
    return pathways.filter(entry_date__range=(start, end)).annotate(detail_date=F("entry_date"))


def _caseload_people(pathways, start, end, key, scope, as_of):
    pathways = pathways.filter(_active_q(start, end))
    if key:
        pathways = pathways.filter(referent_id=key)
    return pathways.annotate(detail_date=F("entry_date"))


def _referral_people(pathways, start, end, key, scope, as_of):
    return pathways.filter(referral__first_meeting_on__range=(start, end)).annotate(
        detail_date=F("referral__first_meeting_on")
    )


def _proposal_people(pathways, start, end, key, scope, as_of):
    return pathways.filter(first_job_proposal_on__range=(start, end)).annotate(
        detail_date=F("first_job_proposal_on")
    )


def _placement_people(pathways, start, end, key, scope, as_of):
    return _having(pathways, Placement.objects.filter(proposed_on__range=(start, end)), "proposed_on")


def _hired_people(pathways, start, end, key, scope, as_of):
    events = Placement.objects.filter(status=PlacementStatus.HIRED, status_changed_on__range=(start, end))
    return _having(pathways, events, "status_changed_on")


def _immersion_people(pathways, start, end, key, scope, as_of):
    events = Immersion.objects.filter(start_date__range=(start, end)).exclude(
        status=ImmersionStatus.CANCELLED
    )
    return _having(pathways, events, "start_date")


def _contract_people(pathways, start, end, key, scope, as_of):
    events = Employment.objects.filter(start_date__range=(start, end))
    if key:
        events = events.filter(contract_type=key)
    return _having(pathways, events, "start_date", key_field="contract_type")


def _retention_people(months: int) -> People:
    def people(pathways, start, end, key, scope, as_of):
        retained = _retention(scope, start, end, as_of).retained_pathways[months]
        return pathways.filter(pk__in=retained).annotate(detail_date=F("entry_date"))

    return people


def _exit_people(categories: tuple[str, ...] | None) -> People:
    def people(pathways, start, end, key, scope, as_of):
        pathways = pathways.filter(closed_on__range=(start, end))
        if categories is not None:
            pathways = pathways.filter(exit_category__in=categories)
        if key:
            pathways = pathways.filter(exit_category=key)
        return pathways.annotate(detail_date=F("closed_on"), detail_key=F("exit_category"))

    return people


def _barriers_raised_people(pathways, start, end, key, scope, as_of):
    events = Barrier.objects.filter(identified_on__range=(start, end))
    if key:
        events = events.filter(category=key)
    return _having(pathways, events, "identified_on")


def _barriers_lifted_people(pathways, start, end, key, scope, as_of):
    events = BarrierTransition.objects.filter(to_status=BarrierStatus.LIFTED, on__range=(start, end))
    if key:
        events = events.filter(barrier__category=key)
    return _having(pathways, events, "on", pathway_path="barrier__pathway")


def _partner_referral_people(pathways, start, end, key, scope, as_of):
    events = PartnerReferral.objects.filter(sent_on__range=(start, end))
    if key:
        events = events.filter(status=key)
    return _having(pathways, events, "sent_on", key_field="status")


def _appointment_people(status: str) -> People:
    def people(pathways, start, end, key, scope, as_of):
        events = Appointment.objects.filter(_during("starts_at", start, end), status=status).annotate(
            day=TruncDate("starts_at")
        )
        return _having(pathways, events, "day")

    return people


def _retention_result(months: int) -> Compute:
    def compute(data: _Data) -> Result:
        retained, measured = data.retention.retained[months], data.retention.measured[months]
        return Result(_rate(retained, measured), retained, measured)

    return compute


def _exit_rate(categories: tuple[str, ...]) -> Compute:
    def compute(data: _Data) -> Result:
        numerator = sum(data.pathways[f"exit_{category}"] for category in categories)
        return Result(_rate(numerator, data.pathways["exits"]), numerator, data.pathways["exits"])

    return compute


def _caseload(data: _Data) -> Result:
    rows = tuple(
        BreakdownRow(
            str(row["referent_id"]),
            f"{row['referent__first_name']} {row['referent__last_name']}".strip(),
            row["n"],
        )
        for row in data.caseload
    )
    return Result(data.pathways["active"], breakdown=rows)


def _no_show_rate(data: _Data) -> Result:
    no_shows = data.appointments.get(AppointmentStatus.NO_SHOW, 0)
    total = no_shows + data.appointments.get(AppointmentStatus.HELD, 0)
    return Result(_rate(no_shows, total), no_shows, total)


def _retention_definition(months: int) -> str:
    return gettext(
        "Continuous employments of the scope's pathways (a contract, or consecutive contracts with "
        "the same employer at most 7 days apart, counted from the first start) that started within "
        "the period and whose date M+%(months)s (start plus %(months)s months) is reached by the end "
        "of the period, or by today when the period is not over: the share still in post on that "
        "date. A contract ending on that very date counts as held."
    ) % {"months": months}


_retention_definition_lazy = lazy(_retention_definition, str)

INDICATORS: dict[str, Indicator] = {
    indicator.code: indicator
    for indicator in [
        Indicator(
            code="entries",
            label=_("Entries"),
            definition=_("Pathways of the scope whose entry date falls within the period."),
            unit=Unit.COUNT,
            section=Section.ENTRIES,
            compute=lambda data: Result(data.pathways["entries"]),
            people=_entries_people,
            target_field="planned_entries",
            detail_label=_("Entry date"),
        ),
        Indicator(
            code="active_caseload",
            label=_("Active caseload"),
            definition=_(
                "Pathways of the scope open at some time during the period: entered on or before its "
                "last day and not closed before its first day. Broken down by current referent "
                "counsellor."
            ),
            unit=Unit.COUNT,
            section=Section.ENTRIES,
            compute=_caseload,
            people=_caseload_people,
            detail_label=_("Entry date"),
            breakdown_label=_("Referent counsellor"),
        ),
        Indicator(
            code="days_referral_to_first_meeting",
            label=_("Delay from referral to first meeting (median)"),
            definition=_(
                "For the prescribers' referrals that opened a pathway of the scope and whose first "
                "meeting falls within the period: the median number of calendar days from the "
                "referral date to the first meeting."
            ),
            unit=Unit.DAYS,
            section=Section.ENTRIES,
            compute=lambda data: Result(_median(data.referral_delays), denominator=len(data.referral_delays)),
            people=_referral_people,
            higher_is_better=False,
            detail_label=_("First meeting"),
        ),
        Indicator(
            code="days_entry_to_first_proposal",
            label=_("Delay from entry to first job proposal (median)"),
            definition=_(
                "For the pathways of the scope whose first job proposal (the first time the person "
                "was put forward on a job offer) falls within the period: the median number of "
                "calendar days from entry to that proposal. Pathways still without a proposal are "
                "not counted. Compared with the agreement's target in days: lower is better."
            ),
            unit=Unit.DAYS,
            section=Section.JOBS,
            compute=lambda data: Result(_median(data.proposal_delays), denominator=len(data.proposal_delays)),
            people=_proposal_people,
            target_field="target_days_to_first_proposal",
            higher_is_better=False,
            detail_label=_("First job proposal"),
        ),
        Indicator(
            code="company_interactions",
            label=_("Company interactions"),
            definition=_(
                "Exchanges with companies (calls, visits, emails, events) dated within the period, "
                "with the companies of the scope's territories (for an agreement: its territories). "
                "Not about people: there is no list of people behind it."
            ),
            unit=Unit.COUNT,
            section=Section.JOBS,
            compute=lambda data: Result(data.company_interactions),
        ),
        Indicator(
            code="opportunities_collected",
            label=_("Job offers collected"),
            definition=_(
                "Job offers recorded within the period in the scope's territories (for an agreement: "
                "its territories). Not about people: there is no list of people behind it."
            ),
            unit=Unit.COUNT,
            section=Section.JOBS,
            compute=lambda data: Result(data.opportunities),
        ),
        Indicator(
            code="placements",
            label=_("Placements on job offers"),
            definition=_(
                "Times a person of the scope was put forward on a job offer within the period "
                "(placement proposal date); a person put forward on two offers counts twice, and is "
                "listed once."
            ),
            unit=Unit.COUNT,
            section=Section.JOBS,
            compute=lambda data: Result(data.placements["proposed"]),
            people=_placement_people,
            detail_label=_("First placement in the period"),
        ),
        Indicator(
            code="placements_hired",
            label=_("Placements ending in a hire"),
            definition=_("Placements of the scope's pathways whose status became “hired” within the period."),
            unit=Unit.COUNT,
            section=Section.JOBS,
            compute=lambda data: Result(data.placements["hired"]),
            people=_hired_people,
            detail_label=_("Hired on"),
        ),
        Indicator(
            code="immersions",
            label=_("Immersions (PMSMP)"),
            definition=_(
                "Immersions of the scope's pathways starting within the period, cancelled ones excepted."
            ),
            unit=Unit.COUNT,
            section=Section.JOBS,
            compute=lambda data: Result(data.immersions),
            people=_immersion_people,
            detail_label=_("Immersion start"),
        ),
        Indicator(
            code="contract_starts",
            label=_("Contract starts"),
            definition=_(
                "Contracts of the scope's pathways starting within the period, by contract type. "
                "Each contract counts, renewals included."
            ),
            unit=Unit.COUNT,
            section=Section.EMPLOYMENT,
            compute=lambda data: Result(
                sum(data.contract_starts.values()), breakdown=_breakdown(data.contract_starts, ContractType)
            ),
            people=_contract_people,
            detail_label=_("Contract start"),
            breakdown_label=_("Contract type"),
        ),
        *[
            Indicator(
                code=f"retention_m{months}",
                label=label,
                definition=definition,
                unit=Unit.PERCENT,
                section=Section.EMPLOYMENT,
                compute=_retention_result(months),
                people=_retention_people(months),
                target_field="target_retention_m6_rate" if months == 6 else None,
                detail_label=_("Entry date"),
            )
            for months, label, definition in [
                (1, _("Retention at M+1"), _retention_definition_lazy(1)),
                (3, _("Retention at M+3"), _retention_definition_lazy(3)),
                (6, _("Retention at M+6"), _retention_definition_lazy(6)),
            ]
        ],
        Indicator(
            code="exits",
            label=_("Exits"),
            definition=_(
                "Pathways of the scope closed within the period, by exit category (the field's "
                "classification: emploi durable, emploi de transition, sortie positive, autre sortie)."
            ),
            unit=Unit.COUNT,
            section=Section.EXITS,
            compute=lambda data: Result(
                data.pathways["exits"],
                breakdown=_breakdown(
                    {category: data.pathways[f"exit_{category}"] for category in ExitCategory.values},
                    ExitCategory,
                ),
            ),
            people=_exit_people(None),
            detail_label=_("Exit date"),
            breakdown_label=_("Exit category"),
        ),
        Indicator(
            code="exit_to_employment_rate",
            label=_("Exits to employment"),
            definition=_(
                "Among the exits of the period, the share in sustainable or transitional employment "
                "(categories “emploi durable” and “emploi de transition”)."
            ),
            unit=Unit.PERCENT,
            section=Section.EXITS,
            compute=_exit_rate(EMPLOYMENT_EXITS),
            people=_exit_people(EMPLOYMENT_EXITS),
            target_field="target_exit_to_employment_rate",
            detail_label=_("Exit date"),
        ),
        Indicator(
            code="durable_employment_rate",
            label=_("Exits to durable employment"),
            definition=_(
                "Among the exits of the period, the share in sustainable employment (“emploi "
                "durable”: permanent contract; fixed-term or temporary work of 6 months or more; "
                "business creation; public service)."
            ),
            unit=Unit.PERCENT,
            section=Section.EXITS,
            compute=_exit_rate(DURABLE_EXITS),
            people=_exit_people(DURABLE_EXITS),
            target_field="target_durable_employment_rate",
            detail_label=_("Exit date"),
        ),
        Indicator(
            code="favourable_exit_rate",
            label=_("Favourable exits"),
            definition=_(
                "Among the exits of the period, the share in employment or in a positive exit "
                "(qualifying training, hiring by an IAE structure): every category but “other exit”."
            ),
            unit=Unit.PERCENT,
            section=Section.EXITS,
            compute=_exit_rate(FAVOURABLE_EXITS),
            people=_exit_people(FAVOURABLE_EXITS),
            detail_label=_("Exit date"),
        ),
        Indicator(
            code="barriers_raised",
            label=_("Barriers raised"),
            definition=_("Barriers of the scope's pathways identified within the period, by category."),
            unit=Unit.COUNT,
            section=Section.BARRIERS,
            compute=lambda data: Result(
                sum(data.barriers_raised.values()),
                breakdown=_breakdown(data.barriers_raised, BarrierCategory),
            ),
            people=_barriers_raised_people,
            detail_label=_("First barrier identified"),
            breakdown_label=_("Barrier category"),
        ),
        Indicator(
            code="barriers_lifted",
            label=_("Barriers lifted"),
            definition=_(
                "Barriers of the scope's pathways marked “lifted” within the period, by category; a "
                "barrier lifted twice in the period counts once."
            ),
            unit=Unit.COUNT,
            section=Section.BARRIERS,
            compute=lambda data: Result(
                sum(data.barriers_lifted.values()),
                breakdown=_breakdown(data.barriers_lifted, BarrierCategory),
            ),
            people=_barriers_lifted_people,
            detail_label=_("First barrier lifted"),
            breakdown_label=_("Barrier category"),
        ),
        Indicator(
            code="partner_referrals",
            label=_("Partner referrals"),
            definition=_(
                "Referrals of the scope's people to a partner (to lift a barrier) sent within the "
                "period, by outcome as it stands today."
            ),
            unit=Unit.COUNT,
            section=Section.BARRIERS,
            compute=lambda data: Result(
                sum(data.partner_referrals.values()),
                breakdown=_breakdown(data.partner_referrals, PartnerReferralStatus),
            ),
            people=_partner_referral_people,
            detail_label=_("First referral sent"),
            breakdown_label=_("Outcome"),
        ),
        Indicator(
            code="appointments_held",
            label=_("Appointments held"),
            definition=_(
                "Individual appointments of the scope's pathways on a day of the period, marked held."
            ),
            unit=Unit.COUNT,
            section=Section.APPOINTMENTS,
            compute=lambda data: Result(data.appointments.get(AppointmentStatus.HELD, 0)),
            people=_appointment_people(AppointmentStatus.HELD),
            detail_label=_("First appointment held"),
        ),
        Indicator(
            code="appointments_no_show",
            label=_("Missed appointments"),
            definition=_(
                "Individual appointments of the scope's pathways on a day of the period, marked "
                "no-show (the person did not come and did not excuse themselves)."
            ),
            unit=Unit.COUNT,
            section=Section.APPOINTMENTS,
            compute=lambda data: Result(data.appointments.get(AppointmentStatus.NO_SHOW, 0)),
            people=_appointment_people(AppointmentStatus.NO_SHOW),
            higher_is_better=False,
            detail_label=_("First missed appointment"),
        ),
        Indicator(
            code="no_show_rate",
            label=_("No-show rate"),
            definition=_(
                "Among the appointments of the period marked held or no-show, the share of no-shows. "
                "Lower is better."
            ),
            unit=Unit.PERCENT,
            section=Section.APPOINTMENTS,
            compute=_no_show_rate,
            people=_appointment_people(AppointmentStatus.NO_SHOW),
            higher_is_better=False,
            detail_label=_("First missed appointment"),
        ),
    ]
}


def as_of_day(end: datetime.date) -> datetime.date:
    """The day retention is judged on: the period's end, or today while the period runs."""
    return min(end, timezone.localdate())


def report(scope: Scope, start: datetime.date, end: datetime.date) -> Report:
    """Every indicator for ``scope`` from ``start`` to ``end`` (both included).

    A fixed number of aggregate queries (16), whatever the number of people or months.
    """
    as_of = as_of_day(end)
    data = _collect(scope, start, end, as_of)
    figures = {}
    for code, indicator in INDICATORS.items():
        result = indicator.compute(data)
        figures[code] = Figure(
            indicator=indicator,
            value=result.value,
            numerator=result.numerator,
            denominator=result.denominator,
            target=indicator.target_for(scope.agreement),
            breakdown=result.breakdown,
        )
    return Report(
        scope=scope,
        start=start,
        end=end,
        as_of=as_of,
        figures=figures,
        months=[
            MonthRow(month, data.entries_by_month.get(month, 0), data.exits_by_month.get(month, 0))
            for month in months_between(start, end)
        ],
    )


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month from ``start``'s to ``end``'s."""
    month, last = start.replace(day=1), end.replace(day=1)
    months = []
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def people_behind(
    scope: Scope,
    start: datetime.date,
    end: datetime.date,
    indicator_code: str,
    *,
    user: User,
    key: str | None = None,
) -> QuerySet[Pathway]:
    """The pathways behind one figure (``key``: one line of its breakdown), for the drill-down.

    Only pathways of territories the user may report on (chemin/reporting/access.py), whatever
    the scope says. Each pathway carries ``detail_date`` (the date the figure's column shows) and,
    for figures by category, ``detail_key``. Raises ``KeyError`` for an unknown code or a figure
    not about people.
    """
    from chemin.reporting.access import reporting_territories

    indicator = INDICATORS[indicator_code]
    if indicator.people is None:
        raise KeyError(indicator_code)
    pathways = scope.pathways().filter(territory__in=reporting_territories(user).values("pk"))
    return (
        indicator.people(pathways, start, end, key or None, scope, as_of_day(end))
        .select_related("participant", "territory", "referent")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
