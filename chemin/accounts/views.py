import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from chemin.accounts import two_factor
from chemin.accounts.forms import EmailAuthenticationForm, OneTimeCodeForm, TerritorySwitchForm
from chemin.accounts.models import User
from chemin.core.http import next_url

logger = logging.getLogger(__name__)


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


def lockout_username(request: HttpRequest, credentials: dict | None) -> str:
    """The account django-axes counts failures against (AXES_USERNAME_CALLABLE): the email as the
    login form reads it, case-insensitively, so NADIA@… and nadia@… are one account."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


def locked_out(request: HttpRequest, response: HttpResponse | None, credentials: dict | None) -> HttpResponse:
    """What django-axes answers once an account is locked (AXES_LOCKOUT_CALLABLE): a French page
    saying for how long, with the way out (a new password). 429, as axes does."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@require_POST
def switch_territory(request: HttpRequest) -> HttpResponse:
    form = TerritorySwitchForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    territory_id = form.cleaned_data["territory"]
    if not request.territories.can_switch_to(territory_id):
        # Not one of the user's territories: say nothing of whether it exists.
        return HttpResponseBadRequest()
    request.territories.switch_to(territory_id)
    messages.success(
        request, _("You are now working in %(territory)s.") % {"territory": request.territories.current}
    )
    return redirect(_next_url(request))


password_reset = login_not_required(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


# Two-factor authentication (chemin/accounts/two_factor.py). These pages are reachable signed in
# but not yet verified: TwoFactorMiddleware lets them through.
_RECOVERY_CODES_SESSION_KEY = "two_factor_recovery_codes"


def _next_url(request: HttpRequest) -> str:
    """Where to go back to (``next``), when it is on this site; home otherwise."""
    return next_url(request, str(reverse_lazy("core:home")))


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then type a first code."""
    if two_factor.has_app(request.user) and not request.user.is_verified():
        return redirect(f"{reverse_lazy('accounts:two_factor_verify')}?next={_next_url(request)}")
    device = two_factor.pending_app(request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_app(device, form.cleaned_data["code"])
        if codes is None:
            form.add_error(
                "code",
                _("This code is not the one your app shows. Check the time of your phone and try again."),
            )
        else:
            otp_login(request, device)
            request.session[_RECOVERY_CODES_SESSION_KEY] = codes
            logger.info("user %s set up two-factor authentication", request.user.pk)
            return redirect(f"{reverse_lazy('accounts:two_factor_recovery_codes')}?next={_next_url(request)}")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device, title=_("QR code to scan with your authenticator app")),
            "secret": two_factor.secret_for_typing(device),
            "next": _next_url(request),
        },
    )


def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once right after they are made."""
    codes = request.session.pop(_RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    return render(
        request, "accounts/two_factor_recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of every sign-in: a code from the app, or a recovery code."""
    if not two_factor.has_app(request.user):
        return redirect(f"{reverse_lazy('accounts:two_factor_setup')}?next={_next_url(request)}")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error(
                "code", _("This code is not valid. Type the code your app shows now, or a recovery code.")
            )
        else:
            otp_login(request, device)
            logger.info("user %s passed the second factor", request.user.pk)
            return redirect(_next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def account(request: HttpRequest) -> HttpResponse:
    """The signed-in person's account: who they are, their second factor, signing out everywhere."""
    return render(request, "accounts/account.html", {"has_app": two_factor.has_app(request.user)})


@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    if not two_factor.has_app(request.user):
        return redirect("accounts:two_factor_setup")
    request.session[_RECOVERY_CODES_SESSION_KEY] = two_factor.new_recovery_codes(request.user)
    logger.info("user %s renewed their recovery codes", request.user.pk)
    return redirect(
        f"{reverse_lazy('accounts:two_factor_recovery_codes')}?next={reverse_lazy('accounts:account')}"
    )


@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the user, on every device, this one included."""
    user = request.user
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    logout(request)
    messages.success(request, _("You are signed out on every device. Sign in again here."))
    logger.info("user %s signed out everywhere", user.pk)
    return redirect("accounts:login")
