"""Appointments on the participant timeline: booked, then held or missed. One query whatever the
number of appointments; only staff who may see appointments get them (not business developers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chemin.appointments.enums import AppointmentStatus, ParticipantResponse
from chemin.appointments.models import Appointment
from chemin.core.timeline import TimelineEvent

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "appointment"


def appointment_events(participant: Participant, user: User) -> list[TimelineEvent]:
    from chemin.appointments.services import format_time

    appointments = (
        Appointment.objects.visible_to(user)
        .filter(pathway__participant=participant)
        .select_related("staff")
        .order_by("starts_at", "pk")
    )
    url = reverse("participant_appointments:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Appointment")
    events = []
    for appointment in appointments:
        start = timezone.localtime(appointment.starts_at)
        names = {
            "kind": appointment.get_kind_display(),
            "staff": appointment.staff.get_full_name(),
            "date": formats.date_format(start, "l j F Y"),
            "time": format_time(start),
        }
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": f"{url}#appointment-{appointment.pk}",
            "extra": {"appointment_id": appointment.pk, "status": appointment.status},
        }
        events.append(
            TimelineEvent(
                at=appointment.created_at,
                title=_("Appointment booked: %(kind)s with %(staff)s") % names,
                detail=_("On %(date)s at %(time)s") % names,
                **common,
            )
        )
        if appointment.responded_at is not None:
            if appointment.participant_response == ParticipantResponse.CONFIRMED:
                title = _("The person confirmed the appointment: %(kind)s with %(staff)s") % names
                detail = _("On %(date)s at %(time)s") % names
            else:
                title = _("The person asks to move the appointment: %(kind)s with %(staff)s") % names
                detail = appointment.participant_message or _("On %(date)s at %(time)s") % names
            events.append(
                TimelineEvent(
                    at=appointment.responded_at, title=title, detail=detail, by_participant=True, **common
                )
            )
        if appointment.status == AppointmentStatus.HELD:
            events.append(
                TimelineEvent(
                    at=appointment.starts_at,
                    title=_("Appointment held: %(kind)s with %(staff)s") % names,
                    detail=_("On %(date)s at %(time)s") % names,
                    **common,
                )
            )
        elif appointment.status == AppointmentStatus.NO_SHOW:
            events.append(
                TimelineEvent(
                    at=appointment.starts_at,
                    title=_("Missed appointment: %(kind)s with %(staff)s") % names,
                    detail=_("On %(date)s at %(time)s") % names,
                    **common,
                )
            )
    return events
