"""Writes of the audit trail: recording a read, and scrubbing a person's values for the RGPD."""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db import transaction

from chemin.audit.models import ChangeEntry, ReadEntry
from chemin.audit.tracking import about_participants

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.audit.reads import ReadFacts

logger = logging.getLogger(__name__)

# What a scrubbed value reads as.
SCRUBBED = "[removed]"


def read_record(*, user: User, read: ReadFacts) -> ReadEntry:
    """One INSERT: who read what, when."""
    return ReadEntry.objects.create(
        user=user,
        participant_id=read.participant_id,
        kind=read.kind,
        url_name=read.url_name,
        object_id=read.object_id,
        filters=read.filters,
    )


def _scrubbed_changes(changes: object) -> dict | None:
    """The same fields, every value blanked: the entry still says which fields changed."""
    if not isinstance(changes, dict):
        return None
    return {
        field: [SCRUBBED] * len(values) if isinstance(values, list) else SCRUBBED
        for field, values in changes.items()
    }


@transaction.atomic
def scrub_participant_history(*, participant_ids: Collection[int]) -> int:
    """Blank the personal values the change log holds about these people — the old and new values
    of each change, the printed name of each row — and keep who did what, when, on which row and
    which fields. Returns the number of entries scrubbed.

    The audit trail is append-only (chemin/audit/models.py); this is the one code allowed to
    touch its rows, because the RGPD anonymisation of a person (chemin/privacy) must not leave
    their name, health or situation readable in the history of their file. Reads (ReadEntry)
    hold no value from the file — who, when, which file and page — and are kept as they are.
    """
    participant_ids = sorted(set(participant_ids))
    if not participant_ids:
        return 0
    entries = list(
        ChangeEntry.objects.filter(about_participants(participant_ids))
        .only("pk", "object_pk", "changes")
        .order_by("pk")
    )
    scrubbed = 0
    for entry in entries:
        scrubbed += ChangeEntry.objects.filter(pk=entry.pk).update_for_scrub(
            changes=_scrubbed_changes(entry.changes),
            changes_text="",
            object_repr=f"#{entry.object_pk}",
            serialized_data=None,
            additional_data=None,
        )
    logger.info("audit: %s change entries scrubbed for participants %s", scrubbed, participant_ids)
    return scrubbed
