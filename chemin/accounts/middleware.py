from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from chemin.accounts import two_factor
from chemin.accounts.enums import AccountKind
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


class OutsideWindowMiddleware:
    """Keep prescribers and accompanied people in their own window, and staff out of theirs.

    A prescriber's account reaches the prescriber portal only, an accompanied person's account their
    own space only (DESIGN.md §4): any other page answers 404, as if it did not exist. Their home
    page sends them to their window. Staff get a 404 on both windows. Public pages (signed links,
    signing in) and the few pages every account has (signing out, language, accessibility) stay open.
    """

    WINDOWS = {AccountKind.PRESCRIBER: "portal", AccountKind.PARTICIPANT: "space"}
    OPEN_URL_NAMES = frozenset({"accounts:logout", "set_language", "core:accessibility"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args, view_kwargs
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True) or match.view_name in self.OPEN_URL_NAMES:
            return None
        window = self.WINDOWS.get(request.user.kind)
        if window is None:  # staff
            if match.namespace in self.WINDOWS.values():
                raise Http404
            return None
        if match.namespace == window:
            return None
        if match.view_name == "core:home":
            return redirect(f"{window}:home")
        raise Http404
