"""Demo portfolios: what people have lived and can do, informal skills first-class.

``chemin.demo.pathways`` calls ``seed_portfolios(participants=…)`` with the demo
participants. Running it again adds nothing: experiences are found again by their title, skills
by their label.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from chemin.participants.access import current_pathway
from chemin.participants.models import Participant
from chemin.portfolio.enums import ExperienceKind, SkillKind
from chemin.portfolio.models import Experience, Skill
from chemin.referentials.models import RomeJob

# Each profile: experiences (kind, title, organisation, months ago started, months it lasted or
# None if ongoing, description, ROME code) and skills (label, kind, self-rating, validated,
# title of the experience it comes from or a few words, ROME code).
PROFILES: list[dict[str, Any]] = [
    {
        "experiences": [
            (
                ExperienceKind.FAMILY_LIFE,
                "Au foyer pendant 6 ans pour élever trois enfants",
                "",
                84,
                72,
                "Gestion du budget familial, organisation des rendez-vous médicaux et scolaires, "
                "lien avec l’assistante sociale et la CAF.",
                "",
            ),
            (
                ExperienceKind.VOLUNTEERING,
                "Bénévole aux Restos du Cœur de Lens",
                "Restos du Cœur, Lens",
                18,
                None,
                "Accueil des familles le mardi et le jeudi, préparation et distribution des colis.",
                "",
            ),
        ],
        "skills": [
            (
                "Gestion d’un budget",
                SkillKind.INFORMAL,
                4,
                True,
                "Au foyer pendant 6 ans pour élever trois enfants",
                "",
            ),
            (
                "Organisation",
                SkillKind.TRANSVERSAL,
                3,
                True,
                "Au foyer pendant 6 ans pour élever trois enfants",
                "",
            ),
            ("Accueil du public", SkillKind.TRANSVERSAL, 3, False, "Bénévole aux Restos du Cœur de Lens", ""),
            ("Travail en équipe", SkillKind.TRANSVERSAL, 3, False, "Bénévole aux Restos du Cœur de Lens", ""),
        ],
    },
    {
        "experiences": [
            (
                ExperienceKind.PAID_WORK,
                "Préparateur de commandes en intérim",
                "Plateforme logistique, Dourges",
                40,
                14,
                "Préparation au scanner, filmage des palettes, travail en 2x8.",
                "N1103",
            ),
            (
                ExperienceKind.IMMERSION,
                "PMSMP cariste",
                "Entrepôt de Lauwin-Planque",
                3,
                1,
                "Deux semaines d’observation sur chariot élévateur, avec le chef d’équipe.",
                "N1101",
            ),
        ],
        "skills": [
            (
                "Préparation de commandes",
                SkillKind.PROFESSIONAL,
                3,
                True,
                "Préparateur de commandes en intérim",
                "N1103",
            ),
            (
                "Respect des consignes de sécurité",
                SkillKind.TRANSVERSAL,
                3,
                False,
                "Préparateur de commandes en intérim",
                "",
            ),
            ("Ponctualité", SkillKind.TRANSVERSAL, 4, False, "", ""),
        ],
    },
    {
        "experiences": [
            (
                ExperienceKind.FAMILY_LIFE,
                "Aidant familial d’un parent âgé pendant 3 ans",
                "",
                48,
                36,
                "Aide aux repas et à la toilette, suivi des traitements, lien avec les infirmières.",
                "",
            ),
            (
                ExperienceKind.TRAINING,
                "Module « Assistant de vie aux familles »",
                "GRETA, Lens",
                6,
                2,
                "Premier module du titre professionnel ADVF.",
                "K1302",
            ),
        ],
        "skills": [
            (
                "Aide aux gestes du quotidien",
                SkillKind.PROFESSIONAL,
                3,
                False,
                "Aidant familial d’un parent âgé pendant 3 ans",
                "K1302",
            ),
            ("Écoute", SkillKind.TRANSVERSAL, 4, True, "", ""),
            ("Prise en charge d’enfants ou de proches", SkillKind.INFORMAL, 4, True, "à la maison", ""),
        ],
    },
    {
        "experiences": [
            (
                ExperienceKind.PAID_WORK,
                "Employé libre-service",
                "Supermarché, Liévin",
                60,
                30,
                "Mise en rayon, inventaires, remplacement en caisse le samedi.",
                "D1507",
            ),
        ],
        "skills": [
            ("Mise en rayon", SkillKind.PROFESSIONAL, 4, True, "Employé libre-service", "D1507"),
            ("Tenue de caisse", SkillKind.PROFESSIONAL, 2, False, "Employé libre-service", "D1505"),
            ("Relation client", SkillKind.TRANSVERSAL, 3, False, "", ""),
        ],
    },
    {
        "experiences": [
            (
                ExperienceKind.PAID_WORK,
                "Agent d’entretien en CDD de 6 mois",
                "Collège, Avion",
                20,
                6,
                "Entretien des classes et des sanitaires, horaires décalés tôt le matin.",
                "K2205",
            ),
            (
                ExperienceKind.VOLUNTEERING,
                "Bénévole au club de football de Bully-les-Mines",
                "Club de football, Bully-les-Mines",
                30,
                None,
                "Tenue de la buvette, organisation des tournois de jeunes.",
                "",
            ),
        ],
        "skills": [
            (
                "Entretien des locaux",
                SkillKind.PROFESSIONAL,
                3,
                True,
                "Agent d’entretien en CDD de 6 mois",
                "K2205",
            ),
            (
                "Gestion d’une caisse de buvette",
                SkillKind.INFORMAL,
                3,
                False,
                "Bénévole au club de football de Bully-les-Mines",
                "",
            ),
            (
                "Coordination de plusieurs tâches à la fois",
                SkillKind.INFORMAL,
                2,
                False,
                "au club de foot",
                "",
            ),
        ],
    },
    {
        "experiences": [
            (
                ExperienceKind.PAID_WORK,
                "Plonge et aide en cuisine",
                "Brasserie, Arras",
                26,
                9,
                "Plonge, épluchage, mise en place, service du midi en renfort.",
                "G1605",
            ),
        ],
        "skills": [
            ("Hygiène en cuisine", SkillKind.PROFESSIONAL, 3, False, "Plonge et aide en cuisine", "G1602"),
            ("Rapidité d’exécution", SkillKind.TRANSVERSAL, 3, True, "Plonge et aide en cuisine", ""),
        ],
    },
]


def _months_ago(today: datetime.date, months: int) -> datetime.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, 1)


@transaction.atomic
def seed_portfolios(*, participants: Iterable[Participant]) -> None:
    """Give each participant a portfolio from PROFILES, in turn: experiences (informal ones
    included), skills with a self-rating, some validated by the current referent."""
    today = timezone.localdate()
    rome_jobs = {job.code: job for job in RomeJob.objects.filter(code__in=_rome_codes())}
    for index, participant in enumerate(sorted(participants, key=lambda p: p.pk)):
        profile = PROFILES[index % len(PROFILES)]
        pathway = current_pathway(participant)
        validator = pathway.referent if pathway else None
        experiences = {}
        for kind, title, organisation, started, lasted, description, rome_code in profile["experiences"]:
            start_date = _months_ago(today, started)
            end_date = None if lasted is None else min(today, _months_ago(today, started - lasted))
            experiences[title], _created = Experience.objects.get_or_create(
                participant=participant,
                title=title,
                defaults={
                    "kind": kind,
                    "organisation": organisation,
                    "start_date": start_date,
                    "end_date": end_date,
                    "description": description,
                    "rome_job": rome_jobs.get(rome_code),
                },
            )
        for label, kind, rating, validated, source, rome_code in profile["skills"]:
            Skill.objects.get_or_create(
                participant=participant,
                label=label,
                defaults={
                    "kind": kind,
                    "self_rating": rating,
                    "source_experience": experiences.get(source),
                    "source_text": "" if source in experiences else source,
                    "validated_by": validator if validated else None,
                    "validated_on": today - datetime.timedelta(days=7 + index % 20)
                    if validated and validator
                    else None,
                    "rome_job": rome_jobs.get(rome_code),
                },
            )


def _rome_codes() -> set[str]:
    codes = {experience[6] for profile in PROFILES for experience in profile["experiences"]}
    codes |= {skill[5] for profile in PROFILES for skill in profile["skills"]}
    return codes - {""}
