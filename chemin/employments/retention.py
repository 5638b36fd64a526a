"""Retention (maintien en poste): is the person still in post one, three and six months after the
start? Pure functions over dates, so the rules are tested at their boundaries without a database.

The rules, as the reporting of the field counts them:

- A milestone date is the start plus N months (``add_months``: 31 January + 1 month = 28/29 February).
- "yes" when that date is reached and the contract had not ended before it (ending *on* the
  milestone date still counts: the person was in post that day);
- "no" when the contract ended before that date, whether or not the date is reached;
- "not yet" when the date is still to come and the contract is running.
- Interim sequences: contracts with the same company that follow each other with a gap of at most
  ``SEQUENCE_GAP_DAYS`` days between one's end and the next one's start (ending on a Friday and
  starting again on the Monday is a gap of 3) count as one continuous employment, retained from
  the first start. The same holds for a renewed CDD with the same employer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from chemin.core.dates import add_months

RETENTION_MONTHS = (1, 3, 6)
# At most a week between two missions with the same company: a weekend or a short break between
# assignments, not a new job. Beyond it the person is back to looking for work.
SEQUENCE_GAP_DAYS = 7


class Retained(models.TextChoices):
    YES = "yes", _("still in post")
    NO = "no", _("no longer in post")
    NOT_YET = "not_yet", _("not yet")


@dataclass(frozen=True)
class Contract:
    """The dates retention needs of one contract."""

    company_id: int
    start: datetime.date
    ended_on: datetime.date | None = None
    pk: int | None = None


@dataclass(frozen=True)
class Stint:
    """One continuous employment with a company: a contract, or a sequence of them."""

    company_id: int
    start: datetime.date
    ended_on: datetime.date | None
    contracts: tuple[Contract, ...]

    def retained(self, months: int, today: datetime.date) -> Retained:
        return retained_at(start=self.start, ended_on=self.ended_on, months=months, today=today)

    def retention(self, today: datetime.date) -> dict[int, Retained]:
        return {months: self.retained(months, today) for months in RETENTION_MONTHS}


def retained_at(
    *, start: datetime.date, ended_on: datetime.date | None, months: int, today: datetime.date
) -> Retained:
    """Still in post ``months`` months after ``start``, seen on ``today``."""
    milestone = add_months(start, months)
    if ended_on is not None and ended_on < milestone:
        return Retained.NO
    if milestone > today:
        return Retained.NOT_YET
    return Retained.YES


def stints(contracts: Iterable[Contract], *, gap_days: int = SEQUENCE_GAP_DAYS) -> list[Stint]:
    """Group contracts into continuous employments (same company, gaps of at most ``gap_days``),
    first start first."""
    by_company: dict[int, list[Contract]] = {}
    for contract in contracts:
        by_company.setdefault(contract.company_id, []).append(contract)
    found: list[Stint] = []
    for company_id, items in by_company.items():
        items.sort(key=lambda contract: (contract.start, contract.pk or 0))
        group: list[Contract] = []
        end: datetime.date | None = None
        for contract in items:
            follows = group and end is not None and (contract.start - end).days <= gap_days
            running_over = group and end is None
            if group and not (follows or running_over):
                found.append(_stint(company_id, group, end))
                group, end = [], None
            group.append(contract)
            if len(group) == 1:
                end = contract.ended_on
            elif end is not None:
                end = None if contract.ended_on is None else max(end, contract.ended_on)
        if group:
            found.append(_stint(company_id, group, end))
    return sorted(found, key=lambda stint: (stint.start, stint.company_id))


def _stint(company_id: int, group: list[Contract], end: datetime.date | None) -> Stint:
    return Stint(company_id=company_id, start=group[0].start, ended_on=end, contracts=tuple(group))
