"""Demo steps: the small steps people of Lens-Liévin and Arras take towards work, some reached
(milestones), some overdue, some carried by a partner.

Called by chemin/demo/pathways.py: ``seed_steps(pathways=…)``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.steps.enums import StepOwner as O
from chemin.steps.enums import StepStatus as S
from chemin.steps.models import Step
from chemin.steps.services import step_create

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway

# (title, owner, partner's name, due in days from today (None: no date), status, done days ago).
# "{town}" is the pathway's town: Liévin or Arras.
STEPS = [
    ("Mettre à jour le CV", O.PARTICIPANT, "", -20, S.DONE, 12),
    ("S'inscrire à l'atelier confiance en soi", O.COUNSELLOR, "", 7, S.TODO, None),
    ("Demander l'aide au permis au Département", O.PARTICIPANT, "", -4, S.TODO, None),
    ("Appeler la crèche de {town}", O.PARTICIPANT, "", 3, S.IN_PROGRESS, None),
    (
        "Rendez-vous avec la plateforme mobilité",
        O.PARTNER,
        "Plateforme mobilité du Pas-de-Calais",
        10,
        S.TODO,
        None,
    ),
    ("Créer son espace France Travail", O.PARTICIPANT, "", None, S.DONE, 25),
    ("Préparer l'immersion en entreprise (PMSMP)", O.COUNSELLOR, "", 14, S.IN_PROGRESS, None),
    ("Faire le point sur le budget", O.PARTNER, "CCAS de {town}", -9, S.TODO, None),
    ("Acheter des chaussures de sécurité", O.PARTICIPANT, "", -6, S.DONE, 5),
    ("Réviser le code de la route", O.PARTICIPANT, "", 30, S.TODO, None),
    ("Envoyer trois candidatures spontanées", O.PARTICIPANT, "", -2, S.DONE, 1),
    ("Trouver une solution de garde le mercredi", O.PARTICIPANT, "", None, S.DROPPED, None),
]


def _town(pathway: Pathway) -> str:
    return "Arras" if pathway.territory.slug == "arras" else "Liévin"


@transaction.atomic
def seed_steps(*, pathways: Iterable[Pathway]) -> None:
    """Give each open pathway without steps two to five of them; pathways with steps are left as they are."""
    today = timezone.localdate()
    for pathway in pathways:
        if not pathway.is_open or pathway.steps.exists():
            continue
        count = 2 + pathway.pk % 4
        start = (pathway.pk * 5) % len(STEPS)
        for offset in range(count):
            title, owner, owner_name, due_in, status, done_ago = STEPS[(start + offset) % len(STEPS)]
            town = _town(pathway)
            step = step_create(
                pathway=pathway,
                created_by=pathway.referent,
                title=title.format(town=town),
                owner=owner,
                owner_name=owner_name.format(town=town),
                due_date=today + datetime.timedelta(days=due_in) if due_in is not None else None,
                status=status,
            )
            if done_ago is not None:
                # Reached some days ago, not all today: the milestones spread along the pathway.
                done_on = max(pathway.entry_date, today - datetime.timedelta(days=done_ago))
                Step.objects.filter(pk=step.pk).update(done_on=done_on)
