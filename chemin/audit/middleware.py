"""Records the reads of personal data (chemin/audit/reads.py says which pages are reads)."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

from chemin.audit.reads import read_of
from chemin.audit.services import read_record


class ReadLogMiddleware:
    """One row per successful read by a signed-in user, after the view answered: a refused or
    failed request (403, 404, a redirect, an error) shows nothing and records nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == HTTPStatus.OK and request.user.is_authenticated:
            read = read_of(request)
            if read is not None:
                read_record(user=request.user, read=read)
        return response
