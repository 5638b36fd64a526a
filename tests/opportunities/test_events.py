"""Placements made during a job dating, a forum or a company visit keep their event."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chemin.opportunities.models import Placement
from chemin.opportunities.services import placement_create
from tests.events.factories import EventFactory
from tests.opportunities.factories import make_company, make_opportunity
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job_dating(territory, counsellor):
    return EventFactory(
        territory=territory,
        created_by=counsellor,
        title="Job dating logistique de Liévin",
        date=timezone.localdate() - datetime.timedelta(days=1),
    )


@pytest.fixture
def job(territory, business_developer):
    return make_opportunity(make_company(territory, name="Entrepôt Artois"), business_developer)


def test_the_candidates_page_offers_recent_events_and_the_proposal_keeps_it(
    business_developer_client, job, job_dating, pathway
):
    candidates = reverse("opportunities:candidates", kwargs={"pk": job.pk})
    page = business_developer_client.get(candidates, {"evenement": job_dating.pk}).content.decode()
    assert "Job dating logistique de Liévin" in page
    assert f'name="event" value="{job_dating.pk}"' in page

    business_developer_client.post(
        reverse("opportunities:propose", kwargs={"pk": job.pk}),
        {"pathway": pathway.pk, "event": job_dating.pk},
    )
    assert Placement.objects.get().event == job_dating


def test_an_event_of_another_territory_is_refused(business_developer, job, pathway, other_territory):
    elsewhere = EventFactory(territory=other_territory, date=timezone.localdate())
    with pytest.raises(ValidationError):
        placement_create(pathway=pathway, opportunity=job, created_by=business_developer, event=elsewhere)
    assert not Placement.objects.exists()


def test_a_made_up_event_id_is_a_404_and_records_nothing(
    business_developer_client, job, pathway, other_territory
):
    elsewhere = EventFactory(territory=other_territory, date=timezone.localdate())
    response = business_developer_client.post(
        reverse("opportunities:propose", kwargs={"pk": job.pk}),
        {"pathway": pathway.pk, "event": elsewhere.pk},
    )
    assert response.status_code == 404
    assert not Placement.objects.exists()


@pytest.mark.parametrize("rows", [2, 6])
def test_the_event_lists_its_proposals_in_constant_queries(
    counsellor_client, business_developer, job, job_dating, territory, rows, django_assert_num_queries
):
    for _ in range(rows):
        placement_create(
            pathway=PathwayFactory(territory=territory),
            opportunity=job,
            created_by=business_developer,
            event=job_dating,
        )
    with django_assert_num_queries(11):
        response = counsellor_client.get(reverse("events:detail", kwargs={"pk": job_dating.pk}))
    assert response.content.decode().count("Hôte de caisse en drive") == rows
