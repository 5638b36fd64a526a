"""The participant file's "Employment" section: contracts, their follow-up calendar and both sides.

This is the employee's follow-up: counsellors, managers and administrators of the territory see and
record it; business developers get a 403 (they see contract starts and ends on the timeline); a
file of another territory is a 404. Writes need an open pathway.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.barriers.enums import BarrierCategory
from chemin.employments import services
from chemin.employments.enums import Difficulty, Side
from chemin.employments.forms import EmploymentForm, EndForm, SideForm, add_errors
from chemin.employments.models import CheckIn, CheckInSide, Employment
from chemin.employments.selectors import employments_with_calendar
from chemin.employments.services import (
    DIFFICULTY_BARRIERS,
    DIFFICULTY_STEPS,
    AlreadyOpen,
    PathwayNotOpen,
    terms_from_placement,
)
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import Placement
from chemin.participants.access import current_pathway, participant_or_404, role_in
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

FOLLOW_UP_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}
NO_OPEN_PATHWAY = gettext_noop(
    "This person has no open pathway: contracts are recorded during an open pathway."
)


@dataclass(frozen=True)
class FileAccess:
    participant: Participant
    pathway: Pathway | None

    @property
    def can_write(self) -> bool:
        return self.pathway is not None and self.pathway.is_open

    def context(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            "job_facing_only": False,
            "can_write": self.can_write,
        }


def _file_access(user: User, participant_pk: int) -> FileAccess:
    """404 outside the user's territories, 403 for roles that do not follow people in employment."""
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    if pathway is None or role_in(user, pathway.territory) not in FOLLOW_UP_ROLES:
        raise PermissionDenied
    return FileAccess(participant=participant, pathway=pathway)


def _list_url(participant: Participant, anchor: str = "") -> str:
    url = reverse("participant_employments:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#{anchor}" if anchor else url


def _refuse_closed(request: HttpRequest, access: FileAccess) -> HttpResponse | None:
    if not access.can_write:
        messages.error(request, _(NO_OPEN_PATHWAY))
        return redirect(_list_url(access.participant))
    return None


def _visible_pathways(user: User, participant: Participant):
    return Pathway.objects.visible_to(user).filter(participant=participant).values("pk")


def _employment_or_404(user: User, access: FileAccess, pk: int) -> Employment:
    employment = get_object_or_404(
        Employment.objects.filter(pathway__in=_visible_pathways(user, access.participant)).select_related(
            "company", "pathway__territory"
        ),
        pk=pk,
    )
    return employment


# --- what the calendar shows -------------------------------------------------------------------


@dataclass(frozen=True)
class Followup:
    """A difficulty's one-click follow-up: a barrier, a step, or the barrier form (health)."""

    difficulty: str
    label: str
    kind: str  # "barrier", "step" or "form"
    url: str


@dataclass
class SideView:
    side: str
    label: str
    state: str  # "done", "overdue", "due", "upcoming" or "not_needed"
    recorded: CheckInSide | None
    record_url: str
    followups: list[Followup] = field(default_factory=list)
    step_url: str = ""


@dataclass
class CheckInView:
    check_in: CheckIn
    sides: list[SideView]


def _side_state(
    check_in: CheckIn, recorded: CheckInSide | None, employment: Employment, today: datetime.date
) -> str:
    if recorded is not None:
        return "done"
    if employment.ended_on is not None and employment.ended_on < check_in.due_on:
        return "not_needed"
    if check_in.due_on < today:
        return "overdue"
    if check_in.due_on == today:
        return "due"
    return "upcoming"


def _followups(participant: Participant, recorded: CheckInSide) -> list[Followup]:
    found = []
    for value in recorded.difficulties:
        if value not in Difficulty.values:
            continue
        label = str(Difficulty(value).label)
        target = DIFFICULTY_BARRIERS.get(value)
        kwargs = {"participant_pk": participant.pk, "side_pk": recorded.pk}
        if target is not None and target.category in BarrierCategory.special():
            # Health needs the consent date: the barrier form, pre-filled.
            query = urlencode({"category": target.category, "own_words": services.raised_at(recorded, value)})
            url = reverse("barriers:create", kwargs={"participant_pk": participant.pk}) + "?" + query
            found.append(Followup(value, label, "form", url))
        elif target is not None:
            url = reverse("participant_employments:open_barrier", kwargs={**kwargs, "difficulty": value})
            found.append(Followup(value, label, "barrier", url))
        elif value in DIFFICULTY_STEPS:
            url = reverse("participant_employments:open_step", kwargs=kwargs)
            found.append(Followup(value, label, "step", url))
    return found


def _calendar(participant: Participant, employment: Employment, today: datetime.date) -> list[CheckInView]:
    views = []
    for check_in in employment.check_ins.all():
        recorded_by_side = {side.side: side for side in check_in.sides.all()}
        sides = []
        for value, label in Side.choices:
            recorded = recorded_by_side.get(value)
            kwargs = {"participant_pk": participant.pk, "pk": check_in.pk, "side": value}
            view = SideView(
                side=value,
                label=str(label),
                state=_side_state(check_in, recorded, employment, today),
                recorded=recorded,
                record_url=reverse("participant_employments:record_side", kwargs=kwargs),
            )
            if recorded is not None:
                view.followups = _followups(participant, recorded)
                view.step_url = reverse(
                    "participant_employments:open_step",
                    kwargs={"participant_pk": participant.pk, "side_pk": recorded.pk},
                )
            sides.append(view)
        views.append(CheckInView(check_in=check_in, sides=sides))
    return views


# --- views -------------------------------------------------------------------------------------


@require_GET
def employment_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    today = timezone.localdate()
    employments = list(
        employments_with_calendar(
            _visible_pathways(request.user, access.participant).values_list("pk", flat=True)
        )
    )
    rows = [
        {"employment": employment, "calendar": _calendar(access.participant, employment, today)}
        for employment in employments
    ]
    hired = []
    if access.can_write:
        hired = list(
            Placement.objects.filter(
                pathway=access.pathway, status=PlacementStatus.HIRED, employment__isnull=True
            ).select_related("opportunity__company")
        )
    return render(
        request,
        "employments/list.html",
        {**access.context(), "rows": rows, "hired_placements": hired, "today": today},
    )


def _form_page(request: HttpRequest, access: FileAccess, form: EmploymentForm, **extra: Any) -> HttpResponse:
    return render(request, "employments/form.html", {**access.context(), "form": form, **extra})


def _created(request: HttpRequest, access: FileAccess, employment: Employment) -> HttpResponse:
    messages.success(
        request,
        _("Contract recorded: %(job)s at %(company)s. The follow-up calendar is ready.")
        % {"job": employment.job_title, "company": employment.company.name},
    )
    return redirect(_list_url(access.participant, f"emploi-{employment.pk}"))


@require_http_methods(["GET", "POST"])
def employment_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refuse_closed(request, access):
        return refused
    form = EmploymentForm(request.POST or None, pathway=access.pathway)
    if request.method == "POST" and form.is_valid():
        try:
            employment = services.employment_create(
                pathway=access.pathway, created_by=request.user, terms=form.terms()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _created(request, access, employment)
    return _form_page(request, access, form, placement=None, employment=None)


@require_http_methods(["GET", "POST"])
def employment_create_from_placement(
    request: HttpRequest, participant_pk: int, placement_pk: int
) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refuse_closed(request, access):
        return refused
    placement = get_object_or_404(
        Placement.objects.filter(pathway=access.pathway).select_related("opportunity__company"),
        pk=placement_pk,
    )
    if placement.status != PlacementStatus.HIRED:
        messages.error(request, _("Only a placement marked hired can lead to a contract."))
        return redirect(_list_url(access.participant))
    existing = Employment.objects.filter(placement=placement).only("pk").first()
    if existing is not None:
        messages.info(request, _("The contract of this placement is already recorded."))
        return redirect(_list_url(access.participant, f"emploi-{existing.pk}"))
    form = EmploymentForm(
        request.POST or None, pathway=access.pathway, initial=terms_from_placement(placement)
    )
    if request.method == "POST" and form.is_valid():
        try:
            employment = services.employment_create(
                pathway=access.pathway, created_by=request.user, terms=form.terms(), placement=placement
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _created(request, access, employment)
    return _form_page(request, access, form, placement=placement, employment=None)


@require_http_methods(["GET", "POST"])
def employment_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refuse_closed(request, access):
        return refused
    employment = _employment_or_404(request.user, access, pk)
    if employment.pathway_id != access.pathway.pk:
        messages.error(request, _("This contract belongs to a closed pathway: it is kept as it is."))
        return redirect(_list_url(access.participant))
    initial = {
        name: getattr(employment, name)
        for name in (
            "job_title",
            "contract_type",
            "hours_per_week",
            "start_date",
            "planned_end_date",
            "trial_end_date",
        )
    }
    initial.update(
        company=employment.company_id, contact=employment.contact_id, rome_job=employment.rome_job_id
    )
    form = EmploymentForm(request.POST or None, pathway=access.pathway, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_update(employment=employment, changed_by=request.user, terms=form.terms())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Contract saved; its follow-up calendar follows the new dates."))
            return redirect(_list_url(access.participant, f"emploi-{employment.pk}"))
    return _form_page(request, access, form, placement=None, employment=employment)


@require_http_methods(["GET", "POST"])
def employment_end(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refuse_closed(request, access):
        return refused
    employment = _employment_or_404(request.user, access, pk)
    if employment.ended_on is not None:
        messages.info(request, _("This contract has already ended."))
        return redirect(_list_url(access.participant, f"emploi-{employment.pk}"))
    form = EndForm(request.POST or None, employment=employment)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_end(
                employment=employment,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["end_reason"],
                detail=form.cleaned_data["end_detail"],
                ended_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("End of the contract recorded."))
            return redirect(_list_url(access.participant, f"emploi-{employment.pk}"))
    return render(
        request, "employments/end.html", {**access.context(), "form": form, "employment": employment}
    )


@require_http_methods(["GET", "POST"])
def record_side(request: HttpRequest, participant_pk: int, pk: int, side: str) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if side not in Side.values:
        raise Http404
    if refused := _refuse_closed(request, access):
        return refused
    check_in = get_object_or_404(
        CheckIn.objects.filter(employment__pathway=access.pathway).select_related("employment__company"),
        pk=pk,
    )
    employment = check_in.employment
    existing = CheckInSide.objects.filter(check_in=check_in, side=side).first()
    initial = {}
    if existing is not None:
        initial = {
            name: getattr(existing, name)
            for name in ("done_on", "channel", "how_it_goes", "difficulties", "actions_agreed", "comment")
        }
    form = SideForm(request.POST or None, employment=employment, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = services.check_in_side_record(
                check_in=check_in, side=side, answer=form.answer(), recorded_by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(milestone)s, %(side)s: recorded.")
                % {
                    "milestone": check_in.get_milestone_display(),
                    "side": recorded.get_side_display().lower(),
                },
            )
            return redirect(_list_url(access.participant, f"suivi-{check_in.pk}"))
    context = {
        **access.context(),
        "form": form,
        "check_in": check_in,
        "employment": employment,
        "side_label": Side(side).label,
        "existing": existing,
    }
    return render(request, "employments/side_form.html", context)


def _side_or_404(access: FileAccess, side_pk: int) -> CheckInSide:
    return get_object_or_404(
        CheckInSide.objects.filter(check_in__employment__pathway=access.pathway).select_related(
            "check_in__employment__company", "check_in__employment__pathway"
        ),
        pk=side_pk,
    )


@require_POST
def open_barrier(request: HttpRequest, participant_pk: int, side_pk: int, difficulty: str) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refuse_closed(request, access):
        return refused
    side = _side_or_404(access, side_pk)
    back = _list_url(access.participant, f"suivi-{side.check_in_id}")
    try:
        barrier = services.difficulty_open_barrier(side=side, difficulty=difficulty, opened_by=request.user)
    except AlreadyOpen as already:
        messages.info(
            request,
            _("A barrier “%(category)s” is already open: it is followed there.")
            % {"category": already.barrier.get_category_display()},
        )
    except (ValidationError, PathwayNotOpen) as error:
        messages.error(request, " ".join(getattr(error, "messages", [_(NO_OPEN_PATHWAY)])))
    else:
        messages.success(
            request, _("Barrier opened: %(category)s.") % {"category": barrier.get_category_display()}
        )
    return redirect(back)


@require_POST
def open_step(request: HttpRequest, participant_pk: int, side_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refuse_closed(request, access):
        return refused
    side = _side_or_404(access, side_pk)
    difficulty = request.POST.get("difficulty", "")
    back = _list_url(access.participant, f"suivi-{side.check_in_id}")
    try:
        step = services.side_open_step(side=side, opened_by=request.user, difficulty=difficulty)
    except (ValidationError, PathwayNotOpen) as error:
        messages.error(request, " ".join(getattr(error, "messages", [_(NO_OPEN_PATHWAY)])))
    else:
        messages.success(request, _("Step created: %(title)s") % {"title": step.title})
    return redirect(back)
