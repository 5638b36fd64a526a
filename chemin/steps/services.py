"""Writes on steps. Marking a step done dates it: done steps are the pathway's milestones."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)


class PathwayNotOpen(Exception):
    """Steps are written during an open accompaniment only."""


def _check_open(pathway: Pathway) -> None:
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")


def _apply_status(step: Step, status: StepStatus, *, by_participant: bool = False) -> None:
    if status == StepStatus.DONE:
        # Marking done again keeps the day it was first done, and who ticked it.
        if step.done_on is None:
            step.done_on = timezone.localdate()
            step.done_by_participant = by_participant
    else:
        step.done_on = None
        step.done_by_participant = False
    step.status = status


@transaction.atomic
def step_create(
    *,
    pathway: Pathway,
    created_by: User | None,
    title: str,
    owner: StepOwner,
    owner_name: str = "",
    due_date: datetime.date | None = None,
    status: StepStatus = StepStatus.TODO,
    by_participant: bool = False,
) -> Step:
    """Add a step to an open pathway."""
    _check_open(pathway)
    step = Step(
        pathway=pathway,
        created_by=created_by,
        by_participant=by_participant,
        title=title.strip(),
        owner=owner,
        owner_name=owner_name.strip() if owner == StepOwner.PARTNER else "",
        due_date=due_date,
    )
    _apply_status(step, status, by_participant=by_participant)
    step.save()
    logger.info(
        "step %s created on pathway %s by user %s", step.pk, pathway.pk, getattr(created_by, "pk", None)
    )
    return step


@transaction.atomic
def step_update(
    *,
    step: Step,
    changed_by: User | None,
    title: str,
    owner: StepOwner,
    owner_name: str = "",
    due_date: datetime.date | None = None,
    status: StepStatus,
) -> Step:
    """Rewrite a step of an open pathway; a change of status dates it like ``step_set_status``."""
    _check_open(step.pathway)
    step.title = title.strip()
    step.owner = owner
    step.owner_name = owner_name.strip() if owner == StepOwner.PARTNER else ""
    step.due_date = due_date
    _apply_status(step, status)
    step.save()
    logger.info("step %s updated by user %s", step.pk, getattr(changed_by, "pk", None))
    return step


@transaction.atomic
def step_set_status(
    *, step: Step, status: StepStatus, changed_by: User | None, by_participant: bool = False
) -> Step:
    """Move a step on (to do → in progress → done, or dropped); done dates it today.

    ``by_participant``: the person did it from their own space; the timeline shows it as theirs.
    """
    _check_open(step.pathway)
    _apply_status(step, status, by_participant=by_participant)
    step.save(update_fields=["status", "done_on", "done_by_participant", "updated_at"])
    logger.info(
        "step %s set to %s by user %s (by participant: %s)",
        step.pk,
        status,
        getattr(changed_by, "pk", None),
        by_participant,
    )
    return step
