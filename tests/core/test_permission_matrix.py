"""The permission matrix (chemin/core/permissions.py) covers every URL of the project, and every
entry holds: each URL is requested for real, on the demo organisation, by a member of each role of
the object's territory and by a member of the same role in another territory."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from chemin.accounts.enums import Role
from chemin.accounts.middleware import OutsideWindowMiddleware
from chemin.accounts.models import User
from chemin.core.permissions import ADMIN_SITE_NAMESPACE, MATRIX, Rule, Scope
from tests.core.url_objects import (
    DEMO_STAFF,
    OUTSIDE_ARGUMENTS,
    OWNED,
    REQUEST_DATA,
    demo_world,
    outside_world,
    owned_arguments,
    url_arguments,
    url_names,
)

CONVERTERS = dict(url_names())


def unlisted() -> list[str]:
    return sorted(
        name
        for name, _pattern in url_names()
        if name not in MATRIX and not name.startswith(f"{ADMIN_SITE_NAMESPACE}:")
    )


def test_every_url_of_the_project_has_an_entry():
    assert unlisted() == [], "Declare these URLs in chemin/core/permissions.py"


def test_the_matrix_lists_no_url_that_is_gone():
    assert sorted(set(MATRIX) - set(CONVERTERS)) == []
    assert all(isinstance(rule, Rule) for rule in MATRIX.values())


@override_settings(ROOT_URLCONF="tests.core.urls_with_an_unlisted_page")
def test_a_new_url_without_an_entry_fails_the_build():
    assert unlisted() == ["forgotten"]


def _made_up_arguments(converters: dict) -> dict:
    return {
        argument: 999_999 if type(converter).__name__ == "IntConverter" else "x"
        for argument, converter in converters.items()
    }


def _example_url(name: str, converters: dict) -> str:
    """The URL with made-up arguments: an anonymous visitor must be stopped before any lookup."""
    return reverse(name, kwargs=_made_up_arguments(converters))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_an_anonymous_visitor_is_sent_to_sign_in_unless_the_url_is_public(client, name):
    url = _example_url(name, CONVERTERS[name])
    response = client.get(url)
    sent_to_sign_in = response.status_code == 302 and response.url.startswith(reverse(settings.LOGIN_URL))
    if MATRIX[name].is_public:
        assert not sent_to_sign_in, f"{name} is declared public but asks to sign in"
        assert response.status_code < 500
    else:
        assert sent_to_sign_in, f"{name} ({url}) answered {response.status_code} to an anonymous visitor"


@pytest.mark.django_db
def test_the_admin_site_asks_its_own_sign_in(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# --- Every role on every staff URL, in the object's territory and in another one ---

ALLOWED = {200, 302}
WINDOWS = {Scope.PRESCRIBER, Scope.PARTICIPANT}
# A POST without its form's data: the form answers, which means the user got past the check.
ALLOWED_POST = {200, 302, 400}
DENIED = {403, 404}


def _request(user: User, name: str, arguments: dict, data: dict) -> tuple[str, int]:
    user.refresh_from_db()  # signing out everywhere changes the session's signature
    client = Client()
    client.force_login(user)
    url = reverse(name, kwargs=arguments)
    method, response = "GET", client.get(url, data)
    if response.status_code == 405:
        method, response = "POST", client.post(url, data)
    response.close()  # a downloaded file is closed as a browser would
    return method, response.status_code


def _check(problems: list[str], who: str, name: str, outcome: tuple[str, int], expected: set[int]) -> None:
    method, status = outcome
    if method == "POST" and expected == ALLOWED:
        expected = ALLOWED_POST
    if status not in expected:
        problems.append(f"{name}: {who} got {status} on {method}, expected one of {sorted(expected)}")


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(DEMO_STAFF), ids=str)
def test_each_role_gets_what_the_matrix_says_on_every_url(role, reference_data):
    world = demo_world(role)
    problems: list[str] = []
    for name, rule in sorted(MATRIX.items()):
        if rule.is_public:
            continue
        allowed = role in rule.roles
        data = REQUEST_DATA[name](world.territory) if name in REQUEST_DATA else {}
        if rule.scope in WINDOWS:
            # Staff have no role in the outside windows: there is nothing there for them.
            outcome = _request(world.member, name, _made_up_arguments(CONVERTERS[name]), data)
            _check(problems, "a staff member", name, outcome, {404})
            continue
        if rule.scope == Scope.OWN:
            other_members = owned_arguments(name, world.territory, owner=world.member, owned=False)
            _check(problems, "someone else", name, _request(world.member, name, other_members, data), DENIED)
            own = owned_arguments(name, world.territory, owner=world.member)
            _check(problems, "another member", name, _request(world.other_member, name, own, data), DENIED)
            _check(
                problems,
                "the owner",
                name,
                _request(world.member, name, own, data),
                ALLOWED if allowed else DENIED,
            )
            continue
        arguments = url_arguments(name, CONVERTERS[name], world.territory)
        if rule.scope == Scope.TERRITORY:
            # Another territory's object does not exist for them: a 404, never a 403 or a page.
            # Administrators work for the whole organisation.
            expected = (ALLOWED if role == Role.ADMIN else {404}) if allowed else DENIED
            _check(
                problems,
                "another territory",
                name,
                _request(world.other_member, name, arguments, data),
                expected,
            )
        elif rule.scope == Scope.DIRECTORY:
            outcome = _request(world.other_member, name, arguments, data)
            _check(problems, "another territory", name, outcome, ALLOWED if allowed else DENIED)
        outcome = _request(world.member, name, arguments, data)
        _check(problems, "the territory's member", name, outcome, ALLOWED if allowed else DENIED)
    assert not problems, "\n".join(problems)


def test_the_owned_objects_are_declared_for_every_own_scope_url():
    assert {name for name, rule in MATRIX.items() if rule.scope == Scope.OWN} == set(OWNED)


# --- The outside windows: each opens to its own accounts, on their own objects, and nothing else ---


@pytest.mark.django_db
def test_the_outside_windows_open_to_their_owner_only_and_nothing_else_to_them(reference_data):
    world = outside_world()
    problems: list[str] = []
    # (the owner, the same kind of account elsewhere, the other kind of outside account)
    accounts = {
        Scope.PRESCRIBER: (world.prescriber, world.other_prescriber, world.person),
        Scope.PARTICIPANT: (world.person, world.other_person, world.prescriber),
    }
    # The portal first: the space's sharing page, posted empty, stops the sharing with the prescriber.
    for scope in (Scope.PRESCRIBER, Scope.PARTICIPANT):
        owner, elsewhere, other_kind = accounts[scope]
        for name in sorted(name for name, rule in MATRIX.items() if rule.scope == scope):
            arguments = OUTSIDE_ARGUMENTS[name](world) if name in OUTSIDE_ARGUMENTS else {}
            assert set(arguments) == set(CONVERTERS[name]), (
                f"Say in OUTSIDE_ARGUMENTS which object {name} takes"
            )
            _check(
                problems, "the other kind of account", name, _request(other_kind, name, arguments, {}), {404}
            )
            # Another organisation's referral, another person's step: they do not exist for them.
            expected = {404} if arguments else ALLOWED
            _check(
                problems, "the same kind elsewhere", name, _request(elsewhere, name, arguments, {}), expected
            )
            _check(problems, "the owner", name, _request(owner, name, arguments, {}), ALLOWED)
    # Nothing of the staff's application exists for them, but signing out (and the home page,
    # which leads to their window).
    for name, rule in sorted(MATRIX.items()):
        if rule.is_public or rule.scope in WINDOWS or name in OutsideWindowMiddleware.OPEN_URL_NAMES:
            continue
        if name == "core:home":
            for account, window in ((world.prescriber, "portal:home"), (world.person, "space:home")):
                client = Client()
                client.force_login(account)
                response = client.get(reverse(name))
                if response.status_code != 302 or response.url != reverse(window):
                    problems.append(f"core:home did not lead {account.get_kind_display()} to {window}")
            continue
        if rule.scope == Scope.OWN:
            arguments = owned_arguments(name, world.territory, owner=world.staff)
        else:
            arguments = url_arguments(name, CONVERTERS[name], world.territory)
        data = REQUEST_DATA[name](world.territory) if name in REQUEST_DATA else {}
        for account in (world.prescriber, world.person):
            _check(
                problems, account.get_kind_display(), name, _request(account, name, arguments, data), {404}
            )
    assert not problems, "\n".join(problems)
