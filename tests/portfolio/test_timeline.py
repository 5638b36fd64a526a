import pytest

from chemin.core import timeline
from chemin.portfolio.timeline import skill_events
from tests.portfolio.factories import SkillFactory

pytestmark = pytest.mark.django_db


class TestSkillTimeline:
    def test_is_registered_as_a_timeline_source(self):
        assert skill_events in timeline._sources

    def test_a_validated_skill_is_a_milestone(self, counsellor, participant):
        SkillFactory(participant=participant, label="Gestion d’un budget", validated_by=counsellor)
        SkillFactory(participant=participant, label="Caisse")
        events = list(skill_events(participant, counsellor))
        assert len(events) == 1
        event = events[0]
        assert (event.kind, event.is_milestone, event.title) == (
            "skill",
            True,
            "Compétence validée : Gestion d’un budget",
        )
        assert event.detail == "Validée par Alice Martin"
        assert event.url == f"/personnes/{participant.pk}/competences/"

    def test_a_business_developer_sees_them_too(self, counsellor, business_developer, participant):
        SkillFactory(participant=participant, validated_by=counsellor)
        assert len(list(skill_events(participant, business_developer))) == 1

    def test_runs_one_query_whatever_the_number_of_skills(
        self, counsellor, participant, django_assert_num_queries
    ):
        SkillFactory.create_batch(5, participant=participant, validated_by=counsellor)
        with django_assert_num_queries(1):
            events = list(skill_events(participant, counsellor))
        assert len(events) == 5
