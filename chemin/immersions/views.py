"""PMSMP immersions: the participant file's section, and the territory's current and upcoming ones.

Everyone who may open the file sees its immersions (they are job-facing). Counsellors, managers,
administrators and business developers (who arrange them with companies) plan and change them;
only counsellors, managers and administrators record the assessment. A file, or an immersion,
outside the user's territories is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from chemin.accounts.enums import Role
from chemin.immersions import services
from chemin.immersions.forms import AssessmentForm, ImmersionEditForm, ImmersionForm
from chemin.immersions.models import Immersion
from chemin.immersions.services import ImmersionAssessment, ImmersionData, PathwayNotOpen
from chemin.participants.access import current_pathway, participant_or_404, role_in
from chemin.referrals.models import Referral

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

PLANNER_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN, Role.BUSINESS_DEVELOPER}
ASSESSOR_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}
NO_OPEN_PATHWAY = gettext_noop(
    "This person has no open pathway: immersions are arranged during an open pathway."
)
DATA_FIELDS = (
    "company",
    "objective",
    "rome_job",
    "job_title",
    "start_date",
    "end_date",
    "tutor",
    "prescriber",
    "job_wish",
)


@dataclass(frozen=True)
class FileAccess:
    participant: Participant
    pathway: Pathway | None
    role: Role | None

    @property
    def pathway_open(self) -> bool:
        return self.pathway is not None and self.pathway.is_open

    @property
    def can_plan(self) -> bool:
        return self.pathway_open and self.role in PLANNER_ROLES

    @property
    def can_assess(self) -> bool:
        return self.pathway_open and self.role in ASSESSOR_ROLES

    def context(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            "job_facing_only": self.role == Role.BUSINESS_DEVELOPER,
            "can_plan": self.can_plan,
            "can_assess": self.can_assess,
        }


def _file_access(user: User, participant_pk: int) -> FileAccess:
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    role = role_in(user, pathway.territory) if pathway is not None else None
    return FileAccess(participant=participant, pathway=pathway, role=role)


def _list_url(participant: Participant, immersion: Immersion | None = None) -> str:
    url = reverse("participant_immersions:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#immersion-{immersion.pk}" if immersion else url


def _immersion_or_404(user: User, access: FileAccess, pk: int) -> Immersion:
    return get_object_or_404(
        Immersion.objects.visible_to(user).filter(pathway__participant=access.participant).with_details(),
        pk=pk,
    )


def _refusal(
    request: HttpRequest, access: FileAccess, immersion: Immersion | None, *, assess: bool
) -> HttpResponse | None:
    """403 for roles that may not write here; back to the list, with the reason, otherwise."""
    if access.role not in (ASSESSOR_ROLES if assess else PLANNER_ROLES):
        raise PermissionDenied
    message = None
    if not access.pathway_open:
        message = _(NO_OPEN_PATHWAY)
    elif immersion is not None and immersion.pathway_id != access.pathway.pk:
        message = _("This immersion belongs to a closed pathway: it can no longer be changed.")
    elif immersion is not None and not immersion.is_active:
        message = _("This immersion has been assessed or cancelled: it is kept as it is.")
    elif assess and immersion is not None and not immersion.can_be_assessed:
        message = _("The immersion has not started yet: it can be assessed from its first day.")
    if message:
        messages.error(request, message)
        return redirect(_list_url(access.participant, immersion))
    return None


def _data(form: ImmersionForm) -> ImmersionData:
    return ImmersionData(**{name: form.cleaned_data[name] for name in DATA_FIELDS})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@require_GET
def immersion_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    immersions = list(
        Immersion.objects.visible_to(request.user)
        .filter(pathway__participant=access.participant)
        .with_details()
        .order_by("-start_date", "-pk")
    )
    return render(request, "immersions/list.html", {**access.context(), "immersions": immersions})


@require_http_methods(["GET", "POST"])
def immersion_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refusal(request, access, None, assess=False):
        return refused
    if request.method == "POST":
        form = ImmersionForm(request.POST, pathway=access.pathway)
        if form.is_valid():
            try:
                immersion = services.immersion_create(
                    pathway=access.pathway, created_by=request.user, data=_data(form)
                )
            except PathwayNotOpen:
                messages.error(request, _(NO_OPEN_PATHWAY))
                return redirect(_list_url(access.participant))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Immersion planned: %(job)s at %(company)s.")
                    % {"job": immersion.job_title, "company": immersion.company.name},
                )
                return redirect(_list_url(access.participant, immersion))
    else:
        referral = Referral.objects.filter(pathway=access.pathway).only("prescriber_id").first()
        form = ImmersionForm(
            pathway=access.pathway, initial={"prescriber": referral.prescriber_id if referral else None}
        )
    return render(request, "immersions/form.html", {**access.context(), "form": form, "immersion": None})


@require_http_methods(["GET", "POST"])
def immersion_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    immersion = _immersion_or_404(request.user, access, pk)
    if refused := _refusal(request, access, immersion, assess=False):
        return refused
    if request.method == "POST":
        form = ImmersionEditForm(request.POST, pathway=access.pathway)
        if form.is_valid():
            try:
                services.immersion_update(
                    immersion=immersion,
                    changed_by=request.user,
                    data=_data(form),
                    status=form.cleaned_data["status"],
                )
            except PathwayNotOpen:
                messages.error(request, _(NO_OPEN_PATHWAY))
                return redirect(_list_url(access.participant))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Immersion saved."))
                return redirect(_list_url(access.participant, immersion))
    else:
        initial = {name: getattr(immersion, name) for name in DATA_FIELDS}
        initial["rome_job"] = immersion.rome_job_id
        initial["status"] = immersion.status
        form = ImmersionEditForm(pathway=access.pathway, initial=initial)
    return render(request, "immersions/form.html", {**access.context(), "form": form, "immersion": immersion})


@require_http_methods(["GET", "POST"])
def immersion_assess(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    immersion = _immersion_or_404(request.user, access, pk)
    if refused := _refusal(request, access, immersion, assess=True):
        return refused
    if request.method == "POST":
        form = AssessmentForm(request.POST, immersion=immersion)
        if form.is_valid():
            assessment = ImmersionAssessment(
                attendance=form.cleaned_data["attendance"],
                job_offer=form.cleaned_data["job_offer"],
                contract_type_offered=form.cleaned_data["contract_type_offered"],
                participant_comments=form.cleaned_data["participant_comments"],
                tutor_comments=form.cleaned_data["tutor_comments"],
                confirms_job=form.cleaned_data.get("confirms_job", False),
            )
            try:
                immersion = services.immersion_assess(
                    immersion=immersion, assessed_by=request.user, assessment=assessment
                )
            except PathwayNotOpen:
                messages.error(request, _(NO_OPEN_PATHWAY))
                return redirect(_list_url(access.participant))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                message = _("Assessment recorded.")
                if immersion.confirmed_wish:
                    message += " " + _("The job wish “%(wish)s” is now confirmed.") % {
                        "wish": immersion.job_wish.title_in_own_words
                    }
                messages.success(request, message)
                return redirect(_list_url(access.participant, immersion))
    else:
        form = AssessmentForm(immersion=immersion)
    return render(
        request, "immersions/assess.html", {**access.context(), "form": form, "immersion": immersion}
    )


@require_GET
def territory_list(request: HttpRequest) -> HttpResponse:
    """The current territory's immersions under way, coming, and ended but not yet assessed."""
    territory = request.territories.current
    if territory is None:
        raise PermissionDenied
    today = timezone.localdate()
    immersions = list(
        Immersion.objects.visible_to(request.user)
        .filter(pathway__territory=territory)
        .active()
        .with_details()
        .order_by("start_date", "pk")
    )
    context = {
        "territory": territory,
        "under_way": [item for item in immersions if item.start_date <= today <= item.end_date],
        "upcoming": [item for item in immersions if item.start_date > today],
        "to_assess": [item for item in immersions if item.end_date < today],
    }
    return render(request, "immersions/territory_list.html", context)
