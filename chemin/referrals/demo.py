"""Demo data for prescribers and referrals: who refers people in the Lens-Liévin and Arras areas,
and about thirty referrals, most of them accepted (so the demo's participants and pathways exist).

``chemin.demo.pathways`` calls ``seed_referrals(territories=…, staff=…)``. Running it again
changes nothing: organisations, référents and referrals are looked up on their natural keys first.
Other demo modules then add job wishes, steps and notes to the pathways opened here.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from chemin.accounts.models import User
from chemin.documents.demo import minimal_pdf
from chemin.participants.enums import EducationLevel, IncomeSupport
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from chemin.referentials.models import Commune
from chemin.referrals.models import Referral
from chemin.referrals.services import referral_accept, referral_create, referral_decline
from chemin.territories.models import Territory

logger = logging.getLogger(__name__)

DOMAIN = "chemin-faisant.test"
SOPHIE = f"sophie.martin@{DOMAIN}"
KARIM = f"karim.benali@{DOMAIN}"
ISABELLE = f"isabelle.caron@{DOMAIN}"
THIERRY = f"thierry.lemaire@{DOMAIN}"

FT_LENS = "France Travail Lens"
FT_ARRAS = "France Travail Arras"
ML_LENS = "Mission Locale de Lens-Liévin"
MDS_ARTOIS = "Département du Pas-de-Calais — Maison du Département Solidarité de l’Artois"
CCAS_ARRAS = "CCAS d’Arras"
SPIP = "SPIP du Pas-de-Calais"
CAP_EMPLOI = "Cap emploi 62"
PLIE = "PLIE de l’Artois"

# (name, kind, INSEE code of the commune, email, phone, référents: (first, last, job title, email, phone))
ORGANISATIONS: list[tuple[str, str, str, str, str, list[tuple[str, str, str, str, str]]]] = [
    (
        FT_LENS,
        OrganisationKind.FRANCE_TRAVAIL,
        "62498",
        "ape.62030@francetravail.example.org",
        "03 21 13 40 00",
        [
            (
                "Grégoire",
                "Vasseur",
                "Conseiller accompagnement global",
                "gregoire.vasseur@francetravail.example.org",
                "03 21 13 40 12",
            ),
            (
                "Laurence",
                "Pruvost",
                "Conseillère emploi",
                "laurence.pruvost@francetravail.example.org",
                "03 21 13 40 27",
            ),
        ],
    ),
    (
        FT_ARRAS,
        OrganisationKind.FRANCE_TRAVAIL,
        "62041",
        "ape.62005@francetravail.example.org",
        "03 21 60 18 00",
        [
            (
                "Céline",
                "Delcourt",
                "Conseillère accompagnement renforcé",
                "celine.delcourt@francetravail.example.org",
                "03 21 60 18 31",
            ),
        ],
    ),
    (
        ML_LENS,
        OrganisationKind.MISSION_LOCALE,
        "62498",
        "contact@ml-lens-lievin.example.org",
        "03 21 69 85 00",
        [
            ("Kévin", "Dufour", "Conseiller CEJ", "k.dufour@ml-lens-lievin.example.org", "03 21 69 85 14"),
        ],
    ),
    (
        MDS_ARTOIS,
        OrganisationKind.DEPARTEMENT,
        "62041",
        "mds.artois@pasdecalais.example.org",
        "03 21 21 62 00",
        [
            (
                "Sabrina",
                "Mortier",
                "Référente RSA",
                "mortier.sabrina@pasdecalais.example.org",
                "03 21 21 62 47",
            ),
        ],
    ),
    (
        CCAS_ARRAS,
        OrganisationKind.CCAS,
        "62041",
        "ccas@arras.example.org",
        "03 21 50 51 00",
        [
            (
                "Odile",
                "Carpentier",
                "Travailleuse sociale",
                "o.carpentier@arras.example.org",
                "03 21 50 51 18",
            ),
        ],
    ),
    (
        SPIP,
        OrganisationKind.SPIP,
        "62041",
        "spip62@justice.example.org",
        "03 21 23 76 00",
        [
            (
                "Julien",
                "Fontaine",
                "Conseiller pénitentiaire d’insertion et de probation",
                "julien.fontaine@justice.example.org",
                "03 21 23 76 09",
            ),
        ],
    ),
    (
        CAP_EMPLOI,
        OrganisationKind.CAP_EMPLOI,
        "62041",
        "contact@capemploi62.example.org",
        "03 21 71 34 00",
        [
            (
                "Véronique",
                "Lhomme",
                "Chargée de mission",
                "v.lhomme@capemploi62.example.org",
                "03 21 71 34 22",
            ),
        ],
    ),
    (
        PLIE,
        OrganisationKind.PLIE,
        "62041",
        "plie@artois.example.org",
        "03 21 15 27 00",
        [
            ("Farid", "Belkacem", "Référent de parcours", "f.belkacem@artois.example.org", "03 21 15 27 08"),
        ],
    ),
]


@dataclass(frozen=True)
class DemoReferral:
    territory: str
    prescriber: tuple[str, str]  # organisation name, référent's last name
    first_name: str
    last_name: str
    birth_date: datetime.date
    phone: str
    email: str
    days_ago: int  # the referral, counted back from today
    reason: str
    recorded_by: str
    # Accepted: days from the referral to the first meeting, and the referent.
    meeting_after: int | None = None
    referent: str = ""
    # Declined: why, who, and how many days after the referral.
    decline_reason: str = ""
    decided_by: str = ""
    # Address and situation, set on the file once the referral is accepted.
    commune: str = ""
    address: str = ""
    situation: dict[str, Any] = field(default_factory=dict)


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


RSA, ASS, ARE, NONE = IncomeSupport.RSA, IncomeSupport.ASS, IncomeSupport.ARE, IncomeSupport.NONE
INFRA_3, LEVEL_3, LEVEL_4 = EducationLevel.INFRA_3, EducationLevel.LEVEL_3, EducationLevel.LEVEL_4

# fmt: off
REFERRALS: list[DemoReferral] = [
    # Lens-Liévin
    DemoReferral(
        "lens-lievin", (MDS_ARTOIS, "Mortier"), "Nadège", "Wojciechowski", _d(1992, 3, 14),
        "06 72 14 38 90", "nadege.wojcie@example.org", 238,
        "Mme Wojciechowski, 34 ans, mère isolée de 2 enfants (4 et 7 ans), bénéficiaire du RSA depuis 2021, "
        "souhaite travailler dans l’aide à domicile ; pas de permis. Garde possible par sa mère le mercredi. "
        "Orientation dans le cadre du contrat d’engagement réciproque.",
        SOPHIE, meeting_after=9, referent=SOPHIE, commune="62510", address="14 rue Jean Jaurès",
        situation={"income_support": RSA, "france_travail_registered": True, "france_travail_id": "4821937B",
                   "registered_since": _d(2021, 5, 3), "qpv_resident": True, "education_level": LEVEL_3,
                   "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (ML_LENS, "Dufour"), "Dylan", "Moreau", _d(2004, 9, 2),
        "07 81 45 22 63", "", 224,
        "Jeune de 22 ans, sorti du lycée pro sans diplôme (bac pro logistique non validé). En CEJ depuis 6 mois, "
        "motivé par la préparation de commandes et le métier de cariste. Code de la route obtenu, permis B en cours. "
        "Besoin d’un accompagnement renforcé vers l’emploi.",
        ISABELLE, meeting_after=12, referent=SOPHIE, commune="62065", address="3 résidence Les Hauts de l’Oise",
        situation={"income_support": NONE, "france_travail_registered": True, "france_travail_id": "5930184C",
                   "registered_since": _d(2025, 4, 14), "qpv_resident": True, "education_level": INFRA_3,
                   "languages": "Français, anglais (notions)"},
    ),
    DemoReferral(
        "lens-lievin", (FT_LENS, "Vasseur"), "Sandrine", "Dewailly", _d(1978, 11, 21),
        "06 31 87 02 45", "sandrine.dewailly@example.org", 210,
        "DELD inscrite depuis mars 2023, 15 ans d’expérience comme employée de libre-service jusqu’à son "
        "licenciement économique. Souhaite rester dans le commerce (caisse, mise en rayon). Fin de droits ARE, "
        "bascule en ASS. Perte de confiance importante, à travailler avant les entretiens.",
        SOPHIE, meeting_after=7, referent=SOPHIE, commune="62771", address="27 rue Anatole France",
        situation={"income_support": ASS, "france_travail_registered": True, "france_travail_id": "3178452A",
                   "registered_since": _d(2023, 3, 1), "education_level": LEVEL_3,
                   "has_driving_licence": True, "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (SPIP, "Fontaine"), "Mohamed", "Benkhelifa", _d(1985, 6, 30),
        "06 58 20 71 34", "", 196,
        "M. Benkhelifa, 41 ans, placé sous main de justice et suivi par le SPIP, avec une obligation de "
        "recherche d’emploi. Contraintes horaires (7h–19h) jusqu’en mars. Expérience en maçonnerie et en "
        "manutention. Hébergé chez sa sœur à Lens. Souhaite un emploi rapidement pour se stabiliser.",
        SOPHIE, meeting_after=14, referent=SOPHIE, commune="62498", address="8 rue de la Gare",
        situation={"income_support": RSA, "qpv_resident": True, "education_level": INFRA_3,
                   "has_driving_licence": True, "languages": "Français, arabe"},
    ),
    DemoReferral(
        "lens-lievin", (FT_LENS, "Pruvost"), "Justine", "Lemoine", _d(1996, 1, 9),
        "07 66 12 90 48", "justine.lemoine62@example.org", 181,
        "Demandeuse d’emploi depuis 14 mois, bac pro ASSP. A travaillé en EHPAD en CDD comme ASH. Projet "
        "d’aide-soignante à moyen terme mais besoin d’abord d’un emploi stable ; intéressée par les services à "
        "la personne. Permis B, véhicule en panne.",
        ISABELLE, meeting_after=6, referent=SOPHIE, commune="62413", address="52 rue Pasteur",
        situation={"income_support": ARE, "france_travail_registered": True, "france_travail_id": "6402719D",
                   "registered_since": _d(2025, 9, 15), "education_level": LEVEL_4,
                   "has_driving_licence": True, "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (CAP_EMPLOI, "Lhomme"), "Rachid", "Bouzidi", _d(1973, 4, 17),
        "06 14 55 83 26", "", 170,
        "M. Bouzidi, 53 ans, RQTH depuis 2022, ancien chauffeur-livreur. Restrictions : pas de port de charges "
        "de plus de 10 kg. Recherche un poste adapté (agent d’accueil, gardiennage, conduite de navette). "
        "Très motivé, disponible immédiatement.",
        SOPHIE, meeting_after=10, referent=SOPHIE, commune="62570", address="11 cité Fosse 4",
        situation={"income_support": ASS, "france_travail_registered": True, "france_travail_id": "2290476E",
                   "registered_since": _d(2024, 1, 8), "rqth": True, "education_level": LEVEL_3,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français, arabe"},
    ),
    DemoReferral(
        "lens-lievin", (ML_LENS, "Dufour"), "Océane", "Duhem", _d(2002, 7, 25),
        "07 52 38 17 60", "oceane.duhem@example.org", 158,
        "Jeune femme de 24 ans, maman d’un enfant de 2 ans (place en crèche obtenue à Lens). 8 mois d’expérience "
        "comme équipière en restauration rapide. Souhaite un emploi en journée, idéalement dans le nettoyage ou "
        "l’hôtellerie. Pas de permis.",
        SOPHIE, meeting_after=5, referent=SOPHIE, commune="62498", address="Résidence Grande Résidence, bât. C",
        situation={"income_support": RSA, "qpv_resident": True, "education_level": INFRA_3,
                   "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (FT_LENS, "Vasseur"), "Bruno", "Kaczmarek", _d(1969, 12, 3),
        "06 09 41 77 52", "", 145,
        "Senior de 56 ans, ouvrier de production en plasturgie pendant 25 ans, licencié à la fermeture du site. "
        "Fin de droits ARE dans 4 mois. Pas de CV, peu à l’aise avec l’informatique. Permis et véhicule. "
        "Ouvert à l’industrie et à la logistique, travail en équipes (2x8) accepté.",
        ISABELLE, meeting_after=16, referent=SOPHIE, commune="62528", address="6 rue des Mineurs",
        situation={"income_support": ARE, "france_travail_registered": True, "france_travail_id": "7713520F",
                   "registered_since": _d(2025, 2, 10), "education_level": LEVEL_3,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français, polonais (notions)"},
    ),
    DemoReferral(
        "lens-lievin", (MDS_ARTOIS, "Mortier"), "Aïcha", "Meziane", _d(1988, 2, 11),
        "07 70 26 84 15", "", 131,
        "Bénéficiaire du RSA depuis 2019, 3 enfants scolarisés. Parle couramment français et arabe. Pas "
        "d’expérience déclarée en France. Souhaite un premier emploi dans l’entretien ou la restauration "
        "collective, avec des horaires compatibles avec l’école.",
        SOPHIE, meeting_after=8, referent=SOPHIE, commune="62510", address="19 rue Édouard Vaillant",
        situation={"income_support": RSA, "qpv_resident": True, "education_level": INFRA_3,
                   "languages": "Français, arabe"},
    ),
    DemoReferral(
        "lens-lievin", (PLIE, "Belkacem"), "Thomas", "Delannoy", _d(1999, 5, 19),
        "06 47 93 12 08", "thomas.delannoy@example.org", 117,
        "Orienté après une formation CACES R489 catégories 1, 3 et 5 (obtenue en juin, financée par la Région). "
        "Pas encore de poste. Sans véhicule, habite Grenay : dépend des bus. Cible : cariste en plateforme "
        "logistique (Lauwin-Planque, Dourges).",
        SOPHIE, meeting_after=11, referent=SOPHIE, commune="62386", address="4 rue Voltaire",
        situation={"income_support": RSA, "france_travail_registered": True, "france_travail_id": "8046391G",
                   "registered_since": _d(2024, 10, 1), "education_level": LEVEL_3, "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (FT_LENS, "Pruvost"), "Christelle", "Dupuis", _d(1981, 8, 28),
        "06 25 64 30 97", "christelle.dupuis@example.org", 103,
        "Reprise d’activité après 10 ans au foyer pour élever ses enfants. Ancienne secrétaire (BEP). Souhaite "
        "un emploi administratif ou d’accueil à temps partiel. Remise à niveau bureautique nécessaire.",
        ISABELLE, meeting_after=7, referent=SOPHIE, commune="62498", address="33 boulevard Basly",
        situation={"income_support": NONE, "france_travail_registered": True, "france_travail_id": "1569830H",
                   "registered_since": _d(2025, 12, 2), "education_level": LEVEL_3,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français, anglais (scolaire)"},
    ),
    DemoReferral(
        "lens-lievin", (FT_LENS, "Pruvost"), "Yannick", "Leclercq", _d(1990, 10, 6),
        "07 58 71 26 43", "", 58,
        "Inscrit depuis 2 ans, missions courtes en intérim (manutention, BTP). Permis suspendu jusqu’en février. "
        "Souhaite un CDI ; intéressé par un poste d’agent de propreté, horaires décalés acceptés.",
        SOPHIE, meeting_after=13, referent=SOPHIE, commune="62065", address="12 rue de la République",
        situation={"income_support": RSA, "france_travail_registered": True, "france_travail_id": "2948107J",
                   "registered_since": _d(2024, 9, 23), "qpv_resident": True, "education_level": INFRA_3,
                   "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (ML_LENS, "Dufour"), "Manon", "Hennebelle", _d(2005, 3, 30),
        "07 49 18 65 02", "manon.hennebelle@example.org", 40,
        "Jeune de 21 ans, CAP cuisine obtenu en 2023, apprentissage interrompu. Vit chez ses parents. Souhaite "
        "travailler en restauration collective (cantine, EHPAD) pour des horaires de journée. Fin de CEJ.",
        SOPHIE, meeting_after=6, referent=SOPHIE, commune="62771", address="2 allée des Tilleuls",
        situation={"income_support": NONE, "education_level": LEVEL_3, "languages": "Français"},
    ),
    DemoReferral(
        "lens-lievin", (MDS_ARTOIS, "Mortier"), "Fatima", "Zerrouki", _d(1983, 9, 12),
        "06 83 50 29 71", "", 12,
        "Mme Zerrouki, 43 ans, bénéficiaire du RSA, séparée récemment, 2 enfants à charge. Ancienne auxiliaire "
        "de vie (sans diplôme), souhaite reprendre dans l’aide à domicile. Logement en cours de régularisation "
        "avec le CCAS de Lens.",
        SOPHIE,
    ),
    DemoReferral(
        "lens-lievin", (ML_LENS, "Dufour"), "Jordan", "Caudron", _d(2001, 11, 4),
        "07 62 37 48 19", "jordan.caudron@example.org", 5,
        "Jeune de 25 ans, orienté à l’issue du CEJ. Intéressé par la logistique et l’industrie, disponible "
        "immédiatement. Permis B obtenu, pas de véhicule.",
        ISABELLE,
    ),
    DemoReferral(
        "lens-lievin", (FT_LENS, "Vasseur"), "Patrick", "Wallart", _d(1962, 6, 15),
        "06 20 93 54 87", "", 60,
        "Demandeur d’emploi de 64 ans, ancien agent de maintenance. Souhaite un complément de revenus en "
        "attendant sa retraite.",
        SOPHIE,
        decline_reason="M. Wallart liquide sa retraite le mois prochain (confirmé par la CARSAT) : un "
        "accompagnement vers l’emploi n’a plus d’objet. Prescripteur informé par téléphone le jour même.",
        decided_by=ISABELLE, meeting_after=9,
    ),
    # Arras
    DemoReferral(
        "arras", (CCAS_ARRAS, "Carpentier"), "Stéphanie", "Cuvelier", _d(1987, 5, 5),
        "06 41 28 73 50", "", 240,
        "Mme Cuvelier, 39 ans, mère isolée de 3 enfants, RSA depuis 2020, hébergée en résidence sociale "
        "(quartier Saint-Michel). Expérience d’agent d’entretien en CDD. Souhaite un temps partiel le matin "
        "dans le nettoyage ; sans permis.",
        KARIM, meeting_after=8, referent=KARIM, commune="62041", address="Résidence sociale, 5 rue Saint-Michel",
        situation={"income_support": RSA, "qpv_resident": True, "education_level": INFRA_3,
                   "languages": "Français"},
    ),
    DemoReferral(
        "arras", (FT_ARRAS, "Delcourt"), "Anthony", "Hochart", _d(1998, 2, 14),
        "07 85 20 14 36", "anthony.hochart@example.org", 226,
        "Demandeur d’emploi depuis 16 mois, bac pro commerce. Expériences en vente (saisonnier en magasin de "
        "sport). Vise un poste en logistique ou en magasin. Permis B et véhicule. Manque d’assurance en "
        "entretien d’embauche.",
        THIERRY, meeting_after=10, referent=KARIM, commune="62753", address="18 rue Laurent Gers",
        situation={"income_support": ARE, "france_travail_registered": True, "france_travail_id": "5217864K",
                   "registered_since": _d(2025, 7, 21), "education_level": LEVEL_4,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français, anglais"},
    ),
    DemoReferral(
        "arras", (PLIE, "Belkacem"), "Corinne", "Lagache", _d(1975, 9, 22),
        "06 36 75 81 24", "", 212,
        "Participante PLIE, 51 ans, demandeuse d’emploi depuis 4 ans, ancienne aide-ménagère. Gestes répétitifs "
        "difficiles (démarche RQTH en cours). Cible : agent d’accueil ou employée de restauration collective.",
        KARIM, meeting_after=14, referent=SOPHIE, commune="62004", address="7 rue Briquet Taillandier",
        situation={"income_support": ASS, "france_travail_registered": True, "france_travail_id": "3305928L",
                   "registered_since": _d(2022, 6, 13), "education_level": LEVEL_3,
                   "has_driving_licence": True, "languages": "Français"},
    ),
    DemoReferral(
        "arras", (FT_ARRAS, "Delcourt"), "Mamadou", "Diallo", _d(1994, 12, 1),
        "07 53 09 66 21", "mamadou.diallo@example.org", 198,
        "Réfugié statutaire depuis 2022, français niveau B1 (parcours OFII validé). 5 ans d’expérience de maçon "
        "en Guinée. Souhaite travailler dans le BTP ou l’industrie. Permis guinéen non échangeable.",
        KARIM, meeting_after=7, referent=KARIM, commune="62041", address="40 avenue de l’Hippodrome",
        situation={"income_support": RSA, "france_travail_registered": True, "france_travail_id": "6682143M",
                   "registered_since": _d(2024, 3, 4), "qpv_resident": True, "education_level": INFRA_3,
                   "languages": "Français (B1), peul, soussou"},
    ),
    DemoReferral(
        "arras", (CAP_EMPLOI, "Lhomme"), "Élodie", "Flament", _d(1991, 7, 7),
        "06 92 47 13 58", "elodie.flament@example.org", 184,
        "RQTH depuis 2023, 35 ans, bac STMG. 6 ans d’expérience d’assistante administrative avant un long "
        "arrêt. Reprise progressive à temps partiel conseillée par le médecin du travail, dans un poste "
        "administratif.",
        THIERRY, meeting_after=9, referent=KARIM, commune="62263", address="21 rue du Général de Gaulle",
        situation={"income_support": ARE, "france_travail_registered": True, "france_travail_id": "4170359N",
                   "registered_since": _d(2025, 5, 19), "rqth": True, "education_level": LEVEL_4,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français, anglais"},
    ),
    DemoReferral(
        "arras", (SPIP, "Fontaine"), "Sébastien", "Dhaussy", _d(1980, 3, 26),
        "06 18 62 40 93", "", 170,
        "Personne suivie par le SPIP dans le cadre d’un aménagement de peine, avec obligation de recherche "
        "d’emploi. Ancien cariste (CACES à renouveler). Logement stable à Beaurains, permis B et véhicule. "
        "Motivé, veut sortir de l’intérim.",
        KARIM, meeting_after=11, referent=KARIM, commune="62099", address="9 rue Jean Moulin",
        situation={"income_support": RSA, "education_level": LEVEL_3, "has_driving_licence": True,
                   "has_vehicle": True, "languages": "Français"},
    ),
    DemoReferral(
        "arras", (CCAS_ARRAS, "Carpentier"), "Laura", "Marquant", _d(2003, 10, 18),
        "07 44 81 25 37", "laura.marquant@example.org", 156,
        "Jeune femme de 23 ans, sans solution depuis la fin de son CAP esthétique, logée en FJT à Arras. "
        "Souhaite travailler rapidement : vente, hôtellerie, restauration. Aide financière d’urgence accordée "
        "par le CCAS.",
        KARIM, meeting_after=6, referent=SOPHIE, commune="62041", address="FJT, 12 rue des Rosati",
        situation={"income_support": NONE, "education_level": LEVEL_3, "languages": "Français"},
    ),
    DemoReferral(
        "arras", (FT_ARRAS, "Delcourt"), "Jean-Pierre", "Dewulf", _d(1967, 1, 30),
        "06 05 37 92 68", "", 139,
        "Senior de 59 ans, magasinier pendant 25 ans chez un grossiste fermé en 2024. Fin de droits dans 6 mois. "
        "Souhaite retrouver un poste en magasin ou en logistique, mi-temps envisageable. Peu à l’aise avec les "
        "candidatures en ligne.",
        THIERRY, meeting_after=12, referent=KARIM, commune="62764", address="3 rue Émile Zola",
        situation={"income_support": ARE, "france_travail_registered": True, "france_travail_id": "1830672P",
                   "registered_since": _d(2024, 11, 18), "education_level": LEVEL_3,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français"},
    ),
    DemoReferral(
        "arras", (MDS_ARTOIS, "Mortier"), "Nora", "Belkhir", _d(1990, 4, 3),
        "07 69 50 38 12", "nora.belkhir@example.org", 124,
        "Bénéficiaire du RSA (couple avec 2 enfants), 36 ans. Diplôme d’aide-soignante obtenu en Algérie, non "
        "reconnu en France. Souhaite travailler comme ASH ou auxiliaire de vie en attendant une VAE. Véhicule "
        "partagé avec son conjoint.",
        KARIM, meeting_after=8, referent=KARIM, commune="62041", address="26 rue de Bapaume",
        situation={"income_support": RSA, "education_level": LEVEL_4, "has_driving_licence": True,
                   "languages": "Français, arabe"},
    ),
    DemoReferral(
        "arras", (PLIE, "Belkacem"), "Ludovic", "Tison", _d(1986, 8, 8),
        "06 57 23 86 40", "", 52,
        "Participant PLIE depuis 3 mois, 40 ans, ancien agent de sécurité (carte professionnelle expirée). "
        "Souhaite se réorienter vers la conduite (permis C à financer). Situation d’endettement en cours de "
        "traitement.",
        THIERRY, meeting_after=10, referent=KARIM, commune="62817", address="15 rue de Cambrai",
        situation={"income_support": ASS, "france_travail_registered": True, "france_travail_id": "7394015Q",
                   "registered_since": _d(2023, 10, 9), "education_level": LEVEL_3,
                   "has_driving_licence": True, "has_vehicle": True, "languages": "Français"},
    ),
    DemoReferral(
        "arras", (FT_ARRAS, "Delcourt"), "Ophélie", "Lefort", _d(1995, 11, 29),
        "07 71 64 09 25", "ophelie.lefort@example.org", 30,
        "Demandeuse d’emploi depuis un an, 5 ans d’expérience d’employée polyvalente en restauration. Projet "
        "de secrétariat médical à terme, mais besoin d’abord d’un emploi. Maman d’un enfant, garde assurée par "
        "le père le week-end. Pas de permis.",
        KARIM, meeting_after=7, referent=SOPHIE, commune="62041", address="4 place des Héros",
        situation={"income_support": ARE, "france_travail_registered": True, "france_travail_id": "2615748R",
                   "registered_since": _d(2025, 11, 3), "education_level": LEVEL_4, "languages": "Français"},
    ),
    DemoReferral(
        "arras", (CCAS_ARRAS, "Carpentier"), "Sabine", "Leroux", _d(1979, 2, 17),
        "06 38 15 72 94", "", 9,
        "Mme Leroux, 47 ans, au RSA depuis 2 ans après une séparation. Souhaite reprendre un emploi dans le "
        "nettoyage ou la blanchisserie ; pas de permis, habite Arras centre.",
        KARIM,
    ),
    DemoReferral(
        "arras", (CAP_EMPLOI, "Lhomme"), "Romain", "Delplace", _d(1997, 6, 24),
        "07 46 29 83 51", "romain.delplace@example.org", 3,
        "RQTH, 29 ans, CAP menuisier. Recherche un poste en atelier de production ; seul aménagement demandé : "
        "des consignes écrites.",
        THIERRY,
    ),
    DemoReferral(
        "arras", (FT_ARRAS, "Delcourt"), "Jessica", "Poulain", _d(1993, 5, 10),
        "06 74 30 61 85", "", 45,
        "Demandeuse d’emploi depuis 8 mois, souhaite être accompagnée vers un emploi dans la grande "
        "distribution.",
        KARIM,
        decline_reason="Mme Poulain est déjà accompagnée par Cap emploi 62 dans un parcours en cours : un double "
        "accompagnement n’est pas possible. Vu avec la prescriptrice, qui nous la réorientera si ce parcours "
        "s’arrête.",
        decided_by=THIERRY, meeting_after=6,
    ),
]
# fmt: on


def _seed_prescribers() -> dict[tuple[str, str], Prescriber]:
    prescribers = {}
    for name, kind, insee, email, phone, referents in ORGANISATIONS:
        organisation = PrescriberOrganisation.objects.filter(name=name, kind=kind).first()
        if organisation is None:
            organisation = PrescriberOrganisation.objects.create(
                name=name,
                kind=kind,
                commune=Commune.objects.filter(pk=insee).first(),
                email=email,
                phone=phone,
            )
        for first_name, last_name, job_title, referent_email, referent_phone in referents:
            prescriber, _created = Prescriber.objects.get_or_create(
                organisation=organisation,
                first_name=first_name,
                last_name=last_name,
                defaults={"job_title": job_title, "email": referent_email, "phone": referent_phone},
            )
            prescribers[(name, last_name)] = prescriber
    return prescribers


# France Travail's référents send their summary with the referral (on the prescriber portal).
ORGANISATIONS_SENDING_A_SUMMARY = (FT_LENS, FT_ARRAS)


def _attachments(spec: DemoReferral) -> list[ContentFile]:
    if spec.prescriber[0] not in ORGANISATIONS_SENDING_A_SUMMARY:
        return []
    pdf = minimal_pdf(
        [f"Synthese d'orientation - {spec.first_name} {spec.last_name}", spec.prescriber[0], spec.reason[:90]]
    )
    return [ContentFile(pdf, name="synthese-orientation.pdf")]


def _set_situation(participant, spec: DemoReferral) -> None:
    commune = Commune.objects.filter(pk=spec.commune).first() if spec.commune else None
    for name, value in spec.situation.items():
        setattr(participant, name, value)
    if commune is not None:
        participant.commune = commune
        participant.postal_code = commune.postal_codes.split()[0]
        participant.address = spec.address
    participant.save()


@transaction.atomic
def seed_referrals(*, territories: dict[str, Territory], staff: dict[str, User]) -> None:
    """Add the demo prescribers and referrals; accepted ones open their participant's pathway.

    ``territories`` is keyed by slug ("lens-lievin", "arras"), ``staff`` by email
    (sophie.martin@…, karim.benali@…, isabelle.caron@…, thierry.lemaire@…). Referrals already there
    (same territory, name and birth date) are left as they are.
    """
    today = timezone.localdate()
    prescribers = _seed_prescribers()
    for spec in REFERRALS:
        territory = territories[spec.territory]
        if Referral.objects.filter(
            territory=territory,
            first_name=spec.first_name,
            last_name=spec.last_name,
            birth_date=spec.birth_date,
        ).exists():
            continue
        referred_on = today - datetime.timedelta(days=spec.days_ago)
        referral = referral_create(
            recorded_by=staff[spec.recorded_by],
            territory=territory,
            prescriber=prescribers[spec.prescriber],
            referred_on=referred_on,
            reason=spec.reason,
            first_name=spec.first_name,
            last_name=spec.last_name,
            birth_date=spec.birth_date,
            email=spec.email,
            phone=spec.phone,
            attachments=_attachments(spec),
        )
        decided_on = referred_on + datetime.timedelta(days=spec.meeting_after or 0)
        if spec.decline_reason:
            referral_decline(
                referral=referral, declined_by=staff[spec.decided_by], reason=spec.decline_reason
            )
        elif spec.meeting_after is not None:
            referent = staff[spec.referent]
            pathway = referral_accept(
                referral=referral, accepted_by=referent, first_meeting_on=decided_on, referent=referent
            )
            _set_situation(pathway.participant, spec)
        else:
            continue
        # The decision was taken on the day, not on the day the demo was seeded.
        Referral.objects.filter(pk=referral.pk).update(decided_on=decided_on)
    logger.info("demo: %s referrals in place", Referral.objects.count())
