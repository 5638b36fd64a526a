"""Demo partners of Lens-Liévin and Arras (Pas-de-Calais) and referrals of people to them.

Names, people and contacts are invented (emails at example.org); communes are real (INSEE codes).
Called by chemin/demo/pathways.py:

    seed_partners(territories=territories)        # dict slug → Territory, or any iterable
    seed_partner_referrals(pathways=pathways)     # after the barriers are seeded

Both are idempotent: a partner is found again by name, a barrier referred once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory as C
from chemin.barriers.models import Barrier
from chemin.partners.enums import IaeKind, PartnerKind, ReferralStatus
from chemin.partners.models import Partner, PartnerReferral
from chemin.partners.services import (
    partner_create,
    partner_referral_create,
    partner_referral_record,
    partner_service_add,
)
from chemin.referentials.models import Commune

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

K = PartnerKind

# (name, kind, IAE type, INSEE code, address, categories, contact, phone, access conditions,
#  [(service, description, free, cost, delay in days)])
LENS_LIEVIN = [
    (
        "CCAS de Lens",
        K.CCAS,
        "",
        "62498",
        "Place Jean Jaurès",
        [C.FINANCES, C.ADMINISTRATIVE, C.HOUSING],
        "Mme Carpentier",
        "03 21 69 00 01",
        "Habitants de Lens, sur rendez-vous.",
        [
            ("Aide financière d'urgence", "Secours ponctuel, instruit en commission.", True, "", 7),
            ("Accompagnement budgétaire", "", True, "", 14),
        ],
    ),
    (
        "Crèche municipale Les Petits Mineurs",
        K.CHILDCARE,
        "",
        "62510",
        "Rue Émile Zola",
        [C.FAMILY],
        "M. Dhainaut",
        "03 21 44 00 02",
        "Places réservées aux parents en reprise d'emploi (AVIP).",
        [
            (
                "Place en crèche à vocation d'insertion professionnelle",
                "",
                False,
                "Selon quotient familial",
                15,
            )
        ],
    ),
    (
        "Halte-garderie Arc-en-ciel",
        K.CHILDCARE,
        "",
        "62065",
        "Rue Paul Langevin",
        [C.FAMILY],
        "Mme Wallart",
        "03 21 44 00 03",
        "",
        [
            (
                "Accueil occasionnel à la demi-journée",
                "Pour les rendez-vous et entretiens.",
                False,
                "0,50 € à 3 € l'heure",
                3,
            )
        ],
    ),
    (
        "Relais petite enfance (RPE) Lens-Liévin",
        K.CHILDCARE,
        "",
        "62498",
        "Boulevard Basly",
        [C.FAMILY],
        "Mme Lemaire",
        "03 21 44 00 04",
        "Gratuit, tout parent du territoire.",
        [("Mise en relation avec des assistantes maternelles", "Y compris horaires décalés.", True, "", 10)],
    ),
    (
        "Auto-école sociale Permis pour l'emploi",
        K.MOBILITY_DRIVING_SCHOOL,
        "",
        "62427",
        "Rue de la Gare",
        [C.MOBILITY],
        "M. Boulanger",
        "03 21 20 00 05",
        "Sur prescription du conseiller, bénéficiaires RSA ou DE.",
        [("Code et conduite, pédagogie adaptée", "", False, "1 € de l'heure de conduite", 30)],
    ),
    (
        "Mob'Emploi location de scooters",
        K.MOBILITY_RENTAL,
        "",
        "62510",
        "Rue Jean-Baptiste Defernez",
        [C.MOBILITY],
        "M. Mortreux",
        "03 21 20 00 06",
        "Pour un emploi, une formation ou une immersion.",
        [
            ("Location de scooter", "Casque et antivol fournis.", False, "2 € par jour", 5),
            ("Prêt de vélo électrique", "", False, "1 € par jour", 2),
        ],
    ),
    (
        "Garage solidaire du Bassin minier",
        K.MOBILITY_GARAGE,
        "",
        "62178",
        "Rue d'Aire",
        [C.MOBILITY, C.FINANCES],
        "M. Kaczmarek",
        "03 21 20 00 07",
        "Revenus modestes, sur orientation.",
        [("Réparations à prix solidaire", "", False, "Pièces au prix coûtant", 7)],
    ),
    (
        "Centre médico-psychologique (CMP) de Lens",
        K.HEALTH,
        "",
        "62498",
        "Rue Romuald Pruvost",
        [C.HEALTH],
        "Secrétariat",
        "03 21 69 00 08",
        "Gratuit, sans avance de frais.",
        [("Consultation d'orientation", "", True, "", 21)],
    ),
    (
        "PASS de l'hôpital de Lens",
        K.HEALTH,
        "",
        "62498",
        "Route de La Bassée",
        [C.HEALTH, C.ADMINISTRATIVE],
        "Assistante sociale",
        "03 21 69 00 09",
        "Personnes sans couverture santé complète.",
        [("Bilan de santé et ouverture des droits", "", True, "", 5)],
    ),
    (
        "ACI Les Jardins du Bassin minier",
        K.IAE,
        IaeKind.ACI,
        "62065",
        "Chemin des Terrils",
        [C.CONFIDENCE, C.QUALIFICATION],
        "Mme Dupuis",
        "03 21 13 00 10",
        "Éligibilité IAE requise.",
        [("Contrat à durée déterminée d'insertion en maraîchage", "26 h par semaine.", True, "", 15)],
    ),
    (
        "EI Tri'Lens",
        K.IAE,
        IaeKind.EI,
        "62427",
        "Zone de l'Alouette",
        [C.QUALIFICATION],
        "M. Hennebelle",
        "03 21 13 00 11",
        "Éligibilité IAE requise.",
        [("CDDI agent de tri", "", True, "", 10)],
    ),
    (
        "EBE Territoire zéro chômeur de Liévin",
        K.EBE,
        "",
        "62510",
        "Cité des Genettes",
        [C.CONFIDENCE, C.QUALIFICATION],
        "Mme Flament",
        "03 21 13 00 12",
        "Personnes privées durablement d'emploi, habitant le quartier depuis 6 mois.",
        [("CDI à temps choisi", "", True, "", 30)],
    ),
    (
        "Association Habitat Solidaire Artois",
        K.HOUSING,
        "",
        "62498",
        "Rue de Lille",
        [C.HOUSING],
        "M. Lefort",
        "03 21 69 00 13",
        "",
        [("Logement temporaire", "", False, "Redevance selon ressources", 30)],
    ),
    (
        "Centre de formation Savoirs de base",
        K.TRAINING,
        "",
        "62510",
        "Rue Thiers",
        [C.LITERACY, C.DIGITAL, C.FRENCH],
        "Mme Nowak",
        "03 21 44 00 14",
        "",
        [("Ateliers savoirs de base et numérique", "", True, "", 14)],
    ),
]
ARRAS = [
    (
        "CCAS d'Arras",
        K.CCAS,
        "",
        "62041",
        "Place Guy Mollet",
        [C.FINANCES, C.ADMINISTRATIVE, C.HOUSING],
        "Mme Cuvelier",
        "03 21 50 00 21",
        "Habitants d'Arras.",
        [("Aide alimentaire et secours", "", True, "", 3)],
    ),
    (
        "Multi-accueil Les Lutins",
        K.CHILDCARE,
        "",
        "62041",
        "Rue Saint-Aubert",
        [C.FAMILY],
        "Mme Vasseur",
        "03 21 50 00 22",
        "Places AVIP pour parents en recherche d'emploi.",
        [("Place en crèche AVIP", "", False, "Selon quotient familial", 20)],
    ),
    (
        "Halte-garderie Pomme d'Api",
        K.CHILDCARE,
        "",
        "62004",
        "Rue Jean Jaurès",
        [C.FAMILY],
        "Mme Leclercq",
        "03 21 50 00 23",
        "",
        [("Accueil occasionnel", "", False, "Selon quotient familial", 2)],
    ),
    (
        "Relais petite enfance (RPE) d'Arras",
        K.CHILDCARE,
        "",
        "62099",
        "Rue Marcel Paul",
        [C.FAMILY],
        "Mme Delattre",
        "03 21 50 00 24",
        "",
        [("Recherche d'une assistante maternelle", "", True, "", 7)],
    ),
    (
        "Auto-école associative Arras Mobilité",
        K.MOBILITY_DRIVING_SCHOOL,
        "",
        "62041",
        "Avenue Lobbedez",
        [C.MOBILITY],
        "M. Caron",
        "03 21 50 00 25",
        "Sur prescription.",
        [("Permis B accompagné", "", False, "Reste à charge 150 €", 30)],
    ),
    (
        "Location de scooters Arras Emploi",
        K.MOBILITY_RENTAL,
        "",
        "62753",
        "Rue Laurent Gers",
        [C.MOBILITY],
        "M. Dubois",
        "03 21 50 00 26",
        "",
        [("Location de scooter", "", False, "3 € par jour", 3)],
    ),
    (
        "Garage solidaire de l'Arrageois",
        K.MOBILITY_GARAGE,
        "",
        "62263",
        "Route de Doullens",
        [C.MOBILITY],
        "M. Fontaine",
        "03 21 50 00 27",
        "",
        [("Entretien et réparation solidaires", "", False, "Main-d'œuvre à 15 € l'heure", 7)],
    ),
    (
        "Centre de santé et PASS d'Arras",
        K.HEALTH,
        "",
        "62041",
        "Boulevard Besnier",
        [C.HEALTH],
        "Accueil",
        "03 21 50 00 28",
        "",
        [("Consultation sans avance de frais", "", True, "", 7)],
    ),
    (
        "ACI Recyclerie de l'Artois",
        K.IAE,
        IaeKind.ACI,
        "62753",
        "Rue des Rosati",
        [C.CONFIDENCE, C.QUALIFICATION],
        "Mme Bernard",
        "03 21 50 00 29",
        "Éligibilité IAE requise.",
        [("CDDI valoriste", "", True, "", 15)],
    ),
    (
        "EI Arras Services Propreté",
        K.IAE,
        IaeKind.EI,
        "62041",
        "Rue de Douai",
        [C.QUALIFICATION],
        "M. Lambert",
        "03 21 50 00 30",
        "Éligibilité IAE requise.",
        [("CDDI agent d'entretien", "", True, "", 10)],
    ),
    (
        "EBE Territoire zéro chômeur de l'Arrageois",
        K.EBE,
        "",
        "62004",
        "Rue Pasteur",
        [C.CONFIDENCE],
        "Mme Gosselin",
        "03 21 50 00 31",
        "Personnes privées durablement d'emploi.",
        [("CDI à temps choisi", "", True, "", 30)],
    ),
    (
        "Association Logement Jeunes Arras",
        K.HOUSING,
        "",
        "62041",
        "Rue Ernestale",
        [C.HOUSING],
        "M. Petit",
        "03 21 50 00 32",
        "Moins de 30 ans.",
        [("Chambre en résidence sociale", "", False, "Redevance selon ressources", 21)],
    ),
    (
        "Organisme de formation Arras Compétences",
        K.TRAINING,
        "",
        "62041",
        "Rue Gambetta",
        [C.LITERACY, C.DIGITAL, C.FRENCH, C.QUALIFICATION],
        "Mme Roussel",
        "03 21 50 00 33",
        "",
        [("Français langue étrangère à visée professionnelle", "", True, "", 21)],
    ),
]
BY_SLUG = {"lens-lievin": LENS_LIEVIN, "arras": ARRAS}


def _email(name: str) -> str:
    from chemin.referentials.text import normalize

    return "contact@" + "-".join(normalize(name).split()[:4]) + ".example.org"


@transaction.atomic
def seed_partners(*, territories: dict[str, Territory] | Iterable[Territory]) -> list[Partner]:
    """The partners of each known territory (Lens-Liévin, Arras); found again by name."""
    if isinstance(territories, dict):
        territories = territories.values()
    seeded = []
    for territory in territories:
        for (
            name,
            kind,
            iae_kind,
            insee,
            address,
            categories,
            contact,
            phone,
            conditions,
            offers,
        ) in BY_SLUG.get(territory.slug, []):
            partner = Partner.objects.filter(name=name).first()
            if partner is None:
                partner = partner_create(
                    name=name,
                    kind=kind,
                    iae_kind=iae_kind,
                    territories=[territory],
                    categories=categories,
                    commune=Commune.objects.filter(pk=insee).first(),
                    address=address,
                    contact_name=contact,
                    phone=phone,
                    email=_email(name),
                    access_conditions=conditions,
                )
                for title, description, free, cost, delay in offers:
                    partner_service_add(
                        partner=partner,
                        title=title,
                        description=description,
                        is_free=free,
                        cost=cost,
                        typical_delay_days=delay,
                    )
            seeded.append(partner)
    return seeded


# What happens to the n-th referral: (days ago sent, status, days after sending answered, outcome).
SCENARIOS = [
    (15, ReferralStatus.SENT, None, ""),  # overdue
    (20, ReferralStatus.DONE, 6, "Solution trouvée, la personne peut démarrer."),
    (8, ReferralStatus.ACCEPTED, 2, ""),
    (25, ReferralStatus.SENT, None, ""),  # overdue
    (12, ReferralStatus.REFUSED, 4, "Pas de place avant trois mois."),
    (3, ReferralStatus.SENT, None, ""),
]


@transaction.atomic
def seed_partner_referrals(*, pathways: Iterable[Pathway]) -> list[PartnerReferral]:
    """Refer one open, ordinary barrier per open pathway to its nearest suited partner, once."""
    today = timezone.localdate()
    created = []
    index = 0
    for pathway in pathways:
        if not pathway.is_open:
            continue
        barrier = (
            Barrier.objects.open()
            .filter(pathway=pathway)
            .exclude(category__in=C.special())
            .order_by("identified_on", "pk")
            .first()
        )
        if barrier is None or PartnerReferral.objects.filter(barrier=barrier).exists():
            continue
        partner = (
            Partner.objects.active()
            .serving(pathway.territory)
            .addressing(barrier.category)
            .order_by("name")
            .first()
        )
        if partner is None:
            continue
        days_ago, status, answered_after, outcome = SCENARIOS[index % len(SCENARIOS)]
        index += 1
        sent_on = max(barrier.identified_on, today - datetime.timedelta(days=days_ago))
        referral = partner_referral_create(
            barrier=barrier,
            partner=partner,
            service=partner.services.order_by("pk").first(),
            created_by=pathway.referent,
            sent_on=sent_on,
        )
        if status != ReferralStatus.SENT:
            on = min(today, sent_on + datetime.timedelta(days=answered_after))
            referral = partner_referral_record(
                referral=referral, status=status, on=on, outcome=outcome, recorded_by=pathway.referent
            )
        created.append(referral)
    return created
