"""Retention (maintien en poste) at M+1, M+3, M+6, over boundary dates: pure functions, no database."""

import datetime

import pytest

from chemin.employments.retention import SEQUENCE_GAP_DAYS, Contract, Retained, retained_at, stints

D = datetime.date
START = D(2026, 1, 15)


class TestRetainedAt:
    def test_exactly_six_months_after_the_start_counts_as_still_in_post(self):
        assert retained_at(start=START, ended_on=None, months=6, today=D(2026, 7, 15)) == Retained.YES

    def test_one_day_before_six_months_it_is_not_yet_known(self):
        assert retained_at(start=START, ended_on=None, months=6, today=D(2026, 7, 14)) == Retained.NOT_YET

    def test_a_contract_ended_on_the_m3_date_was_still_held_that_day(self):
        ended = D(2026, 4, 15)
        assert retained_at(start=START, ended_on=ended, months=3, today=D(2026, 9, 1)) == Retained.YES
        assert retained_at(start=START, ended_on=ended, months=6, today=D(2026, 9, 1)) == Retained.NO

    def test_a_contract_ended_the_day_before_the_m3_date_is_not_retained(self):
        ended = D(2026, 4, 14)
        assert retained_at(start=START, ended_on=ended, months=3, today=D(2026, 9, 1)) == Retained.NO
        assert retained_at(start=START, ended_on=ended, months=1, today=D(2026, 9, 1)) == Retained.YES

    def test_an_early_end_is_known_before_the_date_is_reached(self):
        assert retained_at(start=START, ended_on=D(2026, 2, 1), months=6, today=D(2026, 2, 2)) == Retained.NO

    def test_months_count_to_the_last_day_of_a_shorter_month(self):
        start = D(2026, 1, 31)
        # 31 January + 1 month = 28 February 2026.
        assert retained_at(start=start, ended_on=None, months=1, today=D(2026, 2, 28)) == Retained.YES
        assert retained_at(start=start, ended_on=None, months=1, today=D(2026, 2, 27)) == Retained.NOT_YET
        # Five months and thirty days after 31 January is 30 July: not six months yet (31 July).
        assert retained_at(start=start, ended_on=None, months=6, today=D(2026, 7, 30)) == Retained.NOT_YET
        assert retained_at(start=start, ended_on=None, months=6, today=D(2026, 7, 31)) == Retained.YES


class TestInterimSequences:
    def test_missions_with_the_same_company_three_days_apart_count_as_one_employment(self):
        missions = [
            Contract(company_id=1, start=START, ended_on=D(2026, 3, 13), pk=1),  # a Friday
            Contract(company_id=1, start=D(2026, 3, 16), ended_on=D(2026, 5, 29), pk=2),  # the Monday
            Contract(company_id=1, start=D(2026, 6, 1), ended_on=None, pk=3),
        ]
        [stint] = stints(missions)
        assert stint.start == START
        assert stint.ended_on is None
        assert [contract.pk for contract in stint.contracts] == [1, 2, 3]
        assert stint.retention(D(2026, 7, 15)) == {1: Retained.YES, 3: Retained.YES, 6: Retained.YES}

    def test_a_twenty_day_gap_starts_a_new_employment(self):
        missions = [
            Contract(company_id=1, start=START, ended_on=D(2026, 3, 1), pk=1),
            Contract(company_id=1, start=D(2026, 3, 21), ended_on=None, pk=2),
        ]
        first, second = stints(missions)
        today = D(2026, 8, 1)
        assert first.retention(today) == {1: Retained.YES, 3: Retained.NO, 6: Retained.NO}
        assert second.start == D(2026, 3, 21)
        assert second.retention(today) == {1: Retained.YES, 3: Retained.YES, 6: Retained.NOT_YET}

    @pytest.mark.parametrize(("gap", "count"), [(SEQUENCE_GAP_DAYS, 1), (SEQUENCE_GAP_DAYS + 1, 2)])
    def test_the_gap_limit_is_inclusive(self, gap, count):
        first_end = D(2026, 2, 1)
        missions = [
            Contract(company_id=1, start=START, ended_on=first_end),
            Contract(company_id=1, start=first_end + datetime.timedelta(days=gap)),
        ]
        assert len(stints(missions)) == count

    def test_contracts_with_different_companies_are_never_merged(self):
        missions = [
            Contract(company_id=1, start=START, ended_on=D(2026, 2, 1)),
            Contract(company_id=2, start=D(2026, 2, 2)),
        ]
        assert [stint.company_id for stint in stints(missions)] == [1, 2]
