"""Writes on participants: creating a person's file with their first pathway, editing it.

Views and, later, the API call these; forms have validated the input.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.pathways.services import pathway_open
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.services import consent_record

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)

# What staff record and edit on a file; consent and the search key are the services' business.
PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "phone",
    "email",
    "address",
    "commune",
    "postal_code",
    "income_support",
    "france_travail_registered",
    "france_travail_id",
    "registered_since",
    "rqth",
    "qpv_resident",
    "education_level",
    "has_driving_licence",
    "has_vehicle",
    "languages",
)


def _unknown_fields(data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise TypeError(f"Not participant fields: {sorted(unknown)}")


@transaction.atomic
def participant_create(
    *,
    data: Mapping[str, Any],
    territory: Territory,
    referent: User,
    created_by: User,
    entry_date: datetime.date | None = None,
) -> Pathway:
    """Create a person's file and open their pathway in the territory with the referent.

    The caller has collected the person's consent to the current notice: it is recorded now,
    with CONSENT_TEXT_VERSION. ``data`` holds validated values of PARTICIPANT_FIELDS.
    Raise ValidationError (from ``pathway_open``) when the referent is not staff of the territory.
    """
    _unknown_fields(data)
    participant = Participant(
        **data, consent_given_at=timezone.now(), consent_text_version=CONSENT_TEXT_VERSION
    )
    participant.save()
    consent_record(
        participant=participant, purpose=ConsentPurpose.PROCESSING, granted=True, recorded_by=created_by
    )
    pathway = pathway_open(
        participant=participant,
        territory=territory,
        referent=referent,
        opened_by=created_by,
        entry_date=entry_date,
    )
    logger.info("participant %s created by user %s", participant.pk, created_by.pk)
    return pathway


@transaction.atomic
def participant_update(*, participant: Participant, data: Mapping[str, Any], updated_by: User) -> Participant:
    """Change the identity, contact details or situation of a person's file."""
    _unknown_fields(data)
    for name, value in data.items():
        setattr(participant, name, value)
    participant.save()
    logger.info("participant %s updated by user %s", participant.pk, updated_by.pk)
    return participant
