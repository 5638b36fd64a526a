"""The exit-category rules: which category a pathway's contracts suggest at the exit.

This is the one place the rules are written; the counsellor confirms or corrects the suggestion
(chemin/exits/views.py). Definitions: chemin/exits/enums.py (source named there).

*Emploi durable* (sustainable employment)
    a CDI; a CDD or a temporary-work assignment (intérim) of 6 months or more; an apprenticeship or
    professionalisation contract of 6 months or more (they are fixed-term work contracts, measured
    the same way); a business creation; a job in the public service (traineeship or tenure).
*Emploi de transition* (transitional employment)
    a CDD or intérim of less than 6 months (the same for apprenticeship and professionalisation);
    a subsidised contract (PEC) with a mainstream employer.
*Sortie positive* (positive exit)
    a qualifying training (``training=True``); a hiring by an IAE structure: a CDDI, or
    ``iae_hiring=True``.
*Autre sortie* (other exit)
    anything else; the counsellor gives the reason.

How a fixed-term contract is measured
    By its *planned* duration, from the start date to the planned end date written in the contract,
    in calendar months (``chemin.core.dates.add_months``, as employment law counts them): it is of
    6 months or more when the planned end is on or after the start plus 6 months. 1 March → 1
    September is exactly 6 months and counts; 1 March → 31 August (5 months 30 days) does not.
    A contract that ended before its planned end (trial period, resignation…) is measured up to
    the day it ended. Without a planned end (a CDD for a replacement of unknown length) what it
    has lasted counts: up to the day it ended, or up to the exit day while it runs.
Sequences
    Consecutive CDD or intérim contracts with the same employer, each starting at most
    ``SEQUENCE_MAX_GAP_DAYS`` (7) days after the previous one ended (or was planned to end), add
    up: their span runs from the first start to the last planned end. Temporary work is commonly
    a chain of week-long assignments with the same agency; a week-end or a few days between two
    of them do not make the job any less lasting. A longer gap starts a new sequence.
Which contracts count
    Those started on or before the exit day and still running, or ended (or past their planned
    end) at most ``JUST_ENDED_DAYS`` (31) days before it: an exit describes the situation the
    person leaves in, not a job held a year earlier. The most favourable of them wins.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.translation import gettext as _

from chemin.core.dates import add_months
from chemin.employments.enums import ContractType
from chemin.exits.enums import ExitCategory

if TYPE_CHECKING:
    from chemin.employments.models import Employment

SUSTAINABLE_MONTHS = 6
SEQUENCE_MAX_GAP_DAYS = 7
JUST_ENDED_DAYS = 31

# Fixed-term contracts measured by their duration.
FIXED_TERM = {
    ContractType.CDD,
    ContractType.INTERIM,
    ContractType.APPRENTICESHIP,
    ContractType.PROFESSIONALISATION,
}
# Fixed-term contracts that add up when they follow each other with the same employer.
CHAINABLE = {ContractType.CDD, ContractType.INTERIM}
ALWAYS_SUSTAINABLE = {ContractType.CDI, ContractType.BUSINESS_CREATION, ContractType.PUBLIC_SERVICE}


@dataclass(frozen=True)
class Suggestion:
    category: ExitCategory
    reason: str  # in the interface language (French), for the counsellor to read
    employment: Employment | None = None


@dataclass
class _Span:
    """One contract, or a sequence of chained ones, as the rules measure it."""

    first: Employment
    last: Employment
    start: datetime.date
    end: datetime.date | None  # planned (or actual, when no planned end) end; None if unknown
    count: int = 1


def _end(employment: Employment) -> datetime.date | None:
    """When the contract ends or was planned to: the earlier of the two when both are known."""
    ends = [day for day in (employment.ended_on, employment.planned_end_date) if day is not None]
    return min(ends) if ends else None


def _counts_on(employment: Employment, on: datetime.date) -> bool:
    if employment.start_date > on:
        return False
    end = _end(employment)
    return end is None or end >= on - datetime.timedelta(days=JUST_ENDED_DAYS)


def _spans(employments: list[Employment]) -> list[_Span]:
    """Each contract as a span, chained CDD/intérim with the same employer merged into one."""
    spans: list[_Span] = []
    chains: dict[int, _Span] = {}
    for employment in sorted(employments, key=lambda e: (e.start_date, e.pk or 0)):
        planned_end = _end(employment)
        if employment.contract_type in CHAINABLE:
            chain = chains.get(employment.company_id)
            previous_end = _end(chain.last) if chain else None
            if (
                chain is not None
                and previous_end is not None
                and (employment.start_date - previous_end).days <= SEQUENCE_MAX_GAP_DAYS
            ):
                chain.last = employment
                chain.end = (
                    planned_end if planned_end is None or chain.end is None else max(chain.end, planned_end)
                )
                chain.count += 1
                continue
            span = _Span(first=employment, last=employment, start=employment.start_date, end=planned_end)
            chains[employment.company_id] = span
            spans.append(span)
        else:
            spans.append(
                _Span(first=employment, last=employment, start=employment.start_date, end=planned_end)
            )
    return spans


def _lasts_six_months(span: _Span, on: datetime.date) -> bool:
    end = span.end or on  # no planned end: what it has lasted by the exit day
    return end >= add_months(span.start, SUSTAINABLE_MONTHS)


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _judge(span: _Span, on: datetime.date) -> Suggestion:
    employment = span.last
    contract = employment.get_contract_type_display()
    employer = str(employment.company.name) if employment.company_id else ""
    if employment.contract_type in ALWAYS_SUSTAINABLE:
        return Suggestion(
            ExitCategory.SUSTAINABLE_EMPLOYMENT,
            _("%(contract)s with %(employer)s since %(start)s.")
            % {"contract": contract, "employer": employer, "start": _date(employment.start_date)},
            employment,
        )
    if employment.contract_type == ContractType.SUBSIDISED:
        return Suggestion(
            ExitCategory.TRANSITIONAL_EMPLOYMENT,
            _("%(contract)s with %(employer)s: a subsidised contract is transitional employment.")
            % {"contract": contract, "employer": employer},
            employment,
        )
    if employment.contract_type == ContractType.CDDI:
        return Suggestion(
            ExitCategory.POSITIVE_EXIT,
            _("%(contract)s with %(employer)s: a hiring by an IAE structure is a positive exit.")
            % {"contract": contract, "employer": employer},
            employment,
        )
    # Fixed-term contracts, alone or in a sequence.
    six_months = _lasts_six_months(span, on)
    if span.count > 1:
        what = _("%(count)s consecutive contracts with %(employer)s") % {
            "count": span.count,
            "employer": employer,
        }
    else:
        what = _("%(contract)s with %(employer)s") % {"contract": contract, "employer": employer}
    dates = (
        _("from %(start)s to %(end)s") % {"start": _date(span.start), "end": _date(span.end)}
        if span.end
        else _("since %(start)s, no planned end") % {"start": _date(span.start)}
    )
    if six_months:
        return Suggestion(
            ExitCategory.SUSTAINABLE_EMPLOYMENT,
            _("%(what)s %(dates)s: 6 months or more.") % {"what": what, "dates": dates},
            employment,
        )
    return Suggestion(
        ExitCategory.TRANSITIONAL_EMPLOYMENT,
        _("%(what)s %(dates)s: less than 6 months.") % {"what": what, "dates": dates},
        employment,
    )


def suggest_exit_category(
    employments: Iterable[Employment],
    *,
    training: bool = False,
    iae_hiring: bool = False,
    on: datetime.date,
) -> Suggestion:
    """The exit category the person's contracts suggest on the exit day ``on`` (rules above).

    ``employments`` are the pathway's contracts (with their company, to name it); ``training``
    says the person enters a qualifying training, ``iae_hiring`` that an IAE structure hires them.
    """
    employments = list(employments)
    counting = [employment for employment in employments if _counts_on(employment, on)]
    # Sequences are built from every contract (an earlier link may have ended long ago), then
    # kept when their last contract counts on the exit day.
    counting_ids = {id(employment) for employment in counting}
    spans = [span for span in _spans(employments) if id(span.last) in counting_ids]
    suggestions = [_judge(span, on) for span in spans]
    if training:
        suggestions.append(
            Suggestion(ExitCategory.POSITIVE_EXIT, _("The person enters a qualifying training."))
        )
    if iae_hiring:
        suggestions.append(Suggestion(ExitCategory.POSITIVE_EXIT, _("An IAE structure hires the person.")))
    if not suggestions:
        return Suggestion(
            ExitCategory.OTHER, _("No contract running or just ended, no training: say why the pathway ends.")
        )
    # The most favourable wins; between equals, the latest contract.
    return min(
        suggestions,
        key=lambda s: (
            ExitCategory(s.category).rank,
            -(s.employment.start_date.toordinal() if s.employment else 0),
        ),
    )
