"""Which of an agreement's target public criteria a participant meets, from their file.

Pure functions of the participant's data and a date: no query, no side effect. A criterion the
file does not tell (no birth date is impossible, but no registration date is common) is not met.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from chemin.agreements.enums import TargetPublic
from chemin.participants.enums import EducationLevel, IncomeSupport

if TYPE_CHECKING:
    from chemin.participants.models import Participant

LOW_QUALIFICATION_LEVELS = frozenset({EducationLevel.INFRA_3, EducationLevel.LEVEL_3})


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February off leap years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def is_long_term_unemployed(participant: Participant, on: datetime.date) -> bool:
    """Registered with France Travail for 12 months or more on that day."""
    return (
        participant.france_travail_registered
        and participant.registered_since is not None
        and participant.registered_since <= add_years(on, -1)
    )


def criteria_met(participant: Participant, *, on: datetime.date) -> set[TargetPublic]:
    """Every target public criterion the participant's file shows on that day."""
    met = set()
    if participant.income_support == IncomeSupport.RSA:
        met.add(TargetPublic.RSA)
    age = age_on(participant.birth_date, on)
    if age < 26:
        met.add(TargetPublic.UNDER_26)
    if age >= 50:
        met.add(TargetPublic.OVER_50)
    if is_long_term_unemployed(participant, on):
        met.add(TargetPublic.LONG_TERM_UNEMPLOYED)
    if participant.qpv_resident:
        met.add(TargetPublic.QPV)
    if participant.rqth:
        met.add(TargetPublic.RQTH)
    if participant.education_level in LOW_QUALIFICATION_LEVELS:
        met.add(TargetPublic.LOW_QUALIFICATION)
    return met


def target_public_met(participant: Participant, target_public: Iterable[str], *, on: datetime.date) -> bool:
    """An agreement open to everyone (no criterion) takes anyone; otherwise one criterion is enough."""
    wanted = set(target_public)
    return not wanted or bool(wanted & criteria_met(participant, on=on))


def labels(target_public: Iterable[str]) -> list[str]:
    """The criteria's labels in the enumeration's order (unknown values skipped)."""
    wanted = set(target_public)
    return [str(criterion.label) for criterion in TargetPublic if criterion.value in wanted]
