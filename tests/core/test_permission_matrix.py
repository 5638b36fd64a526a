"""The permission matrix (chemin/core/permissions.py) covers every URL of the project, and every
entry holds: each URL is requested for real, on the demo organisation, by a member of each role of
the object's territory and by a member of the same role in another territory."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership, User
from chemin.core.permissions import ADMIN_SITE_NAMESPACE, MATRIX, Rule, Scope
from chemin.notes.enums import NoteVisibility
from chemin.notes.services import note_create
from chemin.opportunities.enums import OpportunityStatus
from chemin.opportunities.models import Opportunity
from chemin.opportunities.services import placement_create
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.reporting.enums import ExportKind, ExportStatus
from chemin.reporting.models import ExportJob
from chemin.territories.models import Territory
from tests.agreements.factories import AgreementFactory
from tests.core.url_objects import OWNED, REQUEST_DATA, owned_arguments, url_arguments


def url_names(patterns=None, namespace: str | None = None, converters: dict | None = None):
    """(name, converters of all its arguments, outer includes' included) of every named URL."""
    converters = converters or {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        found = {**converters, **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            inner = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from url_names(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), found


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


def _example_url(name: str, converters: dict) -> str:
    """The URL with made-up arguments: an anonymous visitor must be stopped before any lookup."""
    arguments = {
        argument: 999_999 if type(converter).__name__ == "IntConverter" else "x"
        for argument, converter in converters.items()
    }
    return reverse(name, kwargs=arguments)


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

# The demo's staff of Arras (the objects' territory) and of Lens-Liévin (another territory), by role.
DEMO_STAFF = {
    Role.ADMIN: ("Olivier", "Nathalie"),
    Role.MANAGER: ("Thierry", "Isabelle"),
    Role.COUNSELLOR: ("Karim", None),  # the demo's Lens counsellor works in Arras too
    Role.BUSINESS_DEVELOPER: ("Mehdi", "Julie"),
}
ALLOWED = {200, 302}
# A POST without its form's data: the form answers, which means the user got past the check.
ALLOWED_POST = {200, 302, 400}
DENIED = {403, 404}


@dataclass
class World:
    territory: Territory
    other_territory: Territory
    member: User
    other_member: User
    role: Role


def _demo_world(role: Role) -> World:
    call_command("seed_demo", verbosity=0)
    arras = Territory.objects.get(slug="arras")
    lens = Territory.objects.get(slug="lens-lievin")
    first_name, other_first_name = DEMO_STAFF[role]
    member = User.objects.get(first_name=first_name, memberships__territory=arras)
    if other_first_name is None:
        other_member = User.objects.create_user(
            "lens.seulement@chemin-faisant.test", first_name="Léa", last_name="Lens"
        )
        Membership.objects.create(user=other_member, territory=lens, role=role)
    else:
        other_member = User.objects.get(first_name=other_first_name, memberships__territory=lens)
    for territory, staff in ((arras, member), (lens, other_member)):
        _complete_demo(territory, staff)
    return World(arras, lens, member, other_member, role)


def _complete_demo(territory: Territory, staff: User) -> None:
    """What the demo story does not hold in every territory: an agreement of its own, a placement,
    each persona's own note and finished export."""
    AgreementFactory(territories=[territory])
    pathway = Pathway.objects.filter(territory=territory).exclude(phase=Phase.CLOSED).order_by("pk").first()
    offer = (
        Opportunity.objects.filter(territory=territory, status=OpportunityStatus.OPEN).order_by("pk").first()
    )
    if not pathway.placements.filter(opportunity=offer).exists():
        placement_create(pathway=pathway, opportunity=offer, created_by=pathway.referent)
    note_create(
        pathway=pathway,
        author=staff,
        date=timezone.localdate(),
        text="Point d'étape au téléphone.",
        visibility=NoteVisibility.TEAM,
    )
    ExportJob.objects.create(
        user=staff,
        kind=ExportKind.REPORT_PDF,
        status=ExportStatus.DONE,
        progress=100,
        filename="rapport.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4",
        finished_at=timezone.now(),
    )


def _request(user: User, name: str, arguments: dict, data: dict) -> tuple[str, int]:
    user.refresh_from_db()  # signing out everywhere changes the session's signature
    client = Client()
    client.force_login(user)
    url = reverse(name, kwargs=arguments)
    response = client.get(url, data)
    if response.status_code == 405:
        return "POST", client.post(url, data).status_code
    return "GET", response.status_code


def _check(problems: list[str], who: str, name: str, outcome: tuple[str, int], expected: set[int]) -> None:
    method, status = outcome
    if method == "POST" and expected == ALLOWED:
        expected = ALLOWED_POST
    if status not in expected:
        problems.append(f"{name}: {who} got {status} on {method}, expected one of {sorted(expected)}")


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(DEMO_STAFF), ids=str)
def test_each_role_gets_what_the_matrix_says_on_every_url(role, reference_data):
    world = _demo_world(role)
    problems: list[str] = []
    for name, rule in sorted(MATRIX.items()):
        if rule.is_public:
            continue
        allowed = role in rule.roles
        data = REQUEST_DATA[name](world.territory) if name in REQUEST_DATA else {}
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
