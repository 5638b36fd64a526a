import pytest
from django.core.exceptions import ValidationError

from chemin.opportunities.enums import OpportunityStatus, PlacementStatus, RefusalReason
from chemin.opportunities.models import Placement, PlacementTransition
from chemin.opportunities.services import (
    opportunity_set_status,
    placement_change_status,
    placement_create,
)
from tests.opportunities.factories import days_ago, make_company, make_interaction, make_opportunity
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(territory, business_developer):
    return make_opportunity(make_company(territory), business_developer)


class TestOpportunityCreate:
    def test_belongs_to_the_company_territory_and_works_there_by_default(self, territory, business_developer):
        company = make_company(territory)
        opportunity = make_opportunity(company, business_developer)
        assert opportunity.territory == territory
        assert opportunity.commune == company.commune
        assert opportunity.status == OpportunityStatus.OPEN

    def test_from_an_interaction_keeps_the_contact(self, territory, business_developer):
        company = make_company(territory)
        interaction = make_interaction(company, business_developer)
        opportunity = make_opportunity(company, business_developer, from_interaction=interaction)
        assert opportunity.from_interaction == interaction
        assert opportunity.contact == interaction.contact

    def test_refuses_unknown_schedule_patterns(self, territory, business_developer):
        with pytest.raises(ValidationError):
            make_opportunity(make_company(territory), business_developer, schedule_patterns=["4x8"])


class TestPlacementCreate:
    def test_proposes_and_records_the_first_job_proposal_once(self, pathway, opportunity, business_developer):
        second = make_opportunity(opportunity.company, business_developer, title="Employé de rayon")
        placement = placement_create(
            pathway=pathway, opportunity=opportunity, created_by=business_developer, on=days_ago(5)
        )
        placement_create(pathway=pathway, opportunity=second, created_by=business_developer)
        pathway.refresh_from_db()
        assert placement.status == PlacementStatus.PROPOSED
        assert pathway.first_job_proposal_on == days_ago(5)
        assert pathway.days_to_first_job_proposal == 35  # entry 40 days ago (PathwayFactory)
        assert list(
            PlacementTransition.objects.filter(placement=placement).values_list("to_status", flat=True)
        ) == [PlacementStatus.PROPOSED]

    @pytest.mark.parametrize("status", [OpportunityStatus.CLOSED, OpportunityStatus.FILLED])
    def test_refuses_an_opportunity_that_is_not_open(self, pathway, opportunity, business_developer, status):
        opportunity_set_status(opportunity=opportunity, status=status, changed_by=business_developer)
        with pytest.raises(ValidationError) as error:
            placement_create(pathway=pathway, opportunity=opportunity, created_by=business_developer)
        assert "plus personne" in error.value.messages[0] or "any more" in error.value.messages[0]
        assert not Placement.objects.exists()
        pathway.refresh_from_db()
        assert pathway.first_job_proposal_on is None

    def test_refuses_the_same_person_twice(self, pathway, opportunity, business_developer):
        placement_create(pathway=pathway, opportunity=opportunity, created_by=business_developer)
        with pytest.raises(ValidationError):
            placement_create(pathway=pathway, opportunity=opportunity, created_by=business_developer)

    def test_refuses_a_pathway_of_another_territory(self, other_territory, opportunity, business_developer):
        elsewhere = PathwayFactory(territory=other_territory)
        with pytest.raises(ValidationError):
            placement_create(pathway=elsewhere, opportunity=opportunity, created_by=business_developer)


class TestPlacementChangeStatus:
    def test_walks_the_pipeline_to_hired_keeping_each_dated_change(self, pathway, opportunity, counsellor):
        placement = placement_create(pathway=pathway, opportunity=opportunity, created_by=counsellor)
        for status in [
            PlacementStatus.ACCEPTED_BY_PERSON,
            PlacementStatus.SENT_TO_EMPLOYER,
            PlacementStatus.INTERVIEW,
            PlacementStatus.HIRED,
        ]:
            placement = placement_change_status(placement=placement, status=status, changed_by=counsellor)
        assert placement.status == PlacementStatus.HIRED
        assert placement.transitions.count() == 5

    def test_refuses_a_jump_the_pipeline_does_not_allow(self, pathway, opportunity, counsellor):
        placement = placement_create(pathway=pathway, opportunity=opportunity, created_by=counsellor)
        with pytest.raises(ValidationError) as error:
            placement_change_status(placement=placement, status=PlacementStatus.HIRED, changed_by=counsellor)
        assert "status" in error.value.message_dict

    def test_a_final_status_no_longer_changes(self, pathway, opportunity, counsellor):
        placement = placement_create(pathway=pathway, opportunity=opportunity, created_by=counsellor)
        placement = placement_change_status(
            placement=placement, status=PlacementStatus.WITHDRAWN, changed_by=counsellor
        )
        with pytest.raises(ValidationError):
            placement_change_status(
                placement=placement, status=PlacementStatus.ACCEPTED_BY_PERSON, changed_by=counsellor
            )

    def test_a_refusal_needs_its_reason(self, pathway, opportunity, counsellor):
        placement = placement_create(pathway=pathway, opportunity=opportunity, created_by=counsellor)
        with pytest.raises(ValidationError) as error:
            placement_change_status(
                placement=placement, status=PlacementStatus.REFUSED, changed_by=counsellor
            )
        assert "refusal_reason" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            placement_change_status(
                placement=placement,
                status=PlacementStatus.REFUSED,
                refusal_reason=RefusalReason.OTHER,
                changed_by=counsellor,
            )
        assert "refusal_detail" in error.value.message_dict
        placement = placement_change_status(
            placement=placement,
            status=PlacementStatus.REFUSED,
            refusal_reason=RefusalReason.BARRIER_INCOMPATIBLE,
            changed_by=counsellor,
        )
        assert placement.refusal_reason == RefusalReason.BARRIER_INCOMPATIBLE
