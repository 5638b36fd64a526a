"""Writes on companies, their contacts and the interactions logged with them."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.companies.models import Company, CompanyContact, CompanyInteraction

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)

COMPANY_FIELDS = (
    "name",
    "siret",
    "naf_code",
    "naf_sector",
    "size_band",
    "address",
    "postal_code",
    "commune",
    "relationship",
    "hosts_immersions",
    "attends_job_datings",
    "inclusive_hiring_charter",
    "followed_by",
)
CONTACT_FIELDS = ("first_name", "last_name", "job_title", "phone", "email")


@transaction.atomic
def company_create(*, territory: Territory, created_by: User, **data: Any) -> Company:
    """A company followed by ``territory``; ``data`` holds the fields of COMPANY_FIELDS."""
    company = Company(territory=territory, **data)
    company.full_clean(exclude={"search_name"})
    company.save()
    logger.info("company %s created in territory %s by user %s", company.pk, territory.pk, created_by.pk)
    return company


@transaction.atomic
def company_update(*, company: Company, updated_by: User, **data: Any) -> Company:
    for name, value in data.items():
        setattr(company, name, value)
    company.full_clean(exclude={"search_name"})
    company.save()
    logger.info("company %s updated by user %s", company.pk, updated_by.pk)
    return company


@transaction.atomic
def contact_create(*, company: Company, **data: Any) -> CompanyContact:
    contact = CompanyContact(company=company, **data)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: CompanyContact, **data: Any) -> CompanyContact:
    for name, value in data.items():
        setattr(contact, name, value)
    contact.full_clean()
    contact.save()
    return contact


def contact_deactivate(*, contact: CompanyContact) -> CompanyContact:
    """The person left the company: kept for the history of interactions, no longer offered."""
    if contact.is_active:
        contact.is_active = False
        contact.save(update_fields=["is_active", "updated_at"])
    return contact


@transaction.atomic
def interaction_log(
    *,
    company: Company,
    staff: User,
    date: datetime.date,
    channel: str,
    summary: str,
    contact: CompanyContact | None = None,
    outcome: str = "",
    next_action: str = "",
    next_action_on: datetime.date | None = None,
) -> CompanyInteraction:
    """Record a contact with the company and move its last contact forward (never backward).

    Raises ValidationError for a date in the future, a contact of another company, or a next
    action dated before the interaction.
    """
    errors: dict[str, str] = {}
    if date > timezone.localdate():
        errors["date"] = _("The date of an interaction cannot be in the future.")
    if contact is not None and contact.company_id != company.pk:
        errors["contact"] = _("Choose a contact of this company.")
    if next_action_on is not None and next_action_on < date:
        errors["next_action_on"] = _("The next action cannot be planned before the interaction.")
    if errors:
        raise ValidationError(errors)
    interaction = CompanyInteraction.objects.create(
        company=company,
        staff=staff,
        date=date,
        channel=channel,
        contact=contact,
        summary=summary,
        outcome=outcome,
        next_action=next_action,
        next_action_on=next_action_on if next_action else None,
    )
    # One conditional UPDATE: two interactions logged at once cannot move the date backwards.
    Company.objects.filter(pk=company.pk).filter(
        Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=date)
    ).update(last_contact_on=date, updated_at=timezone.now())
    if company.last_contact_on is None or company.last_contact_on < date:
        company.last_contact_on = date
    logger.info("interaction %s logged on company %s by user %s", interaction.pk, company.pk, staff.pk)
    return interaction


def next_action_mark_done(*, interaction: CompanyInteraction, done_by: User) -> CompanyInteraction:
    if not interaction.next_action_done:
        interaction.next_action_done = True
        interaction.save(update_fields=["next_action_done", "updated_at"])
        logger.info("next action of interaction %s done by user %s", interaction.pk, done_by.pk)
    return interaction
