"""The person's job wishes (projet professionnel), in the participant file.

Everyone who may open the file sees the wishes (business developers too: they are the job-facing
profile, DESIGN.md §4); counsellors, managers and administrators of the territory write them,
during an open pathway only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.jobwishes import services
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.forms import JobWishEditForm, JobWishForm, JobWishStatusForm
from chemin.jobwishes.models import JobWish
from chemin.jobwishes.services import JobWishConflict, PathwayNotOpen, next_priority
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
    def pathway_open(self) -> bool:
        return self.pathway is not None and self.pathway.is_open

    @property
    def can_edit(self) -> bool:
        return self.pathway is not None and self.role in EDITOR_ROLES

    def context(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            "job_facing_only": self.role == Role.BUSINESS_DEVELOPER,
            "can_edit": self.can_edit and self.pathway_open,
        }


def _file_access(user: User, participant_pk: int) -> FileAccess:
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    role = role_in(user, pathway.territory) if pathway is not None else None
    return FileAccess(participant=participant, pathway=pathway, role=role)


def _list_url(participant: Participant, job_wish: JobWish | None = None) -> str:
    url = reverse("jobwishes:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#piste-{job_wish.pk}" if job_wish else url


def _writable_or_redirect(request: HttpRequest, access: FileAccess) -> HttpResponse | None:
    """403 for those who only read wishes; back to the list, with the reason, on a closed pathway."""
    if not access.can_edit:
        raise PermissionDenied
    if not access.pathway_open:
        messages.error(request, _("This person has no open pathway: open one before writing job wishes."))
        return redirect(_list_url(access.participant))
    return None


def _wish_or_404(user: User, access: FileAccess, pk: int) -> JobWish:
    return get_object_or_404(
        JobWish.objects.visible_to(user).filter(pathway__participant=access.participant).with_details(), pk=pk
    )


def _author_name(job_wish: JobWish) -> str:
    if job_wish.by_participant:
        return _("the person")
    return job_wish.updated_by.get_full_name() if job_wish.updated_by else _("someone")


@require_GET
def job_wish_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    wishes = []
    if access.pathway is not None:
        wishes = list(JobWish.objects.visible_to(request.user).filter(pathway=access.pathway).with_details())
    context = {**access.context(), "wishes": wishes, "status_choices": JobWishStatus.choices}
    return render(request, "jobwishes/list.html", context)


@require_http_methods(["GET", "POST"])
def job_wish_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _writable_or_redirect(request, access):
        return refused
    if request.method == "POST":
        form = JobWishForm(request.POST)
        if form.is_valid():
            try:
                job_wish = services.job_wish_create(
                    pathway=access.pathway, created_by=request.user, data=form.to_data()
                )
            except PathwayNotOpen:
                messages.error(
                    request, _("This person has no open pathway: open one before writing job wishes.")
                )
                return redirect(_list_url(access.participant))
            messages.success(
                request, _("Job wish added: “%(title)s”.") % {"title": job_wish.title_in_own_words}
            )
            return redirect(_list_url(access.participant, job_wish))
    else:
        form = JobWishForm(initial={"priority": next_priority(access.pathway)})
    return render(request, "jobwishes/form.html", {**access.context(), "form": form, "job_wish": None})


@require_http_methods(["GET", "POST"])
def job_wish_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    job_wish = _wish_or_404(request.user, access, pk)
    if refused := _writable_or_redirect(request, access):
        return refused
    if job_wish.pathway_id != access.pathway.pk:
        messages.error(request, _("This job wish belongs to a closed pathway: it can no longer be changed."))
        return redirect(_list_url(access.participant))

    conflict_wish = None
    if request.method == "POST":
        form = JobWishEditForm(request.POST)
        if form.is_valid():
            try:
                services.job_wish_update(
                    job_wish=job_wish,
                    changed_by=request.user,
                    data=form.to_data(),
                    expected_version=form.cleaned_data["version"],
                )
            except JobWishConflict as conflict:
                conflict_wish = _wish_or_404(request.user, access, pk)
                # Keep what was typed, now based on the current version: saving again after
                # reading it is a deliberate choice to replace it.
                data = request.POST.copy()
                data["version"] = str(conflict.current.version)
                form = JobWishEditForm(data)
                form.is_valid()
                when = formats.date_format(
                    timezone.localtime(conflict.current.updated_at), "SHORT_DATETIME_FORMAT"
                )
                form.add_error(
                    None,
                    _(
                        "This job wish was changed by %(name)s on %(when)s while you were editing it. "
                        "Nothing was overwritten: its current version is shown below, and what you typed "
                        "is kept in the form. Check it, then save again if your version should replace it."
                    )
                    % {"name": _author_name(conflict.current), "when": when},
                )
            except PathwayNotOpen:
                messages.error(
                    request, _("This job wish belongs to a closed pathway: it can no longer be changed.")
                )
                return redirect(_list_url(access.participant))
            else:
                messages.success(
                    request, _("Job wish saved. What the person wanted before stays in its history.")
                )
                return redirect(_list_url(access.participant, job_wish))
    else:
        form = JobWishEditForm(initial=JobWishForm.initial_for(job_wish))
    context = {**access.context(), "form": form, "job_wish": job_wish, "conflict_wish": conflict_wish}
    return render(request, "jobwishes/form.html", context)


@require_POST
def job_wish_change_status(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    job_wish = _wish_or_404(request.user, access, pk)
    if refused := _writable_or_redirect(request, access):
        return refused
    form = JobWishStatusForm(request.POST)
    if job_wish.pathway_id != access.pathway.pk or not form.is_valid():
        messages.error(request, _("The status could not be changed."))
        return redirect(_list_url(access.participant, job_wish))
    status = JobWishStatus(form.cleaned_data["status"])
    try:
        services.job_wish_set_status(job_wish=job_wish, status=status, changed_by=request.user)
    except PathwayNotOpen:
        messages.error(request, _("This job wish belongs to a closed pathway: it can no longer be changed."))
        return redirect(_list_url(access.participant))
    if status == JobWishStatus.CONFIRMED:
        message = _("Job wish confirmed: “%(title)s”. A real step forward!")
    else:
        message = _("Status of “%(title)s”: %(status)s.")
    messages.success(request, message % {"title": job_wish.title_in_own_words, "status": status.label})
    return redirect(_list_url(access.participant, job_wish))
