"""Demo companies of Lens-Liévin and Arras (Pas-de-Calais), their contacts and the history of
the business developers' interactions with them.

Names and people are invented (emails at example.org); SIRETs pass the Luhn check but belong to
nobody; NAF codes and communes (INSEE codes) are real. Called by chemin/demo:

    seed_companies(territories=territories)   # dict slug → Territory, or any iterable

Idempotent: a company is found again by its SIRET in the territory, a contact by name, and a
company's history is written only when it has none. Dates are relative to the day it runs: some
interactions today, next actions overdue, companies not contacted for 45 days or more.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.accounts.models import User
from chemin.companies.enums import Channel, Relationship, SizeBand
from chemin.companies.models import Company, CompanyContact
from chemin.companies.services import interaction_log
from chemin.referentials.models import Commune, NafSector

if TYPE_CHECKING:
    from chemin.territories.models import Territory

CALL, VISIT, EMAIL, EVENT = Channel.CALL, Channel.VISIT, Channel.EMAIL, Channel.EVENT
PROSPECT, PARTNER, RECRUITER = Relationship.PROSPECT, Relationship.PARTNER, Relationship.ACTIVE_RECRUITER

BUSINESS_DEVELOPERS = {
    "lens-lievin": "julie.delattre@chemin-faisant.test",
    "arras": "mehdi.haddad@chemin-faisant.test",
}

# Each company: name, SIRET, NAF code, size band, INSEE code, address, relationship,
# (hosts immersions, job datings, charter), contacts [(first, last, job title, phone)],
# history [(days ago, channel, contact index or None, summary, outcome, next action,
#           days from the interaction to the next action or None, next action done)].
LENS_LIEVIN = [
    (
        "Drive Leclerc Liévin",
        "80214573000023",
        "47.11F",
        SizeBand.MEDIUM,
        "62510",
        "Rue François Courtin",
        RECRUITER,
        (True, True, True),
        [("Sandrine", "Lemoine", "Responsable du drive", "03 21 45 10 20")],
        [
            (
                40,
                VISIT,
                0,
                "Visite du drive, présentation de l'accompagnement.",
                "Intéressée.",
                "",
                None,
                False,
            ),
            (
                12,
                CALL,
                0,
                "Besoin de deux préparateurs de commandes pour la rentrée, horaires du matin.",
                "Deux postes en CDD de 6 mois.",
                "Envoyer deux profils",
                5,
                False,
            ),
            (
                0,
                CALL,
                0,
                "Point sur les profils envoyés : un entretien fixé.",
                "Entretien jeudi.",
                "",
                None,
                False,
            ),
        ],
    ),
    (
        "Logistique Artois Distribution (entrepôt, 3x8)",
        "41387920600014",
        "52.10B",
        SizeBand.LARGE,
        "62427",
        "Zone industrielle du Bord des Eaux",
        RECRUITER,
        (True, True, False),
        [
            ("Karine", "Delcourt", "Chargée de recrutement", "03 21 20 30 40"),
            ("Jean-Marc", "Vandamme", "Chef d'équipe quai", "06 11 22 33 44"),
        ],
        [
            (
                30,
                EVENT,
                0,
                "Rencontre au forum de l'emploi de Lens.",
                "Besoin récurrent de caristes.",
                "",
                None,
                False,
            ),
            (
                9,
                CALL,
                0,
                "Recrutement de 6 agents logistiques en 3x8, véhicule indispensable (pas de bus la nuit).",
                "Ouverts à une PMSMP avant embauche.",
                "Proposer des candidats avec permis",
                3,
                False,
            ),
            (2, EMAIL, 1, "Envoi du planning des équipes pour les immersions.", "", "", None, False),
        ],
    ),
    (
        "EHPAD Les Tilleuls",
        "77651208900017",
        "87.10A",
        SizeBand.MEDIUM,
        "62498",
        "12 rue des Tilleuls",
        PARTNER,
        (True, False, True),
        [("Fatima", "Haddou", "Cadre de santé", "03 21 78 45 12")],
        [
            (
                20,
                VISIT,
                0,
                "Visite de l'établissement avec deux personnes intéressées par le métier d'ASH.",
                "Deux immersions possibles.",
                "Rappeler pour fixer les dates d'immersion",
                7,
                False,
            ),
            (
                0,
                CALL,
                0,
                "Confirmation des dates d'immersion de lundi.",
                "",
                "Envoyer les conventions",
                1,
                False,
            ),
        ],
    ),
    (
        "Boulangerie Ducrocq",
        "52310946000023",
        "10.71C",
        SizeBand.MICRO,
        "62065",
        "3 place de la République",
        PROSPECT,
        (False, False, False),
        [("Pascal", "Ducrocq", "Gérant", "03 21 43 22 11")],
        [
            (
                50,
                VISIT,
                0,
                "Passage en boutique : cherche un vendeur ou une vendeuse le week-end.",
                "À recontacter.",
                "Rappeler le gérant",
                7,
                False,
            ),
        ],
    ),
    (
        "Propreté Services Lens",
        "39827154400015",
        "81.21Z",
        SizeBand.SMALL,
        "62498",
        "45 avenue Raoul Briquet",
        RECRUITER,
        (True, True, False),
        [("Nadège", "Lefort", "Responsable d'exploitation", "03 21 67 89 01")],
        [
            (
                6,
                CALL,
                0,
                "Postes d'agents d'entretien en horaires coupés (6h-9h, 17h-20h).",
                "Trois postes à temps partiel.",
                "Organiser une information collective",
                2,
                False,
            ),
        ],
    ),
    (
        "Transports Delattre",
        "84412077400014",
        "49.41A",
        SizeBand.SMALL,
        "62413",
        "Rue de la Gare",
        PARTNER,
        (False, True, False),
        [("Alain", "Delattre", "Dirigeant", "06 22 33 44 55")],
        [
            (
                60,
                CALL,
                0,
                "Besoin de chauffeurs poids lourds, permis C exigé.",
                "Pas de candidat pour l'instant.",
                "",
                None,
                False,
            ),
        ],
    ),
    (
        "Restaurant Le Beffroi",
        "49906321200025",
        "56.10A",
        SizeBand.MICRO,
        "62498",
        "8 place Jean Jaurès",
        PROSPECT,
        (False, False, False),
        [("Sophie", "Caron", "Gérante", "03 21 28 76 54")],
        [],
    ),
    (
        "Menuiserie Caron",
        "31275588700014",
        "16.23Z",
        SizeBand.SMALL,
        "62624",
        "Rue Jules Guesde",
        PROSPECT,
        (True, False, False),
        [("Bernard", "Caron", "Gérant", "03 21 20 11 00")],
        [
            (
                4,
                VISIT,
                0,
                "Visite de l'atelier : accueil possible d'un apprenti ou d'une immersion.",
                "Ouvert à une PMSMP.",
                "Envoyer le profil de la personne intéressée",
                1,
                False,
            ),
        ],
    ),
    (
        "Aide à Domicile du Bassin Minier",
        "88130452100019",
        "88.10A",
        SizeBand.MEDIUM,
        "62510",
        "Rue Jean-Baptiste Defernez",
        RECRUITER,
        (True, True, True),
        [("Hélène", "Vasseur", "Responsable de secteur", "03 21 44 55 66")],
        [
            (
                15,
                CALL,
                0,
                "Recrutement d'auxiliaires de vie, permis et véhicule demandés, horaires adaptables.",
                "Embauche possible après une immersion.",
                "Relancer après les entretiens",
                7,
                True,
            ),
            (1, EMAIL, 0, "Envoi de la fiche de poste mise à jour.", "", "", None, False),
        ],
    ),
    (
        "Garage Lefebvre Automobiles",
        "75520983000024",
        "45.20A",
        SizeBand.MICRO,
        "62498",
        "Route de Béthune",
        PROSPECT,
        (False, False, False),
        [],
        [],
    ),
]

ARRAS = [
    (
        "Carrefour Market Arras Saint-Sauveur",
        "53209871200013",
        "47.11D",
        SizeBand.MEDIUM,
        "62041",
        "Boulevard Carnot",
        RECRUITER,
        (True, True, True),
        [("Nathalie", "Dupuis", "Responsable ressources humaines", "03 21 50 60 70")],
        [
            (25, VISIT, 0, "Rencontre au magasin, besoin d'hôtes de caisse.", "", "", None, False),
            (
                8,
                CALL,
                0,
                "Deux postes d'hôte de caisse en CDI à temps partiel, horaires du soir.",
                "Entretiens la semaine prochaine.",
                "Envoyer les CV",
                3,
                False,
            ),
            (0, CALL, 0, "Retour sur les candidatures : une embauche probable.", "", "", None, False),
        ],
    ),
    (
        "Entrepôt Artois Logistique Frais",
        "81147296800015",
        "52.10A",
        SizeBand.LARGE,
        "62753",
        "Parc d'activités Artoipole",
        RECRUITER,
        (True, True, False),
        [("Grégory", "Wallart", "Responsable de site", "03 21 15 16 17")],
        [
            (
                10,
                VISIT,
                0,
                "Visite de l'entrepôt frigorifique : préparateurs de commandes en 2x8, port de charges.",
                "Dix postes à pourvoir.",
                "Monter un job dating",
                4,
                False,
            ),
        ],
    ),
    (
        "Résidence Autonomie Les Hortensias",
        "44025638600028",
        "87.30A",
        SizeBand.SMALL,
        "62263",
        "Rue des Hortensias",
        PARTNER,
        (True, False, True),
        [("Claire", "Mercier", "Directrice", "03 21 23 45 67")],
        [
            (
                18,
                CALL,
                0,
                "Besoin d'un agent de service hospitalier, horaires de journée.",
                "",
                "Proposer une immersion",
                5,
                False,
            ),
        ],
    ),
    (
        "Pâtisserie Lemaire",
        "79360114700010",
        "10.71C",
        SizeBand.MICRO,
        "62041",
        "Place des Héros",
        PROSPECT,
        (False, False, False),
        [("Xavier", "Lemaire", "Artisan pâtissier", "03 21 71 00 22")],
        [(48, VISIT, 0, "Premier contact en boutique.", "Pas de besoin immédiat.", "", None, False)],
    ),
    (
        "Nettoyage Industriel de l'Artois",
        "38811457100010",
        "81.22Z",
        SizeBand.SMALL,
        "62753",
        "Rue Diderot",
        PARTNER,
        (False, True, False),
        [("Samir", "Bouzid", "Chef d'équipe", "06 33 44 55 66")],
        [
            (
                3,
                CALL,
                0,
                "Postes d'agents de nettoyage industriel de nuit.",
                "Deux postes.",
                "Rappeler après la réunion d'équipe",
                1,
                False,
            ),
        ],
    ),
    (
        "Brasserie de la Grand'Place",
        "50294763300025",
        "56.10A",
        SizeBand.MICRO,
        "62041",
        "Grand'Place",
        PROSPECT,
        (False, False, False),
        [("Lucie", "Martel", "Gérante", "03 21 71 33 44")],
        [(70, CALL, 0, "Appel de prospection.", "Rappeler avant l'été.", "", None, False)],
    ),
    (
        "Transports Artésiens",
        "82731049100010",
        "49.41B",
        SizeBand.MEDIUM,
        "62263",
        "Zone d'activités des Alouettes",
        PROSPECT,
        (False, False, False),
        [],
        [],
    ),
    (
        "Menuiserie Bocquet",
        "43658102900010",
        "16.23Z",
        SizeBand.SMALL,
        "62753",
        "Rue de Lens",
        PARTNER,
        (True, False, False),
        [("Didier", "Bocquet", "Gérant", "03 21 07 08 09")],
        [
            (
                1,
                VISIT,
                0,
                "Visite de l'atelier avec un jeune intéressé par la menuiserie.",
                "Immersion de deux semaines acceptée.",
                "Envoyer la convention de PMSMP",
                2,
                False,
            ),
        ],
    ),
    (
        "Hôtel Ibis Arras Centre",
        "76012395000023",
        "55.10Z",
        SizeBand.SMALL,
        "62041",
        "Place Viviani",
        RECRUITER,
        (False, True, True),
        [("Julien", "Roussel", "Directeur", "03 21 23 61 61")],
        [
            (
                0,
                CALL,
                0,
                "Besoin de femmes et valets de chambre, horaires du matin.",
                "Deux postes en CDI.",
                "Envoyer deux profils",
                3,
                False,
            ),
        ],
    ),
    (
        "EHPAD Saint-Vaast",
        "51147620200011",
        "87.10A",
        SizeBand.MEDIUM,
        "62041",
        "Rue d'Amiens",
        PARTNER,
        (True, False, True),
        [("Isabelle", "Warin", "Infirmière coordinatrice", "03 21 60 70 80")],
        [
            (
                46,
                VISIT,
                0,
                "Présentation de l'accompagnement à l'équipe de direction.",
                "Intéressés par l'accueil d'immersions.",
                "Relancer pour une première immersion",
                14,
                False,
            ),
        ],
    ),
]

COMPANIES = {"lens-lievin": LENS_LIEVIN, "arras": ARRAS}


def _by_slug(territories: dict[str, Territory] | Iterable[Territory]) -> dict[str, Territory]:
    if isinstance(territories, dict):
        return territories
    return {territory.slug: territory for territory in territories}


def _developer(slug: str, territory: Territory) -> User | None:
    """The demo business developer of the territory, else any staff member of it."""
    user = User.objects.filter(email=BUSINESS_DEVELOPERS.get(slug, "")).first()
    if user is None:
        user = User.objects.filter(memberships__territory=territory).order_by("pk").first()
    return user


@transaction.atomic
def seed_companies(*, territories: dict[str, Territory] | Iterable[Territory]) -> list[Company]:
    """Companies, contacts and interactions of the demo territories (Lens-Liévin and Arras)."""
    today = timezone.localdate()
    wanted = {spec[4] for specs in COMPANIES.values() for spec in specs}
    communes = Commune.objects.in_bulk(wanted)
    sectors = {sector.pk: sector for sector in NafSector.objects.all()}
    seeded = []
    for slug, territory in _by_slug(territories).items():
        developer = _developer(slug, territory)
        for spec in COMPANIES.get(slug, []):
            name, siret, naf_code, size_band, insee, address, relationship, engagement, contacts, history = (
                spec
            )
            commune = communes.get(insee)
            company, _created = Company.objects.get_or_create(
                territory=territory,
                siret=siret,
                defaults={
                    "name": name,
                    "naf_code": naf_code,
                    "naf_sector": sectors.get(naf_code[:2]),
                    "size_band": size_band,
                    "address": address,
                    "commune": commune,
                    "postal_code": commune.postal_code_list[0] if commune else "",
                    "relationship": relationship,
                    "hosts_immersions": engagement[0],
                    "attends_job_datings": engagement[1],
                    "inclusive_hiring_charter": engagement[2],
                    "followed_by": developer,
                },
            )
            people = []
            for first_name, last_name, job_title, phone in contacts:
                contact, _created = CompanyContact.objects.get_or_create(
                    company=company,
                    first_name=first_name,
                    last_name=last_name,
                    defaults={
                        "job_title": job_title,
                        "phone": phone,
                        "email": f"{first_name[0].lower()}.{last_name.lower().replace(' ', '')}@example.org",
                    },
                )
                people.append(contact)
            if developer is not None and not company.interactions.exists():
                _seed_history(company, developer, people, history, today)
            seeded.append(company)
    return seeded


def _seed_history(company, developer, people, history, today: datetime.date) -> None:
    for days_ago, channel, contact_index, summary, outcome, action, action_in, done in history:
        date = today - datetime.timedelta(days=days_ago)
        interaction = interaction_log(
            company=company,
            staff=developer,
            date=date,
            channel=channel,
            contact=people[contact_index] if contact_index is not None and people else None,
            summary=summary,
            outcome=outcome,
            next_action=action,
            next_action_on=date + datetime.timedelta(days=action_in) if action else None,
        )
        if done:
            interaction.next_action_done = True
            interaction.save(update_fields=["next_action_done"])
