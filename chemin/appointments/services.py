"""Writes on appointments: book, change, set the status; calendar feeds: create, regenerate, revoke.

Booking or moving an appointment schedules its reminder (chemin/appointments/reminders.py) in
the same transaction: the task row is written by the database task backend, so an appointment
never exists without its reminder, nor a reminder without its appointment.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.appointments.enums import AppointmentKind, AppointmentStatus, ParticipantResponse
from chemin.appointments.models import (
    APPOINTMENT_ROLES,
    MAX_DURATION,
    MIN_DURATION,
    Appointment,
    CalendarFeed,
    short_name,
)
from chemin.appointments.reminders import schedule_reminder
from chemin.pathways.services import pathway_record_contact

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)

# Outcomes that say the meeting's time has come: not for an appointment still ahead.
OUTCOMES_AFTER_START = (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW)
# How far ahead an appointment may be booked: a typo in the year should not pass.
MAX_DAYS_AHEAD = 366


class PathwayNotOpen(Exception):
    """Appointments are booked and changed during an open pathway only."""


@dataclass(frozen=True)
class AppointmentData:
    """What an appointment says, as the form hands it over."""

    staff: User
    starts_at: datetime.datetime
    duration_minutes: int
    kind: str
    place: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Clash:
    """Another appointment at the same time, of the same staff member or the same person."""

    appointment: Appointment

    def __str__(self) -> str:
        appointment = self.appointment
        start = timezone.localtime(appointment.starts_at)
        end = timezone.localtime(appointment.ends_at)
        return _("%(staff)s already meets %(participant)s on %(date)s from %(start)s to %(end)s.") % {
            "staff": appointment.staff.get_full_name(),
            "participant": short_name(appointment.pathway.participant),
            "date": formats.date_format(start, "l j F"),
            "start": format_time(start),
            "end": format_time(end),
        }


class AppointmentClashes(Exception):
    """The appointment overlaps others; booking it anyway needs an explicit confirmation."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__(f"{len(clashes)} clash(es)")
        self.clashes = clashes


def format_time(moment: datetime.datetime | datetime.time) -> str:
    """10:00 as French people write it ("10 h 00"), through the catalogue."""
    return _("%(hour)d:%(minute)02d") % {"hour": moment.hour, "minute": moment.minute}


def staff_who_may_meet(pathway: Pathway, *, also: User | None = None):
    """Active counsellors and managers of the pathway's territory (admins are not in caseloads),
    and ``also`` (the staff member already booked, even if they left the territory since)."""
    from chemin.accounts.models import User

    members = Membership.objects.filter(
        territory=pathway.territory_id,
        role__in=[role for role in APPOINTMENT_ROLES if role != Role.ADMIN],
        user__is_active=True,
    ).values("user_id")
    condition = Q(pk__in=members)
    if also is not None:
        condition |= Q(pk=also.pk)
    return User.objects.filter(condition).order_by("last_name", "first_name", "pk")


def _check_open(pathway: Pathway) -> None:
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")


def check_data(*, pathway: Pathway, data: AppointmentData) -> None:
    """The rules the form alone cannot hold (raises ValidationError with field errors)."""
    errors: dict[str, list[str]] = {}
    if not (MIN_DURATION <= data.duration_minutes <= MAX_DURATION):
        errors["duration_minutes"] = [
            _("An appointment lasts between %(min)d and %(max)d minutes.")
            % {"min": MIN_DURATION, "max": MAX_DURATION}
        ]
    if data.kind not in AppointmentKind.values:
        errors["kind"] = [_("Choose the kind of appointment.")]
    day = timezone.localtime(data.starts_at).date()
    if day < pathway.entry_date:
        errors["date"] = [
            _("The pathway started on %(date)s: choose a day from then on.")
            % {"date": formats.date_format(pathway.entry_date, "SHORT_DATE_FORMAT")}
        ]
    elif day > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
        errors["date"] = [_("An appointment is booked at most a year ahead: check the year.")]
    is_member = Membership.objects.filter(
        user=data.staff, territory=pathway.territory_id, role__in=APPOINTMENT_ROLES
    ).exists()
    if not (is_member or data.staff.is_superuser) or not data.staff.is_active:
        errors["staff"] = [_("Choose a counsellor or a manager of this person's territory.")]
    if errors:
        raise ValidationError(errors)


def find_clashes(
    *,
    pathway: Pathway,
    staff: User,
    starts_at: datetime.datetime,
    duration_minutes: int,
    exclude_pk: int | None = None,
) -> list[Clash]:
    """Non-cancelled appointments overlapping this time, of the staff member or of the person."""
    ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
    candidates = (
        Appointment.objects.not_cancelled()
        .overlapping(starts_at, ends_at)
        .filter(Q(staff=staff) | Q(pathway__participant_id=pathway.participant_id))
        .select_related("staff", "pathway__participant")
        .order_by("starts_at", "pk")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return [Clash(appointment) for appointment in candidates if appointment.overlaps(starts_at, ends_at)]


def _fields(data: AppointmentData) -> dict:
    return {
        "staff": data.staff,
        "starts_at": data.starts_at,
        "duration_minutes": data.duration_minutes,
        "kind": data.kind,
        "place": data.place.strip(),
        "notes": data.notes.strip(),
    }


@transaction.atomic
def appointment_book(
    *, pathway: Pathway, booked_by: User, data: AppointmentData, allow_overlap: bool = False
) -> Appointment:
    """Book an appointment on an open pathway and schedule its reminder.

    Raises ValidationError (field errors) on bad data, and AppointmentClashes when it overlaps
    another appointment of the staff member or of the person, unless ``allow_overlap``.
    """
    _check_open(pathway)
    check_data(pathway=pathway, data=data)
    if not allow_overlap:
        clashes = find_clashes(
            pathway=pathway,
            staff=data.staff,
            starts_at=data.starts_at,
            duration_minutes=data.duration_minutes,
        )
        if clashes:
            raise AppointmentClashes(clashes)
    appointment = Appointment.objects.create(pathway=pathway, created_by=booked_by, **_fields(data))
    schedule_reminder(appointment)
    logger.info(
        "appointment %s booked on pathway %s with user %s by user %s",
        appointment.pk,
        pathway.pk,
        data.staff.pk,
        booked_by.pk,
    )
    return appointment


@transaction.atomic
def appointment_update(
    *, appointment: Appointment, changed_by: User, data: AppointmentData, allow_overlap: bool = False
) -> Appointment:
    """Change an appointment. Its time moves only while it is planned; a new time gets a new
    reminder (the one scheduled for the old time sends nothing)."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",)).select_related("pathway").get(pk=appointment.pk)
    )
    _check_open(appointment.pathway)
    check_data(pathway=appointment.pathway, data=data)
    moved = data.starts_at != appointment.starts_at or data.duration_minutes != appointment.duration_minutes
    if moved and not appointment.is_planned:
        raise ValidationError(
            {
                "date": _(
                    "This appointment is already marked “%(status)s”: its date and time are kept. Book a new appointment instead."
                )
                % {"status": appointment.get_status_display().lower()}
            }
        )
    if (moved or data.staff.pk != appointment.staff_id) and not allow_overlap:
        clashes = find_clashes(
            pathway=appointment.pathway,
            staff=data.staff,
            starts_at=data.starts_at,
            duration_minutes=data.duration_minutes,
            exclude_pk=appointment.pk,
        )
        if clashes:
            raise AppointmentClashes(clashes)
    time_changed = data.starts_at != appointment.starts_at
    for name, value in _fields(data).items():
        setattr(appointment, name, value)
    if time_changed:
        # The person confirmed (or asked to move) the old time: the new one needs a new answer.
        appointment.participant_response = ""
        appointment.participant_message = ""
        appointment.responded_at = None
    appointment.save()
    if time_changed:
        schedule_reminder(appointment)
    logger.info("appointment %s changed by user %s (moved %s)", appointment.pk, changed_by.pk, time_changed)
    return appointment


@transaction.atomic
def appointment_set_status(*, appointment: Appointment, status: str, changed_by: User) -> Appointment:
    """Record how the appointment went (held, excused, no-show) or cancel it.

    A held appointment is a contact with the person: the pathway's last contact moves to its day.
    """
    appointment = (
        Appointment.objects.select_for_update(of=("self",)).select_related("pathway").get(pk=appointment.pk)
    )
    _check_open(appointment.pathway)
    if status not in AppointmentStatus.values or status == AppointmentStatus.PLANNED:
        raise ValidationError(_("Choose held, excused, no-show or cancelled."))
    if status in OUTCOMES_AFTER_START and not appointment.has_started:
        raise ValidationError(
            _("This appointment has not started yet: record whether it was held once its time has come.")
        )
    appointment.status = status
    appointment.status_changed_at = timezone.now()
    appointment.save(update_fields=["status", "status_changed_at", "updated_at"])
    if status == AppointmentStatus.HELD:
        pathway_record_contact(
            pathway=appointment.pathway,
            on=timezone.localtime(appointment.starts_at).date(),
            recorded_by=changed_by,
        )
    logger.info("appointment %s set to %s by user %s", appointment.pk, status, changed_by.pk)
    return appointment


class AppointmentNotAnswerable(Exception):
    """Only a planned appointment still ahead can be confirmed or asked to move."""


@transaction.atomic
def appointment_respond(
    *, appointment: Appointment, response: ParticipantResponse | str, message: str = ""
) -> Appointment:
    """The person answers from their own space: they confirm, or ask to move the appointment
    (with a few words). A new answer replaces the previous one; the timeline shows it as theirs."""
    appointment = Appointment.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    response = ParticipantResponse(response)
    if not appointment.is_planned or appointment.has_started:
        raise AppointmentNotAnswerable(f"appointment {appointment.pk} is {appointment.status}")
    appointment.participant_response = response
    appointment.participant_message = message.strip() if response == ParticipantResponse.RESCHEDULE else ""
    appointment.responded_at = timezone.now()
    appointment.save(
        update_fields=["participant_response", "participant_message", "responded_at", "updated_at"]
    )
    logger.info("appointment %s answered by the participant: %s", appointment.pk, response.value)
    return appointment


@transaction.atomic
def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A new secret feed address for the user; the previous one, if any, stops working."""
    CalendarFeed.objects.filter(user=user).active().update(revoked_at=timezone.now())
    feed = CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    logger.info("calendar feed %s created for user %s", feed.pk, user.pk)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    """Stop the user's feed address; returns how many were revoked (0 or 1)."""
    revoked = CalendarFeed.objects.filter(user=user).active().update(revoked_at=timezone.now())
    logger.info("calendar feed of user %s revoked (%s)", user.pk, revoked)
    return revoked
