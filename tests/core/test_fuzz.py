"""Malformed input thrown at every form and endpoint of the project (Hypothesis): never a server
error, and a form that refuses its input saves nothing.

Every staff page of the permission matrix is opened on the demo organisation by an administrator;
the forms found in it (their fields read from the HTML, as a browser would) are then posted with
made-up, broken values: overlong, empty, NUL bytes, scripts, impossible dates, numbers out of range,
ids that do not exist, lists where one value is expected. GET forms (filters, searches) get the same
treatment in their query string.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from chemin.accounts.enums import Role
from chemin.core.permissions import MATRIX, Scope
from tests.core.url_objects import (
    OUTSIDE_ARGUMENTS,
    REQUEST_DATA,
    demo_world,
    outside_world,
    owned_arguments,
    url_arguments,
    url_names,
)

# Pages whose forms are not about the organisation's data: signing out ends the session the rest
# of the test needs, and the two-factor pages are covered by their own tests.
LEFT_OUT = {
    "accounts:logout",
    "accounts:sign_out_everywhere",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:new_recovery_codes",
}
# Writes that are not the form's: the audit trail records reads and attempts.
NOT_A_SAVE = {"auditlog", "audit", "axes", "sessions"}

BROKEN_VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "-1",
            "0",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "2026-13-45",
            "31/02/2026",
            "0000-00-00",
            "25:61",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "x" * 5000,
            "on",
            "\u202e\ufeff",
        ]
    ),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


@dataclass(frozen=True)
class Form:
    page: str
    method: str
    action: str
    fields: tuple[str, ...]


class FormParser(HTMLParser):
    """The forms of a page with their fields' names, as a browser would send them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._current: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attributes.get("method") or "get").lower(),
                "action": urljoin(self.page, attributes.get("action") or self.page),
                "fields": [],
            }
        elif self._current is not None and tag in {"input", "select", "textarea", "button"}:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._current["fields"].append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._current is not None:
            fields = tuple(sorted(set(self._current["fields"])))
            self.forms.append(Form(self.page, self._current["method"], self._current["action"], fields))
            self._current = None


def _is_ours(url: str) -> bool:
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in MATRIX and match.view_name not in LEFT_OUT


def _forms_of_every_page(client: Client, world) -> list[Form]:
    forms: dict[tuple, Form] = {}
    for name, converters in sorted(url_names()):
        rule = MATRIX.get(name)
        if rule is None or rule.is_public or name in LEFT_OUT:
            continue
        if rule.scope in {Scope.PRESCRIBER, Scope.PARTICIPANT}:  # not the staff's (an admin gets a 404)
            continue
        if rule.scope == Scope.OWN:
            arguments = owned_arguments(name, world.territory, owner=world.member)
        else:
            arguments = url_arguments(name, converters, world.territory)
        page = reverse(name, kwargs=arguments)
        data = REQUEST_DATA[name](world.territory) if name in REQUEST_DATA else {}
        response = client.get(page, data)
        response.close()
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(page)
        parser.feed(response.content.decode())
        for form in parser.forms:
            if _is_ours(form.action):
                forms.setdefault((form.method, urlsplit(form.action).path, form.fields), form)
    return list(forms.values())


@contextmanager
def saves_recorded():
    """The rows saved or deleted through the ORM while the block runs, by app."""
    saved: Counter = Counter()

    def record(sender, **kwargs):
        if sender._meta.app_label not in NOT_A_SAVE:
            saved[sender._meta.label] += 1

    receivers = [(post_save, record), (post_delete, record), (m2m_changed, record)]
    for signal, receiver in receivers:
        signal.connect(receiver, weak=False, dispatch_uid=f"fuzz-{signal!r}")
    try:
        yield saved
    finally:
        for signal, _receiver in receivers:
            signal.disconnect(dispatch_uid=f"fuzz-{signal!r}")


def fill_with_broken_values(client: Client, form: Form, data) -> None:
    """Send the form with broken values: never a server error, and a refused form saves nothing."""
    values = {
        field: data.draw(st.one_of(BROKEN_VALUES, st.lists(BROKEN_VALUES, min_size=2, max_size=3)))
        for field in form.fields
    }
    with saves_recorded() as saved:
        if form.method == "post":
            response = client.post(form.action, values)
        else:
            response = client.get(form.action, values)
        response.close()
    where = f"{form.method.upper()} {form.action} (form of {form.page}) with {values!r}"
    assert response.status_code < 500, f"{response.status_code} on {where}"
    if form.method == "post" and response.status_code not in {301, 302, 303}:
        assert not saved, f"{dict(saved)} saved although the form was refused: {where}"


@pytest.fixture
def world(reference_data):
    return demo_world(Role.ADMIN)


@pytest.fixture
def admin_client(world) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    return client


@pytest.fixture
def forms(world, admin_client) -> list[Form]:
    return _forms_of_every_page(admin_client, world)


@pytest.mark.django_db
def test_every_page_of_the_matrix_has_its_forms_found(forms):
    posted = {resolve(urlsplit(form.action).path).view_name for form in forms if form.method == "post"}
    # The forms people fill every day are found, so the fuzzing below reaches them.
    assert {
        "participants:edit",
        "notes:create",
        "barriers:create",
        "companies:create",
        "steps:create",
    } <= posted
    assert len(forms) > 60


@pytest.mark.django_db
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: each example walks every form, so shrinking one failure would take many
    # minutes; the first failing input, printed in full, is enough to reproduce it.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_broken_input_never_breaks_a_page_and_a_refused_form_saves_nothing(forms, admin_client, data):
    for form in forms:
        fill_with_broken_values(admin_client, form, data)


# --- The outside windows, filled in by their own accounts: the prescriber and the person ---


@pytest.fixture
def outside_forms(reference_data) -> list[tuple[Client, Form]]:
    """Every form of the prescriber portal (as Céline) and of the personal space (as Anthony)."""
    world = outside_world()
    found: dict[tuple, tuple[Client, Form]] = {}
    for scope, account in ((Scope.PRESCRIBER, world.prescriber), (Scope.PARTICIPANT, world.person)):
        client = Client(raise_request_exception=False)
        client.force_login(account)
        for name in sorted(name for name, rule in MATRIX.items() if rule.scope == scope):
            arguments = OUTSIDE_ARGUMENTS[name](world) if name in OUTSIDE_ARGUMENTS else {}
            page = reverse(name, kwargs=arguments)
            response = client.get(page)
            response.close()
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = FormParser(page)
            parser.feed(response.content.decode())
            for form in parser.forms:
                if _is_ours(form.action):
                    found.setdefault(
                        (account.pk, form.method, urlsplit(form.action).path, form.fields), (client, form)
                    )
    return list(found.values())


@pytest.mark.django_db
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_broken_input_never_breaks_the_outside_windows(outside_forms, data):
    posted = {resolve(urlsplit(form.action).path).view_name for _client, form in outside_forms}
    assert {"portal:referral_create", "space:wish_create", "space:step_create", "space:sharing"} <= posted
    for client, form in outside_forms:
        fill_with_broken_values(client, form, data)
