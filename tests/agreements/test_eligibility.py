"""Which target public criteria a participant meets: pure functions on an unsaved participant."""

import datetime

import pytest

from chemin.agreements.eligibility import add_years, age_on, criteria_met, labels, target_public_met
from chemin.agreements.enums import TargetPublic
from chemin.participants.enums import EducationLevel, IncomeSupport
from chemin.participants.models import Participant

DAY = datetime.date(2026, 6, 15)


def person(**situation) -> Participant:
    return Participant(
        first_name="Nadia", last_name="Benamar", birth_date=datetime.date(1990, 3, 1), **situation
    )


class TestDates:
    def test_age_turns_on_the_birthday(self):
        assert age_on(datetime.date(2000, 6, 15), datetime.date(2026, 6, 14)) == 25
        assert age_on(datetime.date(2000, 6, 15), datetime.date(2026, 6, 15)) == 26

    def test_a_29th_of_february_falls_back_to_the_28th(self):
        assert add_years(datetime.date(2024, 2, 29), -1) == datetime.date(2023, 2, 28)
        assert add_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)


class TestCriteriaMet:
    def test_a_person_with_nothing_particular_meets_none(self):
        assert criteria_met(person(education_level=EducationLevel.LEVEL_4), on=DAY) == set()

    def test_rsa_comes_from_the_income_support_only(self):
        assert criteria_met(person(income_support=IncomeSupport.RSA), on=DAY) == {TargetPublic.RSA}
        assert criteria_met(person(income_support=IncomeSupport.ASS), on=DAY) == set()

    @pytest.mark.parametrize(
        ("birth_date", "expected"),
        [
            (datetime.date(2000, 6, 16), {TargetPublic.UNDER_26}),  # 25, 26 tomorrow
            (datetime.date(2000, 6, 15), set()),  # 26 today
            (datetime.date(1976, 6, 16), set()),  # 49
            (datetime.date(1976, 6, 15), {TargetPublic.OVER_50}),  # 50 today
        ],
    )
    def test_age_criteria_from_the_birth_date_on_the_day(self, birth_date, expected):
        participant = person()
        participant.birth_date = birth_date
        assert criteria_met(participant, on=DAY) == expected

    def test_long_term_unemployment_needs_twelve_months_of_registration(self):
        registered = {"france_travail_registered": True}
        assert TargetPublic.LONG_TERM_UNEMPLOYED in criteria_met(
            person(registered_since=datetime.date(2025, 6, 15), **registered), on=DAY
        )
        assert (
            criteria_met(person(registered_since=datetime.date(2025, 6, 16), **registered), on=DAY) == set()
        )
        # A date with no registration is not enough.
        assert criteria_met(person(registered_since=datetime.date(2020, 1, 1)), on=DAY) == set()

    def test_qpv_rqth_and_low_qualification_from_the_file(self):
        met = criteria_met(
            person(qpv_resident=True, rqth=True, education_level=EducationLevel.INFRA_3), on=DAY
        )
        assert met == {TargetPublic.QPV, TargetPublic.RQTH, TargetPublic.LOW_QUALIFICATION}
        assert TargetPublic.LOW_QUALIFICATION in criteria_met(
            person(education_level=EducationLevel.LEVEL_3), on=DAY
        )
        assert criteria_met(person(education_level=""), on=DAY) == set()


class TestTargetPublicMet:
    def test_an_agreement_open_to_everyone_takes_anyone(self):
        assert target_public_met(person(), [], on=DAY)

    def test_one_criterion_of_the_target_public_is_enough(self):
        participant = person(qpv_resident=True)
        assert target_public_met(participant, [TargetPublic.RSA, TargetPublic.QPV], on=DAY)
        assert not target_public_met(participant, [TargetPublic.RSA, TargetPublic.UNDER_26], on=DAY)

    def test_labels_follow_the_enumeration_order(self):
        assert labels(["qpv", "rsa", "unknown"]) == ["Allocataires du RSA", "Habitants d’un QPV"]
