"""Recording barriers and moving them along their lifecycle; every change is a dated transition.

Logs carry ids only: never the category, situation or words (special-category data).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.accounts.models import User
from chemin.barriers.enums import TRANSITIONS, BarrierCategory, BarrierStatus, ConstraintKind
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from chemin.pathways.models import Pathway
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.services import consent_record

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConstraintTerms:
    """What a job must respect: the kind, and the figures that kind needs."""

    kind: str
    earliest_start: datetime.time | None = None
    latest_end: datetime.time | None = None
    max_commute_km: int | None = None
    max_commute_minutes: int | None = None
    commute_means: str = ""
    kept_after_barrier: bool = False

    def validate(self) -> None:
        if self.kind == ConstraintKind.HOURS_WINDOW:
            if self.earliest_start is None or self.latest_end is None:
                raise ValidationError({"latest_end": _("Give the earliest start and the latest end.")})
            if self.earliest_start >= self.latest_end:
                raise ValidationError({"latest_end": _("The latest end must come after the earliest start.")})
        if self.kind == ConstraintKind.MAX_COMMUTE and (
            self.max_commute_km is None and self.max_commute_minutes is None
        ):
            raise ValidationError(
                {"max_commute_km": _("Give a maximum commute in kilometres, in minutes or both.")}
            )


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
    constraints: Sequence[ConstraintTerms] = (),
) -> Barrier:
    """Record a barrier as it emerges, with the job constraints it implies (from the same day).

    Health and justice need the day the person agreed to their recording.
    """
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
    if barrier.consent_given_on is not None:
        consent_record(
            participant=pathway.participant,
            purpose=ConsentPurpose.SPECIAL_CATEGORY,
            granted=True,
            recorded_by=identified_by,
            given_on=barrier.consent_given_on,
        )
    for terms in constraints:
        job_constraint_create(
            pathway=pathway, created_by=identified_by, terms=terms, barrier=barrier, started_on=identified_on
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


@transaction.atomic
def job_constraint_create(
    *,
    pathway: Pathway,
    created_by: User,
    terms: ConstraintTerms,
    barrier: Barrier | None = None,
    started_on: datetime.date | None = None,
) -> JobConstraint:
    """A constraint a job must respect, from a barrier or on its own."""
    terms.validate()
    if barrier is not None and barrier.pathway_id != pathway.pk:
        raise ValueError("The barrier belongs to another pathway.")
    constraint = JobConstraint.objects.create(
        pathway=pathway,
        barrier=barrier,
        kind=terms.kind,
        earliest_start=terms.earliest_start if terms.kind == ConstraintKind.HOURS_WINDOW else None,
        latest_end=terms.latest_end if terms.kind == ConstraintKind.HOURS_WINDOW else None,
        max_commute_km=terms.max_commute_km if terms.kind == ConstraintKind.MAX_COMMUTE else None,
        max_commute_minutes=terms.max_commute_minutes if terms.kind == ConstraintKind.MAX_COMMUTE else None,
        commute_means=terms.commute_means if terms.kind == ConstraintKind.MAX_COMMUTE else "",
        kept_after_barrier=terms.kept_after_barrier if barrier is not None else False,
        started_on=started_on or timezone.localdate(),
        created_by=created_by,
    )
    logger.info("job constraint %s added on pathway %s by user %s", constraint.pk, pathway.pk, created_by.pk)
    return constraint


@transaction.atomic
def job_constraint_end(
    *, constraint: JobConstraint, ended_by: User, on: datetime.date | None = None
) -> JobConstraint:
    """The job no longer needs to respect it (whether or not its barrier is lifted)."""
    on = on or timezone.localdate()
    constraint = JobConstraint.objects.select_for_update().get(pk=constraint.pk)
    if constraint.ended_on is not None:
        raise ValidationError({"on": _("This constraint has already ended.")})
    if on < constraint.started_on:
        raise ValidationError({"on": _("A constraint cannot end before it started.")})
    constraint.ended_on = on
    constraint.save(update_fields=["ended_on", "updated_at"])
    logger.info("job constraint %s ended by user %s", constraint.pk, ended_by.pk)
    return constraint
