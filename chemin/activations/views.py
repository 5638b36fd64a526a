"""Prescriber activations in the participant file, and the prescriber's public answer page.

Staff side: counsellors, managers and admins of the pathway's territory; a business developer,
who may open the file for its job-facing profile, gets the 403 page; another territory's file is
a 404. A barrier is reached through ``Barrier.objects.detail_visible_to``: who may not read a
health or justice barrier cannot ask about it either.

Public side: no account, a signed link. A tampered link gets a 400 page, an expired one a 410
page, both in plain French and recording nothing. The page is kept out of search engines and
caches, and shows only what the email already said.
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
from django.views.decorators.http import require_GET, require_http_methods

from chemin.accounts.enums import Role
from chemin.activations import services
from chemin.activations.forms import ActivationForm, AnswerForm
from chemin.activations.models import PrescriberActivation
from chemin.activations.selectors import is_restricted, readable_special_barrier_ids
from chemin.activations.services import ActivationLinkExpired, ActivationLinkInvalid
from chemin.barriers.models import Barrier
from chemin.participants.access import current_pathway, participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

SENDER_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def _file(user: User, participant_pk: int) -> tuple[Participant, Pathway | None]:
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    if pathway is not None and role_in(user, pathway.territory) not in SENDER_ROLES:
        # The file is visible to business developers (job-facing profile), this section is not.
        raise PermissionDenied
    return participant, pathway


def _file_context(participant: Participant, pathway: Pathway | None) -> dict:
    return {"participant": participant, "pathway": pathway, "job_facing_only": False}


def _list_url(participant: Participant, activation: PrescriberActivation | None = None) -> str:
    url = reverse("activations:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#sollicitation-{activation.pk}" if activation else url


@require_GET
def activation_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant, pathway = _file(request.user, participant_pk)
    readable = readable_special_barrier_ids(request.user, participant)
    activations = list(
        PrescriberActivation.objects.visible_to(request.user)
        .filter(pathway__participant=participant)
        .select_related("prescriber__organisation", "sent_by", "barrier")
    )
    for activation in activations:
        activation.restricted = is_restricted(activation, readable)
    open_barriers = []
    prescriber = None
    if pathway is not None and pathway.is_open:
        prescriber = services.referring_prescriber(pathway)
        open_barriers = list(Barrier.objects.detail_visible_to(request.user).filter(pathway=pathway).open())
    context = {
        **_file_context(participant, pathway),
        "activations": activations,
        "open_barriers": open_barriers,
        "prescriber": prescriber,
    }
    return render(request, "activations/list.html", context)


@require_http_methods(["GET", "POST"])
def activation_create(request: HttpRequest, participant_pk: int, barrier_pk: int) -> HttpResponse:
    participant, pathway = _file(request.user, participant_pk)
    barrier = get_object_or_404(
        Barrier.objects.detail_visible_to(request.user)
        .filter(pathway__participant=participant)
        .select_related("pathway__participant", "pathway__territory"),
        pk=barrier_pk,
    )
    pathway = barrier.pathway
    prescriber = services.referring_prescriber(pathway)
    refusal = None
    if not pathway.is_open:
        refusal = _("The pathway is closed: the prescriber can no longer be asked.")
    elif prescriber is None:
        refusal = _(
            "This pathway was not opened from a prescriber's referral: there is no referring "
            "prescriber to ask. Contact the partners who can help instead."
        )
    elif not prescriber.email:
        refusal = _(
            "The referring prescriber has no email address: add it in the prescribers directory first."
        )

    if request.method == "POST" and refusal is None:
        form = ActivationForm(request.POST)
        if form.is_valid():
            try:
                activation = services.activation_send(
                    pathway=pathway,
                    barrier=barrier,
                    request_text=form.cleaned_data["request_text"],
                    sent_by=request.user,
                    site_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Request sent to %(prescriber)s. Their answer will appear here and on the timeline.")
                    % {"prescriber": prescriber.full_name},
                )
                return redirect(_list_url(participant, activation))
    else:
        form = ActivationForm(
            initial={"request_text": services.default_request_text(pathway=pathway, barrier=barrier)}
        )
    context = {
        **_file_context(participant, pathway),
        "form": form,
        "barrier": barrier,
        "prescriber": prescriber,
        "refusal": refusal,
        "shared_name": services.shared_name(pathway),
    }
    return render(request, "activations/form.html", context)


# The prescriber's side: no account, a signed link.


def _public(response: HttpResponse) -> HttpResponse:
    # The token is in the URL: keep it out of search engines. Other sites never get it as a
    # referrer (SECURE_REFERRER_POLICY is "same-origin"); "no-referrer" here would make browsers
    # send "Origin: null" with the form, which Django's CSRF check rightly refuses.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_refused(request: HttpRequest, error: ActivationLinkInvalid | ActivationLinkExpired) -> HttpResponse:
    if isinstance(error, ActivationLinkExpired):
        activation = error.activation
        context = {
            "counsellor": activation.sent_by if activation else None,
            "territory": activation.pathway.territory if activation else None,
        }
        return _public(render(request, "activations/public/link_expired.html", context, status=410))
    return _public(render(request, "activations/public/link_invalid.html", status=400))


def _public_context(activation: PrescriberActivation) -> dict:
    return {
        "activation": activation,
        "person": services.shared_name(activation.pathway),
        "counsellor": activation.sent_by,
        "territory": activation.pathway.territory,
    }


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        activation = services.activation_from_token(token)
    except (ActivationLinkInvalid, ActivationLinkExpired) as error:
        return _link_refused(request, error)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.activation_answer(
                    activation=activation,
                    status=form.cleaned_data["status"],
                    answer_text=form.cleaned_data["answer_text"],
                )
            except ActivationLinkExpired as error:
                return _link_refused(request, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("activation_answers:thanks", token=token)
    else:
        initial = (
            {"status": activation.status, "answer_text": activation.answer_text}
            if activation.is_answered
            else {}
        )
        form = AnswerForm(initial=initial)
    context = {**_public_context(activation), "form": form}
    return _public(render(request, "activations/public/answer.html", context))


@login_not_required
@never_cache
@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        activation = services.activation_from_token(token)
    except (ActivationLinkInvalid, ActivationLinkExpired) as error:
        return _link_refused(request, error)
    context = {**_public_context(activation), "token": token}
    return _public(render(request, "activations/public/thanks.html", context))
