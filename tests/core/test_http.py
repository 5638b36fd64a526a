import pytest
from django.http import Http404
from django.test import RequestFactory

from chemin.core.http import is_id, next_url, posted_id, posted_ids


@pytest.mark.parametrize("value", ["1", "42", "9" * 18])
def test_whole_numbers_the_database_can_hold_are_ids(value):
    assert is_id(value)


@pytest.mark.parametrize("value", ["", "-1", "1.5", "²", "١٢", "9" * 19, " 1", "abc"])
def test_anything_else_is_not_an_id(value):
    assert not is_id(value)


def test_a_posted_id_that_cannot_exist_is_a_404():
    request = RequestFactory().post("/", {"pathway": "²"})
    with pytest.raises(Http404):
        posted_id(request, "pathway")
    assert posted_id(RequestFactory().post("/", {"pathway": "12"}), "pathway") == 12


def test_posted_ids_keep_only_the_values_that_can_be_ids():
    request = RequestFactory().post("/", {"company": ["3", "x", "²", "99999999999999999999", "7"]})
    assert posted_ids(request, "company") == [3, 7]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/entreprises/", "/entreprises/"),
        ("https://ailleurs.example/", "/accueil"),
        ("//ailleurs.example/", "/accueil"),
        ("core:home", "/accueil"),  # redirect() would take a bare word for a view name
        ("", "/accueil"),
    ],
)
def test_next_url_is_a_path_of_this_site_or_the_default(target, expected):
    request = RequestFactory().post("/", {"next": target})
    assert next_url(request, "/accueil") == expected
