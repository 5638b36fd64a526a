"""The prescriber portal: the people the prescriber's organisation referred, referring someone
online, following what each person agreed to share, answering requests, the digest setting.

Prescriber accounts only (chemin/accounts/middleware.OutsideWindowMiddleware keeps everyone else
out); another organisation's referral, or a person who shares nothing, is a 404 (access.py).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.activations.enums import ActivationStatus
from chemin.activations.forms import AnswerForm
from chemin.activations.models import PrescriberActivation
from chemin.activations.services import ActivationLinkExpired, activation_answer, shared_name
from chemin.prescriber_portal.access import current_prescriber, organisation_referrals, referral_or_404
from chemin.prescriber_portal.forms import DigestForm, PortalReferralForm
from chemin.prescriber_portal.milestones import follow_one, shared_items_by_participant
from chemin.prescriber_portal.services import prescriber_digest_set
from chemin.prescribers.forms import PortalAccessRequestForm
from chemin.prescribers.models import Prescriber
from chemin.prescribers.services import access_request_create
from chemin.referrals.attachments import attachment_response
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.services import referral_create

logger = logging.getLogger(__name__)

PAGE_SIZE = 25


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The people the organisation referred, newest first, with where each referral stands."""
    prescriber = current_prescriber(request)
    rows = organisation_referrals(prescriber).select_related("prescriber", "territory")
    page = Paginator(rows.order_by("-referred_on", "-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    referrals = list(page.object_list)
    shared = shared_items_by_participant(
        r.participant_id for r in referrals if r.status == ReferralStatus.ACCEPTED
    )
    for referral in referrals:
        referral.can_follow = bool(shared.get(referral.participant_id))
    context = {"prescriber": prescriber, "page": page, "referrals": referrals, "nav": "home"}
    return render(request, "prescriber_portal/home.html", context)


@require_http_methods(["GET", "POST"])
def referral_create_view(request: HttpRequest) -> HttpResponse:
    prescriber = current_prescriber(request)
    posted = request.method == "POST"
    form = PortalReferralForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referral_create(
                recorded_by=request.user,
                territory=data["territory"],
                prescriber=prescriber,
                referred_on=timezone.localdate(),
                reason=data["reason"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                email=data["email"],
                phone=data["phone"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you: the referral of %(name)s is sent. We will invite them to a first meeting.")
                % {"name": f"{referral.first_name} {referral.last_name}"},
            )
            return redirect("portal:referral_detail", pk=referral.pk)
    return render(request, "prescriber_portal/referral_form.html", {"form": form, "nav": "referral_create"})


@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    prescriber = current_prescriber(request)
    referral = referral_or_404(prescriber, pk)
    can_follow = False
    if referral.status == ReferralStatus.ACCEPTED:
        can_follow = bool(shared_items_by_participant([referral.participant_id]).get(referral.participant_id))
    context = {
        "referral": referral,
        "attachments": list(referral.attachments.all()),
        "can_follow": can_follow,
        "nav": "home",
    }
    return render(request, "prescriber_portal/referral_detail.html", context)


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A file the organisation sent with one of its referrals."""
    referral = referral_or_404(current_prescriber(request), pk)
    attached = get_object_or_404(referral.attachments.all(), pk=attachment_pk)
    return attachment_response(attached, user_pk=request.user.pk)


@require_GET
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    """What the person agreed to share of their pathway; nothing shared (or no pathway): 404."""
    referral = referral_or_404(current_prescriber(request), pk)
    if referral.status != ReferralStatus.ACCEPTED:
        raise Http404
    followed = follow_one(referral)
    if followed is None:
        raise Http404
    logger.info("referral %s: pathway followed by user %s", referral.pk, request.user.pk)
    return render(
        request, "prescriber_portal/follow.html", {"referral": referral, "follow": followed, "nav": "home"}
    )


def _activations(prescriber: Prescriber) -> list[PrescriberActivation]:
    waiting_first = Case(
        When(status=ActivationStatus.SENT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    activations = list(
        PrescriberActivation.objects.filter(prescriber=prescriber)
        .select_related("pathway__participant", "pathway__territory", "sent_by")
        .order_by(waiting_first, "-sent_at", "-pk")
    )
    now = timezone.now()
    for activation in activations:
        activation.person = shared_name(activation.pathway)
        activation.can_answer = not activation.is_expired(now)
    return activations


def _render_activations(
    request: HttpRequest,
    prescriber: Prescriber,
    *,
    bound: tuple[int, AnswerForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    activations = _activations(prescriber)
    for activation in activations:
        if bound and bound[0] == activation.pk:
            activation.form = bound[1]
        else:
            initial = (
                {"status": activation.status, "answer_text": activation.answer_text}
                if activation.is_answered
                else None
            )
            activation.form = AnswerForm(prefix=f"activation-{activation.pk}", initial=initial)
    context = {"activations": activations, "nav": "activations"}
    return render(request, "prescriber_portal/activations.html", context, status=status)


@require_GET
def activations(request: HttpRequest) -> HttpResponse:
    """The requests addressed to this prescriber, waiting ones first, each answerable here."""
    return _render_activations(request, current_prescriber(request))


@require_POST
def activation_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    prescriber = current_prescriber(request)
    activation = get_object_or_404(PrescriberActivation.objects.filter(prescriber=prescriber), pk=pk)
    form = AnswerForm(request.POST, prefix=f"activation-{activation.pk}")
    if form.is_valid():
        try:
            activation_answer(
                activation=activation,
                status=form.cleaned_data["status"],
                answer_text=form.cleaned_data["answer_text"],
            )
        except ActivationLinkExpired:
            messages.error(request, _("This request is closed: contact the counsellor who sent it."))
            return redirect("portal:activations")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
            return redirect("portal:activations")
    return _render_activations(request, prescriber, bound=(activation.pk, form), status=400)


@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    prescriber = current_prescriber(request)
    form = DigestForm(request.POST if request.method == "POST" else None, instance=prescriber)
    if request.method == "POST" and form.is_valid():
        prescriber_digest_set(prescriber=prescriber, weekly=form.cleaned_data["digest_weekly"])
        messages.success(request, _("Your choice is saved."))
        return redirect("portal:settings")
    return render(request, "prescriber_portal/settings.html", {"form": form, "nav": "settings"})


# --- Asking for an account, before anyone invited you (public) ---


@login_not_required
@require_http_methods(["GET", "POST"])
def access_request(request: HttpRequest) -> HttpResponse:
    form = PortalAccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        access_request_create(**form.cleaned_data)
        return redirect("portal:access_request_sent")
    return render(request, "prescriber_portal/access_request.html", {"form": form})


@login_not_required
@require_GET
def access_request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "prescriber_portal/access_request_sent.html")
