import pytest
from django.utils import timezone

from chemin.core import timeline
from chemin.steps.timeline import step_events
from tests.participants.factories import PathwayFactory
from tests.steps.factories import StepFactory


class TestStepTimeline:
    def test_a_done_step_is_a_celebrated_milestone(self, pathway, counsellor):
        StepFactory(pathway=pathway, title="Mettre à jour le CV", done=True)
        StepFactory(pathway=pathway, title="Appeler la crèche de Liévin")

        events = timeline.events_for(pathway.participant, counsellor, kinds={"step"})

        milestones = [event for event in events if event.is_milestone]
        assert [(event.title, event.at, event.detail) for event in milestones] == [
            ("Étape franchie : Mettre à jour le CV", timezone.localdate(), "Bravo !")
        ]
        assert sorted(event.title for event in events if not event.is_milestone) == [
            "Nouvelle étape : Appeler la crèche de Liévin",
            "Nouvelle étape : Mettre à jour le CV",
        ]
        assert {event.kind_label for event in events} == {"Étape"}

    def test_business_developers_and_other_territories_see_no_step(
        self, pathway, business_developer, other_counsellor
    ):
        StepFactory(pathway=pathway, done=True)

        assert step_events(pathway.participant, business_developer) == []
        assert step_events(pathway.participant, other_counsellor) == []

    def test_a_manager_sees_them(self, pathway, manager):
        StepFactory(pathway=pathway)

        assert len(step_events(pathway.participant, manager)) == 1

    @pytest.mark.parametrize("steps", [1, 6])
    def test_one_query_whatever_the_number_of_steps(
        self, pathway, counsellor, django_assert_num_queries, steps
    ):
        for _ in range(steps):
            StepFactory(pathway=pathway, done=True)
        StepFactory(pathway=PathwayFactory(territory=pathway.territory), done=True)

        with django_assert_num_queries(1):
            events = step_events(pathway.participant, counsellor)

        assert len(events) == 2 * steps
