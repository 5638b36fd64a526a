import subprocess
import sys

from django.conf import settings

PROBE = (
    "import django; django.setup();"
    "from django.db import connection;"
    "c = connection.cursor();"
    "print(connection.vendor, c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])"
)


class TestDefaultDatabase:
    def test_without_database_url_the_app_runs_on_sqlite_in_wal_mode_with_a_busy_timeout(self, tmp_path):
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "SQLITE_PATH": str(tmp_path / "probe.sqlite3"),
        }
        result = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.split() == ["sqlite", "wal", "20000"], result.stderr

    def test_database_url_must_be_postgresql(self):
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "DATABASE_URL": "mysql://root@localhost/chemin",
        }
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert "DATABASE_URL" in result.stderr
