"""Workshops on the participant timeline: each registration (a seat or the waiting list), and
what happened at the session: attending is a small celebrated milestone. One query whatever the
number of registrations; only the staff who run the workshop's territory see them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chemin.core.timeline import TimelineEvent
from chemin.workshops.enums import Attendance, RegistrationStatus
from chemin.workshops.models import Registration, Workshop

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "workshop"

REGISTERED = {
    RegistrationStatus.REGISTERED: gettext_lazy("Registered for the workshop “%(title)s”"),
    RegistrationStatus.WAITING_LIST: gettext_lazy("On the waiting list of the workshop “%(title)s”"),
}
ATTENDANCE = {
    Attendance.PRESENT: gettext_lazy("Took part in the workshop “%(title)s”"),
    Attendance.ABSENT: gettext_lazy("Absent from the workshop “%(title)s”"),
    Attendance.EXCUSED: gettext_lazy("Excused from the workshop “%(title)s”"),
}


def workshop_events(participant: Participant, user: User) -> list[TimelineEvent]:
    registrations = (
        Registration.objects.filter(
            pathway__participant=participant,
            status__in=list(REGISTERED),
            workshop__in=Workshop.objects.run_by(user),
        )
        .select_related("workshop")
        .order_by("registered_at", "pk")
    )
    kind_label = _("Workshop")
    events = []
    for registration in registrations:
        workshop = registration.workshop
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": reverse("workshops:detail", kwargs={"pk": workshop.pk}),
            "extra": {
                "workshop_id": workshop.pk,
                "status": registration.status,
                "attendance": registration.attendance,
            },
        }
        names = {"title": workshop.title}
        starts_at = timezone.localtime(workshop.starts_at)
        detail = _("%(theme)s, on %(date)s at %(time)s") % {
            "theme": workshop.get_theme_display(),
            "date": formats.date_format(starts_at, "SHORT_DATE_FORMAT"),
            "time": formats.time_format(starts_at, "H:i"),
        }
        if workshop.is_cancelled:
            detail = _("%(detail)s — workshop cancelled") % {"detail": detail}
        events.append(
            TimelineEvent(
                at=registration.registered_at,
                title=str(REGISTERED[registration.status]) % names,
                detail=detail,
                **common,
            )
        )
        if registration.attendance in ATTENDANCE:
            events.append(
                TimelineEvent(
                    at=workshop.starts_at,
                    title=str(ATTENDANCE[registration.attendance]) % names,
                    is_milestone=registration.attendance == Attendance.PRESENT,
                    **common,
                )
            )
    return events
