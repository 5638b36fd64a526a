"""Steps on the participant timeline: each new step, and each step reached as a celebrated
milestone. One query, whatever the number of steps; business developers see none (views.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent
from chemin.steps.models import Step

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "step"


def step_events(participant: Participant, user: User) -> list[TimelineEvent]:
    steps = Step.objects.visible_to(user).filter(pathway__participant=participant).order_by("created_at")
    url = reverse("steps:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Step")
    events = []
    for step in steps:
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": f"{url}#etape-{step.pk}",
            "extra": {"step_id": step.pk, "status": step.status},
        }
        detail = _("Who: %(owner)s") % {"owner": step.owner_label}
        if step.due_date:
            detail += " · " + _("due %(date)s") % {
                "date": formats.date_format(step.due_date, "SHORT_DATE_FORMAT")
            }
        events.append(
            TimelineEvent(
                at=step.created_at,
                title=_("New step: %(title)s") % {"title": step.title},
                detail=detail,
                by_participant=step.by_participant,
                **common,
            )
        )
        if step.is_done:
            events.append(
                TimelineEvent(
                    at=step.done_on,
                    title=_("Step reached: %(title)s") % {"title": step.title},
                    detail=_("Well done!"),
                    is_milestone=True,
                    by_participant=step.done_by_participant,
                    **common,
                )
            )
    return events
