"""Immersions on the participant timeline: planned, then assessed; a job offer is a milestone.
One query whatever the number of immersions; every staff role sees them (job-facing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent
from chemin.immersions.enums import ImmersionStatus
from chemin.immersions.models import Immersion

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "immersion"


def immersion_events(participant: Participant, user: User) -> list[TimelineEvent]:
    immersions = (
        Immersion.objects.visible_to(user)
        .filter(pathway__participant=participant)
        .select_related("company")
        .order_by("created_at", "pk")
    )
    url = reverse("participant_immersions:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Immersion")
    events = []
    for immersion in immersions:
        names = {"job": immersion.job_title, "company": immersion.company.name}
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": f"{url}#immersion-{immersion.pk}",
            "extra": {"immersion_id": immersion.pk, "status": immersion.status},
        }
        events.append(
            TimelineEvent(
                at=immersion.created_at,
                title=_("Immersion planned: %(job)s at %(company)s") % names,
                detail=_("From %(start)s to %(end)s")
                % {
                    "start": formats.date_format(immersion.start_date, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(immersion.end_date, "SHORT_DATE_FORMAT"),
                },
                **common,
            )
        )
        if immersion.status != ImmersionStatus.ASSESSED:
            continue
        detail = immersion.get_attendance_display()
        if immersion.confirmed_wish:
            detail += " · " + _("the person confirmed this job")
        if immersion.job_offer:
            title = _("Job offer after the immersion at %(company)s") % names
            if immersion.contract_type_offered:
                detail += " · " + immersion.get_contract_type_offered_display()
        else:
            title = _("Immersion assessed: %(job)s at %(company)s") % names
        events.append(
            TimelineEvent(
                at=immersion.assessed_on,
                title=title,
                detail=detail,
                is_milestone=immersion.job_offer or immersion.confirmed_wish,
                **common,
            )
        )
    return events
