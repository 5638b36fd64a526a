"""Demo appointments: a month around today for each open pathway, with its referent.

Over the past two weeks, appointments held, missed (no-show) or excused; over the next two,
appointments planned — whose reminders the worker sends the day before (`make run` starts it).
People the demo shows as drifting away (no contact for over 30 days) get no held appointment but
two missed ones, so the "not seen for 30 days" and "missed appointments" alerts have a story.

Called by chemin/demo/pathways.py after the pathways: ``seed_appointments(pathways=pathways)``.
Idempotent: a pathway that has appointments is left alone. Past appointments are booked through
the same service as real ones, which queues no reminder for a time already gone.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from chemin.appointments.enums import AppointmentKind, AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.appointments.services import AppointmentData, appointment_book, appointment_set_status
from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)

# Days from today, shifted by the pathway's rank so that a counsellor's week is spread out.
PAST_DAYS = (-13, -6)
FUTURE_DAYS = (1, 8)
SLOTS = (
    datetime.time(9, 0),
    datetime.time(10, 15),
    datetime.time(11, 30),
    datetime.time(14, 0),
    datetime.time(15, 15),
    datetime.time(16, 30),
)
KINDS = (
    AppointmentKind.MONTHLY_FOLLOW_UP,
    AppointmentKind.INDIVIDUAL_INTERVIEW,
    AppointmentKind.PHONE,
    AppointmentKind.AT_PARTNER,
    AppointmentKind.VIDEO,
    AppointmentKind.HOME_VISIT,
)
PAST_OUTCOMES = (
    AppointmentStatus.HELD,
    AppointmentStatus.HELD,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.EXCUSED,
)
# Beyond this many days without contact the demo person is "drifting away" (the alerts' 30 days):
# no held appointment, two missed ones.
RECENT_CONTACT_DAYS = 30


def _place(kind: str, pathway: Pathway) -> str:
    return {
        AppointmentKind.MONTHLY_FOLLOW_UP: f"Antenne de {pathway.territory.name}, bureau 2",
        AppointmentKind.INDIVIDUAL_INTERVIEW: f"Antenne de {pathway.territory.name}, bureau 1",
        AppointmentKind.AT_PARTNER: "Locaux du CCAS, accueil du rez-de-chaussée",
        AppointmentKind.VIDEO: "Lien de visioconférence envoyé par e-mail",
        AppointmentKind.HOME_VISIT: "Au domicile",
    }.get(kind, "")


def _weekday(day: datetime.date) -> datetime.date:
    """Saturday goes back to Friday, Sunday forward to Monday: no appointments at the weekend."""
    if day.weekday() == 5:
        return day - datetime.timedelta(days=1)
    if day.weekday() == 6:
        return day + datetime.timedelta(days=1)
    return day


@transaction.atomic
def seed_appointments(*, pathways: Iterable[Pathway]) -> int:
    """Book the demo month; returns how many appointments were created."""
    today = timezone.localdate()
    now = timezone.now()
    # Read again: earlier demo steps may have closed pathways or recorded contacts since.
    open_pathways = [
        pathway
        for pathway in Pathway.objects.filter(pk__in=[p.pk for p in pathways])
        .select_related("participant", "territory", "referent")
        .order_by("pk")
        if pathway.is_open
    ]
    already = set(
        Appointment.objects.filter(pathway__in=[p.pk for p in open_pathways]).values_list(
            "pathway_id", flat=True
        )
    )
    taken: dict[tuple[int, datetime.date], int] = {}
    created = 0
    for rank, pathway in enumerate(open_pathways):
        if pathway.pk in already:
            continue
        recent = (
            pathway.last_contact_on is not None
            and (today - pathway.last_contact_on).days <= RECENT_CONTACT_DAYS
        )
        for index, base in enumerate(PAST_DAYS + FUTURE_DAYS):
            day = _weekday(today + datetime.timedelta(days=base + rank % 5))
            if day < pathway.entry_date:
                continue
            slot = taken.get((pathway.referent_id, day), 0)
            taken[(pathway.referent_id, day)] = slot + 1
            starts_at = timezone.make_aware(datetime.datetime.combine(day, SLOTS[slot % len(SLOTS)]))
            if base < 0 and starts_at > now:
                continue
            kind = KINDS[(rank + index) % len(KINDS)]
            try:
                appointment = appointment_book(
                    pathway=pathway,
                    booked_by=pathway.referent,
                    data=AppointmentData(
                        staff=pathway.referent,
                        starts_at=starts_at,
                        duration_minutes=30 if kind == AppointmentKind.PHONE else 60,
                        kind=kind,
                        place=_place(kind, pathway),
                    ),
                    # Slots are spread by hand above; a large demo may still stack a few.
                    allow_overlap=True,
                )
            except ValidationError:
                logger.info(
                    "demo: no appointment for pathway %s (referent outside the territory)", pathway.pk
                )
                break
            created += 1
            if base < 0:
                outcome = PAST_OUTCOMES[(rank + index) % len(PAST_OUTCOMES)]
                if not recent:
                    # Drifting away: missed twice; never met since entry: excused, then missed.
                    never_met = pathway.last_contact_on is None and index == 0
                    outcome = AppointmentStatus.EXCUSED if never_met else AppointmentStatus.NO_SHOW
                appointment_set_status(appointment=appointment, status=outcome, changed_by=pathway.referent)
    logger.info("demo: %s appointments booked", created)
    return created
