"""Every URL of the project is in the permission matrix (chemin/core/permissions.py), and each one
treats an anonymous visitor as the matrix says."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chemin.core.permissions import ADMIN_SITE_NAMESPACE, MATRIX, PUBLIC, STAFF


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


def unlisted() -> list[str]:
    return sorted(
        name
        for name, _pattern in url_names()
        if name not in MATRIX and not name.startswith(f"{ADMIN_SITE_NAMESPACE}:")
    )


def test_every_url_of_the_project_has_an_entry():
    assert unlisted() == [], "Declare these URLs in chemin/core/permissions.py"


def test_the_matrix_lists_no_url_that_is_gone():
    existing = {name for name, _pattern in url_names()}
    assert sorted(set(MATRIX) - existing) == []
    assert set(MATRIX.values()) == {PUBLIC, STAFF}


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
    url = _example_url(name, dict(url_names())[name])
    response = client.get(url)
    sent_to_sign_in = response.status_code == 302 and response.url.startswith(reverse(settings.LOGIN_URL))
    if MATRIX[name] == STAFF:
        assert sent_to_sign_in, f"{name} ({url}) answered {response.status_code} to an anonymous visitor"
    else:
        assert not sent_to_sign_in, f"{name} is declared public but asks to sign in"
        assert response.status_code < 500


@pytest.mark.django_db
def test_the_admin_site_asks_its_own_sign_in(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
