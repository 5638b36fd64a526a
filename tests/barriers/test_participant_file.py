"""Barriers in the participant file's summary and in the caseload filter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from chemin.barriers.enums import BarrierCategory
from tests.barriers.factories import BarrierFactory, JobConstraintFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory

CASELOAD_URL = reverse("participants:caseload")


def detail_url(participant) -> str:
    return reverse("participants:detail", kwargs={"pk": participant.pk})


@pytest.mark.django_db
class TestFileSummaryCard:
    def test_counts_open_barriers_and_lists_current_constraints(self, counsellor_client, pathway):
        BarrierFactory(pathway=pathway)
        BarrierFactory(pathway=pathway, health=True)
        BarrierFactory(pathway=pathway, lifted=True)
        JobConstraintFactory(pathway=pathway, school_hours=True)
        JobConstraintFactory(pathway=pathway, ended_on=pathway.entry_date, started_on=pathway.entry_date)

        response = counsellor_client.get(detail_url(pathway.participant))

        assertContains(response, "Freins et contraintes")
        assertContains(response, "2 freins en cours")
        assertContains(response, "Seulement dans une plage horaire : de 09:00 à 16:30")
        assertNotContains(response, "Pas de travail de nuit")

    def test_a_business_developer_sees_the_constraints_not_the_barriers(
        self, business_developer_client, pathway
    ):
        BarrierFactory(pathway=pathway)
        JobConstraintFactory(pathway=pathway, school_hours=True)

        response = business_developer_client.get(detail_url(pathway.participant))

        assertContains(response, "Seulement dans une plage horaire : de 09:00 à 16:30")
        assertContains(response, "Voir les contraintes")
        assertNotContains(response, "en cours</p>")
        assertNotContains(response, "Freins et contraintes")

    def test_query_count_does_not_grow_with_barriers(self, counsellor_client, pathway):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                counsellor_client.get(detail_url(pathway.participant))
            return len(captured)

        BarrierFactory(pathway=pathway)
        JobConstraintFactory(pathway=pathway)
        few = queries()
        for _ in range(5):
            barrier = BarrierFactory(pathway=pathway, health=True)
            JobConstraintFactory(pathway=pathway, barrier=barrier, school_hours=True)
        assert queries() == few


@pytest.mark.django_db
class TestCaseloadBarrierFilter:
    def people(self, territory, referent) -> dict[str, object]:
        pathways = {}
        for name, category, lifted in [
            ("Mobile", BarrierCategory.MOBILITY, False),
            ("Levé", BarrierCategory.MOBILITY, True),
            ("Santé", BarrierCategory.HEALTH, False),
            ("Aucun", None, False),
        ]:
            pathway = PathwayFactory(
                territory=territory, referent=referent, participant=ParticipantFactory(last_name=name)
            )
            if category == BarrierCategory.HEALTH:
                BarrierFactory(pathway=pathway, health=True)
            elif category:
                BarrierFactory(pathway=pathway, category=category, lifted=lifted)
            pathways[name] = pathway
        return pathways

    def names(self, response) -> list[str]:
        return [pathway.participant.last_name for pathway in response.context["page"].object_list]

    def test_filters_people_with_an_open_barrier_of_the_category(self, manager_client, territory, counsellor):
        self.people(territory, counsellor)

        response = manager_client.get(CASELOAD_URL, {"barrier": BarrierCategory.MOBILITY})

        assert self.names(response) == ["Mobile"]
        assertContains(response, '<option value="23" selected>Mobilité</option>')

    def test_the_referent_and_managers_find_health_barriers(
        self, manager_client, counsellor_client, territory, counsellor
    ):
        self.people(territory, counsellor)

        assert self.names(manager_client.get(CASELOAD_URL, {"barrier": "25"})) == ["Santé"]
        assert self.names(counsellor_client.get(CASELOAD_URL, {"barrier": "25", "referent": ""})) == ["Santé"]

    def test_a_colleague_filtering_by_health_never_finds_a_barrier_they_may_not_read(
        self, colleague_client, territory, counsellor
    ):
        self.people(territory, counsellor)

        response = colleague_client.get(CASELOAD_URL, {"barrier": "25", "referent": ""})

        assert self.names(response) == []

    def test_business_developers_get_no_barrier_filter(
        self, business_developer_client, territory, counsellor
    ):
        self.people(territory, counsellor)

        response = business_developer_client.get(CASELOAD_URL, {"barrier": "23"})

        assertNotContains(response, 'name="barrier"')
        assert len(self.names(response)) == 4

    def test_query_count_does_not_grow_with_rows(self, manager_client, territory, counsellor):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                manager_client.get(CASELOAD_URL, {"barrier": "23"})
            return len(captured)

        for _ in range(2):
            BarrierFactory(pathway=PathwayFactory(territory=territory, referent=counsellor))
        few = queries()
        for _ in range(8):
            BarrierFactory(pathway=PathwayFactory(territory=territory, referent=counsellor))
        assert queries() == few
