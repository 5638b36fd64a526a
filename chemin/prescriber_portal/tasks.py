"""The weekly digest of the prescriber portal, run by the background worker
(`python manage.py db_worker`).

The job queues its next run itself, for the next week; ``ensure_digest_scheduled`` (the
`schedule_prescriber_digest` command, run at start and at each deployment) queues one when none
is waiting — after a first install, or if the worker's queue was emptied.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from chemin.prescriber_portal.services import prescriber_digests_send

logger = logging.getLogger(__name__)

# Monday morning (Europe/Paris), for the week's start.
RUN_WEEKDAY = 0
RUN_AT = datetime.time(8, 0)


def next_run_after(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next Monday RUN_AT, local time, strictly after ``now``."""
    local = timezone.localtime(now or timezone.now())
    day = local.date() + datetime.timedelta(days=(RUN_WEEKDAY - local.weekday()) % 7)
    run = timezone.make_aware(datetime.datetime.combine(day, RUN_AT))
    if run <= local:
        run = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=7), RUN_AT))
    return run


def pending_runs() -> int:
    """Digest runs queued and not started yet."""
    return DBTaskResult.objects.filter(
        task_path=send_prescriber_digests.module_path, status=TaskResultStatus.READY
    ).count()


def ensure_digest_scheduled(
    *, site_url: str, now: datetime.datetime | None = None
) -> datetime.datetime | None:
    """Queue the next week's run unless one is already waiting; return when it will run (None:
    one was already queued)."""
    if pending_runs():
        return None
    run_after = next_run_after(now)
    send_prescriber_digests.using(run_after=run_after).enqueue(site_url)
    logger.info("prescriber digest: next run queued for %s", run_after.isoformat())
    return run_after


@task()
def send_prescriber_digests(site_url: str) -> str:
    """Send the week's digests, then queue next week's run (even when this one failed)."""
    try:
        sent = prescriber_digests_send(site_url=site_url)
    finally:
        ensure_digest_scheduled(site_url=site_url)
    return f"{sent} digests sent"
