"""The IAE reference file, its loader, the rule per structure type and the pre-filled checklist."""

import datetime
import json
import re

import pytest

from chemin.agreements import iae
from chemin.agreements.enums import IaeStructureKind
from chemin.participants.enums import EducationLevel, IncomeSupport
from chemin.participants.models import Participant

DAY = datetime.date(2026, 6, 15)


def person(**situation) -> Participant:
    defaults = {"first_name": "Karim", "last_name": "Haddad", "birth_date": datetime.date(1985, 1, 10)}
    return Participant(**{**defaults, **situation})


class TestReferenceFile:
    def test_every_official_criterion_is_loaded_with_its_level_and_proof(self):
        reference = iae.reference()
        raw = json.loads(iae.data_path().read_text(encoding="utf-8"))
        assert [c.code for c in reference.of_level(1)] == [item["code"] for item in raw["niveau_1"]]
        assert [c.code for c in reference.of_level(2)] == [item["code"] for item in raw["niveau_2"]]
        assert {c.code for c in reference.of_level(1)} == {"RSA", "ASS", "AAH", "DETLD"}
        assert reference.by_code["TH"].proof.startswith("Attestation de reconnaissance")
        assert reference.validity_months == 6
        assert {frozenset({"SENIOR", "JEUNE"}), frozenset({"DELD", "DETLD"})} == set(reference.exclusions)

    def test_the_rule_per_structure_type_agrees_with_the_reference_file(self):
        rule = iae.reference().structure_rule
        two = re.search(r"au moins 2 critères de niveau 2 pour ([^,]+),", rule).group(1)
        three = re.search(r"au moins 3 pour ([^.]+)\.", rule).group(1)
        names = re.compile(r"\b(ACI|EITI|ETTI|EI|AI)\b")
        needed = {name: 2 for name in names.findall(two)} | {name: 3 for name in names.findall(three)}
        assert needed == {kind.name: kind.level_2_needed for kind in IaeStructureKind}


class TestRule:
    @pytest.mark.parametrize(
        ("kind", "codes", "eligible"),
        [
            ("aci", ["RSA"], True),
            ("aci", ["JEUNE", "QPV"], False),
            ("aci", ["JEUNE", "QPV", "PM"], True),
            ("ai", ["JEUNE", "QPV"], True),
            ("etti", ["QPV"], False),
            ("eiti", ["DETLD"], True),
            ("ei", [], False),
        ],
    )
    def test_one_level_1_criterion_or_enough_level_2_ones(self, kind, codes, eligible):
        assert iae.evaluate(structure_kind=kind, codes=codes).is_eligible is eligible

    def test_counts_each_level_and_ignores_unknown_codes(self):
        result = iae.evaluate(structure_kind="etti", codes=["ASS", "TH", "PI", "NOPE"])
        assert (result.level_1, result.level_2, result.level_2_needed) == (1, 2, 2)

    def test_finds_criteria_that_exclude_each_other(self):
        assert iae.conflicting(["JEUNE", "SENIOR", "QPV"]) == [frozenset({"JEUNE", "SENIOR"})]
        assert iae.conflicting(["DELD", "QPV"]) == []


class TestPrefilledCodes:
    def test_from_income_support_registration_age_education_rqth_and_qpv(self):
        participant = person(
            income_support=IncomeSupport.AAH,
            france_travail_registered=True,
            registered_since=datetime.date(2024, 6, 15),
            education_level=EducationLevel.INFRA_3,
            rqth=True,
            qpv_resident=True,
        )
        assert iae.prefilled_codes(participant, on=DAY) == ["AAH", "DETLD", "NIV_3_INFRA", "TH", "QPV"]

    def test_twelve_to_twenty_four_months_is_deld_and_age_gives_jeune_or_senior(self):
        young = person(
            birth_date=datetime.date(2001, 1, 1),
            income_support=IncomeSupport.RSA,
            france_travail_registered=True,
            registered_since=datetime.date(2025, 1, 1),
        )
        assert iae.prefilled_codes(young, on=DAY) == ["RSA", "JEUNE", "DELD"]
        senior = person(birth_date=datetime.date(1970, 1, 1), income_support=IncomeSupport.ARE)
        assert iae.prefilled_codes(senior, on=DAY) == ["SENIOR"]

    def test_nothing_when_the_file_shows_nothing(self):
        assert iae.prefilled_codes(person(education_level=EducationLevel.LEVEL_4), on=DAY) == []
