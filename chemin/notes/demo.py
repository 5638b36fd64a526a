"""Demo notes for the participant files: the journal a team keeps, in the words counsellors use.

``chemin.demo.pathways`` calls ``seed_notes(pathways=…)`` with the demo pathways. Running
it again adds nothing: each note is found again by its pathway and text.

Restricted notes say only what colleagues need to know to act with care, never the detail.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.pathways.models import Pathway

# (days after the entry date, visibility, text); {first} is the person's first name.
TEAM_NOTES = [
    (
        2,
        NoteVisibility.TEAM,
        "Premier entretien : {first} souhaite travailler dans l’aide à domicile ou le nettoyage, "
        "avec des horaires compatibles avec l’école des enfants (9 h – 16 h). Pas de véhicule : "
        "bus de la ligne Bulle uniquement.",
    ),
    (
        30,
        NoteVisibility.TEAM,
        "Entretien mensuel : {first} a relancé deux employeurs de la zone logistique de Dourges, "
        "sans retour pour l’instant. On refait le point dans quinze jours.",
    ),
    (
        45,
        NoteVisibility.TEAM,
        "Atelier CV collectif : {first} a participé activement ; le CV mentionne désormais le "
        "bénévolat et l’organisation de la vie familiale.",
    ),
    (
        60,
        NoteVisibility.TEAM,
        "Appel de l’agence d’intérim de Liévin : une mission de préparation de commandes pourrait "
        "s’ouvrir en janvier, à proposer à {first}.",
    ),
]
RESTRICTED_NOTES = [
    (10, NoteVisibility.RESTRICTED, "Suivi psychologique en cours, ne pas évoquer en atelier."),
    (
        20,
        NoteVisibility.RESTRICTED,
        "Situation familiale difficile en ce moment : laisser {first} proposer les dates des "
        "prochains rendez-vous.",
    ),
]
SHARED_NOTES = [
    (
        35,
        NoteVisibility.PRESCRIBER,
        "Démarrage d’une PMSMP prévu le mois prochain dans un supermarché de Liévin, sur le poste "
        "d’employé·e libre-service.",
    ),
    (
        40,
        NoteVisibility.PARTICIPANT,
        "Ce que nous avons convenu : mettre le CV à jour, venir à l’information collective de jeudi, "
        "appeler l’agence d’intérim avant vendredi.",
    ),
    (
        50,
        NoteVisibility.PRESCRIBER,
        "Point d’étape pour le référent RSA : rendez-vous tenus, projet professionnel précisé, "
        "recherche active engagée.",
    ),
]


def _notes_for(index: int) -> list[tuple[int, NoteVisibility, str]]:
    """Two to four notes per pathway, a restricted one in every fourth file."""
    notes = [TEAM_NOTES[index % len(TEAM_NOTES)], SHARED_NOTES[index % len(SHARED_NOTES)]]
    if index % 2 == 0:
        notes.append(TEAM_NOTES[(index + 1) % len(TEAM_NOTES)])
    if index % 4 == 1:
        notes.append(RESTRICTED_NOTES[(index // 4) % len(RESTRICTED_NOTES)])
    return notes


@transaction.atomic
def seed_notes(*, pathways: Iterable[Pathway]) -> None:
    """Write a few notes on each pathway, by its referent, dated after its entry and never in
    the future. Idempotent: a note with the same text on the same pathway is not written twice."""
    today = timezone.localdate()
    ordered = sorted(pathways, key=lambda pathway: pathway.pk)
    for index, pathway in enumerate(ordered):
        first_name = pathway.participant.first_name
        # The text is encrypted (no SQL lookup on it): the pathway's notes are compared in Python.
        written = set(Note.objects.filter(pathway=pathway).values_list("text", flat=True))
        for days, visibility, text in _notes_for(index):
            date = min(today, pathway.entry_date + datetime.timedelta(days=days))
            text = text.format(first=first_name)
            if text not in written:
                Note.objects.create(
                    pathway=pathway,
                    text=text,
                    author_id=pathway.referent_id,
                    date=date,
                    visibility=visibility,
                )
                written.add(text)
