"""The partner directory, its CSV import, and referrals of people to partners.

Directory: every staff member of a territory reads the partners serving it (a partner serving only
other territories is a 404); counsellors, managers and admins write; managers and admins import.
Suggestions and referrals belong to the participant file and follow its barriers: only those who
may read a barrier's detail see the partners suggested for it and the referrals made for it;
business developers get the 403 page on the referrals list and a 404 on suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.core.http import posted_id
from chemin.participants.access import current_pathway, participant_or_404, role_in
from chemin.partners import imports, services
from chemin.partners.enums import PartnerKind, ReferralStatus
from chemin.partners.forms import (
    DirectorySearchForm,
    ImportForm,
    PartnerForm,
    PartnerServiceForm,
    ReferralRecordForm,
)
from chemin.partners.models import Partner, PartnerReferral, PartnerService
from chemin.referentials.geo import estimate_distance
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.participants.models import Participant
    from chemin.referentials.geo import DistanceEstimate
    from chemin.referentials.models import Commune

PAGE_SIZE = 20
EDITOR_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}
IMPORT_ROLES = {Role.MANAGER, Role.ADMIN}


# --- Directory ------------------------------------------------------------------------------


def _require_staff(request: HttpRequest) -> None:
    # request.territories.choices is cached and already needed by the page header: no extra query.
    if not request.territories.choices:
        raise PermissionDenied


def _territories_with_role(request: HttpRequest, roles: set[Role]) -> list[Territory]:
    return [choice.territory for choice in request.territories.choices if choice.role in roles]


def _can_edit(request: HttpRequest) -> bool:
    return request.territories.role in EDITOR_ROLES


def _can_import(request: HttpRequest) -> bool:
    return request.territories.role in IMPORT_ROLES


def _with_details(queryset):
    return queryset.select_related("commune").prefetch_related(
        "categories", Prefetch("services", queryset=PartnerService.objects.order_by("title", "pk"))
    )


@dataclass(frozen=True)
class RankedPartner:
    partner: Partner
    distance: DistanceEstimate | None


def rank_by_distance(partners: list[Partner], origin: Commune | None) -> list[RankedPartner]:
    """Nearest first; partners without a known distance come last, by name."""
    if origin is None:
        return [RankedPartner(partner, None) for partner in partners]
    ranked = [
        RankedPartner(partner, estimate_distance(origin, partner.commune) if partner.commune else None)
        for partner in partners
    ]

    def key(item: RankedPartner) -> tuple[bool, float, str]:
        km = item.distance.km if item.distance else None
        return (km is None, km or 0.0, item.partner.name.lower())

    return sorted(ranked, key=key)


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    territory = request.territories.current
    form = DirectorySearchForm(request.GET or None)
    query, category, kind, near = "", "", "", None
    if form.is_valid():
        query = form.cleaned_data["q"]
        category, kind, near = (
            form.cleaned_data["category"],
            form.cleaned_data["kind"],
            form.cleaned_data["near"],
        )
    partners = _with_details(Partner.objects.visible_to(request.user).serving(territory)).search(query)
    if category:
        partners = partners.addressing(category)
    if kind:
        partners = partners.filter(kind=kind)
    partners = partners.order_by("-is_active", "name", "pk")
    if near is not None:
        # A territory's partners are a few hundred at most: ranking them in Python is cheap.
        rows: Any = rank_by_distance(list(partners), near)
    else:
        rows = partners
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    if near is None:
        page.object_list = rank_by_distance(list(page.object_list), None)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "near": near,
        "territory": territory,
        "can_edit": _can_edit(request),
        "can_import": _can_import(request),
    }
    fragment = bool(request.htmx) and not request.htmx.boosted
    template = "partners/includes/results.html" if fragment else "partners/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    partner = get_object_or_404(
        _with_details(Partner.objects.visible_to(request.user)).prefetch_related(
            "territories", "communes_served"
        ),
        pk=pk,
    )
    context = {
        "partner": partner,
        "can_edit": _can_edit(request),
        "service_form": PartnerServiceForm(),
    }
    return render(request, "partners/detail.html", context)


def _editable_territories(request: HttpRequest):
    ids = [territory.pk for territory in _territories_with_role(request, EDITOR_ROLES)]
    return Territory.objects.filter(pk__in=ids)


@transaction.atomic
def _save_partner(form: PartnerForm, editable) -> Partner:
    partner = form.save()
    # Territories the editor does not work in stay as they were.
    kept = [t for t in partner.territories.all() if t not in editable]
    services.partner_set_territories(partner=partner, territories=[*kept, *form.cleaned_data["territories"]])
    services.partner_set_categories(partner=partner, categories=form.cleaned_data["categories"])
    return partner


@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    if not _can_edit(request):
        raise PermissionDenied
    editable = _editable_territories(request)
    initial = {"territories": [request.territories.current.pk]}
    form = PartnerForm(request.POST or None, territories=editable, initial=initial)
    if request.method == "POST" and form.is_valid():
        partner = _save_partner(form, list(editable))
        messages.success(request, _("%(name)s is in the directory.") % {"name": partner.name})
        return redirect("partners:detail", pk=partner.pk)
    return render(request, "partners/form.html", {"form": form, "partner": None})


@require_http_methods(["GET", "POST"])
def partner_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    partner = get_object_or_404(
        Partner.objects.visible_to(request.user).prefetch_related("categories"), pk=pk
    )
    if not _can_edit(request):
        raise PermissionDenied
    editable = _editable_territories(request)
    form = PartnerForm(request.POST or None, instance=partner, territories=editable)
    if request.method == "POST" and form.is_valid():
        _save_partner(form, list(editable))
        messages.success(request, _("Changes saved."))
        return redirect("partners:detail", pk=partner.pk)
    return render(request, "partners/form.html", {"form": form, "partner": partner})


@require_POST
def service_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    if not _can_edit(request):
        raise PermissionDenied
    form = PartnerServiceForm(request.POST)
    if form.is_valid():
        services.partner_service_add(partner=partner, **form.cleaned_data)
        messages.success(request, _("Service added."))
        return redirect(reverse("partners:detail", kwargs={"pk": partner.pk}) + "#services")
    partner = _with_details(Partner.objects.filter(pk=partner.pk)).get()
    context = {"partner": partner, "can_edit": True, "service_form": form}
    return render(request, "partners/detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def partner_import(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    if not _can_import(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.import_partners(
            upload.read(),
            territories=_territories_with_role(request, IMPORT_ROLES),
            default_territory=request.territories.current,
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not form.cleaned_data["dry_run"]:
            messages.success(
                request,
                _("%(count)d partners imported.") % {"count": len(result.created)},
            )
            return redirect("partners:list")
    context = {
        "form": form,
        "result": result,
        "columns": imports.COLUMNS,
        "kinds": PartnerKind.choices,
        "categories": BarrierCategory.choices,
    }
    return render(request, "partners/import.html", context, status=400 if result and not result.ok else 200)


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    response = HttpResponse(
        imports.template_csv().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="partenaires-modele.csv"'
    return response


# --- Suggestions and referrals, in the participant file ---------------------------------------


def _file_context(request: HttpRequest, participant_pk: int) -> dict[str, Any]:
    participant = participant_or_404(request.user, participant_pk)
    pathway = current_pathway(participant)
    role = role_in(request.user, pathway.territory) if pathway is not None else None
    if role not in EDITOR_ROLES:
        # Business developers may open the file (job-facing profile), never its barriers.
        raise PermissionDenied
    return {"participant": participant, "pathway": pathway, "job_facing_only": False}


def _list_url(participant: Participant) -> str:
    return reverse("partner_referrals:list", kwargs={"participant_pk": participant.pk})


@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest, participant_pk: int, barrier_pk: int) -> HttpResponse:
    participant = participant_or_404(request.user, participant_pk)
    barrier = get_object_or_404(
        Barrier.objects.detail_visible_to(request.user)
        .open()
        .filter(pathway__participant=participant)
        .select_related("pathway__territory", "pathway__referent"),
        pk=barrier_pk,
    )
    pathway = barrier.pathway
    candidates = _with_details(
        Partner.objects.active().serving(pathway.territory).addressing(barrier.category)
    )
    if request.method == "POST":
        partner = get_object_or_404(candidates, pk=posted_id(request, "partner"))
        service = None
        if request.POST.get("service"):
            service = get_object_or_404(PartnerService, pk=posted_id(request, "service"), partner=partner)
        try:
            services.partner_referral_create(
                barrier=barrier, partner=partner, service=service, created_by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s is referred to %(partner)s. Record the answer in the referrals.")
                % {"person": participant.full_name, "partner": partner.name},
            )
        return redirect("partner_referrals:suggestions", participant_pk=participant.pk, barrier_pk=barrier.pk)
    referred = set(
        PartnerReferral.objects.filter(
            barrier=barrier, status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
        )
        .values_list("partner_id", flat=True)
        .distinct()
    )
    context = {
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": False,
        "barrier": barrier,
        "ranked": rank_by_distance(list(candidates.order_by("name", "pk")), participant.commune),
        "referred": referred,
        "can_refer": pathway.is_open,
    }
    return render(request, "partners/suggestions.html", context)


def _referrals_of(request: HttpRequest, participant: Participant):
    return (
        PartnerReferral.objects.visible_to(request.user)
        .filter(pathway__participant=participant)
        .with_detail_visibility(request.user)
        .select_related("partner", "service", "barrier", "created_by")
    )


@require_GET
def referral_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    context = _file_context(request, participant_pk)
    referrals = list(_referrals_of(request, context["participant"]))
    context["referrals"] = referrals
    return render(request, "partners/referral_list.html", context)


@require_http_methods(["GET", "POST"])
def referral_update(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    context = _file_context(request, participant_pk)
    participant = context["participant"]
    referral = get_object_or_404(_referrals_of(request, participant), pk=pk)
    if not referral.detail_visible:
        # Who may not read the barrier may not learn the partner nor the outcome either.
        raise PermissionDenied
    if not referral.is_open:
        messages.error(request, _("This referral is closed: its outcome is recorded."))
        return redirect(_list_url(participant))
    form = ReferralRecordForm(request.POST or None, current_status=referral.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_referral_record(
                referral=referral,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                outcome=form.cleaned_data["outcome"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The referral is up to date."))
            return redirect(_list_url(participant))
    context.update({"referral": referral, "form": form})
    return render(request, "partners/referral_form.html", context, status=400 if form.errors else 200)
