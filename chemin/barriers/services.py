"""Recording barriers and moving them along their lifecycle; every change is a dated transition.

Logs carry ids only: never the category, situation or words (special-category data).
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.accounts.models import User
from chemin.barriers.enums import TRANSITIONS, BarrierCategory, BarrierStatus
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)


@transaction.atomic
def barrier_create(
    *,
    pathway: Pathway,
    identified_by: User,
    category: str,
    situation: str = "",
    own_words: str = "",
    identified_on: datetime.date | None = None,
    consent_given_on: datetime.date | None = None,
) -> Barrier:
    identified_on = identified_on or timezone.localdate()
    if category in BarrierCategory.special() and consent_given_on is None:
        raise ValidationError(
            {
                "consent_given_on": _(
                    "Health and justice are sensitive data: record the day the person agreed "
                    "to their recording first."
                )
            }
        )
    barrier = Barrier.objects.create(
        pathway=pathway,
        identified_by=identified_by,
        category=category,
        situation=situation,
        own_words=own_words,
        identified_on=identified_on,
        status=BarrierStatus.IDENTIFIED,
        status_changed_on=identified_on,
        consent_given_on=consent_given_on if category in BarrierCategory.special() else None,
    )
    BarrierTransition.objects.create(
        barrier=barrier,
        from_status="",
        to_status=BarrierStatus.IDENTIFIED,
        on=identified_on,
        by=identified_by,
    )
    logger.info("barrier %s recorded on pathway %s by user %s", barrier.pk, pathway.pk, identified_by.pk)
    return barrier


@transaction.atomic
def barrier_change_status(
    *, barrier: Barrier, status: str, changed_by: User, on: datetime.date | None = None, comment: str = ""
) -> Barrier:
    """Move the barrier on; lifting or dropping it ends its constraints, except those kept."""
    on = on or timezone.localdate()
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if status not in TRANSITIONS[barrier.status]:
        raise ValidationError(
            {
                "status": _("A barrier “%(current)s” cannot become “%(wanted)s”.")
                % {"current": barrier.get_status_display(), "wanted": BarrierStatus(status).label}
            }
        )
    if on < barrier.status_changed_on:
        raise ValidationError({"on": _("This date is before the barrier's last change.")})
    BarrierTransition.objects.create(
        barrier=barrier, from_status=barrier.status, to_status=status, on=on, by=changed_by, comment=comment
    )
    barrier.status = status
    barrier.status_changed_on = on
    barrier.save(update_fields=["status", "status_changed_on", "updated_at"])
    if status in BarrierStatus.ending_constraints():
        ended = (
            JobConstraint.objects.current()
            .filter(barrier=barrier, kept_after_barrier=False)
            .update(ended_on=on)
        )
        logger.info(
            "barrier %s set to %s by user %s, %s constraint(s) ended",
            barrier.pk,
            status,
            changed_by.pk,
            ended,
        )
    else:
        logger.info("barrier %s set to %s by user %s", barrier.pk, status, changed_by.pk)
    return barrier
