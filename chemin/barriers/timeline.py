"""Barriers and job constraints on the participant timeline.

Each barrier's dated transitions give "barrier identified" and its status changes (lifted: a
celebrated milestone); constraints give their start and end. Two queries whatever the number of
barriers. Health and justice barriers the user may not read show as "confidential barrier", with
no category; business developers get the constraint events only (``Barrier.visible_to`` gives
them none), with nothing about the barrier behind them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.barriers.enums import BarrierStatus
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from chemin.core.timeline import TimelineEvent

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

BARRIER_KIND = "barrier"
CONSTRAINT_KIND = "constraint"


def barrier_events(participant: Participant, user: User) -> list[TimelineEvent]:
    url = reverse("barriers:list", kwargs={"participant_pk": participant.pk})
    barriers = Barrier.objects.visible_to(user).filter(pathway__participant=participant)
    transitions = (
        BarrierTransition.objects.filter(barrier__in=barriers.values("pk"))
        .annotate(
            detail_visible=ExpressionWrapper(
                Q(barrier__in=Barrier.objects.detail_visible_to(user).values("pk")),
                output_field=BooleanField(),
            )
        )
        .select_related("barrier")
        .order_by("on", "created_at", "pk")
    )
    events = []
    barrier_label = _("Barrier")
    for transition in transitions:
        barrier = transition.barrier
        common = {
            "at": transition.on,
            "kind": BARRIER_KIND,
            "kind_label": barrier_label,
            "extra": {"barrier_id": barrier.pk, "status": transition.to_status},
        }
        if not transition.detail_visible:
            if transition.from_status:
                title = _("Confidential barrier: %(status)s") % {
                    "status": BarrierStatus(transition.to_status).label.lower()
                }
            else:
                title = _("Confidential barrier")
            events.append(TimelineEvent(title=title, **common))
            continue
        category = barrier.get_category_display()
        detail = barrier.situation_label or barrier.own_words
        if not transition.from_status:
            title = _("Barrier identified: %(category)s") % {"category": category}
        elif transition.to_status == BarrierStatus.LIFTED:
            title = _("Barrier lifted: %(category)s") % {"category": category}
        else:
            title = _("Barrier %(status)s: %(category)s") % {
                "status": BarrierStatus(transition.to_status).label.lower(),
                "category": category,
            }
        if transition.comment:
            detail = transition.comment
        events.append(
            TimelineEvent(
                title=title,
                detail=detail,
                is_milestone=transition.to_status == BarrierStatus.LIFTED,
                url=f"{url}#frein-{barrier.pk}",
                **common,
            )
        )
    return events


def constraint_events(participant: Participant, user: User) -> list[TimelineEvent]:
    url = reverse("barriers:list", kwargs={"participant_pk": participant.pk})
    constraints = JobConstraint.objects.visible_to(user).filter(pathway__participant=participant)
    label = _("Job constraint")
    events = []
    for constraint in constraints:
        common = {
            "kind": CONSTRAINT_KIND,
            "kind_label": label,
            "url": f"{url}#contraintes",
            "extra": {"constraint_id": constraint.pk},
        }
        description = constraint.description
        events.append(
            TimelineEvent(
                at=constraint.started_on,
                title=_("New job constraint: %(constraint)s") % {"constraint": description},
                **common,
            )
        )
        if constraint.ended_on:
            events.append(
                TimelineEvent(
                    at=constraint.ended_on,
                    title=_("Job constraint ended: %(constraint)s") % {"constraint": description},
                    **common,
                )
            )
    return events
