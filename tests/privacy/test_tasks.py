import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chemin.privacy.tasks import anonymise_expired_files, ensure_retention_scheduled, next_run_after

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


def queued() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            task_path=anonymise_expired_files.module_path, status=TaskResultStatus.READY
        )
    )


class TestNextRun:
    @pytest.mark.parametrize(
        ("now", "expected"),
        [
            (paris(23, 2, 59), paris(23, 3)),
            (paris(23, 3), paris(24, 3)),
            (paris(23, 17, 30), paris(24, 3)),
        ],
    )
    def test_the_job_runs_at_three_in_the_night_paris_time(self, now, expected):
        assert next_run_after(now) == expected

    def test_across_the_change_to_winter_time(self):
        # 25 October 2026, 03:00 summer time became 02:00: the next night is still 03:00 local.
        assert next_run_after(datetime.datetime(2026, 10, 24, 12, tzinfo=PARIS)) == datetime.datetime(
            2026, 10, 25, 3, tzinfo=PARIS
        )


@pytest.mark.django_db
class TestScheduling:
    def test_one_run_is_queued_for_the_next_night_and_only_one(self):
        first = ensure_retention_scheduled(paris(23, 17))
        assert first == paris(24, 3)
        assert ensure_retention_scheduled(paris(23, 18)) is None
        assert [task.run_after for task in queued()] == [paris(24, 3)]

    def test_the_command_says_when(self):
        out = io.StringIO()
        call_command("schedule_retention", stdout=out)
        assert "Anonymisation des dossiers expirés programmée pour le" in out.getvalue()
        call_command("schedule_retention", stdout=out)
        assert "déjà programmée" in out.getvalue()
        assert len(queued()) == 1
