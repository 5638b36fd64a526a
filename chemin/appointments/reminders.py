"""Appointment reminders: when to send them, and sending them (by the background worker).

A reminder goes out the day before the appointment at 10:00 (Paris time), or right away when
that moment has passed and the appointment is still more than two hours ahead; an appointment
booked less than two hours ahead gets none. The worker's task (chemin/appointments/tasks.py)
calls ``deliver_reminders``, which re-reads the appointment and sends nothing if it was cancelled,
moved or already reminded for that time, nor to a person with no recorded consent to the
processing of their data (``consent_given_at``). Each channel's outcome is a ``ReminderDelivery``
row: sent, failed (the task is queued again with a growing delay) or, after ``MAX_ATTEMPTS``,
given up — shown on the participant's appointment list. Logs carry ids, never names or addresses.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from chemin.appointments.enums import AppointmentKind, DeliveryStatus, ReminderChannel
from chemin.appointments.models import Appointment, ReminderDelivery
from chemin.core import sms

if TYPE_CHECKING:
    from chemin.accounts.models import User

logger = logging.getLogger(__name__)

REMINDER_TIME = datetime.time(10, 0)
# Less notice than this and a reminder would arrive when the person is already on their way.
MIN_NOTICE = datetime.timedelta(hours=2)
MAX_ATTEMPTS = 4
# Delay before the 2nd, 3rd and 4th attempts.
RETRY_DELAYS = (datetime.timedelta(minutes=5), datetime.timedelta(minutes=30), datetime.timedelta(hours=2))


def reminder_moment(
    starts_at: datetime.datetime, *, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """When to remind the person of an appointment at ``starts_at``; None for no reminder.

    A moment at or before ``now`` means "right away". The day before is counted in the
    project's time zone (Europe/Paris), where the people and their counsellors live.
    """
    now = now or timezone.now()
    if starts_at - now <= MIN_NOTICE:
        return None
    day_before = timezone.localtime(starts_at).date() - datetime.timedelta(days=1)
    moment = timezone.make_aware(datetime.datetime.combine(day_before, REMINDER_TIME))
    return max(moment, now)


def schedule_reminder(appointment: Appointment) -> bool:
    """Queue the reminder task for the appointment's current time; False when none is due.

    Called inside the booking transaction: the database task backend writes the task row in it.
    """
    from chemin.appointments.tasks import send_appointment_reminder

    now = timezone.now()
    moment = reminder_moment(appointment.starts_at, now=now)
    if moment is None:
        logger.info("appointment %s: too close for a reminder", appointment.pk)
        return False
    task = send_appointment_reminder if moment <= now else send_appointment_reminder.using(run_after=moment)
    task.enqueue(appointment.pk, appointment.starts_at.isoformat())
    logger.info("appointment %s: reminder queued for %s", appointment.pk, moment.isoformat())
    return True


@dataclass
class Outcome:
    """What one run of the reminder task did, and whether to run again."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: str = ""
    retry_in: datetime.timedelta | None = None

    def summary(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        return f"sent: {','.join(self.sent) or '-'}; failed: {','.join(self.failed) or '-'}"


def _when(starts_at: datetime.datetime) -> str:
    local = timezone.localtime(starts_at)
    date = formats.date_format(local, "l j F")
    days = (local.date() - timezone.localdate()).days
    if days == 0:
        return _("today, %(date)s") % {"date": date}
    if days == 1:
        return _("tomorrow, %(date)s") % {"date": date}
    return _("on %(date)s") % {"date": date}


def message_context(appointment: Appointment) -> dict:
    from chemin.appointments.services import format_time

    staff: User = appointment.staff
    return {
        "first_name": appointment.pathway.participant.first_name,
        "when": _when(appointment.starts_at),
        "time": format_time(timezone.localtime(appointment.starts_at)),
        "kind": appointment.get_kind_display(),
        "is_phone": appointment.kind == AppointmentKind.PHONE,
        "is_home_visit": appointment.kind == AppointmentKind.HOME_VISIT,
        "place": appointment.place,
        "staff": staff.get_full_name(),
    }


def _send_email(appointment: Appointment, context: dict) -> None:
    subject = render_to_string("appointments/email/reminder_subject.txt", context)
    body = render_to_string("appointments/email/reminder.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[appointment.pathway.participant.email],
        # The person answers their counsellor, not a no-reply box.
        reply_to=[appointment.staff.email],
    ).send(fail_silently=False)


def _send_sms(appointment: Appointment, context: dict) -> None:
    body = " ".join(render_to_string("appointments/sms/reminder.txt", context).split())
    sms.send_sms(appointment.pathway.participant.phone, body)


SENDERS = {ReminderChannel.EMAIL: _send_email, ReminderChannel.SMS: _send_sms}


def _channels(appointment: Appointment) -> list[str]:
    participant = appointment.pathway.participant
    channels = []
    if participant.email:
        channels.append(ReminderChannel.EMAIL)
    if participant.phone.strip():
        channels.append(ReminderChannel.SMS)
    return channels


def _give_up_pending(appointment_id: int, starts_at: datetime.datetime) -> None:
    """Failed reminders that can no longer be useful are given up: visible, not silently dropped."""
    ReminderDelivery.objects.filter(
        appointment_id=appointment_id, starts_at=starts_at, status=DeliveryStatus.FAILED
    ).update(status=DeliveryStatus.GIVEN_UP, updated_at=timezone.now())


@transaction.atomic
def _deliver_one(
    appointment: Appointment, channel: str, starts_at: datetime.datetime, context: dict
) -> ReminderDelivery | None:
    """Send on one channel unless already done; returns the delivery, None when nothing was tried.

    The row is locked while sending, so two runs for the same time never send twice.
    """
    delivery, _created = ReminderDelivery.objects.select_for_update().get_or_create(
        appointment=appointment,
        channel=channel,
        starts_at=starts_at,
        defaults={"status": DeliveryStatus.FAILED},
    )
    if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.GIVEN_UP):
        return None
    delivery.attempts += 1
    try:
        SENDERS[channel](appointment, context)
    except Exception as error:  # Any failure of a backend is recorded, then retried.
        delivery.last_error = type(error).__name__[:200]
        delivery.status = (
            DeliveryStatus.GIVEN_UP if delivery.attempts >= MAX_ATTEMPTS else DeliveryStatus.FAILED
        )
        logger.warning(
            "appointment %s: %s reminder attempt %s failed (%s)",
            appointment.pk,
            channel,
            delivery.attempts,
            delivery.last_error,
        )
    else:
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        logger.info(
            "appointment %s: %s reminder sent (attempt %s)", appointment.pk, channel, delivery.attempts
        )
    delivery.save()
    return delivery


def deliver_reminders(*, appointment_id: int, starts_at: datetime.datetime) -> Outcome:
    """Send the reminders of the appointment as it was at ``starts_at``, on every channel the
    person can be reached by, unless the appointment was cancelled, moved or already reminded."""
    outcome = Outcome()
    appointment = (
        Appointment.objects.select_related("pathway__participant", "staff").filter(pk=appointment_id).first()
    )
    if appointment is None:
        outcome.skipped = "gone"
    elif appointment.starts_at != starts_at:
        outcome.skipped = "moved"
    elif not appointment.is_planned:
        outcome.skipped = appointment.status
    elif not appointment.pathway.is_open:
        outcome.skipped = "pathway closed"
    elif appointment.starts_at <= timezone.now():
        outcome.skipped = "too late"
    if outcome.skipped:
        _give_up_pending(appointment_id, starts_at)
        logger.info("appointment %s: reminder not sent (%s)", appointment_id, outcome.skipped)
        return outcome
    if appointment.pathway.participant.consent_given_at is None:
        # No recorded consent to the processing of their data: the person is not written to.
        outcome.skipped = "no consent"
        logger.info("appointment %s: no recorded consent, no reminder", appointment_id)
        return outcome
    channels = _channels(appointment)
    if not channels:
        outcome.skipped = "no contact details"
        logger.info("appointment %s: no email nor phone for a reminder", appointment_id)
        return outcome
    with translation.override(settings.LANGUAGE_CODE):
        context = message_context(appointment)
    attempts = 0
    for channel in channels:
        with translation.override(settings.LANGUAGE_CODE):
            delivery = _deliver_one(appointment, channel, starts_at, context)
        if delivery is None:
            continue
        if delivery.status == DeliveryStatus.SENT:
            outcome.sent.append(channel)
        else:
            outcome.failed.append(channel)
            if delivery.status == DeliveryStatus.FAILED:
                attempts = max(attempts, delivery.attempts)
    if attempts:
        outcome.retry_in = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
    return outcome
