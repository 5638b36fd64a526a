from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chemin.accounts.forms import EmailAuthenticationForm, TerritorySwitchForm


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
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse_lazy("core:home")
    return redirect(next_url)


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
