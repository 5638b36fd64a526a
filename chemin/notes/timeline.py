"""The notes' part of the participant timeline (chemin.core.timeline)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent
from chemin.notes.models import Note

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

DETAIL_WORDS = 40


def note_events(participant: Participant, user: User) -> Iterable[TimelineEvent]:
    """One event per note the user may read — the same query as the list, so a restricted note
    never reaches someone who may not read it. One query, whatever the number of notes."""
    notes = Note.objects.visible_to(user).for_participant(participant).select_related("author").newest_first()
    url = reverse("notes:list", kwargs={"participant_pk": participant.pk})
    return [
        TimelineEvent(
            at=note.date,
            kind="note",
            kind_label=_("Note"),
            title=_("Note written by %(author)s") % {"author": note.author.get_full_name()},
            detail=Truncator(note.text).words(DETAIL_WORDS),
            url=url,
            extra={"visibility": note.visibility, "visibility_label": note.get_visibility_display()},
        )
        for note in notes
    ]
