"""Shared fixtures: reference data, territories and the personas every view test uses.

Personas (STYLE.md): Alice the counsellor and Bob the manager work in Lens-Liévin; Charlie is a
counsellor in Arras, the "other territory"; Dana is a business developer in Lens-Liévin; Eve is
the organisation's administrator. Prescriber and participant personas arrive with their issues.
"""

import os

import pytest
from django.core.management import call_command
from django.test import Client

from chemin.accounts.enums import Role
from chemin.accounts.models import User
from chemin.referentials.models import RomeJob
from chemin.territories.models import Territory
from tests.accounts.factories import UserFactory
from tests.territories.factories import TerritoryFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real ROME and communes reference data once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_referentials", verbosity=0)


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Transactional tests (live server, worker, benchmark) empty every table after they run,
    reference data included: reload it when an earlier one took it away."""
    if not RomeJob.objects.exists():
        call_command("load_referentials", verbosity=0)


@pytest.fixture
def territory(db) -> Territory:
    return TerritoryFactory(name="Lens-Liévin", slug="lens-lievin")


@pytest.fixture
def other_territory(db) -> Territory:
    return TerritoryFactory(name="Arras", slug="arras")


@pytest.fixture
def counsellor(territory) -> User:
    return UserFactory(first_name="Alice", last_name="Martin", memberships=[(territory, Role.COUNSELLOR)])


@pytest.fixture
def manager(territory) -> User:
    return UserFactory(first_name="Bob", last_name="Lefebvre", memberships=[(territory, Role.MANAGER)])


@pytest.fixture
def other_counsellor(other_territory) -> User:
    return UserFactory(
        first_name="Charlie", last_name="Benali", memberships=[(other_territory, Role.COUNSELLOR)]
    )


@pytest.fixture
def business_developer(territory) -> User:
    return UserFactory(
        first_name="Dana", last_name="Delattre", memberships=[(territory, Role.BUSINESS_DEVELOPER)]
    )


@pytest.fixture
def admin_user(territory) -> User:
    return UserFactory(
        first_name="Eve", last_name="Caron", superuser=True, memberships=[(territory, Role.ADMIN)]
    )


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def counsellor_client(counsellor) -> Client:
    return _client_for(counsellor)


@pytest.fixture
def other_counsellor_client(other_counsellor) -> Client:
    return _client_for(other_counsellor)


@pytest.fixture
def manager_client(manager) -> Client:
    return _client_for(manager)


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped silently: a skipped test (missing browser, database…) fails the run."""
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped — failing the run.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def colleague(territory) -> User:
    """Frank, another counsellor of Alice's territory (not the referent of her participants)."""
    return UserFactory(first_name="Frank", last_name="Wojcik", memberships=[(territory, Role.COUNSELLOR)])


@pytest.fixture
def colleague_client(colleague) -> Client:
    return _client_for(colleague)


@pytest.fixture
def business_developer_client(business_developer) -> Client:
    return _client_for(business_developer)


@pytest.fixture
def pathway(territory, counsellor):
    """Alice's participant, Nadia Benamar, with an open pathway in Lens-Liévin."""
    from tests.participants.factories import ParticipantFactory, PathwayFactory

    participant = ParticipantFactory(first_name="Nadia", last_name="Benamar")
    return PathwayFactory(participant=participant, territory=territory, referent=counsellor)


@pytest.fixture
def participant(pathway):
    return pathway.participant
