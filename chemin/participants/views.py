"""The caseload and the participant file: summary, creation, edition, timeline."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.barriers.selectors import file_summary
from chemin.core import timeline
from chemin.employments.selectors import retention_for_pathways
from chemin.participants import selectors
from chemin.participants.access import file_access, participant_or_404
from chemin.participants.forms import CaseloadFilterForm, ParticipantCreateForm, ParticipantForm
from chemin.participants.models import Participant
from chemin.participants.services import participant_create, participant_update
from chemin.pathways.forms import ContactForm, PhaseForm, ReassignForm
from chemin.pathways.models import Pathway
from chemin.pathways.selectors import referent_choices

logger = logging.getLogger(__name__)

CASELOAD_PAGE_SIZE = 25
SUMMARY_EVENTS = 5
# Roles that accompany people: they create files and run pathways. Business developers don't.
ACCOMPANYING_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def _wants_fragment(request: HttpRequest, target: str) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and htmx.target == target


def caseload(request: HttpRequest) -> HttpResponse:
    """The participants with an open pathway in the current territory; counsellors start with theirs."""
    territory = request.territories.current
    if territory is None:
        return render(request, "participants/caseload.html", {"territory": None})
    role = request.territories.role
    referents = list(referent_choices(territory))
    data = request.GET.copy()
    # A counsellor's morning starts with their own people; an empty "referent" means everyone.
    if "referent" not in data and role == Role.COUNSELLOR and any(r.pk == request.user.pk for r in referents):
        data["referent"] = str(request.user.pk)
    form = CaseloadFilterForm(data, referents=referents, show_barriers=role != Role.BUSINESS_DEVELOPER)
    form.is_valid()
    pathways = selectors.caseload(user=request.user, territory=territory, **form.filters())
    page = Paginator(pathways, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    context = {
        "territory": territory,
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "can_create": role in ACCOMPANYING_ROLES,
        "showing_mine": form.filters()["referent_id"] == request.user.pk,
    }
    if _wants_fragment(request, "caseload-results"):
        return render(request, "participants/includes/caseload_fragment.html", context)
    return render(request, "participants/caseload.html", context)


def _file_pathways(participant: Participant) -> tuple[Pathway | None, list[Pathway]]:
    """The current pathway (as ``access.current_pathway``) and the others, newest first, one query."""
    pathways = list(
        participant.pathways.select_related("territory", "referent", "agreement").order_by(
            "-entry_date", "-pk"
        )
    )
    current = next((p for p in pathways if p.is_open), pathways[0] if pathways else None)
    return current, [p for p in pathways if p is not current]


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_or_404(request.user, pk)
    pathway, previous_pathways = _file_pathways(participant)
    access = file_access(request.user, pathway)
    context = {
        "participant": participant,
        "pathway": pathway,
        "previous_pathways": previous_pathways,
        "job_facing_only": access.job_facing_only,
        "access": access,
        "events": timeline.events_for(participant, request.user)[:SUMMARY_EVENTS],
        "can_open_pathway": (pathway is None or not pathway.is_open)
        and request.territories.role in ACCOMPANYING_ROLES,
    }
    if pathway is not None:
        context["barrier_summary"] = file_summary(
            user=request.user, pathway=pathway, job_facing_only=access.job_facing_only
        )
        # Still in post at M+1, M+3, M+6: one query whatever the number of contracts.
        context["retention_rows"] = retention_for_pathways([pathway])[pathway.pk]
    if pathway is not None and pathway.is_open:
        if access.can_work:
            context["phase_form"] = PhaseForm(initial={"phase": pathway.phase})
            context["contact_form"] = ContactForm()
        if access.can_reassign:
            context["reassign_form"] = ReassignForm(
                referents=referent_choices(pathway.territory), current_referent_id=pathway.referent_id
            )
    return render(request, "participants/detail.html", context)


def create(request: HttpRequest) -> HttpResponse:
    """A new file, straight from a first meeting (referrals create theirs on acceptance)."""
    territory = request.territories.current
    if territory is None or request.territories.role not in ACCOMPANYING_ROLES:
        raise PermissionDenied
    referents = referent_choices(territory)
    form = ParticipantCreateForm(request.POST or None, user=request.user, referents=referents)
    if request.method == "POST" and form.is_valid():
        pathway = participant_create(
            data=form.participant_data(),
            territory=territory,
            referent=form.cleaned_data["referent"],
            created_by=request.user,
        )
        messages.success(
            request, _("The file of %(name)s is created.") % {"name": pathway.participant.full_name}
        )
        return redirect("participants:detail", pk=pathway.participant_id)
    return render(request, "participants/participant_create.html", {"form": form, "territory": territory})


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_or_404(request.user, pk)
    pathway, _previous = _file_pathways(participant)
    access = file_access(request.user, pathway)
    if not access.can_work:
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, instance=participant, user=request.user)
    if request.method == "POST" and form.is_valid():
        participant_update(participant=participant, data=form.participant_data(), updated_by=request.user)
        messages.success(request, _("The file is updated."))
        return redirect("participants:detail", pk=participant.pk)
    if form.is_bound:
        # A failed validation wrote the typed values onto the instance: the header keeps the saved name.
        participant.refresh_from_db(fields=["first_name", "last_name", "birth_date"])
    context = {
        "form": form,
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": access.job_facing_only,
    }
    return render(request, "participants/participant_edit.html", context)


def timeline_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything that happened to the person, newest first, filterable by kind."""
    participant = participant_or_404(request.user, pk)
    pathway, _previous = _file_pathways(participant)
    access = file_access(request.user, pathway)
    events = timeline.events_for(participant, request.user)
    kinds: dict[str, str] = {}
    for event in events:
        kinds.setdefault(event.kind, event.kind_label)
    selected = [kind for kind in request.GET.getlist("kind") if kind in kinds]
    if selected:
        events = [event for event in events if event.kind in selected]
    context = {
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": access.job_facing_only,
        "events": events,
        "kinds": sorted(kinds.items(), key=lambda item: item[1]),
        "selected_kinds": selected,
    }
    if _wants_fragment(request, "timeline-events"):
        return render(request, "participants/includes/timeline_fragment.html", context)
    return render(request, "participants/timeline.html", context)
