"""Writes of RGPD records: a consent given or refused. (Anonymisation: anonymisation.py.)

Logs carry ids only.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.participants.models import CONSENT_TEXT_VERSION
from chemin.privacy.enums import DEFAULT_SHARED_ITEMS, ConsentChannel, ConsentPurpose, SharedItem
from chemin.privacy.models import ConsentRecord

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

logger = logging.getLogger(__name__)


@transaction.atomic
def consent_record(
    *,
    participant: Participant,
    purpose: ConsentPurpose | str,
    granted: bool,
    recorded_by: User | None,
    by_participant: bool = False,
    channel: ConsentChannel | str = ConsentChannel.IN_PERSON,
    given_on: datetime.date | None = None,
    scope: Iterable[str] | None = None,
    notice_version: str = CONSENT_TEXT_VERSION,
) -> ConsentRecord:
    """Add a record to the person's consent history (records are never changed afterwards).

    For the sharing with the prescriber, ``scope`` lists what the prescriber may see (SharedItem
    values); given without a scope, it is the milestones only. Other purposes take no scope.
    """
    purpose = ConsentPurpose(purpose)
    if purpose == ConsentPurpose.PRESCRIBER_SHARING:
        items = list(DEFAULT_SHARED_ITEMS if scope is None and granted else scope or [])
        unknown = set(items) - set(SharedItem.values)
        if unknown:
            raise ValueError(f"Unknown shared items: {sorted(unknown)}")
        # Kept in SharedItem's order, each once.
        items = [item for item in SharedItem.values if item in items]
    elif scope:
        raise ValueError("Only the sharing with the prescriber has a scope.")
    else:
        items = []
    record = ConsentRecord.objects.create(
        participant=participant,
        purpose=purpose,
        granted=granted,
        scope=items,
        notice_version=notice_version,
        given_on=given_on or timezone.localdate(),
        recorded_by=recorded_by,
        by_participant=by_participant,
        channel=channel,
    )
    logger.info(
        "consent %s (%s, granted=%s) recorded for participant %s by user %s",
        record.pk,
        purpose.value,
        granted,
        participant.pk,
        recorded_by.pk if recorded_by else None,
    )
    return record
