"""The employer's follow-up form behind a signed link, and the staff actions that go with it.

Staff side (``employer_requests``, under the participant file): counsellors, managers, admins and
business developers (who hold the employer relationship) of the pathway's territory send the
link; another territory's file is a 404. Counsellors, managers and admins mark a signalled risk
as handled.

Public side (``employer_answers``): no account, a signed link. A tampered link gets a 400 page,
an expired one a 410 page, an answered one a "thank you, already answered" page, all in plain
French and recording nothing. Kept out of search engines and caches; shows only what the email
already said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.core.http import next_url
from chemin.employments import employer_link
from chemin.employments.employer_link import EmployerLinkAnswered, EmployerLinkExpired, EmployerLinkInvalid
from chemin.employments.models import CheckIn, EmployerRequest
from chemin.employments.public_forms import EmployerAnswerForm
from chemin.participants.access import participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway

# Business developers hold the employer relationship: they may ask the employer too.
SENDER_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN, Role.BUSINESS_DEVELOPER}
RISK_HANDLER_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def _back(request: HttpRequest, participant_pk: int) -> str:
    """Where to go after a staff action: the page that posted (same site only), else the file."""
    return next_url(request, reverse("participants:detail", kwargs={"pk": participant_pk}))


def _require_role(user: User, pathway: Pathway, roles: set[Role]) -> None:
    if role_in(user, pathway.territory) not in roles:
        raise PermissionDenied


@require_POST
def send(request: HttpRequest, participant_pk: int, check_in_pk: int) -> HttpResponse:
    participant = participant_or_404(request.user, participant_pk)
    check_in = get_object_or_404(
        CheckIn.objects.select_related("employment__pathway__territory", "employment__contact"),
        pk=check_in_pk,
        employment__pathway__participant=participant,
    )
    _require_role(request.user, check_in.employment.pathway, SENDER_ROLES)
    try:
        employer_request = employer_link.employer_request_send(
            check_in=check_in, sent_by=request.user, site_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("Follow-up form sent to %(contact)s (%(email)s). Their answer will appear on the timeline.")
            % {"contact": check_in.employment.contact.full_name, "email": employer_request.sent_to},
        )
    return redirect(_back(request, participant.pk))


@require_POST
def handle_risk(request: HttpRequest, participant_pk: int, request_pk: int) -> HttpResponse:
    participant = participant_or_404(request.user, participant_pk)
    employer_request = get_object_or_404(
        EmployerRequest.objects.select_related("check_in__employment__pathway__territory"),
        pk=request_pk,
        check_in__employment__pathway__participant=participant,
    )
    _require_role(request.user, employer_request.check_in.employment.pathway, RISK_HANDLER_ROLES)
    try:
        employer_link.employer_risk_handle(request=employer_request, handled_by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Marked as handled: the alert is closed."))
    return redirect(_back(request, participant.pk))


# The employer's side: no account, a signed link.


def _public(response: HttpResponse) -> HttpResponse:
    # The token is in the URL: keep it out of search engines. Other sites never get it as a
    # referrer (SECURE_REFERRER_POLICY is "same-origin"); "no-referrer" here would make browsers
    # send "Origin: null" with the form, which Django's CSRF check rightly refuses.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _public_context(employer_request: EmployerRequest) -> dict:
    employment = employer_request.check_in.employment
    return {
        "employer_request": employer_request,
        "person": employer_link.shared_name(employment.pathway.participant),
        "job_title": employment.job_title,
        "company": employment.company.name,
        "check_in": employer_link.milestone_phrase(employer_request.check_in),
        "counsellor": employer_request.sent_by,
        "territory": employment.pathway.territory,
    }


def _already_answered(
    request: HttpRequest, employer_request: EmployerRequest, *, status: int = 200
) -> HttpResponse:
    context = _public_context(employer_request)
    return _public(render(request, "employments/public/already_answered.html", context, status=status))


def _link_refused(
    request: HttpRequest, error: EmployerLinkInvalid | EmployerLinkExpired, *, status_if_answered: int = 200
) -> HttpResponse:
    if isinstance(error, EmployerLinkExpired):
        employer_request = error.request
        if employer_request is not None and employer_request.is_answered:
            # Answered in time: saying "expired" would make them think it was lost.
            return _already_answered(request, employer_request, status=status_if_answered)
        context = {
            "counsellor": employer_request.sent_by if employer_request else None,
            "territory": employer_request.check_in.employment.pathway.territory if employer_request else None,
        }
        return _public(render(request, "employments/public/link_expired.html", context, status=410))
    return _public(render(request, "employments/public/link_invalid.html", status=400))


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    # A repeated submission records nothing and says so (409); a visit is a plain page.
    status_if_answered = 409 if request.method == "POST" else 200
    try:
        employer_request = employer_link.request_from_token(token)
    except (EmployerLinkInvalid, EmployerLinkExpired) as error:
        return _link_refused(request, error, status_if_answered=status_if_answered)
    if employer_request.is_answered or employer_link.employer_side_recorded(employer_request.check_in):
        return _already_answered(request, employer_request, status=status_if_answered)
    if request.method == "POST":
        form = EmployerAnswerForm(request.POST)
        if form.is_valid():
            try:
                employer_link.employer_request_answer(
                    request=employer_request,
                    how_it_goes=form.cleaned_data["how_it_goes"],
                    difficulties=form.cleaned_data["difficulties"],
                    callback_wanted=form.cleaned_data["callback"] == "yes",
                    comment=form.cleaned_data["comment"],
                )
            except EmployerLinkAnswered:
                return _already_answered(request, employer_request, status=409)
            except EmployerLinkExpired as error:
                return _link_refused(request, error, status_if_answered=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("employer_answers:thanks", token=token)
    else:
        form = EmployerAnswerForm()
    context = {**_public_context(employer_request), "form": form}
    return _public(render(request, "employments/public/answer.html", context))


@login_not_required
@never_cache
@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        employer_request = employer_link.request_from_token(token)
    except EmployerLinkExpired as error:
        if error.request is not None and error.request.is_answered:
            employer_request = error.request
        else:
            return _link_refused(request, error)
    except EmployerLinkInvalid as error:
        return _link_refused(request, error)
    if not employer_request.is_answered:
        return redirect("employer_answers:answer", token=token)
    return _public(render(request, "employments/public/thanks.html", _public_context(employer_request)))
