import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from chemin.accounts.enums import Role
from tests.accounts.factories import UserFactory
from tests.territories.factories import TerritoryFactory


@pytest.mark.django_db
class TestHome:
    def test_counsellor_sees_their_territory_and_role(self, counsellor_client):
        response = counsellor_client.get(reverse("core:home"))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Bonjour Alice" in content
        assert "Lens-Liévin" in content
        assert "Conseiller·ère" in content

    def test_query_count_does_not_grow_with_memberships(
        self, client, django_assert_num_queries, territory, other_territory
    ):
        extra = [TerritoryFactory(name=f"Antenne {n}", slug=f"antenne-{n}") for n in range(5)]
        user = UserFactory(
            memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.MANAGER)]
            + [(t, Role.COUNSELLOR) for t in extra]
        )
        client.force_login(user)
        # Session, user, memberships with their territories; the alert sources: company next actions,
        # partner referrals, the employment follow-up (overdue check-ins, contracts ending soon),
        # employer risks, pathways and repeated no-shows (the thresholds of the territories
        # concerned — none here, so not the pathways), overdue steps; today's appointments, the
        # caseload's size; then the session save (savepoint, UPDATE, release). It does not grow
        # with participants either (tests/core/test_alerts.py).
        with django_assert_num_queries(16):
            response = client.get(reverse("core:home"))
        assert response.status_code == 200
        assert len(response.context["territories"].choices) == 7

    def test_staff_without_territory_is_told_whom_to_ask(self, client):
        client.force_login(UserFactory())
        content = client.get(reverse("core:home")).content.decode()
        assert "Vous n’êtes rattaché·e à aucun territoire" in content


@pytest.mark.django_db
class TestHealthz:
    def test_answers_200_when_the_database_answers(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}

    def test_answers_503_when_the_database_is_unreachable(self):
        # A real process pointed at a port where no database listens: no mock involved.
        code = (
            "import django; django.setup();"
            "from django.test import Client;"
            "r = Client().get('/healthz'); print(r.status_code, r.json()['status'])"
        )
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere",
        }
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.strip().splitlines()[-1] == "503 error"


@pytest.mark.django_db
class TestErrorPages:
    def test_unknown_page_is_a_french_404(self, counsellor_client):
        response = counsellor_client.get("/nulle-part/")
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()

    @pytest.mark.urls("tests.core.urls_boom")
    def test_forbidden_page_is_a_french_403(self, counsellor_client):
        response = counsellor_client.get("/interdit/")
        assert response.status_code == 403
        assert "Accès refusé" in response.content.decode()

    @pytest.mark.urls("tests.core.urls_boom")
    def test_server_error_is_a_french_page_without_stack_trace(self, counsellor):
        client = Client(raise_request_exception=False)
        client.force_login(counsellor)
        response = client.get("/boom/")
        content = response.content.decode()
        assert response.status_code == 500
        assert "Erreur du serveur" in content
        assert "kaboom" not in content
        assert "Traceback" not in content


class TestDeployChecks:
    def test_production_settings_pass_check_deploy_without_warning(self):
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": "x7!Kq2@pL9#vR4$wT8%yU1^zA6&bC3*dE5(fG0)hJ-mN+sQ=Zk4Lp8Wr2",
            "ALLOWED_HOSTS": "chemin.example.org",
            "FIELD_ENCRYPTION_KEYS": "hUkAqOX8vuXLlGFAwLi0EjE331ESok87AV5BUqXbqrg=",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr + result.stdout
        assert "System check identified no issues" in result.stdout

    def test_bad_environment_value_stops_the_process_naming_the_variable(self):
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "peut-être"}
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert "DEBUG" in result.stderr
        assert "ImproperlyConfigured" in result.stderr
