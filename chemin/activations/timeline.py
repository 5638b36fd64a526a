"""Prescriber activations on the participant timeline: each request sent, and the prescriber's
answer with its delay. Two queries whatever the number of activations; business developers see
none (``visible_to``), and the request and answer about a health or justice barrier stay hidden
from those who may not read that barrier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chemin.activations.models import PrescriberActivation
from chemin.activations.selectors import is_restricted, readable_special_barrier_ids
from chemin.core.timeline import TimelineEvent

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "activation"


def activation_events(participant: Participant, user: User) -> list[TimelineEvent]:
    activations = list(
        PrescriberActivation.objects.visible_to(user)
        .filter(pathway__participant=participant)
        .select_related("prescriber__organisation", "barrier")
        .order_by("sent_at")
    )
    if not activations:
        return []
    readable = readable_special_barrier_ids(user, participant)
    url = reverse("activations:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Prescriber request")
    restricted_detail = _("About a restricted barrier.")
    events = []
    for activation in activations:
        restricted = is_restricted(activation, readable)
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": f"{url}#sollicitation-{activation.pk}",
            "extra": {"activation_id": activation.pk, "status": activation.status},
        }
        prescriber = f"{activation.prescriber.full_name} ({activation.prescriber.organisation.name})"
        events.append(
            TimelineEvent(
                at=activation.sent_at,
                title=_("Prescriber asked: %(prescriber)s") % {"prescriber": prescriber},
                detail=restricted_detail if restricted else activation.request_text,
                **common,
            )
        )
        if activation.is_answered:
            delay = ngettext("in %(days)s day", "in %(days)s days", activation.delay_days) % {
                "days": activation.delay_days
            }
            events.append(
                TimelineEvent(
                    at=activation.last_answered_at,
                    title=_("Prescriber's answer: %(status)s (%(delay)s)")
                    % {"status": activation.get_status_display(), "delay": delay},
                    detail=restricted_detail if restricted else activation.answer_text,
                    is_milestone=activation.status == "done",
                    **common,
                )
            )
    return events
