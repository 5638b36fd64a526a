"""Exits on the participant timeline: each pathway's exit with its category, and the review sent
to the prescriber. Three queries whatever the number of pathways.

The exit category is shown to everyone who sees the pathway (the prescriber is told it too); its
reason and the review are the accompanying staff's business, not the business developers'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.core.timeline import TimelineEvent
from chemin.exits.enums import ExitCategory
from chemin.exits.models import ExitReview
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "exit"


def exit_events(participant: Participant, user: User) -> list[TimelineEvent]:
    pathways = list(
        Pathway.objects.visible_to(user)
        .filter(participant=participant, phase=Phase.CLOSED)
        .exclude(exit_category="")
        .select_related("territory")
    )
    if not pathways:
        return []
    job_facing_territories = set(
        Membership.objects.filter(user=user, role=Role.BUSINESS_DEVELOPER).values_list(
            "territory_id", flat=True
        )
    )
    accompanied = [pathway for pathway in pathways if pathway.territory_id not in job_facing_territories]
    url = reverse("exits:review", kwargs={"participant_pk": participant.pk})
    label = _("Exit")
    events = []
    for pathway in pathways:
        category = ExitCategory(pathway.exit_category)
        detail = str(category.definition)
        if pathway.exit_reason and pathway in accompanied:
            detail = _("Reason: %(reason)s") % {"reason": pathway.get_exit_reason_display()}
            if pathway.exit_detail:
                detail = f"{detail} — {pathway.exit_detail}"
        events.append(
            TimelineEvent(
                at=pathway.closed_on,
                kind=KIND,
                kind_label=label,
                title=_("Exit: %(category)s") % {"category": category.label},
                detail=detail,
                is_milestone=category.is_favourable,
                url=url if pathway in accompanied else "",
                extra={"category": category.value},
            )
        )
    if not accompanied:
        return events
    reviews = ExitReview.objects.filter(pathway__in=accompanied, sent_at__isnull=False).select_related(
        "sent_to__organisation", "sent_by"
    )
    for review in reviews:
        events.append(
            TimelineEvent(
                at=review.sent_at,
                kind=KIND,
                kind_label=label,
                title=_("End-of-pathway review sent to %(prescriber)s")
                % {"prescriber": f"{review.sent_to.full_name} ({review.sent_to.organisation.name})"},
                detail=_("Read with the person on %(date)s. Sent by %(name)s.")
                % {
                    "date": review.read_with_person_on.strftime("%d/%m/%Y"),
                    "name": review.sent_by.get_full_name() if review.sent_by else "",
                },
                url=url,
                extra={"review_id": review.pk},
            )
        )
    return events
