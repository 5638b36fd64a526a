import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory, BarrierStatus, ConstraintKind
from chemin.barriers.services import ConstraintTerms, barrier_change_status, barrier_create
from chemin.barriers.timeline import barrier_events, constraint_events
from chemin.core import timeline
from tests.barriers.factories import BarrierFactory, JobConstraintFactory

SCHOOL_HOURS = ConstraintTerms(
    kind=ConstraintKind.HOURS_WINDOW, earliest_start=datetime.time(9), latest_end=datetime.time(16, 30)
)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def childcare_lifted(pathway, counsellor):
    barrier = barrier_create(
        pathway=pathway,
        identified_by=counsellor,
        category=BarrierCategory.FAMILY,
        situation="13",
        identified_on=days_ago(10),
        constraints=[SCHOOL_HOURS],
    )
    return barrier_change_status(
        barrier=barrier, status=BarrierStatus.LIFTED, changed_by=counsellor, on=days_ago(2)
    )


def titles(events) -> list[str]:
    return [event.title for event in sorted(events, key=lambda event: event.sort_key)]


@pytest.mark.django_db
class TestBarrierTimeline:
    def test_identified_then_lifted_as_a_milestone(self, pathway, counsellor, childcare_lifted):
        events = barrier_events(pathway.participant, counsellor)

        assert titles(events) == [
            "Frein repéré : Contraintes familiales",
            "Frein levé : Contraintes familiales",
        ]
        lifted = max(events, key=lambda event: event.sort_key)
        assert lifted.is_milestone
        assert lifted.at == days_ago(2)

    def test_constraints_start_and_end(self, pathway, counsellor, childcare_lifted):
        events = constraint_events(pathway.participant, counsellor)

        assert titles(events) == [
            "Nouvelle contrainte : Seulement dans une plage horaire : de 09:00 à 16:30",
            "Contrainte terminée : Seulement dans une plage horaire : de 09:00 à 16:30",
        ]

    def test_a_colleague_sees_a_confidential_barrier_without_its_category(
        self, pathway, colleague, counsellor
    ):
        barrier = BarrierFactory(pathway=pathway, health=True)
        barrier_change_status(barrier=barrier, status=BarrierStatus.PERSISTENT, changed_by=counsellor)

        events = barrier_events(pathway.participant, colleague)

        assert titles(events) == ["Frein confidentiel", "Frein confidentiel : persistant"]
        assert all(event.detail == "" and event.url == "" for event in events)
        assert titles(barrier_events(pathway.participant, counsellor))[0] == "Frein repéré : Santé"

    def test_a_business_developer_gets_constraint_events_only(
        self, client, pathway, business_developer, childcare_lifted
    ):
        client.force_login(business_developer)

        response = client.get(reverse("participants:timeline", kwargs={"pk": pathway.participant.pk}))

        content = response.content.decode()
        assert "Nouvelle contrainte : Seulement dans une plage horaire" in content
        assert "Contraintes familiales" not in content
        assert "Frein" not in content

    def test_another_territory_sees_nothing(self, pathway, other_counsellor, childcare_lifted):
        assert barrier_events(pathway.participant, other_counsellor) == []
        assert constraint_events(pathway.participant, other_counsellor) == []

    @pytest.mark.parametrize("barriers", [2, 6])
    def test_two_queries_whatever_the_number_of_barriers(
        self, pathway, colleague, django_assert_num_queries, barriers
    ):
        for index in range(barriers):
            barrier = BarrierFactory(pathway=pathway, health=index % 2 == 0, lifted=index % 3 == 0)
            JobConstraintFactory(pathway=pathway, barrier=barrier)

        with django_assert_num_queries(2):
            events = barrier_events(pathway.participant, colleague) + constraint_events(
                pathway.participant, colleague
            )
        assert len(events) > barriers

    def test_registered_in_the_timeline(self):
        assert barrier_events in timeline._sources
        assert constraint_events in timeline._sources
