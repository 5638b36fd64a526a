"""The exit-category rules (chemin/exits/rules.py) over their boundary dates."""

import datetime

import pytest

from chemin.companies.models import Company
from chemin.employments.enums import ContractType
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory
from chemin.exits.rules import suggest_exit_category

D = datetime.date
EXIT_DAY = D(2025, 9, 15)


def contract(contract_type, start, planned_end=None, *, ended_on=None, company_id=1, pk=None):
    """An unsaved contract: the rules are pure and need no database."""
    employment = Employment(
        pk=pk,
        contract_type=contract_type,
        start_date=start,
        planned_end_date=planned_end,
        ended_on=ended_on,
        company_id=company_id,
    )
    employment.company = Company(pk=company_id, name=f"Employeur {company_id}")
    return employment


def category(*employments, on=EXIT_DAY, **flags):
    return suggest_exit_category(list(employments), on=on, **flags).category


class TestFixedTermDuration:
    def test_exactly_six_months_is_sustainable(self):
        assert category(contract(ContractType.CDD, D(2025, 3, 1), D(2025, 9, 1))) == (
            ExitCategory.SUSTAINABLE_EMPLOYMENT
        )

    def test_five_months_and_thirty_days_is_transitional(self):
        assert category(contract(ContractType.CDD, D(2025, 3, 1), D(2025, 8, 31))) == (
            ExitCategory.TRANSITIONAL_EMPLOYMENT
        )

    def test_months_are_calendar_months_at_the_end_of_a_month(self):
        # 31 August + 6 months is 28 February (add_months): that day counts, the day before not.
        on = D(2026, 3, 1)
        assert category(contract(ContractType.INTERIM, D(2025, 8, 31), D(2026, 2, 28)), on=on) == (
            ExitCategory.SUSTAINABLE_EMPLOYMENT
        )
        assert category(contract(ContractType.INTERIM, D(2025, 8, 31), D(2026, 2, 27)), on=on) == (
            ExitCategory.TRANSITIONAL_EMPLOYMENT
        )

    def test_an_eight_month_cdd_is_sustainable(self):
        suggestion = suggest_exit_category(
            [contract(ContractType.CDD, D(2025, 9, 1), D(2026, 4, 30))], on=EXIT_DAY
        )
        assert suggestion.category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert "6 mois ou plus" in suggestion.reason

    def test_a_contract_cut_short_is_measured_up_to_its_end(self):
        cut_short = contract(ContractType.CDD, D(2025, 8, 1), D(2026, 7, 31), ended_on=D(2025, 9, 10))
        assert category(cut_short) == ExitCategory.TRANSITIONAL_EMPLOYMENT

    def test_without_planned_end_what_it_has_lasted_counts(self):
        assert category(contract(ContractType.CDD, D(2025, 3, 15))) == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert category(contract(ContractType.CDD, D(2025, 3, 16))) == ExitCategory.TRANSITIONAL_EMPLOYMENT


class TestInterimSequences:
    def test_assignments_three_days_apart_with_the_same_agency_add_up(self):
        suggestion = suggest_exit_category(
            [
                contract(ContractType.INTERIM, D(2025, 3, 3), D(2025, 5, 30), pk=1),
                contract(ContractType.INTERIM, D(2025, 6, 2), D(2025, 7, 31), pk=2),
                contract(ContractType.INTERIM, D(2025, 8, 3), D(2025, 9, 30), pk=3),
            ],
            on=EXIT_DAY,
        )
        assert suggestion.category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert "3 contrats successifs" in suggestion.reason

    def test_exactly_seven_days_apart_still_adds_up(self):
        assert (
            category(
                contract(ContractType.INTERIM, D(2025, 3, 3), D(2025, 6, 1), pk=1),
                contract(ContractType.CDD, D(2025, 6, 8), D(2025, 9, 3), pk=2),
            )
            == ExitCategory.SUSTAINABLE_EMPLOYMENT
        )

    def test_a_twenty_day_gap_starts_a_new_sequence(self):
        assert (
            category(
                contract(ContractType.INTERIM, D(2025, 3, 3), D(2025, 5, 30), pk=1),
                contract(ContractType.INTERIM, D(2025, 6, 19), D(2025, 9, 30), pk=2),
            )
            == ExitCategory.TRANSITIONAL_EMPLOYMENT
        )

    def test_contracts_with_different_employers_do_not_add_up(self):
        assert (
            category(
                contract(ContractType.INTERIM, D(2025, 3, 3), D(2025, 5, 30), company_id=1, pk=1),
                contract(ContractType.INTERIM, D(2025, 6, 2), D(2025, 9, 30), company_id=2, pk=2),
            )
            == ExitCategory.TRANSITIONAL_EMPLOYMENT
        )


class TestContractTypes:
    @pytest.mark.parametrize(
        ("contract_type", "expected"),
        [
            (ContractType.CDI, ExitCategory.SUSTAINABLE_EMPLOYMENT),
            (ContractType.BUSINESS_CREATION, ExitCategory.SUSTAINABLE_EMPLOYMENT),
            (ContractType.PUBLIC_SERVICE, ExitCategory.SUSTAINABLE_EMPLOYMENT),
            (ContractType.SUBSIDISED, ExitCategory.TRANSITIONAL_EMPLOYMENT),
            (ContractType.CDDI, ExitCategory.POSITIVE_EXIT),
        ],
    )
    def test_the_contract_type_decides(self, contract_type, expected):
        assert category(contract(contract_type, D(2025, 9, 1), D(2026, 8, 31))) == expected

    def test_a_cdi_started_yesterday_is_sustainable(self):
        assert category(contract(ContractType.CDI, EXIT_DAY - datetime.timedelta(days=1))) == (
            ExitCategory.SUSTAINABLE_EMPLOYMENT
        )

    def test_no_contract_is_an_other_exit(self):
        suggestion = suggest_exit_category([], on=EXIT_DAY)
        assert suggestion.category == ExitCategory.OTHER
        assert suggestion.employment is None

    def test_training_or_an_iae_hiring_is_a_positive_exit(self):
        assert category(training=True) == ExitCategory.POSITIVE_EXIT
        assert category(iae_hiring=True) == ExitCategory.POSITIVE_EXIT


class TestWhichContractsCount:
    def test_the_most_favourable_wins(self):
        suggestion = suggest_exit_category(
            [
                contract(ContractType.SUBSIDISED, D(2025, 6, 1), D(2025, 11, 30), company_id=1),
                contract(ContractType.CDI, D(2025, 9, 1), company_id=2),
                contract(ContractType.CDDI, D(2025, 5, 1), D(2025, 12, 31), company_id=3),
            ],
            training=True,
            on=EXIT_DAY,
        )
        assert suggestion.category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert suggestion.employment.contract_type == ContractType.CDI

    def test_a_contract_ended_31_days_before_counts_32_not(self):
        ended = EXIT_DAY - datetime.timedelta(days=31)
        assert category(contract(ContractType.CDI, D(2024, 1, 1), ended_on=ended)) == (
            ExitCategory.SUSTAINABLE_EMPLOYMENT
        )
        ended = EXIT_DAY - datetime.timedelta(days=32)
        assert category(contract(ContractType.CDI, D(2024, 1, 1), ended_on=ended)) == ExitCategory.OTHER

    def test_a_contract_starting_after_the_exit_day_does_not_count(self):
        assert category(contract(ContractType.CDI, EXIT_DAY + datetime.timedelta(days=1))) == (
            ExitCategory.OTHER
        )
