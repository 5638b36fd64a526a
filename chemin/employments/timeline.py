"""Contracts on the participant timeline: the start (a celebrated milestone), each side of a
check-in as it is recorded, and the end with its reason.

Business developers see the contract start and end only (job-facing), not the follow-up content.
Three queries at most, whatever the number of contracts and check-ins.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.core.timeline import TimelineEvent
from chemin.employments.models import CheckInSide, Employment
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "employment"


def _job_facing_territories(user: User) -> set[int]:
    if user.is_superuser:
        return set()
    return set(
        Membership.objects.filter(user=user, role=Role.BUSINESS_DEVELOPER).values_list(
            "territory_id", flat=True
        )
    )


def employment_events(participant: Participant, user: User) -> list[TimelineEvent]:
    employments = list(
        Employment.objects.filter(
            pathway__in=Pathway.objects.visible_to(user).filter(participant=participant)
        )
        .select_related("company", "pathway")
        .order_by("start_date", "pk")
    )
    if not employments:
        return []
    job_facing = _job_facing_territories(user)
    url = reverse("participant_employments:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Employment")
    events = []
    followed = []
    for employment in employments:
        hidden = employment.pathway.territory_id in job_facing
        if not hidden:
            followed.append(employment.pk)
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": "" if hidden else f"{url}#emploi-{employment.pk}",
            "extra": {"employment_id": employment.pk},
        }
        names = {"job": employment.job_title, "company": employment.company.name}
        detail = employment.get_contract_type_display()
        if employment.planned_end_date:
            detail += " · " + _("until %(date)s") % {
                "date": formats.date_format(employment.planned_end_date, "SHORT_DATE_FORMAT")
            }
        events.append(
            TimelineEvent(
                at=employment.start_date,
                title=_("Contract start: %(job)s at %(company)s") % names,
                detail=detail,
                is_milestone=True,
                **common,
            )
        )
        if employment.ended_on:
            detail = employment.get_end_reason_display()
            if employment.end_detail and not hidden:
                detail += " · " + employment.end_detail
            events.append(
                TimelineEvent(
                    at=employment.ended_on,
                    title=_("End of the contract: %(job)s at %(company)s") % names,
                    detail=detail,
                    **common,
                )
            )
    if not followed:
        return events
    sides = CheckInSide.objects.filter(check_in__employment_id__in=followed).select_related(
        "check_in__employment__company"
    )
    for side in sides:
        check_in = side.check_in
        events.append(
            TimelineEvent(
                at=datetime.datetime.combine(side.done_on, datetime.time(12), tzinfo=datetime.UTC),
                kind=KIND,
                kind_label=kind_label,
                title=_("Follow-up %(milestone)s — %(side)s: %(how)s")
                % {
                    "milestone": check_in.get_milestone_display(),
                    "side": side.get_side_display().lower(),
                    "how": side.get_how_it_goes_display().lower(),
                },
                detail=_("%(company)s · difficulties: %(difficulties)s")
                % {
                    "company": check_in.employment.company.name,
                    "difficulties": ", ".join(label.lower() for label in side.difficulty_labels),
                }
                if side.difficulties
                else check_in.employment.company.name,
                url=f"{url}#suivi-{check_in.pk}",
                extra={
                    "employment_id": check_in.employment_id,
                    "check_in_id": check_in.pk,
                    "side": side.side,
                },
            )
        )
    return events
