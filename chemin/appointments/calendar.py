"""Appointments in the week views and iCal feeds (chemin.core.calendar).

One query per call whatever the number of appointments. Titles show the person's first name and
initial only: the same entries go to calendar clients, outside the organisation's walls.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment, short_name
from chemin.core.calendar import CalendarEntry, CalendarQuery

KIND = "appointment"


def appointment_entries(query: CalendarQuery) -> list[CalendarEntry]:
    if query.staff is None and query.territory is None:
        return []
    appointments = (
        Appointment.objects.starting_between(query.start, query.end)
        .select_related("pathway__participant", "staff")
        .order_by("starts_at", "pk")
    )
    if query.staff is not None:
        appointments = appointments.filter(staff=query.staff)
    if query.territory is not None:
        appointments = appointments.filter(pathway__territory=query.territory)
    entries = []
    for appointment in appointments:
        participant = appointment.pathway.participant
        title = short_name(participant)
        if query.staff is None:
            title = _("%(participant)s with %(staff)s") % {
                "participant": title,
                "staff": appointment.staff.get_full_name(),
            }
        url = reverse("participant_appointments:list", kwargs={"participant_pk": participant.pk})
        entries.append(
            CalendarEntry(
                uid=f"{KIND}-{appointment.pk}",
                kind=KIND,
                kind_label=appointment.get_kind_display(),
                title=title,
                starts_at=appointment.starts_at,
                ends_at=appointment.ends_at,
                place=appointment.place,
                url=f"{url}#appointment-{appointment.pk}",
                is_cancelled=appointment.status == AppointmentStatus.CANCELLED,
            )
        )
    return entries
