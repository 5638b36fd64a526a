"""Prescribers and accompanied people reach their own window only; staff do not reach theirs
(chemin/accounts/middleware.OutsideWindowMiddleware)."""

import pytest
from django.urls import reverse

from chemin.accounts.enums import AccountKind
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prescriber_user():
    return UserFactory(kind=AccountKind.PRESCRIBER)


@pytest.fixture
def participant_user():
    return UserFactory(kind=AccountKind.PARTICIPANT)


@pytest.mark.parametrize(
    ("kind", "window"), [(AccountKind.PRESCRIBER, "portal:home"), (AccountKind.PARTICIPANT, "space:home")]
)
def test_the_home_page_sends_an_outside_account_to_its_window(client, kind, window):
    client.force_login(UserFactory(kind=kind))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url == reverse(window)


@pytest.mark.parametrize("kind", [AccountKind.PRESCRIBER, AccountKind.PARTICIPANT])
@pytest.mark.parametrize(
    "name", ["participants:caseload", "referrals:list", "accounts:account", "core:alerts"]
)
def test_an_outside_account_does_not_see_that_staff_pages_exist(client, kind, name):
    client.force_login(UserFactory(kind=kind))
    assert client.get(reverse(name)).status_code == 404


def test_a_prescriber_does_not_reach_the_personal_space_nor_a_person_the_portal(
    client, prescriber_user, participant_user
):
    client.force_login(prescriber_user)
    assert client.get(reverse("space:home")).status_code == 404
    client.force_login(participant_user)
    assert client.get(reverse("portal:home")).status_code == 404


@pytest.mark.parametrize("name", ["portal:home", "space:home"])
def test_staff_do_not_reach_the_outside_windows(counsellor_client, name):
    assert counsellor_client.get(reverse(name)).status_code == 404


def test_an_outside_account_can_sign_out_and_read_the_accessibility_statement(client, participant_user):
    client.force_login(participant_user)
    assert client.get(reverse("core:accessibility")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_accessibility_statement_is_public_and_names_the_audited_pages(client):
    response = client.get(reverse("core:accessibility"), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Déclaration d’accessibilité" in content
    assert "partiellement conforme" in content
    assert "L’espace personnel" in content
    assert "Défenseur des droits" in content
