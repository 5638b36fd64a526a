"""Every indicator on the hand-built dataset of tests/reporting/conftest.py, expected values worked
out in the comments from the dates written there."""

import datetime

import pytest

from chemin.reporting.indicators import INDICATORS, Scope, months_between, people_behind, report
from tests.participants.factories import PathwayFactory
from tests.reporting.conftest import END, START
from tests.reporting.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def rows(figure):
    return {row.key: row.value for row in figure.breakdown if row.value}


def names(queryset):
    return sorted(pathway.participant.first_name for pathway in queryset)


@pytest.fixture
def agreement_report(dataset):
    return report(Scope(agreement=dataset.agreement), START, END)


class TestAgreementScope:
    """Agreement CD62-2025-014: P1, P2, P3, P4, P5, P8, P9 (P6 is outside it, P7 in Arras)."""

    def test_entries_against_the_planned_entries(self, agreement_report):
        # Entered between 01/01 and 30/09/2025: P1 10/01, P2 15/02, P4 03/03, P5 02/06 = 4
        # (P3 entered in 2024, P8 in October, P9 in 2024). Planned: 10, gap −6.
        figure = agreement_report["entries"]
        assert (figure.value, figure.target, figure.gap, figure.meets_target) == (4, 10, -6, False)

    def test_active_caseload_per_counsellor(self, agreement_report, dataset):
        # Open at some time in the period: P1, P2, P3, P4 (Alice), P5 (Frank) = 5; P8 enters after,
        # P9 closed before.
        figure = agreement_report["active_caseload"]
        assert figure.value == 5
        assert [(row.label, row.value) for row in figure.breakdown] == [
            ("Alice Martin", 4),
            ("Frank Wojcik", 1),
        ]
        assert figure.target is None

    def test_median_delay_from_referral_to_first_meeting(self, agreement_report):
        # First meetings in the period: P1 7 days, P2 13 days, P4 11 days → median 11 (P3's in 2024).
        figure = agreement_report["days_referral_to_first_meeting"]
        assert (figure.value, figure.denominator) == (11, 3)

    def test_median_delay_from_entry_to_first_proposal_against_its_target(self, agreement_report):
        # Proposals in the period: P1 10 days, P2 30, P4 30 → median 30; target 20 days, lower is
        # better: 10 days over, not met.
        figure = agreement_report["days_entry_to_first_proposal"]
        assert (figure.value, figure.denominator, figure.target) == (30, 3, 20)
        assert (figure.gap, figure.meets_target) == (10, False)

    def test_company_interactions_and_job_offers_of_the_agreement_territories(self, agreement_report):
        # Lens-Liévin: interactions 05/01, 10/03, 30/09 (not 31/12/2024; not Arras's) = 3;
        # job offers recorded 06/01 and 01/08 (not 10/12/2024, not Arras's) = 2.
        assert agreement_report["company_interactions"].value == 3
        assert agreement_report["opportunities_collected"].value == 2

    def test_placements_and_hires(self, agreement_report):
        # Proposed in the period: P1 20/01, P2 17/03, P4 02/04 = 3 (P3's in 2024); hired: P1 01/02.
        assert agreement_report["placements"].value == 3
        assert agreement_report["placements_hired"].value == 1

    def test_immersions_without_the_cancelled_one(self, agreement_report):
        assert agreement_report["immersions"].value == 1

    def test_contract_starts_by_type(self, agreement_report):
        # P1 CDI 03/02, P2 CDD 01/03, P3 CDD 05/05, P4 intérim 07/04 and 14/04 = 5 (P3's 2024 ones out).
        figure = agreement_report["contract_starts"]
        assert figure.value == 5
        assert rows(figure) == {"cdi": 1, "cdd": 2, "interim": 2}

    def test_retention_at_one_three_and_six_months(self, agreement_report):
        # Continuous employments started in the period: P1 CDI 03/02 (running), P2 CDD 01/03
        # (ended 20/03), P3 CDD 05/05 (running), P4 intérim sequence 07/04 (ended 13/06).
        # M+1 — 03/03, 01/04, 05/06, 07/05 all reached: 4 measured; P2 left before → 3/4 = 75 %.
        # M+3 — 03/05, 01/06, 05/08, 07/07 all reached: 4; P2 and P4 left before → 2/4 = 50 %.
        # M+6 — 03/08, 01/09 reached; 05/11 and 07/10 after 30/09: 2 measured, P1 held → 1/2 = 50 %,
        # against a 60 % target: −10 points.
        m1, m3, m6 = (agreement_report[f"retention_m{n}"] for n in (1, 3, 6))
        assert (m1.value, m1.numerator, m1.denominator, m1.target) == (75.0, 3, 4, None)
        assert (m3.value, m3.numerator, m3.denominator) == (50.0, 2, 4)
        assert (m6.value, m6.numerator, m6.denominator, m6.target) == (50.0, 1, 2, 60)
        assert (m6.gap, m6.meets_target) == (-10, False)

    def test_exits_by_category_and_the_rates_the_targets_use(self, agreement_report):
        # Closed in the period: P1 sustainable 31/05, P2 transitional 15/06, P4 other 29/08 = 3
        # (P9 closed in 2024). To employment 2/3 = 66.7 % (target 50: +16.7); durable 1/3 = 33.3 %
        # (target 30: +3.3); favourable 2/3.
        exits = agreement_report["exits"]
        assert exits.value == 3
        assert rows(exits) == {"sustainable_employment": 1, "transitional_employment": 1, "other": 1}
        employment = agreement_report["exit_to_employment_rate"]
        assert (employment.value, employment.numerator, employment.denominator) == (66.7, 2, 3)
        assert (employment.target, employment.gap, employment.meets_target) == (50, 16.7, True)
        durable = agreement_report["durable_employment_rate"]
        assert (durable.value, durable.numerator, durable.target, durable.gap) == (33.3, 1, 30, 3.3)
        assert agreement_report["favourable_exit_rate"].value == 66.7

    def test_barriers_raised_and_lifted_by_category(self, agreement_report):
        # Raised: P1 mobility 15/01, P5 health 10/06 = 2 (P5 family in 2024).
        # Lifted: P1 mobility 01/03, P5 family 01/07 (raised in 2024, lifted in the period) = 2.
        raised, lifted = agreement_report["barriers_raised"], agreement_report["barriers_lifted"]
        assert (raised.value, rows(raised)) == (2, {"23": 1, "25": 1})
        assert (lifted.value, rows(lifted)) == (2, {"23": 1, "24": 1})

    def test_partner_referrals_by_outcome(self, agreement_report):
        # Sent 20/01 (done) and 12/06 (no answer yet); 20/12/2024 out of the period.
        figure = agreement_report["partner_referrals"]
        assert (figure.value, rows(figure)) == (2, {"done": 1, "sent": 1})

    def test_appointments_held_missed_and_the_no_show_rate(self, agreement_report):
        # Held: P1 20/01, P2 20/02, P3 30/09 at 23:30 Paris = 3 (not 30/12/2024, not 01/10 at 00:30
        # Paris — already 30/09 in UTC); missed: P1 10/02, P4 01/04 = 2; planned ones don't count.
        # No-show rate 2/5 = 40 %.
        assert agreement_report["appointments_held"].value == 3
        assert agreement_report["appointments_no_show"].value == 2
        rate = agreement_report["no_show_rate"]
        assert (rate.value, rate.numerator, rate.denominator) == (40.0, 2, 5)

    def test_entries_and_exits_per_month(self, agreement_report):
        months = {row.month.month: (row.entries, row.exits) for row in agreement_report.months}
        assert len(agreement_report.months) == 9
        assert months == {
            1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (0, 0), 5: (0, 1), 6: (1, 1), 7: (0, 0), 8: (0, 1), 9: (0, 0),
        }  # fmt: skip

    def test_every_indicator_is_computed(self, agreement_report):
        assert set(agreement_report.figures) == set(INDICATORS)
        assert all(figure.indicator.definition for figure in agreement_report.figures.values())


class TestOtherScopes:
    def test_a_territory_counts_its_pathways_outside_the_agreement_and_nothing_of_arras(self, dataset):
        territory = report(Scope(territory_ids=(dataset.territory.pk,)), START, END)
        # P6 (not under the agreement) adds an entry and a positive exit: 5 entries, 4 exits;
        # to employment 2/4 = 50 %, durable 1/4 = 25 %, favourable 3/4 = 75 %. No targets.
        assert territory["entries"].value == 5
        assert territory["exits"].value == 4
        assert territory["exit_to_employment_rate"].value == 50.0
        assert territory["durable_employment_rate"].value == 25.0
        assert territory["favourable_exit_rate"].value == 75.0
        assert territory["entries"].target is None
        assert territory["company_interactions"].value == 3

    def test_the_organisation_counts_every_territory(self, dataset):
        organisation = report(Scope(), START, END)
        # Arras's P7 adds an entry, a durable exit, a 10-day referral delay, a hire, a barrier…
        assert organisation["entries"].value == 6
        assert organisation["exits"].value == 5
        assert organisation["durable_employment_rate"].numerator == 2
        assert organisation["days_referral_to_first_meeting"].value == 10.5  # 7, 10, 11, 13
        assert organisation["company_interactions"].value == 4
        assert organisation["opportunities_collected"].value == 3
        assert organisation["placements_hired"].value == 2
        assert organisation["barriers_raised"].value == 3
        assert organisation["partner_referrals"].value == 3
        assert organisation["appointments_held"].value == 4

    def test_an_agreement_cut_down_to_territories_keeps_only_theirs(self, dataset):
        cut = report(
            Scope(agreement=dataset.agreement, territory_ids=(dataset.other_territory.pk,)), START, END
        )
        assert cut["entries"].value == 0
        assert cut["company_interactions"].value == 0
        assert cut["entries"].target == 10

    def test_an_empty_scope_has_no_rate_rather_than_zero(self, territory):
        empty = report(Scope(agreement=AgreementFactory(territories=[territory])), START, END)
        assert empty["exit_to_employment_rate"].value is None
        assert empty["days_entry_to_first_proposal"].value is None
        assert empty["exit_to_employment_rate"].display == "—"


class TestQueryCount:
    def test_a_fixed_number_of_queries_whatever_the_number_of_people(
        self, dataset, django_assert_num_queries
    ):
        scope = Scope(agreement=dataset.agreement)
        with django_assert_num_queries(16):
            report(scope, START, END)
        for _ in range(10):
            PathwayFactory(
                territory=dataset.territory,
                referent=dataset.alice,
                agreement=dataset.agreement,
                entry_date=datetime.date(2025, 4, 1),
            )
        with django_assert_num_queries(16):
            assert report(scope, START, END)["entries"].value == 14


class TestPeopleBehind:
    def test_the_people_behind_exits_to_durable_employment(self, dataset):
        people = people_behind(
            Scope(agreement=dataset.agreement), START, END, "durable_employment_rate", user=dataset.manager
        )
        [nadia] = people
        assert nadia == dataset.p1 and nadia.detail_date == datetime.date(2025, 5, 31)

    @pytest.mark.parametrize(
        ("code", "key", "expected"),
        [
            ("entries", None, ["Karim", "Léa", "Nadia", "Yanis"]),
            ("active_caseload", None, ["Karim", "Léa", "Nadia", "Sofia", "Yanis"]),
            ("days_referral_to_first_meeting", None, ["Karim", "Léa", "Nadia"]),
            ("days_entry_to_first_proposal", None, ["Karim", "Léa", "Nadia"]),
            ("placements", None, ["Karim", "Léa", "Nadia"]),
            ("placements_hired", None, ["Nadia"]),
            ("immersions", None, ["Yanis"]),
            ("contract_starts", None, ["Karim", "Léa", "Nadia", "Sofia"]),
            ("contract_starts", "interim", ["Léa"]),
            ("retention_m1", None, ["Léa", "Nadia", "Sofia"]),
            ("retention_m3", None, ["Nadia", "Sofia"]),
            ("retention_m6", None, ["Nadia"]),
            ("exits", None, ["Karim", "Léa", "Nadia"]),
            ("exits", "other", ["Léa"]),
            ("exit_to_employment_rate", None, ["Karim", "Nadia"]),
            ("favourable_exit_rate", None, ["Karim", "Nadia"]),
            ("barriers_raised", None, ["Nadia", "Yanis"]),
            ("barriers_raised", "25", ["Yanis"]),
            ("barriers_lifted", None, ["Nadia", "Yanis"]),
            ("barriers_lifted", "24", ["Yanis"]),
            ("partner_referrals", None, ["Nadia", "Yanis"]),
            ("partner_referrals", "done", ["Nadia"]),
            ("appointments_held", None, ["Karim", "Nadia", "Sofia"]),
            ("appointments_no_show", None, ["Léa", "Nadia"]),
            ("no_show_rate", None, ["Léa", "Nadia"]),
        ],
    )
    def test_every_figure_about_people_lists_them(self, dataset, code, key, expected):
        people = people_behind(
            Scope(agreement=dataset.agreement), START, END, code, user=dataset.manager, key=key
        )
        assert names(people) == expected
        assert all(pathway.detail_date for pathway in people)

    def test_per_counsellor_caseload(self, dataset):
        people = people_behind(
            Scope(agreement=dataset.agreement), START, END, "active_caseload",
            user=dataset.manager, key=str(dataset.frank.pk),
        )  # fmt: skip
        assert names(people) == ["Yanis"]

    def test_figures_not_about_people_have_no_list(self, dataset):
        with pytest.raises(KeyError):
            people_behind(Scope(), START, END, "company_interactions", user=dataset.manager)

    def test_a_manager_never_gets_people_of_a_territory_they_do_not_manage(self, dataset, other_manager):
        # Even asking for the whole organisation, or for Lens-Liévin's agreement.
        organisation = people_behind(Scope(), START, END, "entries", user=dataset.manager)
        assert "Paul" not in names(organisation)
        assert names(people_behind(Scope(), START, END, "entries", user=other_manager)) == ["Paul"]
        assert not people_behind(
            Scope(agreement=dataset.agreement), START, END, "entries", user=other_manager
        )

    def test_a_counsellor_gets_nobody(self, dataset):
        assert not people_behind(
            Scope(agreement=dataset.agreement), START, END, "entries", user=dataset.alice
        )


def test_months_between_covers_both_ends():
    assert months_between(datetime.date(2024, 11, 15), datetime.date(2025, 2, 3)) == [
        datetime.date(2024, 11, 1),
        datetime.date(2024, 12, 1),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 2, 1),
    ]
