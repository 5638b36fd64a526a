"""Placements on the participant timeline: each job proposal (the first one with its delay since
entry), each status change, a hire as a milestone. One query whatever the number of placements.

Job proposals are job-facing: every staff role of the pathway's territory sees them, business
developers included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chemin.core.timeline import TimelineEvent
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import PlacementTransition
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "placement"


def placement_events(participant: Participant, user: User) -> list[TimelineEvent]:
    transitions = (
        PlacementTransition.objects.filter(
            placement__pathway__in=Pathway.objects.visible_to(user).filter(participant=participant)
        )
        .select_related("placement__opportunity__company", "placement__pathway")
        .order_by("on", "created_at", "pk")
    )
    url = reverse("participant_opportunities:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Job proposal")
    first_seen: set[int] = set()
    events = []
    for transition in transitions:
        placement = transition.placement
        opportunity = placement.opportunity
        pathway = placement.pathway
        names = {"title": opportunity.title, "company": opportunity.company.name}
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": f"{url}#placement-{placement.pk}",
            "extra": {"placement_id": placement.pk, "status": transition.to_status},
        }
        if not transition.from_status:
            detail = ""
            if pathway.pk not in first_seen:
                first_seen.add(pathway.pk)
                if pathway.first_job_proposal_on == transition.on:
                    days = pathway.days_to_first_job_proposal
                    detail = ngettext(
                        "First proposal, D+%(days)d after entry",
                        "First proposal, D+%(days)d after entry",
                        days,
                    ) % {"days": days}
            events.append(
                TimelineEvent(
                    at=transition.created_at,
                    title=_("Job proposal: %(title)s at %(company)s") % names,
                    detail=detail,
                    **common,
                )
            )
            continue
        status = PlacementStatus(transition.to_status)
        detail = transition.comment
        if status == PlacementStatus.REFUSED and placement.refusal_reason:
            detail = placement.get_refusal_reason_display()
            if placement.refusal_detail:
                detail = f"{detail} : {placement.refusal_detail}"
        events.append(
            TimelineEvent(
                at=transition.created_at,
                title=(
                    _("Hired: %(title)s at %(company)s") % names
                    if status == PlacementStatus.HIRED
                    else _("%(status)s: %(title)s at %(company)s") % {"status": status.label, **names}
                ),
                detail=detail,
                is_milestone=status == PlacementStatus.HIRED,
                **common,
            )
        )
    return events
