import pytest

from chemin.core import timeline
from chemin.jobwishes.timeline import job_wish_events
from tests.jobwishes.factories import JobWishFactory, change_wish
from tests.participants.factories import PathwayFactory


class TestJobWishTimeline:
    def test_new_and_changed_wishes_say_what_the_person_wanted_before(self, pathway, counsellor):
        wish = JobWishFactory(pathway=pathway, title_in_own_words="aide-soignante", rome_codes=["J1501"])
        change_wish(wish, title_in_own_words="aide à domicile", rome_codes=["K1302"])

        events = timeline.events_for(pathway.participant, counsellor, kinds={"wish"})

        titles = [event.title for event in events]
        assert titles == [
            "Piste modifiée : aide à domicile (auparavant « aide-soignante »; ROME : J1501)",
            "Nouvelle piste : aide-soignante",
        ]
        assert {event.kind_label for event in events} == {"Piste"}
        assert events[0].url == f"/personnes/{pathway.participant.pk}/projet/#piste-{wish.pk}"
        assert not any(event.is_milestone for event in events)

    def test_a_confirmed_wish_is_a_milestone(self, pathway, counsellor):
        wish = JobWishFactory(pathway=pathway, title_in_own_words="caissière")
        change_wish(wish, status="confirmed")
        change_wish(wish, max_commute_km=12)

        events = timeline.events_for(pathway.participant, counsellor, kinds={"wish"})

        milestones = [event for event in events if event.is_milestone]
        assert [event.title for event in milestones] == ["Piste confirmée : caissière"]
        assert "Piste modifiée : caissière (auparavant statut : À explorer)" in [
            event.title for event in events
        ]
        assert "Piste modifiée : caissière (auparavant autres conditions)" in [
            event.title for event in events
        ]

    def test_a_counsellor_of_another_territory_sees_none(self, pathway, other_counsellor):
        JobWishFactory(pathway=pathway)

        assert job_wish_events(pathway.participant, other_counsellor) == []

    def test_a_business_developer_sees_the_wishes(self, pathway, business_developer):
        JobWishFactory(pathway=pathway)

        assert len(job_wish_events(pathway.participant, business_developer)) == 1

    @pytest.mark.parametrize("wishes", [1, 5])
    def test_one_query_whatever_the_number_of_wishes_and_versions(
        self, pathway, counsellor, django_assert_num_queries, wishes
    ):
        for _ in range(wishes):
            change_wish(JobWishFactory(pathway=pathway), status="confirmed")
        JobWishFactory(pathway=PathwayFactory(territory=pathway.territory))

        with django_assert_num_queries(1):
            events = job_wish_events(pathway.participant, counsellor)

        assert len(events) == 3 * wishes
