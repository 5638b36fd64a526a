"""Reads of the consent history: the records, and the current state of each purpose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.models import ConsentRecord

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from chemin.participants.models import Participant


def consent_history(participant: Participant) -> QuerySet[ConsentRecord]:
    """Every consent record of the person, the latest first, with who recorded it."""
    return (
        ConsentRecord.objects.filter(participant=participant)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-pk")
    )


def current_consents(
    participant: Participant, *, history: list[ConsentRecord] | None = None
) -> dict[str, ConsentRecord | None]:
    """For each purpose, its latest record (None: never asked). One query, none with ``history``."""
    records = history if history is not None else list(consent_history(participant))
    current: dict[str, ConsentRecord | None] = dict.fromkeys(ConsentPurpose.values)
    for record in records:  # newest first: the first one met is the current one
        if current[record.purpose] is None:
            current[record.purpose] = record
    return current


def has_consent(participant: Participant, purpose: ConsentPurpose | str) -> bool:
    """Whether the latest record for ``purpose`` grants it."""
    latest = (
        ConsentRecord.objects.filter(participant=participant, purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


def prescriber_shared_items(participant: Participant) -> frozenset[str]:
    """What the person lets their prescriber see (SharedItem values): nothing unless the latest
    sharing record grants it."""
    latest = (
        ConsentRecord.objects.filter(participant=participant, purpose=ConsentPurpose.PRESCRIBER_SHARING)
        .order_by("-recorded_at", "-pk")
        .values_list("granted", "scope")
        .first()
    )
    if latest is None or not latest[0]:
        return frozenset()
    return frozenset(latest[1])
