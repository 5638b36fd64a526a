"""A contract start follows its pathway's agreement's follow-up calendar when it sets one."""

import pytest

from chemin.employments.services import ContractTerms, employment_update
from tests.agreements.factories import AgreementFactory
from tests.employments.factories import days_ago, make_employment

pytestmark = pytest.mark.django_db


def milestones(employment) -> list[str]:
    return list(employment.check_ins.order_by("due_on").values_list("milestone", flat=True))


class TestFollowUpCalendar:
    def test_without_an_agreement_the_territorys_calendar_applies(self, pathway, territory):
        territory.follow_up_milestones = ["d7", "m1", "m3"]
        territory.save()
        assert milestones(make_employment(pathway)) == ["d7", "m1", "m3"]

    def test_an_agreement_without_a_calendar_leaves_the_territorys(self, pathway, territory):
        pathway.agreement = AgreementFactory(territories=[territory], follow_up_milestones=[])
        pathway.save()
        assert milestones(make_employment(pathway, trial_end_date=days_ago(-20))) == [
            "d7",
            "trial_end",
            "m1",
            "m3",
            "m6",
        ]

    def test_the_agreements_calendar_replaces_the_territorys(self, pathway, territory):
        pathway.agreement = AgreementFactory(territories=[territory], follow_up_milestones=["m1", "m6"])
        pathway.save()
        employment = make_employment(pathway)
        assert milestones(employment) == ["m1", "m6"]

        # A change of the contract's dates keeps following it.
        terms = ContractTerms(
            company=employment.company,
            job_title=employment.job_title,
            contract_type=employment.contract_type,
            hours_per_week=employment.hours_per_week,
            start_date=days_ago(5),
            contact=employment.contact,
        )
        employment_update(employment=employment, changed_by=pathway.referent, terms=terms)
        assert milestones(employment) == ["m1", "m6"]
