"""The prescribers directory: organisations and their référents, shared by every territory.

Organisations refer people to several antennas, so any staff member may look them up and add
them; people without a territory (and anonymous visitors, through LoginRequiredMiddleware) may not.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.prescribers.enums import AccessRequestStatus
from chemin.prescribers.forms import (
    AccessDecisionForm,
    DirectorySearchForm,
    PrescriberForm,
    PrescriberOrganisationForm,
)
from chemin.prescribers.models import PortalAccessRequest, Prescriber, PrescriberOrganisation
from chemin.prescribers.services import access_request_approve, access_request_decline, prescriber_invite

PAGE_SIZE = 20
PICKER_LIMIT = 10
MAX_QUERY_LENGTH = 100


def _require_staff(request: HttpRequest) -> None:
    # request.territories.choices is cached and already needed by the page header: no extra query.
    if not request.territories.choices:
        raise PermissionDenied


def can_invite(request: HttpRequest) -> bool:
    """Opening the portal to someone shows them their organisation's referrals: a manager's or an
    administrator's decision (in any of their territories)."""
    return request.user.is_superuser or any(
        choice.role in (Role.ADMIN, Role.MANAGER) for choice in request.territories.choices
    )


def _is_fragment_request(request: HttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


def _with_referents(queryset):
    return queryset.prefetch_related(
        Prefetch("prescribers", queryset=Prescriber.objects.order_by("last_name", "first_name"))
    )


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = DirectorySearchForm(request.GET or None)
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    organisations = _with_referents(PrescriberOrganisation.objects.select_related("commune")).search(query)
    if kind:
        organisations = organisations.filter(kind=kind)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query, "kind": kind, "can_invite": can_invite(request)}
    fragment = _is_fragment_request(request)
    template = "prescribers/includes/directory_fragment.html" if fragment else "prescribers/list.html"
    response = render(request, template, context)
    # The page and the fragment share a URL: caches and the back button must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Options for the prescriber picker; a plain visit lands on the directory with the same words."""
    _require_staff(request)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if not _is_fragment_request(request):
        url = reverse("prescribers:list")
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    prescribers = (
        list(Prescriber.objects.select_related("organisation").search(query)[:PICKER_LIMIT]) if query else []
    )
    response = render(
        request, "prescribers/includes/prescriber_options.html", {"query": query, "prescribers": prescribers}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    organisation = get_object_or_404(
        _with_referents(PrescriberOrganisation.objects.select_related("commune")), pk=pk
    )
    return render(
        request,
        "prescribers/organisation_detail.html",
        {"organisation": organisation, "can_invite": can_invite(request)},
    )


@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = PrescriberOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("%(name)s is in the directory.") % {"name": organisation.name})
        return redirect("prescribers:organisation_detail", pk=organisation.pk)
    return render(request, "prescribers/organisation_form.html", {"form": form, "organisation": None})


@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    organisation = get_object_or_404(PrescriberOrganisation, pk=pk)
    form = PrescriberOrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("prescribers:organisation_detail", pk=organisation.pk)
    return render(request, "prescribers/organisation_form.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
def prescriber_create(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    _require_staff(request)
    organisation = get_object_or_404(PrescriberOrganisation, pk=organisation_pk)
    form = PrescriberForm(request.POST or None, instance=Prescriber(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        prescriber = form.save()
        messages.success(
            request,
            _("%(name)s is now a référent of %(organisation)s.")
            % {"name": prescriber.full_name, "organisation": organisation.name},
        )
        return redirect("prescribers:organisation_detail", pk=organisation.pk)
    context = {"form": form, "organisation": organisation, "prescriber": None}
    return render(request, "prescribers/prescriber_form.html", context)


@require_http_methods(["GET", "POST"])
def prescriber_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    prescriber = get_object_or_404(Prescriber.objects.select_related("organisation"), pk=pk)
    form = PrescriberForm(request.POST or None, instance=prescriber)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes saved."))
        return redirect("prescribers:organisation_detail", pk=prescriber.organisation_id)
    context = {"form": form, "organisation": prescriber.organisation, "prescriber": prescriber}
    return render(request, "prescribers/prescriber_form.html", context)


@require_POST
def prescriber_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a référent on the prescriber portal (again: a new link). Managers and admins only."""
    _require_staff(request)
    if not can_invite(request):
        raise PermissionDenied
    prescriber = get_object_or_404(Prescriber.objects.select_related("organisation", "user"), pk=pk)
    already = prescriber.user_id is not None
    try:
        user = prescriber_invite(
            prescriber=prescriber, invited_by=request.user, site_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if already:
            text = _("A new invitation was sent to %(email)s.")
        else:
            text = _("%(email)s is invited to the prescriber portal: they will choose their password.")
        messages.success(request, text % {"email": user.email})
    return redirect("prescribers:organisation_detail", pk=prescriber.organisation_id)


# --- Portal access asked for by référents (portal:access_request), decided by managers ---


@require_GET
def access_requests(request: HttpRequest) -> HttpResponse:
    """The requests waiting for a decision, the oldest first, then the last ones decided."""
    _require_staff(request)
    if not can_invite(request):
        raise PermissionDenied
    waiting = PortalAccessRequest.objects.filter(status=AccessRequestStatus.PENDING).order_by(
        "created_at", "pk"
    )
    decided = (
        PortalAccessRequest.objects.exclude(status=AccessRequestStatus.PENDING)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")[:20]
    )
    return render(request, "prescribers/access_requests.html", {"waiting": waiting, "decided": decided})


@require_POST
def access_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    if not can_invite(request):
        raise PermissionDenied
    access_request = get_object_or_404(PortalAccessRequest, pk=pk)
    form = AccessDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline the request."))
        return redirect("prescribers:access_requests")
    try:
        if form.cleaned_data["decision"] == AccessDecisionForm.APPROVE:
            prescriber = access_request_approve(
                access_request=access_request,
                approved_by=request.user,
                site_url=request.build_absolute_uri("/"),
            )
            messages.success(
                request,
                _("%(name)s joins the directory and is invited to the portal.")
                % {"name": prescriber.full_name},
            )
        else:
            access_request_decline(access_request=access_request, declined_by=request.user)
            messages.success(
                request, _("The request of %(name)s is declined.") % {"name": access_request.full_name}
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("prescribers:access_requests")
