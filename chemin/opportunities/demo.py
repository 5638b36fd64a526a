"""Demo opportunities and placements for `manage.py seed_demo`.

Call after the companies are seeded (``seed_companies``) and the pathways exist:

    seed_opportunities(territories=territories)
    seed_placements(pathways=pathways)

Without companies in a territory, the few it needs are created here. Running it again changes
nothing: offers are found again by company and title, placements by pathway and offer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.accounts.models import User
from chemin.companies.models import Company
from chemin.jobwishes.enums import ContractType
from chemin.matching.enums import PhysicalDemand as D
from chemin.matching.enums import SchedulePattern as S
from chemin.opportunities.enums import OpportunityStatus, PlacementStatus, RefusalReason
from chemin.opportunities.models import Opportunity, Placement
from chemin.opportunities.services import opportunity_create, placement_change_status, placement_create
from chemin.participants.enums import EducationLevel
from chemin.pathways.models import Pathway
from chemin.referentials.models import Commune
from chemin.territories.models import Territory


@dataclass(frozen=True)
class Spec:
    # The company's name in seed_companies' demo, then others; created (first name) if none exists.
    company: tuple[str, ...]
    company_insee: str
    title: str
    rome: str
    insee: str
    contract: str = ContractType.CDI
    hours: int | None = 35
    patterns: tuple[str, ...] = (S.DAY,)
    start: datetime.time | None = None
    end: datetime.time | None = None
    bus: bool = True
    licence: bool = False
    vehicle: bool = False
    demands: tuple[str, ...] = ()
    education: str = ""
    positions: int = 1
    adapt_hours: bool = False
    train: bool = False
    transport: bool = False
    extra: dict = field(default_factory=dict)


T = datetime.time
SPECS: dict[str, list[Spec]] = {
    "lens-lievin": [
        # Collides with most situations: 3x8, licence and own car, heavy loads, no bus at night.
        Spec(
            ("Logistique Artois Distribution (entrepôt, 3x8)", "Logistique Artois Distribution"),
            "62624",
            "Préparateur de commandes en 3x8, permis + véhicule, entrepôt de Noyelles-Godault",
            "N1103",
            "62624",
            contract=ContractType.TEMPORARY,
            patterns=(S.THREE_SHIFTS,),
            bus=False,
            licence=True,
            vehicle=True,
            demands=(D.HEAVY_LOADS, D.PROLONGED_STANDING),
            positions=6,
        ),
        Spec(
            ("Drive Leclerc Liévin", "Hypermarché du Bassin minier"),
            "62498",
            "Hôte / hôtesse de caisse en drive, horaires scolaires possibles",
            "D1505",
            "62498",
            contract=ContractType.CDD,
            hours=24,
            patterns=(S.DAY, S.SCHOOL_HOURS_POSSIBLE),
            start=T(9),
            end=T(16),
            demands=(D.PROLONGED_STANDING,),
            positions=2,
            adapt_hours=True,
        ),
        Spec(
            ("Propreté Services Lens",),
            "62498",
            "Agent / agente d'entretien des bureaux à Lens, horaires de journée",
            "K2204",
            "62498",
            contract=ContractType.CDDI,
            hours=26,
            start=T(9),
            end=T(15, 30),
            train=True,
        ),
        Spec(
            ("Aide à Domicile du Bassin Minier",),
            "62510",
            "Aide à domicile auprès de personnes âgées, secteur Liévin",
            "K1302",
            "62510",
            hours=28,
            patterns=(S.SPLIT_SHIFTS, S.WEEKENDS),
            licence=True,
            adapt_hours=True,
            transport=True,
            train=True,
            positions=3,
        ),
        Spec(
            ("Restaurant Le Beffroi", "Restauration rapide Lens Gare"),
            "62498",
            "Équipier / équipière polyvalent(e) de restauration rapide",
            "G1603",
            "62498",
            contract=ContractType.CDI,
            hours=30,
            patterns=(S.WEEKENDS, S.SPLIT_SHIFTS),
            end=T(23),
            start=T(17),
            demands=(D.PROLONGED_STANDING,),
        ),
    ],
    "arras": [
        Spec(
            ("Entrepôt Artois Logistique Frais", "Plateforme logistique d'Arras"),
            "62041",
            "Manutentionnaire en 2x8 à Arras",
            "N1105",
            "62041",
            contract=ContractType.TEMPORARY,
            patterns=(S.TWO_SHIFTS,),
            demands=(D.HEAVY_LOADS,),
            transport=True,
            positions=4,
        ),
        Spec(
            ("Carrefour Market Arras Saint-Sauveur",),
            "62041",
            "Hôte / hôtesse de caisse, temps partiel",
            "D1505",
            "62041",
            contract=ContractType.CDD,
            hours=25,
            start=T(8, 30),
            end=T(14),
            education=EducationLevel.INFRA_3,
        ),
    ],
}


def _by_slug(territories: dict[str, Territory] | Iterable[Territory]) -> dict[str, Territory]:
    if isinstance(territories, dict):
        return territories
    return {territory.slug: territory for territory in territories}


def _author(territory: Territory) -> User | None:
    """The territory's business developer, else any of its staff."""
    members = User.objects.filter(memberships__territory=territory).order_by("pk")
    return members.filter(memberships__role=Role.BUSINESS_DEVELOPER).first() or members.first()


def _company(territory: Territory, spec: Spec, companies: list[Company]) -> Company:
    by_name = {company.name: company for company in companies}
    for name in spec.company:
        if name in by_name:
            return by_name[name]
    company = Company.objects.create(
        territory=territory,
        name=spec.company[0],
        commune=Commune.objects.filter(pk=spec.company_insee).first(),
    )
    companies.append(company)
    return company


@transaction.atomic
def seed_opportunities(*, territories: dict[str, Territory] | Iterable[Territory]) -> list[Opportunity]:
    """Open offers per demo territory, some colliding with the demo people's constraints."""
    seeded = []
    for slug, territory in _by_slug(territories).items():
        author = _author(territory)
        if author is None:
            continue
        companies = list(Company.objects.filter(territory=territory))
        for spec in SPECS.get(slug, []):
            company = _company(territory, spec, companies)
            existing = Opportunity.objects.filter(company=company, title=spec.title).first()
            if existing is not None:
                seeded.append(existing)
                continue
            seeded.append(
                opportunity_create(
                    company=company,
                    created_by=author,
                    rome_job_id=spec.rome,
                    title=spec.title,
                    contract_type=spec.contract,
                    hours_per_week=spec.hours,
                    schedule_patterns=list(spec.patterns),
                    start_time=spec.start,
                    end_time=spec.end,
                    commune=Commune.objects.filter(pk=spec.insee).first(),
                    on_public_transport_line=spec.bus,
                    requires_driving_licence=spec.licence,
                    requires_vehicle=spec.vehicle,
                    physical_demands=list(spec.demands),
                    min_education_level=spec.education,
                    positions=spec.positions,
                    start_date=timezone.localdate() + datetime.timedelta(days=21),
                    can_adapt_hours=spec.adapt_hours,
                    can_train_on_the_job=spec.train,
                    can_help_with_transport=spec.transport,
                )
            )
    return seeded


# Where the demo placements stop, in turn: every status of the pipeline shows, one hire included.
_PATHS: list[list[str]] = [
    [
        PlacementStatus.ACCEPTED_BY_PERSON,
        PlacementStatus.SENT_TO_EMPLOYER,
        PlacementStatus.INTERVIEW,
        PlacementStatus.HIRED,
    ],
    [],
    [PlacementStatus.ACCEPTED_BY_PERSON, PlacementStatus.SENT_TO_EMPLOYER],
    [PlacementStatus.REFUSED],
    [PlacementStatus.ACCEPTED_BY_PERSON, PlacementStatus.SENT_TO_EMPLOYER, PlacementStatus.INTERVIEW],
    [PlacementStatus.WITHDRAWN],
]


@transaction.atomic
def seed_placements(*, pathways: Iterable[Pathway]) -> list[Placement]:
    """A few placements on the territories' open offers, at various stages (one hired).

    Pathways already put forward are left as they are, so running it again changes nothing.
    """
    today = timezone.localdate()
    created = []
    told = 0
    for pathway in sorted(pathways, key=lambda pathway: pathway.pk):
        if not pathway.is_open or pathway.pk % 2 or pathway.placements.exists():
            continue
        offer = (
            Opportunity.objects.filter(territory_id=pathway.territory_id, status=OpportunityStatus.OPEN)
            .order_by("pk")
            .exclude(requires_vehicle=True)
            .first()
        )
        if offer is None or told >= len(_PATHS):
            continue
        proposed_on = min(today, max(pathway.entry_date, today - datetime.timedelta(days=20)))
        placement = placement_create(
            pathway=pathway, opportunity=offer, created_by=pathway.referent, on=proposed_on
        )
        on = proposed_on
        for status in _PATHS[told]:
            on = min(today, on + datetime.timedelta(days=3))
            placement = placement_change_status(
                placement=placement,
                status=status,
                changed_by=pathway.referent,
                on=on,
                refusal_reason=RefusalReason.PROFILE_NOT_RETAINED
                if status == PlacementStatus.REFUSED
                else "",
            )
        told += 1
        created.append(placement)
    return created
