from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from chemin.accounts import two_factor
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


class TwoFactorMiddleware:
    """When TWO_FACTOR_REQUIRED is on, a staff member signed in with their password reaches no page
    before their second factor: set up the app the first time, type a code every time after.
    Public pages (signed links), signing out and the two-factor pages themselves stay open."""

    OPEN_URL_NAMES = frozenset(
        {
            "accounts:logout",
            "accounts:two_factor_setup",
            "accounts:two_factor_recovery_codes",
            "accounts:two_factor_verify",
            "set_language",
        }
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args, view_kwargs
    ) -> HttpResponse | None:
        if not settings.TWO_FACTOR_REQUIRED or not request.user.is_authenticated:
            return None
        if request.user.is_verified() or not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.OPEN_URL_NAMES:
            return None
        if not two_factor.is_staff_member(request.user):
            return None
        step = (
            "accounts:two_factor_verify" if two_factor.has_app(request.user) else "accounts:two_factor_setup"
        )
        url = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(url)
        return redirect(url)
