import pytest

from chemin.core import timeline
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.services import placement_change_status, placement_create
from chemin.opportunities.timeline import placement_events
from tests.opportunities.factories import days_ago, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def placements(nadia, shift_job, company, business_developer):
    first = placement_create(
        pathway=nadia, opportunity=shift_job, created_by=business_developer, on=days_ago(28)
    )
    other = make_opportunity(company, business_developer, title="Agent d’entretien")
    second = placement_create(
        pathway=nadia, opportunity=other, created_by=business_developer, on=days_ago(10)
    )
    for status in [
        PlacementStatus.ACCEPTED_BY_PERSON,
        PlacementStatus.SENT_TO_EMPLOYER,
        PlacementStatus.HIRED,
    ]:
        second = placement_change_status(placement=second, status=status, changed_by=business_developer)
    return first, second


class TestPlacementTimeline:
    def test_flags_the_first_proposal_with_its_delay_and_the_hire_as_a_milestone(
        self, participant, counsellor, placements
    ):
        events = timeline.events_for(participant, counsellor, kinds={"placement"})
        titles = [event.title for event in events]
        assert "Proposition d’emploi : Hôte de caisse en 2x8 chez Drive Leclerc Lens" in titles
        first = next(event for event in events if event.title.endswith("2x8 chez Drive Leclerc Lens"))
        assert first.detail == "Première proposition, J+12 après l’entrée"
        second = next(event for event in events if event.title.startswith("Proposition d’emploi : Agent"))
        assert second.detail == ""
        hired = [event for event in events if event.is_milestone]
        assert [event.title for event in hired] == ["Embauche : Agent d’entretien chez Drive Leclerc Lens"]

    def test_business_developers_see_it_and_other_territories_do_not(
        self, participant, business_developer, other_counsellor, placements
    ):
        assert len(placement_events(participant, business_developer)) == 5
        assert placement_events(participant, other_counsellor) == []

    def test_one_query_whatever_the_number_of_placements(
        self, participant, counsellor, placements, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            placement_events(participant, counsellor)
