"""Referrals (orientations): the list of a territory, recording one, and deciding on it.

Only counsellors, managers and admins of the referral's territory see a referral
(``Referral.objects.handled_by``); anyone else gets a 404, so its existence does not leak.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.participants.models import Participant
from chemin.pathways.models import Pathway
from chemin.referrals.attachments import attachment_response
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.forms import AcceptForm, DeclineForm, ReferralForm
from chemin.referrals.models import HANDLING_ROLES, Referral
from chemin.referrals.services import referral_accept, referral_create, referral_decline
from chemin.territories.models import Territory

PAGE_SIZE = 25


def _handling_territories(request: HttpRequest) -> list[Territory]:
    return [choice.territory for choice in request.territories.choices if choice.role in HANDLING_ROLES]


def _referral_or_404(request: HttpRequest, pk: int) -> Referral:
    queryset = Referral.objects.handled_by(request.user).select_related(
        "prescriber__organisation",
        "territory",
        "recorded_by",
        "decided_by",
        "participant",
        "pathway__referent",
    )
    return get_object_or_404(queryset, pk=pk)


@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    territory = request.territories.current
    if territory is None or request.territories.role not in HANDLING_ROLES:
        raise PermissionDenied
    referrals = Referral.objects.filter(territory=territory)
    counts = referrals.aggregate(
        all=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in ReferralStatus.values},
    )
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    else:
        status = ""
    rows = referrals.select_related("prescriber__organisation").order_by("-referred_on", "-created_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = [
        {"value": "", "label": pgettext("referrals", "All"), "count": counts["all"]},
        *[
            {"value": value, "label": label, "count": counts[value]}
            for value, label in ReferralStatus.choices
        ],
    ]
    context = {"territory": territory, "page": page, "status": status, "filters": filters}
    return render(request, "referrals/list.html", context)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    territories = _handling_territories(request)
    if not territories:
        raise PermissionDenied
    current = request.territories.current
    initial_territory = current if current in territories else territories[0]
    form = ReferralForm(
        request.POST or None,
        territories=Territory.objects.filter(pk__in=[territory.pk for territory in territories]),
        initial={"territory": initial_territory.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral = referral_create(
            recorded_by=request.user,
            territory=data["territory"],
            prescriber=form.chosen_prescriber(),
            referred_on=data["referred_on"],
            reason=data["reason"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            email=data["email"],
            phone=data["phone"],
        )
        messages.success(
            request,
            _("The referral of %(name)s is recorded: it waits for the first meeting.")
            % {"name": f"{referral.first_name} {referral.last_name}"},
        )
        return redirect("referrals:detail", pk=referral.pk)
    context = {"form": form, "organisation_names": ReferralForm.organisation_names()}
    return render(request, "referrals/create.html", context)


def _same_identity(request: HttpRequest, referral: Referral) -> tuple[list[Participant], bool]:
    """Files under the referral's identity the user may open, and whether there are others elsewhere.

    Files outside the user's territories are only counted: saying more would leak them.
    """
    identity = {
        "first_name": referral.first_name,
        "last_name": referral.last_name,
        "birth_date": referral.birth_date,
    }
    open_pathways = Pathway.objects.open().select_related("territory", "referent")
    visible = list(
        Participant.objects.visible_to(request.user)
        .same_identity(**identity)
        .prefetch_related(Prefetch("pathways", queryset=open_pathways, to_attr="open_pathways"))
    )
    mine = {territory.pk for territory in _handling_territories(request)}
    for participant in visible:
        for pathway in participant.open_pathways:
            pathway.in_my_territories = request.user.is_superuser or pathway.territory_id in mine
    elsewhere = (
        Participant.objects.same_identity(**identity)
        .exclude(pk__in=[participant.pk for participant in visible])
        .exists()
    )
    return visible, elsewhere


def _render_detail(
    request: HttpRequest,
    referral: Referral,
    *,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
) -> HttpResponse:
    context = {"referral": referral, "attachments": list(referral.attachments.all())}
    if referral.is_received:
        candidates, elsewhere = _same_identity(request, referral)
        context.update(
            {
                "candidates": candidates,
                "exists_elsewhere": elsewhere,
                "accept_form": accept_form
                or AcceptForm(referral=referral, user=request.user, candidates=candidates),
                "decline_form": decline_form or DeclineForm(),
            }
        )
    return render(request, "referrals/detail.html", context)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _referral_or_404(request, pk))


def _refuse_if_decided(request: HttpRequest, referral: Referral) -> HttpResponse | None:
    if referral.is_received:
        return None
    if referral.status == ReferralStatus.ACCEPTED:
        messages.error(request, _("This referral has already been accepted."))
    else:
        messages.error(request, _("This referral has already been declined."))
    return redirect("referrals:detail", pk=referral.pk)


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    if refused := _refuse_if_decided(request, referral):
        return refused
    candidates, _elsewhere = _same_identity(request, referral)
    form = AcceptForm(request.POST, referral=referral, user=request.user, candidates=candidates)
    if form.is_valid():
        try:
            pathway = referral_accept(
                referral=referral,
                accepted_by=request.user,
                first_meeting_on=form.cleaned_data["first_meeting_on"],
                referent=form.cleaned_data["referent"],
                existing_participant=form.existing_participant,
                prescriber_sharing=form.cleaned_data["prescriber_sharing"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Referral accepted: the pathway of %(name)s is open.")
                % {"name": pathway.participant.full_name},
            )
            return redirect(reverse("participants:detail", kwargs={"pk": pathway.participant_id}))
    return _render_detail(request, referral, accept_form=form)


@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    if refused := _refuse_if_decided(request, referral):
        return refused
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            referral_decline(referral=referral, declined_by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Referral declined. Remember to tell the prescriber why."))
            return redirect("referrals:detail", pk=referral.pk)
    return _render_detail(request, referral, decline_form=form)


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A file the prescriber sent with the referral, as an attachment under a cleaned-up name."""
    referral = _referral_or_404(request, pk)
    attached = get_object_or_404(referral.attachments.all(), pk=attachment_pk)
    return attachment_response(attached, user_pk=request.user.pk)
