"""Writes on pathways: opening one, moving it through its phases, handing it to another referent.

Views and, later, the API call these; forms have validated the input, the services keep the
rules that must hold whoever calls them.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.pathways.enums import OPEN_PHASES, Phase
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange
from chemin.pathways.selectors import is_possible_referent

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)


def _check_referent(referent: User, territory: Territory, *, field: str) -> None:
    if not is_possible_referent(referent, territory):
        raise ValidationError({field: _("Choose a counsellor or manager of this territory.")})


@transaction.atomic
def pathway_open(
    *,
    participant: Participant,
    territory: Territory,
    referent: User,
    opened_by: User,
    entry_date: datetime.date | None = None,
) -> Pathway:
    """Open a pathway for a participant whose pathways are all closed.

    Raise ValidationError when the person already has an open pathway (the database allows only
    one), when the referent is not staff of the territory, or when the entry date is in the future.
    """
    entry_date = entry_date or timezone.localdate()
    if entry_date > timezone.localdate():
        raise ValidationError({"entry_date": _("The entry date cannot be in the future.")})
    _check_referent(referent, territory, field="referent")
    already_open = _("This person already has an open pathway.")
    if Pathway.objects.filter(participant=participant).open().exists():
        raise ValidationError(already_open, code="already_open")
    try:
        # Two people opening one at the same moment: the database's one-open-pathway constraint decides.
        with transaction.atomic():
            pathway = Pathway.objects.create(
                participant=participant, territory=territory, referent=referent, entry_date=entry_date
            )
    except IntegrityError:
        raise ValidationError(already_open, code="already_open") from None
    logger.info(
        "pathway %s opened for participant %s in territory %s by user %s",
        pathway.pk,
        participant.pk,
        territory.pk,
        opened_by.pk,
    )
    return pathway


@transaction.atomic
def pathway_change_phase(*, pathway: Pathway, phase: Phase, changed_by: User) -> PhaseChange:
    """Move an open pathway to another open phase and log it; closing is done by the exit."""
    if phase not in OPEN_PHASES:
        raise ValidationError({"phase": _("Choose welcome, towards employment or in employment.")})
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not pathway.is_open:
        raise ValidationError(_("This pathway is closed."), code="closed")
    if pathway.phase == phase:
        raise ValidationError({"phase": _("The pathway is already in this phase.")})
    change = PhaseChange.objects.create(
        pathway=pathway, previous_phase=pathway.phase, new_phase=phase, changed_by=changed_by
    )
    pathway.phase = phase
    pathway.save(update_fields=["phase", "updated_at"])
    logger.info("pathway %s moved to phase %s by user %s", pathway.pk, phase, changed_by.pk)
    return change


@transaction.atomic
def pathway_record_contact(*, pathway: Pathway, on: datetime.date, recorded_by: User) -> Pathway:
    """Note a meeting, call or message with the person; the latest contact is the one kept."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not pathway.is_open:
        raise ValidationError(_("This pathway is closed."), code="closed")
    if on < pathway.entry_date:
        raise ValidationError({"contact_on": _("A contact cannot be before the entry date.")})
    if pathway.last_contact_on is None or on > pathway.last_contact_on:
        pathway.last_contact_on = on
        pathway.save(update_fields=["last_contact_on", "updated_at"])
    logger.info("contact recorded on pathway %s by user %s", pathway.pk, recorded_by.pk)
    return pathway


@transaction.atomic
def pathway_reassign_referent(
    *, pathway: Pathway, new_referent: User, changed_by: User, reason: str = ""
) -> ReferentChange:
    """Hand an open pathway to another counsellor of its territory, keeping who did it and why.

    Who may do it (the territory's managers and the current referent) is the view's check.
    """
    pathway = Pathway.objects.select_for_update().select_related("territory").get(pk=pathway.pk)
    if not pathway.is_open:
        raise ValidationError(_("This pathway is closed."), code="closed")
    if new_referent.pk == pathway.referent_id:
        raise ValidationError({"new_referent": _("This counsellor is already the referent.")})
    _check_referent(new_referent, pathway.territory, field="new_referent")
    change = ReferentChange.objects.create(
        pathway=pathway,
        previous_referent_id=pathway.referent_id,
        new_referent=new_referent,
        changed_by=changed_by,
        reason=reason.strip(),
    )
    pathway.referent = new_referent
    pathway.save(update_fields=["referent", "updated_at"])
    logger.info(
        "pathway %s reassigned from user %s to user %s by user %s",
        pathway.pk,
        change.previous_referent_id,
        new_referent.pk,
        changed_by.pk,
    )
    return change
