"""Events on the participant timeline: each invitation, and each event attended as a milestone.
One query whatever the number of events; every staff role sees them (job-facing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chemin.core.timeline import TimelineEvent
from chemin.events.enums import EventKind
from chemin.events.models import Event, EventParticipant

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "event"

# One sentence per kind: French articles agree with each kind ("au job dating", "à la visite").
ATTENDED = {
    EventKind.JOB_DATING: gettext_lazy("Attended the job dating “%(title)s”"),
    EventKind.FORUM: gettext_lazy("Attended the job forum “%(title)s”"),
    EventKind.COMPANY_VISIT: gettext_lazy("Attended the company visit “%(title)s”"),
    EventKind.INFORMATION_SESSION: gettext_lazy("Attended the information session “%(title)s”"),
    EventKind.COLLECTIVE_WORKSHOP: gettext_lazy("Attended the collective workshop “%(title)s”"),
}
INVITED = {
    EventKind.JOB_DATING: gettext_lazy("Invited to the job dating “%(title)s”"),
    EventKind.FORUM: gettext_lazy("Invited to the job forum “%(title)s”"),
    EventKind.COMPANY_VISIT: gettext_lazy("Invited to the company visit “%(title)s”"),
    EventKind.INFORMATION_SESSION: gettext_lazy("Invited to the information session “%(title)s”"),
    EventKind.COLLECTIVE_WORKSHOP: gettext_lazy("Invited to the collective workshop “%(title)s”"),
}


def event_events(participant: Participant, user: User) -> list[TimelineEvent]:
    links = (
        EventParticipant.objects.filter(
            pathway__participant=participant, event__in=Event.objects.visible_to(user)
        )
        .select_related("event")
        .order_by("created_at", "pk")
    )
    kind_label = _("Event")
    events = []
    for link in links:
        event = link.event
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": reverse("events:detail", kwargs={"pk": event.pk}),
            "extra": {"event_id": event.pk, "present": link.present},
        }
        names = {"title": event.title}
        events.append(
            TimelineEvent(
                at=link.created_at,
                title=str(INVITED[event.kind]) % names,
                detail=_("On %(date)s at %(time)s")
                % {
                    "date": formats.date_format(event.date, "SHORT_DATE_FORMAT"),
                    "time": formats.time_format(event.start_time, "H:i"),
                },
                **common,
            )
        )
        if link.present:
            events.append(
                TimelineEvent(
                    at=event.date, title=str(ATTENDED[event.kind]) % names, is_milestone=True, **common
                )
            )
    return events
