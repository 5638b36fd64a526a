import datetime

import pytest

from chemin.barriers.enums import BarrierCategory, ConstraintKind
from chemin.barriers.services import ConstraintTerms
from chemin.matching.enums import PhysicalDemand, SchedulePattern
from chemin.referentials.models import Commune
from tests.opportunities.factories import LIEVIN, make_company, make_opportunity, make_wish
from tests.partners.factories import make_barrier, make_partner


@pytest.fixture
def nadia(pathway):
    """Alice's participant: lives in Liévin, no car, wants a cashier job, a childcare barrier
    with a school-hours constraint, and a health barrier (no heavy loads)."""
    participant = pathway.participant
    participant.commune = Commune.objects.get(pk=LIEVIN)
    participant.save()
    make_wish(pathway, "D1505")
    make_barrier(
        pathway,
        category=BarrierCategory.FAMILY,
        situation="x-school",
        own_words="Mes enfants sortent de l'école à 16 h 30.",
        constraints=[
            ConstraintTerms(
                kind=ConstraintKind.HOURS_WINDOW,
                earliest_start=datetime.time(9),
                latest_end=datetime.time(16, 30),
            )
        ],
    )
    make_barrier(
        pathway,
        category=BarrierCategory.HEALTH,
        situation="15",
        own_words="Mal de dos chronique.",
        constraints=[ConstraintTerms(kind=ConstraintKind.NO_HEAVY_LOADS)],
    )
    return pathway


@pytest.fixture
def partners(territory):
    return [
        make_partner(territories=[territory], name="Crèche Les Petits Pas"),
        make_partner(
            territories=[territory],
            name="Centre de santé du Bassin",
            categories=(BarrierCategory.HEALTH,),
        ),
    ]


@pytest.fixture
def company(territory):
    return make_company(territory, name="Drive Leclerc Lens")


@pytest.fixture
def shift_job(company, business_developer):
    """Cashier in 2x8 with heavy loads: clashes with both of Nadia's constraints."""
    return make_opportunity(
        company,
        business_developer,
        title="Hôte de caisse en 2x8",
        schedule_patterns=[SchedulePattern.TWO_SHIFTS],
        physical_demands=[PhysicalDemand.HEAVY_LOADS],
        on_public_transport_line=True,
    )
