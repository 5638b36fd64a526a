"""The person's small steps, in the participant file.

Steps are the counsellors' territory: counsellors, managers and administrators see and write them;
a business developer, who may open the file for its job-facing profile, gets the 403 page here.
Marking a step done from the list works with htmx (the row comes back, celebrated) and without
(a redirect to the list with the celebration message).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from chemin.accounts.enums import Role
from chemin.participants.access import current_pathway, participant_or_404, role_in
from chemin.steps import services
from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.forms import StepEditForm, StepForm, StepStatusForm
from chemin.steps.models import Step
from chemin.steps.services import PathwayNotOpen

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

EDITOR_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}
NO_OPEN_PATHWAY = gettext_noop("This person has no open pathway: steps are written during an open pathway.")


@dataclass(frozen=True)
class FileAccess:
    participant: Participant
    pathway: Pathway | None
    role: Role | None

    @property
    def pathway_open(self) -> bool:
        return self.pathway is not None and self.pathway.is_open

    @property
    def can_edit(self) -> bool:
        return self.pathway_open and self.role in EDITOR_ROLES

    def context(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            "job_facing_only": False,
            "can_edit": self.can_edit,
        }


def _file_access(user: User, participant_pk: int) -> FileAccess:
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    role = role_in(user, pathway.territory) if pathway is not None else None
    if role == Role.BUSINESS_DEVELOPER:
        # The file is visible to them (job-facing profile), this section is not: 403, not 404.
        raise PermissionDenied
    return FileAccess(participant=participant, pathway=pathway, role=role)


def _list_url(participant: Participant, step: Step | None = None) -> str:
    url = reverse("steps:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#etape-{step.pk}" if step else url


def _refuse(request: HttpRequest, access: FileAccess, message: str) -> HttpResponse:
    messages.error(request, message)
    url = _list_url(access.participant)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _writable_or_refusal(
    request: HttpRequest, access: FileAccess, step: Step | None = None
) -> HttpResponse | None:
    if access.role not in EDITOR_ROLES:
        raise PermissionDenied
    if not access.pathway_open:
        return _refuse(request, access, _(NO_OPEN_PATHWAY))
    if step is not None and step.pathway_id != access.pathway.pk:
        return _refuse(
            request, access, _("This step belongs to a closed pathway: it can no longer be changed.")
        )
    return None


def _step_or_404(user: User, access: FileAccess, pk: int) -> Step:
    return get_object_or_404(
        Step.objects.visible_to(user)
        .filter(pathway__participant=access.participant)
        .select_related("pathway"),
        pk=pk,
    )


def _celebration(step: Step) -> str:
    return _("Well done! Step reached: %(title)s") % {"title": step.title}


@require_GET
def step_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    steps = (
        list(Step.objects.visible_to(request.user).filter(pathway=access.pathway)) if access.pathway else []
    )
    done = sorted(
        (step for step in steps if step.is_done), key=lambda step: (step.done_on, step.pk), reverse=True
    )
    context = {
        **access.context(),
        "active_steps": [step for step in steps if step.is_active],
        "done_steps": done,
        "dropped_steps": [step for step in steps if step.status == StepStatus.DROPPED],
        "overdue_count": sum(1 for step in steps if step.is_overdue),
    }
    return render(request, "steps/list.html", context)


@require_http_methods(["GET", "POST"])
def step_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _writable_or_refusal(request, access):
        return refused
    if request.method == "POST":
        form = StepForm(request.POST)
        if form.is_valid():
            try:
                step = services.step_create(
                    pathway=access.pathway,
                    created_by=request.user,
                    title=form.cleaned_data["title"],
                    owner=StepOwner(form.cleaned_data["owner"]),
                    owner_name=form.cleaned_data["owner_name"],
                    due_date=form.cleaned_data["due_date"],
                )
            except PathwayNotOpen:
                return _refuse(request, access, _(NO_OPEN_PATHWAY))
            messages.success(request, _("Step added: %(title)s") % {"title": step.title})
            return redirect(_list_url(access.participant, step))
    else:
        form = StepForm()
    return render(request, "steps/form.html", {**access.context(), "form": form, "step": None})


@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    step = _step_or_404(request.user, access, pk)
    if refused := _writable_or_refusal(request, access, step):
        return refused
    if request.method == "POST":
        form = StepEditForm(request.POST)
        if form.is_valid():
            was_done = step.is_done
            try:
                services.step_update(
                    step=step,
                    changed_by=request.user,
                    title=form.cleaned_data["title"],
                    owner=StepOwner(form.cleaned_data["owner"]),
                    owner_name=form.cleaned_data["owner_name"],
                    due_date=form.cleaned_data["due_date"],
                    status=StepStatus(form.cleaned_data["status"]),
                )
            except PathwayNotOpen:
                return _refuse(request, access, _(NO_OPEN_PATHWAY))
            if step.is_done and not was_done:
                messages.success(request, _celebration(step))
            else:
                messages.success(request, _("Step saved: %(title)s") % {"title": step.title})
            return redirect(_list_url(access.participant, step))
    else:
        form = StepEditForm(
            initial={
                "title": step.title,
                "owner": step.owner,
                "owner_name": step.owner_name,
                "due_date": step.due_date,
                "status": step.status,
            }
        )
    return render(request, "steps/form.html", {**access.context(), "form": form, "step": step})


@require_POST
def step_change_status(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    step = _step_or_404(request.user, access, pk)
    if refused := _writable_or_refusal(request, access, step):
        return refused
    form = StepStatusForm(request.POST)
    if not form.is_valid():
        return _refuse(request, access, _("The status could not be changed."))
    was_done = step.is_done
    try:
        services.step_set_status(
            step=step, status=StepStatus(form.cleaned_data["status"]), changed_by=request.user
        )
    except PathwayNotOpen:
        return _refuse(request, access, _(NO_OPEN_PATHWAY))
    celebrate = step.is_done and not was_done
    if celebrate:
        announcement = _celebration(step)
    else:
        announcement = _("%(title)s: %(status)s") % {"title": step.title, "status": step.get_status_display()}

    if request.htmx:
        # The row comes back in place; the announcement goes to the list's live region.
        context = {
            **access.context(),
            "step": step,
            "celebrate": celebrate,
            "announcement": announcement,
            "focus": True,
        }
        return render(request, "steps/includes/status_changed.html", context)
    messages.success(request, announcement)
    return redirect(_list_url(access.participant, step))
