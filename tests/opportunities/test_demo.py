import pytest

from chemin.opportunities.demo import seed_opportunities, seed_placements
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import Opportunity, Placement
from chemin.pathways.models import Pathway
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


def test_seeds_colliding_and_compatible_offers_and_placements_idempotently(
    territory, business_developer, counsellor
):
    for _index in range(8):
        PathwayFactory(territory=territory, referent=counsellor)
    seed_opportunities(territories=[territory])
    seed_placements(pathways=Pathway.objects.all())
    counts = (Opportunity.objects.count(), Placement.objects.count())
    assert counts[0] == 5
    assert any(
        "3x8" in offer.schedule_patterns and offer.requires_vehicle for offer in Opportunity.objects.all()
    )
    assert Placement.objects.filter(status=PlacementStatus.HIRED).count() == 1
    assert Pathway.objects.filter(first_job_proposal_on__isnull=False).count() == counts[1]
    seed_opportunities(territories={"lens-lievin": territory})
    seed_placements(pathways=Pathway.objects.all())
    assert (Opportunity.objects.count(), Placement.objects.count()) == counts
