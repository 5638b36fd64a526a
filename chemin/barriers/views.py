"""Barriers and job constraints, in the participant file.

Counsellors, managers and administrators of the pathway's territory see the barriers and, while
the pathway is open, record them and move them on. Health and justice barriers show their detail
to the referent and managers only; other counsellors read that a confidential barrier exists.
Business developers see this section too, reduced to the current job constraints: never a
barrier, its category or its words. Someone of another territory gets a 404 on every URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.barriers import services
from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.barriers.forms import BarrierForm, BarrierStatusForm, ConstraintEndForm, JobConstraintForm
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from chemin.participants.access import current_pathway, participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

EDITOR_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


@dataclass(frozen=True)
class FileAccess:
    participant: Participant
    pathway: Pathway | None
    role: Role | None

    @property
    def job_facing_only(self) -> bool:
        return self.role == Role.BUSINESS_DEVELOPER

    @property
    def can_edit(self) -> bool:
        return self.pathway is not None and self.pathway.is_open and self.role in EDITOR_ROLES

    def context(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            "job_facing_only": self.job_facing_only,
            "can_edit": self.can_edit,
        }


def _file_access(user: User, participant_pk: int) -> FileAccess:
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    role = role_in(user, pathway.territory) if pathway is not None else None
    return FileAccess(participant=participant, pathway=pathway, role=role)


def _editable(request: HttpRequest, access: FileAccess) -> HttpResponse | None:
    """Refuse a change: 403 for those who only read, a message when the pathway is closed."""
    if access.role not in EDITOR_ROLES:
        raise PermissionDenied
    if not access.can_edit:
        messages.error(
            request, _("This person has no open pathway: barriers are recorded during an open pathway.")
        )
        return redirect(_list_url(access.participant))
    return None


def _list_url(participant: Participant, anchor: str = "") -> str:
    url = reverse("barriers:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#{anchor}" if anchor else url


def _barrier_or_404(user: User, access: FileAccess, pk: int) -> Barrier:
    """A barrier of the current pathway whose detail the user may read (others can't act on it)."""
    return get_object_or_404(
        Barrier.objects.detail_visible_to(user).filter(pathway=access.pathway).select_related("pathway"),
        pk=pk,
    )


@require_GET
def barrier_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    constraints: list[JobConstraint] = []
    barriers: list[Barrier] = []
    if access.pathway is not None:
        constraints = list(
            JobConstraint.objects.visible_to(request.user)
            .filter(pathway=access.pathway)
            .order_by("started_on", "pk")
        )
        if not access.job_facing_only:
            barriers = list(
                Barrier.objects.visible_to(request.user)
                .filter(pathway=access.pathway)
                .with_detail_visible(request.user)
                .select_related("identified_by")
                .prefetch_related(
                    Prefetch("transitions", queryset=BarrierTransition.objects.select_related("by"))
                )
            )
    by_barrier: dict[int, list[JobConstraint]] = {}
    for constraint in constraints:
        if constraint.barrier_id:
            by_barrier.setdefault(constraint.barrier_id, []).append(constraint)
    readable = [barrier for barrier in barriers if barrier.detail_visible]
    for barrier in readable:
        barrier.constraint_list = by_barrier.get(barrier.pk, [])
    context = {
        **access.context(),
        "current_constraints": [constraint for constraint in constraints if constraint.is_current],
        "ended_constraints": [constraint for constraint in constraints if not constraint.is_current],
        "open_barriers": [barrier for barrier in readable if barrier.is_open],
        "ended_barriers": sorted(
            (barrier for barrier in readable if not barrier.is_open),
            key=lambda barrier: (barrier.status_changed_on, barrier.pk),
            reverse=True,
        ),
        "has_confidential": any(not barrier.detail_visible and barrier.is_open for barrier in barriers),
        "end_form": ConstraintEndForm(),
    }
    return render(request, "barriers/list.html", context)


@require_http_methods(["GET", "POST"])
def barrier_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _editable(request, access):
        return refused
    if request.method == "GET" and request.htmx and request.htmx.target == "barrier-situation":
        # The category changed: its situations, and the consent date if it is sensitive.
        form = BarrierForm(initial={"category": request.GET.get("category", "")})
        return render(request, "barriers/includes/situation_fields.html", {"form": form})
    # A link may pre-fill the category and words (a difficulty raised at an employment follow-up).
    prefill = {name: request.GET[name] for name in ("category", "own_words") if name in request.GET}
    form = BarrierForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            barrier = services.barrier_create(
                pathway=access.pathway,
                identified_by=request.user,
                category=data["category"],
                situation=data["situation"],
                own_words=data["own_words"].strip(),
                identified_on=data["identified_on"],
                consent_given_on=data["consent_given_on"],
                constraints=form.constraints(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Barrier recorded: %(category)s") % {"category": barrier.get_category_display()}
            )
            return redirect(_list_url(access.participant, f"frein-{barrier.pk}"))
    context = {**access.context(), "form": form, "special_categories": sorted(BarrierCategory.special())}
    return render(request, "barriers/form.html", context)


@require_http_methods(["GET", "POST"])
def barrier_change_status(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _editable(request, access):
        return refused
    barrier = _barrier_or_404(request.user, access, pk)
    form = BarrierStatusForm(request.POST or None, current_status=barrier.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_change_status(
                barrier=barrier,
                status=form.cleaned_data["status"],
                changed_by=request.user,
                on=form.cleaned_data["on"],
                comment=form.cleaned_data["comment"].strip(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            status = BarrierStatus(form.cleaned_data["status"])
            if status == BarrierStatus.LIFTED:
                message = _("Well done! Barrier lifted: %(category)s")
            else:
                message = _("%(category)s: barrier now “%(status)s”")
            messages.success(
                request, message % {"category": barrier.get_category_display(), "status": status.label}
            )
            return redirect(_list_url(access.participant, f"frein-{barrier.pk}"))
    return render(
        request, "barriers/status_form.html", {**access.context(), "form": form, "barrier": barrier}
    )


@require_http_methods(["GET", "POST"])
def constraint_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _editable(request, access):
        return refused
    form = JobConstraintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            constraint = services.job_constraint_create(
                pathway=access.pathway,
                created_by=request.user,
                terms=form.terms(form.cleaned_data["kind"]),
                started_on=form.cleaned_data["started_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Constraint added: %(constraint)s") % {"constraint": constraint.description}
            )
            return redirect(_list_url(access.participant, "contraintes"))
    return render(request, "barriers/constraint_form.html", {**access.context(), "form": form})


@require_POST
def constraint_end(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _editable(request, access):
        return refused
    constraint = get_object_or_404(
        JobConstraint.objects.visible_to(request.user).filter(pathway=access.pathway), pk=pk
    )
    form = ConstraintEndForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("The constraint could not be ended: %(reason)s") % {"reason": form.errors["on"][0]}
        )
        return redirect(_list_url(access.participant, "contraintes"))
    try:
        services.job_constraint_end(constraint=constraint, ended_by=request.user, on=form.cleaned_data["on"])
    except ValidationError as error:
        messages.error(
            request, _("The constraint could not be ended: %(reason)s") % {"reason": error.messages[0]}
        )
    else:
        messages.success(
            request, _("Constraint ended: %(constraint)s") % {"constraint": constraint.description}
        )
    return redirect(_list_url(access.participant, "contraintes"))
