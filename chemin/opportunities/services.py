"""Writes on opportunities and placements: creation, status changes, dated history."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.opportunities.enums import (
    PLACEMENT_TRANSITIONS,
    OpportunityStatus,
    PlacementStatus,
    RefusalReason,
)
from chemin.opportunities.models import Opportunity, Placement, PlacementTransition
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.companies.models import Company, CompanyInteraction
    from chemin.events.models import Event

logger = logging.getLogger(__name__)


@transaction.atomic
def opportunity_create(
    *,
    company: Company,
    created_by: User,
    from_interaction: CompanyInteraction | None = None,
    **fields: Any,
) -> Opportunity:
    """A company's need, in its company's territory; the workplace defaults to the company's commune."""
    if from_interaction is not None and from_interaction.company_id != company.pk:
        raise ValueError("The interaction belongs to another company.")
    if fields.get("commune") is None:
        fields["commune"] = company.commune
    if from_interaction is not None and fields.get("contact") is None:
        fields["contact"] = from_interaction.contact
    opportunity = Opportunity(
        company=company,
        territory_id=company.territory_id,
        from_interaction=from_interaction,
        created_by=created_by,
        **fields,
    )
    opportunity.full_clean()
    opportunity.save()
    logger.info("opportunity %s created for company %s by user %s", opportunity.pk, company.pk, created_by.pk)
    return opportunity


@transaction.atomic
def opportunity_set_status(
    *, opportunity: Opportunity, status: str, changed_by: User, on: datetime.date | None = None
) -> Opportunity:
    """Open, filled or closed. Placements already running are left as they are."""
    if status not in OpportunityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status == status:
        return opportunity
    opportunity.status = status
    opportunity.status_changed_on = on or timezone.localdate()
    opportunity.save(update_fields=["status", "status_changed_on", "updated_at"])
    logger.info("opportunity %s set to %s by user %s", opportunity.pk, status, changed_by.pk)
    return opportunity


def closed_opportunity_message(opportunity: Opportunity) -> str:
    if opportunity.status == OpportunityStatus.FILLED:
        return _("This job offer is filled: no one can be put forward on it any more.")
    return _("This job offer is closed: no one can be put forward on it any more.")


@transaction.atomic
def placement_create(
    *,
    pathway: Pathway,
    opportunity: Opportunity,
    created_by: User,
    on: datetime.date | None = None,
    event: Event | None = None,
) -> Placement:
    """Put a person forward on an opportunity, in the "proposed to the person" status.

    Refused on an opportunity that is not open, for a closed pathway, another territory, or a
    person already put forward on it. The first placement of a pathway records the day of its
    first job proposal.
    """
    on = on or timezone.localdate()
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    if not opportunity.is_open:
        raise ValidationError(closed_opportunity_message(opportunity))
    # Locked: two placements created at once must agree on which one was the first proposal.
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not pathway.is_open:
        raise ValidationError(_("This pathway is closed: the person cannot be put forward any more."))
    if pathway.territory_id != opportunity.territory_id:
        raise ValidationError(_("This job offer belongs to another territory."))
    if event is not None and event.territory_id != opportunity.territory_id:
        raise ValidationError(_("This event belongs to another territory."))
    if Placement.objects.filter(pathway=pathway, opportunity=opportunity).exists():
        raise ValidationError(_("This person is already put forward on this job offer."))
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                pathway=pathway,
                opportunity=opportunity,
                status=PlacementStatus.PROPOSED,
                status_changed_on=on,
                proposed_on=on,
                created_by=created_by,
                event=event,
            )
    except IntegrityError:
        raise ValidationError(_("This person is already put forward on this job offer.")) from None
    PlacementTransition.objects.create(
        placement=placement, from_status="", to_status=PlacementStatus.PROPOSED, on=on, by=created_by
    )
    if pathway.first_job_proposal_on is None or on < pathway.first_job_proposal_on:
        pathway.first_job_proposal_on = on
        pathway.save(update_fields=["first_job_proposal_on", "updated_at"])
    logger.info(
        "placement %s: pathway %s put forward on opportunity %s by user %s",
        placement.pk,
        pathway.pk,
        opportunity.pk,
        created_by.pk,
    )
    return placement


@transaction.atomic
def placement_change_status(
    *,
    placement: Placement,
    status: str,
    changed_by: User,
    on: datetime.date | None = None,
    refusal_reason: str = "",
    refusal_detail: str = "",
    comment: str = "",
) -> Placement:
    """Move a placement along its pipeline (enums.PLACEMENT_TRANSITIONS), keeping the dated change.

    A refusal needs its reason, and "other reason" needs a few words.
    """
    on = on or timezone.localdate()
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if status not in PLACEMENT_TRANSITIONS.get(placement.status, ()):
        if placement.is_final:
            message = _("This placement is over (%(status)s): its status no longer changes.")
        else:
            message = _("A placement cannot go from “%(status)s” to “%(new)s”.")
        new_label = PlacementStatus(status).label if status in PlacementStatus.values else status
        raise ValidationError(
            {"status": message % {"status": placement.get_status_display(), "new": new_label}}
        )
    if on < placement.status_changed_on:
        raise ValidationError({"on": _("A status cannot change before the previous change.")})
    if status == PlacementStatus.REFUSED:
        if refusal_reason not in RefusalReason.values:
            raise ValidationError({"refusal_reason": _("Say why it was refused.")})
        if refusal_reason == RefusalReason.OTHER and not refusal_detail.strip():
            raise ValidationError({"refusal_detail": _("Say in a few words why it was refused.")})
    else:
        refusal_reason, refusal_detail = "", ""
    previous = placement.status
    placement.status = status
    placement.status_changed_on = on
    placement.refusal_reason = refusal_reason
    placement.refusal_detail = refusal_detail.strip()
    placement.save(
        update_fields=["status", "status_changed_on", "refusal_reason", "refusal_detail", "updated_at"]
    )
    PlacementTransition.objects.create(
        placement=placement, from_status=previous, to_status=status, on=on, by=changed_by, comment=comment
    )
    logger.info("placement %s: %s → %s by user %s", placement.pk, previous, status, changed_by.pk)
    return placement
