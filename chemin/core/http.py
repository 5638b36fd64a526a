"""Small helpers for reading requests."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_id(value: str) -> bool:
    """A whole number the database can hold (``isdigit`` alone lets "²" through)."""
    return value.isascii() and value.isdigit() and len(value) <= 18


def posted_id(request: HttpRequest, name: str) -> int:
    """The object id a form posted in ``name``. Anything but a whole number (missing, text, a number
    out of the database's range) is a 404, as an id that does not exist would be."""
    value = request.POST.get(name, "")
    if not is_id(value):
        raise Http404
    return int(value)


def posted_ids(request: HttpRequest, name: str) -> list[int]:
    """The object ids a form posted in ``name`` (checkboxes); values that cannot be ids are left out."""
    return [int(value) for value in request.POST.getlist(name) if is_id(value)]


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go back to after an action: the ``next`` the page posted (or asked for), when it is
    a path of this site; ``default`` otherwise. A bare word is refused too: ``redirect()`` would
    take it for a view name."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
