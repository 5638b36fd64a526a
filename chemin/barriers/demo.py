"""Demo barriers: what stands between the people of Lens-Liévin and Arras and a job, in their
own words, with the job constraints some imply; some being addressed, some lifted, some persistent.

Called by chemin/demo/pathways.py: ``seed_barriers(pathways=…)``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory as C
from chemin.barriers.enums import BarrierStatus as S
from chemin.barriers.enums import CommuteMeans, ConstraintKind
from chemin.barriers.services import ConstraintTerms, barrier_change_status, barrier_create

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway

SCHOOL_HOURS = ConstraintTerms(
    kind=ConstraintKind.HOURS_WINDOW, earliest_start=datetime.time(9), latest_end=datetime.time(16, 30)
)
NO_NIGHT_WORK = ConstraintTerms(kind=ConstraintKind.NO_NIGHT_WORK, kept_after_barrier=True)
NO_WEEKEND = ConstraintTerms(kind=ConstraintKind.NO_WEEKEND)
COMMUTE_15_KM = ConstraintTerms(
    kind=ConstraintKind.MAX_COMMUTE, max_commute_km=15, commute_means=CommuteMeans.PUBLIC_TRANSPORT
)
NO_HEAVY_LOADS = ConstraintTerms(kind=ConstraintKind.NO_HEAVY_LOADS)
NO_STANDING = ConstraintTerms(kind=ConstraintKind.NO_PROLONGED_STANDING)


@dataclass(frozen=True)
class Story:
    category: str
    situation: str
    words: str
    identified_days_ago: int
    # Later status changes: (status, days ago, comment).
    changes: list[tuple[str, int, str]] = field(default_factory=list)
    constraints: list[ConstraintTerms] = field(default_factory=list)


STORIES = [
    Story(
        C.FAMILY,
        "x-school",
        "Personne pour récupérer mes deux enfants à la sortie de l'école à 16 h 30.",
        30,
        [(S.BEING_ADDRESSED, 20, "Dossier déposé au périscolaire de la mairie.")],
        [SCHOOL_HOURS],
    ),
    Story(
        C.MOBILITY,
        "6",
        "Je n'ai pas de voiture et le bus ne passe pas avant 7 h.",
        35,
        [
            (S.BEING_ADDRESSED, 28, "Orientée vers la plateforme mobilité."),
            (S.LIFTED, 6, "Scooter loué par la plateforme mobilité, 1 € par jour."),
        ],
        [COMMUTE_15_KM],
    ),
    Story(
        C.FAMILY,
        "13",
        "Ma fille a 18 mois, la crèche a une liste d'attente jusqu'en septembre.",
        25,
        [
            (
                S.BEING_ADDRESSED,
                15,
                "Demande de place en crèche à vocation d'insertion professionnelle (AVIP).",
            )
        ],
        [SCHOOL_HOURS, NO_WEEKEND],
    ),
    Story(
        C.FINANCES,
        "32",
        "Les dettes de loyer m'empêchent de dormir.",
        40,
        [(S.BEING_ADDRESSED, 33, "Dossier de surendettement monté avec le CCAS.")],
    ),
    Story(
        C.DIGITAL,
        "x-online-steps",
        "Je n'arrive pas à actualiser ma situation sur internet toute seule.",
        20,
        [(S.LIFTED, 4, "Trois séances à l'espace France Services : elle s'actualise seule.")],
    ),
    Story(
        C.HOUSING,
        "27",
        "Je dois quitter mon logement à la fin du mois, je dors chez ma sœur après.",
        15,
        [],
    ),
    Story(
        C.CONFIDENCE,
        "x-long-inactivity",
        "Ça fait six ans que je n'ai pas travaillé, j'ai peur de ne plus savoir.",
        45,
        [(S.BEING_ADDRESSED, 38, "Atelier confiance en soi, quatre séances."), (S.PERSISTENT, 10, "")],
    ),
    Story(
        C.HEALTH,
        "15",
        "Mon dos ne supporte plus les charges lourdes depuis mon opération.",
        28,
        [(S.PERSISTENT, 12, "Suivi par le médecin du travail ; reconversion envisagée.")],
        [NO_HEAVY_LOADS, NO_STANDING],
    ),
    Story(
        C.ADMINISTRATIVE,
        "38",
        "Ma carte d'identité est périmée et je n'ai pas de rendez-vous avant deux mois.",
        22,
        [(S.BEING_ADDRESSED, 18, ""), (S.LIFTED, 3, "Carte d'identité renouvelée.")],
    ),
    Story(
        C.FAMILY,
        "11",
        "Je m'occupe de ma mère le soir et la nuit, elle ne peut pas rester seule.",
        18,
        [],
        [NO_NIGHT_WORK],
    ),
    Story(
        C.FRENCH,
        "x-fle-work",
        "Je parle bien mais j'ai du mal à écrire les mails au travail.",
        26,
        [(S.BEING_ADDRESSED, 20, "Inscrit au cours de français à visée professionnelle.")],
    ),
    Story(
        C.MOBILITY,
        "x-licence",
        "",
        32,
        [(S.BEING_ADDRESSED, 25, "Demande d'aide au permis auprès du Département.")],
        [COMMUTE_15_KM],
    ),
]

# Health barriers need consent; there are few of them in the demo, as in real caseloads.
MAX_HEALTH_BARRIERS = 2


@transaction.atomic
def seed_barriers(*, pathways: Iterable[Pathway]) -> None:
    """One or two barriers for about two open pathways in three; pathways with barriers are left as
    they are, so running it again changes nothing."""
    today = timezone.localdate()
    health = 0
    told = 0
    for pathway in sorted(pathways, key=lambda pathway: pathway.pk):
        if not pathway.is_open or pathway.pk % 3 == 0 or pathway.barriers.exists():
            continue
        for _ in range(1 + pathway.pk % 2):
            # Stories in turn, so every kind of barrier and outcome shows in the demo.
            story = STORIES[told % len(STORIES)]
            told += 1
            if story.category == C.HEALTH:
                if health >= MAX_HEALTH_BARRIERS:
                    continue
                health += 1
            _tell(pathway, story, today)


def _tell(pathway: Pathway, story: Story, today: datetime.date) -> None:
    identified_on = max(pathway.entry_date, today - datetime.timedelta(days=story.identified_days_ago))
    special = story.category in C.special()
    barrier = barrier_create(
        pathway=pathway,
        identified_by=pathway.referent,
        category=story.category,
        situation=story.situation,
        own_words=story.words,
        identified_on=identified_on,
        consent_given_on=identified_on if special else None,
        constraints=story.constraints,
    )
    last = identified_on
    for status, days_ago, comment in story.changes:
        on = min(today, max(last, today - datetime.timedelta(days=days_ago)))
        barrier = barrier_change_status(
            barrier=barrier, status=status, changed_by=pathway.referent, on=on, comment=comment
        )
        last = on
