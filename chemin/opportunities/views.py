"""Opportunities, matching both ways, and placements.

Every staff role of a territory sees its opportunities and puts people forward on them
(business developers included); an opportunity, company or interaction of another territory is a
404. The candidate list is job-facing for everyone: it never names a barrier or a partner. The
participant's ranked offers name barriers and partners only to those who may read the barrier.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.companies.models import Company, CompanyInteraction
from chemin.core.http import next_url, posted_id
from chemin.events.models import Event
from chemin.opportunities import selectors, services
from chemin.opportunities.enums import OpportunityStatus, RefusalReason
from chemin.opportunities.forms import (
    OpportunityFilterForm,
    OpportunityForm,
    OpportunityStatusForm,
    PlacementStatusForm,
)
from chemin.opportunities.models import Opportunity, Placement
from chemin.participants.access import current_pathway, participant_or_404, role_in
from chemin.pathways.models import Pathway

PAGE_SIZE = 20
STAFF_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN, Role.BUSINESS_DEVELOPER}


def _require_staff(request: HttpRequest) -> None:
    # request.territories.choices is cached and already needed by the page header: no extra query.
    if not request.territories.choices:
        raise PermissionDenied


def _opportunity_or_404(request: HttpRequest, pk: int) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.visible_to(request.user).select_related(
            "company", "contact", "commune", "rome_job", "territory", "created_by", "from_interaction"
        ),
        pk=pk,
    )


def _redirect_back(request: HttpRequest, default: str) -> HttpResponse:
    return redirect(next_url(request, default))


# --- Opportunities --------------------------------------------------------------------------


@require_GET
def opportunity_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    territory = request.territories.current
    form = OpportunityFilterForm(request.GET or None)
    search, status = "", OpportunityStatus.OPEN
    if form.is_bound and form.is_valid():
        search, status = form.cleaned_data["search"], form.cleaned_data["status"]
    elif not form.is_bound:
        form = OpportunityFilterForm(initial={"status": OpportunityStatus.OPEN})
    opportunities = (
        Opportunity.objects.visible_to(request.user)
        .filter(territory=territory)
        .select_related("company", "commune", "rome_job")
    )
    if status:
        opportunities = opportunities.filter(status=status)
    if search.strip():
        opportunities = opportunities.search(search)
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "territory": territory, "query_string": query.urlencode()}
    return render(request, "opportunities/list.html", context)


@require_GET
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    opportunity = _opportunity_or_404(request, pk)
    placements = opportunity.placements.select_related("pathway__participant").order_by("-proposed_on", "-pk")
    context = {
        "opportunity": opportunity,
        "placements": placements,
        "status_form": OpportunityStatusForm(initial={"status": opportunity.status}),
    }
    return render(request, "opportunities/detail.html", context)


def _render_form(request: HttpRequest, form: OpportunityForm, company: Company, **extra) -> HttpResponse:
    context = {"form": form, "company": company, **extra}
    return render(request, "opportunities/form.html", context, status=400 if form.errors else 200)


def _create(
    request: HttpRequest, company: Company, interaction: CompanyInteraction | None = None
) -> HttpResponse:
    initial = {"positions": 1}
    if interaction is not None:
        initial["contact"] = interaction.contact_id
    form = OpportunityForm(request.POST or None, company=company, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            opportunity = services.opportunity_create(
                company=company, created_by=request.user, from_interaction=interaction, **data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("The job offer “%(title)s” is recorded. Here are the people it could suit.")
                % {"title": opportunity.title},
            )
            return redirect("opportunities:candidates", pk=opportunity.pk)
    return _render_form(request, form, company, interaction=interaction, opportunity=None)


@require_http_methods(["GET", "POST"])
def opportunity_create(request: HttpRequest, company_pk: int) -> HttpResponse:
    _require_staff(request)
    company = get_object_or_404(
        Company.objects.visible_to(request.user).select_related("commune"), pk=company_pk
    )
    return _create(request, company)


@require_http_methods(["GET", "POST"])
def opportunity_create_from_interaction(request: HttpRequest, interaction_pk: int) -> HttpResponse:
    """One step from a call or a visit to the job offer it brought: company, contact and date known."""
    _require_staff(request)
    interaction = get_object_or_404(
        CompanyInteraction.objects.filter(
            company__in=Company.objects.visible_to(request.user)
        ).select_related("company__commune", "contact"),
        pk=interaction_pk,
    )
    return _create(request, interaction.company, interaction)


@require_http_methods(["GET", "POST"])
def opportunity_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    opportunity = _opportunity_or_404(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity, company=opportunity.company)
    if request.method == "POST" and form.is_valid():
        opportunity = form.save(commit=False)
        if opportunity.commune is None:
            opportunity.commune = opportunity.company.commune
        opportunity.save()
        messages.success(request, _("Changes saved."))
        return redirect("opportunities:detail", pk=opportunity.pk)
    return _render_form(request, form, opportunity.company, interaction=None, opportunity=opportunity)


@require_POST
def opportunity_set_status(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    opportunity = _opportunity_or_404(request, pk)
    form = OpportunityStatusForm(request.POST)
    if form.is_valid():
        opportunity = services.opportunity_set_status(
            opportunity=opportunity, status=form.cleaned_data["status"], changed_by=request.user
        )
        messages.success(
            request, _("The job offer is now: %(status)s.") % {"status": opportunity.get_status_display()}
        )
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("opportunities:detail", pk=opportunity.pk)


# --- Matching ---------------------------------------------------------------------------------


@require_GET
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """People of the territory ranked for the job: their job-facing profile only."""
    _require_staff(request)
    opportunity = _opportunity_or_404(request, pk)
    ranking = selectors.ranked_candidates(opportunity)
    # Put forward during a job dating or a visit: the placements keep the event (?evenement=<pk>).
    events = list(Event.objects.for_placements(opportunity.territory))
    event = next((event for event in events if str(event.pk) == request.GET.get("evenement")), None)
    context = {
        "opportunity": opportunity,
        "groups": ranking.groups,
        "ranking": ranking,
        "events": events,
        "event": event,
    }
    return render(request, "opportunities/candidates.html", context)


@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a person forward on the job (a placement "proposed to the person")."""
    _require_staff(request)
    opportunity = _opportunity_or_404(request, pk)
    pathway = get_object_or_404(
        Pathway.objects.visible_to(request.user).select_related("participant"),
        pk=posted_id(request, "pathway"),
        territory_id=opportunity.territory_id,
    )
    event = None
    if request.POST.get("event"):
        event = get_object_or_404(
            Event.objects.for_placements(opportunity.territory), pk=posted_id(request, "event")
        )
    default = reverse("opportunities:candidates", kwargs={"pk": opportunity.pk})
    try:
        services.placement_create(
            pathway=pathway, opportunity=opportunity, created_by=request.user, event=event
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s is put forward on “%(title)s”. Present the offer to them and record their answer.")
            % {"person": pathway.participant.full_name, "title": opportunity.title},
        )
    return _redirect_back(request, default)


@require_GET
def participant_opportunities(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """Open offers of the territory ranked for the person, and the person's placements."""
    participant = participant_or_404(request.user, participant_pk)
    pathway = current_pathway(participant)
    if pathway is None:
        raise Http404
    role = role_in(request.user, pathway.territory)
    if role not in STAFF_ROLES:
        raise Http404
    job_facing = role == Role.BUSINESS_DEVELOPER
    placements = (
        Placement.objects.filter(pathway__participant=participant, pathway__territory=pathway.territory)
        .select_related("opportunity__company", "opportunity__commune")
        .order_by("-proposed_on", "-pk")
    )
    context = {
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": job_facing,
        "placements": placements,
        "refusal_reasons": RefusalReason.choices,
        "groups": [],
    }
    if pathway.is_open:
        ranking = selectors.ranked_jobs(pathway=pathway, user=request.user, job_facing=job_facing)
        context["groups"] = ranking.groups
        context["ranking"] = ranking
    return render(request, "opportunities/participant_list.html", context)


@require_POST
def placement_status(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    placement = get_object_or_404(
        Placement.objects.filter(pathway__in=Pathway.objects.visible_to(request.user)).select_related(
            "pathway__participant", "opportunity"
        ),
        pk=pk,
    )
    default = reverse(
        "participant_opportunities:list", kwargs={"participant_pk": placement.pathway.participant_id}
    )
    form = PlacementStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return _redirect_back(request, default)
    try:
        placement = services.placement_change_status(
            placement=placement,
            status=form.cleaned_data["status"],
            changed_by=request.user,
            refusal_reason=form.cleaned_data["refusal_reason"],
            refusal_detail=form.cleaned_data["refusal_detail"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Placement on “%(title)s”: %(status)s.")
            % {"title": placement.opportunity.title, "status": placement.get_status_display()},
        )
    return _redirect_back(request, default)
