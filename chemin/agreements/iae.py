"""The administrative eligibility criteria of the IAE, read from the project's reference data.

Source and copy: data/taxonomies/iae_criteres_eligibilite.json (see its SOURCE.md). The criteria
are read-only reference data: they are loaded from the file once per process, not stored in the
database. Their labels are the official French wording and are shown as they are.

The rule for a structure's own diagnosis (``IaeStructureKind.level_2_needed``): at least one
level-1 criterion, or enough level-2 ones for the structure type. Some criteria exclude each other
(under 26 / 50 and over, 12–24 months / 24 months and more of unemployment): one of each pair at most.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from chemin.agreements.eligibility import add_years, age_on
from chemin.agreements.enums import IaeStructureKind
from chemin.participants.enums import EducationLevel, IncomeSupport

if TYPE_CHECKING:
    from chemin.participants.models import Participant

DATA_FILE = "iae_criteres_eligibilite.json"


def data_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "taxonomies" / DATA_FILE


@dataclass(frozen=True)
class IaeCriterion:
    code: str
    label: str
    proof: str
    level: int


@dataclass(frozen=True)
class IaeReference:
    source: str
    criteria: tuple[IaeCriterion, ...]
    exclusions: tuple[frozenset[str], ...]
    authorised_prescriber_rule: str
    structure_rule: str
    validity_months: int

    @property
    def by_code(self) -> dict[str, IaeCriterion]:
        return {criterion.code: criterion for criterion in self.criteria}

    def of_level(self, level: int) -> list[IaeCriterion]:
        return [criterion for criterion in self.criteria if criterion.level == level]

    @property
    def codes(self) -> list[str]:
        return [criterion.code for criterion in self.criteria]


@cache
def reference() -> IaeReference:
    """The reference file, parsed once per process."""
    raw = json.loads(data_path().read_text(encoding="utf-8"))
    criteria = tuple(
        IaeCriterion(code=item["code"], label=item["libelle"], proof=item["justificatif"], level=level)
        for level, key in ((1, "niveau_1"), (2, "niveau_2"))
        for item in raw[key]
    )
    rules = raw["regles"]
    return IaeReference(
        source=raw["source"],
        criteria=criteria,
        exclusions=tuple(frozenset(pair) for pair in rules["exclusions"]),
        authorised_prescriber_rule=rules["prescripteur_habilite"],
        structure_rule=rules["structure_iae"],
        validity_months=int(rules["validite_diagnostic_mois"]),
    )


def conflicting(codes: list[str] | set[str]) -> list[frozenset[str]]:
    """The pairs of criteria that exclude each other and are both ticked."""
    chosen = set(codes)
    return [pair for pair in reference().exclusions if pair <= chosen]


@dataclass(frozen=True)
class IaeResult:
    level_1: int
    level_2: int
    level_2_needed: int

    @property
    def is_eligible(self) -> bool:
        return self.level_1 >= 1 or self.level_2 >= self.level_2_needed


def evaluate(*, structure_kind: str, codes: list[str] | set[str]) -> IaeResult:
    """How many criteria of each level are met, and whether the structure's rule is met."""
    by_code = reference().by_code
    chosen = {code for code in codes if code in by_code}
    return IaeResult(
        level_1=sum(1 for code in chosen if by_code[code].level == 1),
        level_2=sum(1 for code in chosen if by_code[code].level == 2),
        level_2_needed=IaeStructureKind(structure_kind).level_2_needed,
    )


def prefilled_codes(participant: Participant, *, on: datetime.date) -> list[str]:
    """The criteria the participant's file already shows, in the reference file's order.

    RSA, ASS, AAH from the income support; DETLD (24 months and more) or DELD (12 to 24 months)
    from the job-seeker registration date; JEUNE (under 26) or SENIOR (50 and over) from the birth
    date; NIV_3_INFRA from the education level; TH from the RQTH; QPV from the address.
    """
    found = set()
    if participant.income_support in {IncomeSupport.RSA, IncomeSupport.ASS, IncomeSupport.AAH}:
        found.add(str(participant.income_support).upper())
    if participant.france_travail_registered and participant.registered_since is not None:
        if participant.registered_since <= add_years(on, -2):
            found.add("DETLD")
        elif participant.registered_since <= add_years(on, -1):
            found.add("DELD")
    age = age_on(participant.birth_date, on)
    if age < 26:
        found.add("JEUNE")
    elif age >= 50:
        found.add("SENIOR")
    if participant.education_level in {EducationLevel.INFRA_3, EducationLevel.LEVEL_3}:
        found.add("NIV_3_INFRA")
    if participant.rqth:
        found.add("TH")
    if participant.qpv_resident:
        found.add("QPV")
    return [code for code in reference().codes if code in found]
