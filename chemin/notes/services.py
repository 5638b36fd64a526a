"""Writes on notes. Views and, later, the API call these; forms have validated the input."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)


def _check_date(date: datetime.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": _("A note cannot be dated in the future.")})


@transaction.atomic
def note_create(
    *, pathway: Pathway, author: User, date: datetime.date, text: str, visibility: NoteVisibility
) -> Note:
    """Record a note on a pathway. Raise ValidationError for a date in the future."""
    _check_date(date)
    note = Note.objects.create(pathway=pathway, author=author, date=date, text=text, visibility=visibility)
    logger.info("note %s created on pathway %s by user %s (%s)", note.pk, pathway.pk, author.pk, visibility)
    return note


@transaction.atomic
def note_update(
    *, note: Note, edited_by: User, date: datetime.date, text: str, visibility: NoteVisibility
) -> Note:
    """Change a note: only its author may, and never to a date in the future."""
    if note.author_id != edited_by.pk:
        raise PermissionDenied("Only the author of a note may change it.")
    _check_date(date)
    note.date = date
    note.text = text
    note.visibility = visibility
    note.save(update_fields=["date", "text", "visibility", "updated_at"])
    logger.info("note %s updated by user %s (%s)", note.pk, edited_by.pk, visibility)
    return note
