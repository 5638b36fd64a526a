"""The demo's contracts: four follow-up stages per territory, the hired placement first, idempotent."""

import pytest

from chemin.employments.demo import seed_employments
from chemin.employments.enums import EndReason, Milestone
from chemin.employments.models import CheckInSide, Employment
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.services import placement_change_status, placement_create
from tests.companies.factories import make_company, make_contact
from tests.opportunities.factories import make_opportunity
from tests.participants.factories import ParticipantFactory, PathwayFactory


@pytest.mark.django_db
def test_seeds_four_stages_once_starting_with_the_hired_placement(territory, counsellor):
    pathways = [
        PathwayFactory(participant=ParticipantFactory(), territory=territory, referent=counsellor)
        for _ in range(5)
    ]
    company = make_company(territory, name="Propreté de l’Artois")
    make_contact(company)
    offer = make_opportunity(company, counsellor, contact=company.contacts.first())
    placement = placement_create(pathway=pathways[3], opportunity=offer, created_by=counsellor)
    for status in (
        PlacementStatus.ACCEPTED_BY_PERSON,
        PlacementStatus.SENT_TO_EMPLOYER,
        PlacementStatus.HIRED,
    ):
        placement = placement_change_status(placement=placement, status=status, changed_by=counsellor)

    created = seed_employments(pathways=pathways)

    assert len(created) == 4
    assert created[0].placement == placement
    past_d7 = created[1]
    assert (
        CheckInSide.objects.filter(check_in__employment=past_d7, check_in__milestone=Milestone.D7).count()
        == 2
    )
    ended = created[3]
    assert ended.end_reason == EndReason.TRIAL_ENDED_BY_EMPLOYEE
    assert seed_employments(pathways=pathways) == []
    assert Employment.objects.count() == 4
