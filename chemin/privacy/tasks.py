"""The nightly retention job, run by the background worker (`python manage.py db_worker`).

The job queues its next run itself, for the next night; ``ensure_retention_scheduled`` (the
`schedule_retention` command, run by `make run` and at each deployment) queues one when none is
waiting — after a first install, or if the worker's queue was emptied.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from chemin.privacy.anonymisation import anonymise_expired

logger = logging.getLogger(__name__)

# At night, when nobody is working on the files (Europe/Paris).
RUN_AT = datetime.time(3, 0)


def next_run_after(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next RUN_AT, local time, strictly after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = timezone.make_aware(datetime.datetime.combine(local.date(), RUN_AT))
    if run <= local:
        run = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), RUN_AT)
        )
    return run


def pending_runs() -> int:
    """Retention runs queued and not started yet."""
    return DBTaskResult.objects.filter(
        task_path=anonymise_expired_files.module_path, status=TaskResultStatus.READY
    ).count()


def ensure_retention_scheduled(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue a run for the next night unless one is already waiting; return when it will run
    (None: one was already queued)."""
    if pending_runs():
        return None
    run_after = next_run_after(now)
    anonymise_expired_files.using(run_after=run_after).enqueue()
    logger.info("retention: next run queued for %s", run_after.isoformat())
    return run_after


@task()
def anonymise_expired_files() -> str:
    """Anonymise the files past their retention period, then queue the next night's run (even
    when this one failed: the next night tries again)."""
    try:
        done = anonymise_expired(dry_run=False)
    finally:
        ensure_retention_scheduled()
    return f"{len(done)} anonymised"
