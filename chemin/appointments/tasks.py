"""Background tasks of appointments, run by the worker (`python manage.py db_worker`)."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from chemin.appointments.reminders import deliver_reminders

logger = logging.getLogger(__name__)


@task()
def send_appointment_reminder(appointment_id: int, starts_at: str) -> str:
    """Remind the person of the appointment as it was booked for ``starts_at`` (ISO 8601).

    A failed channel is recorded and the task queues itself again after a growing delay, in the
    same transaction, so a failure is never lost; see chemin/appointments/reminders.py.
    """
    scheduled_for = datetime.datetime.fromisoformat(starts_at)
    with transaction.atomic():
        outcome = deliver_reminders(appointment_id=appointment_id, starts_at=scheduled_for)
        if outcome.retry_in is not None:
            send_appointment_reminder.using(run_after=timezone.now() + outcome.retry_in).enqueue(
                appointment_id, starts_at
            )
            logger.info("appointment %s: reminder retry queued in %s", appointment_id, outcome.retry_in)
    return outcome.summary()
