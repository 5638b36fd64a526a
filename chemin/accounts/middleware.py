from collections.abc import Callable

from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponse
from django_htmx.http import HttpResponseClientRedirect

from chemin.accounts.territory_context import TerritoryContext


class CurrentTerritoryMiddleware:
    """Attach ``request.territories``, resolved lazily so anonymous and static requests cost nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.territories = TerritoryContext(request)
        return self.get_response(request)


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Deny by default; an expired session inside an HTMX request reloads the whole page to the
    login form, instead of pasting the login page into a fragment."""

    def handle_no_permission(self, request: HttpRequest, view_func: Callable) -> HttpResponse:
        response = super().handle_no_permission(request, view_func)
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(response.url)
        return response
