"""Writes on prescribers that span models."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from chemin.prescribers.models import Prescriber, PrescriberOrganisation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewPrescriber:
    """A référent typed in by hand (in the referral form), with their organisation's name and kind."""

    organisation_name: str
    organisation_kind: str
    first_name: str
    last_name: str
    job_title: str = ""
    email: str = ""
    phone: str = ""


@transaction.atomic
def prescriber_create(*, details: NewPrescriber) -> Prescriber:
    """Add a référent, and their organisation unless one of that kind already reads the same.

    "france travail lens" and "France Travail Lens" are one organisation: the directory must not
    fill up with near twins when people type the name by hand in the referral form.
    """
    organisation = PrescriberOrganisation.objects.same_name(
        name=details.organisation_name, kind=details.organisation_kind
    ).first()
    if organisation is None:
        organisation = PrescriberOrganisation.objects.create(
            name=details.organisation_name.strip(), kind=details.organisation_kind
        )
        logger.info("prescriber organisation %s created", organisation.pk)
    prescriber = Prescriber.objects.create(
        organisation=organisation,
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        job_title=details.job_title.strip(),
        email=details.email,
        phone=details.phone,
    )
    logger.info("prescriber %s created in organisation %s", prescriber.pk, organisation.pk)
    return prescriber
