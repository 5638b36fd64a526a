"""Agreements (conventions, marchés) and, from the participant file, the pathway's agreement and
the IAE eligibility checks.

Managers and administrators of an agreement's territories create and change it; counsellors of
those territories read it. Business developers are refused (403 on the list, 404 on an agreement),
like anyone of another territory (404: an agreement's existence does not leak). The file's pages
follow the file's rules: outside the user's territories a 404, a business developer a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from chemin.accounts.enums import Role
from chemin.agreements import eligibility, iae, services
from chemin.agreements.forms import AgreementForm, AttachForm, IaeCheckForm
from chemin.agreements.models import (
    MANAGER_ROLES,
    READER_ROLES,
    Agreement,
    IaeEligibilityCheck,
    territories_with_role,
)
from chemin.agreements.services import AgreementData, NewFunder, OutsideTargetPublic, PathwayNotOpen
from chemin.employments.enums import Milestone
from chemin.participants.access import current_pathway, participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

DATA_FIELDS = (
    "reference",
    "title",
    "starts_on",
    "ends_on",
    "territories",
    "target_public",
    "planned_entries",
    "target_exit_to_employment_rate",
    "target_durable_employment_rate",
    "target_retention_m6_rate",
    "target_days_to_first_proposal",
    "follow_up_milestones",
)
FILE_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def _add_errors(form, error: ValidationError) -> None:
    """Service errors on a form: keyed ones on their field when the form has it, others on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _detail_url(agreement: Agreement) -> str:
    return reverse("agreements:detail", kwargs={"pk": agreement.pk})


def _data(form: AgreementForm) -> AgreementData:
    values = {name: form.cleaned_data[name] for name in DATA_FIELDS}
    values["territories"] = list(values["territories"])
    return AgreementData(**values)


def _funder_choice(form: AgreementForm) -> dict:
    if form.cleaned_data["funder"] is not None:
        return {"funder": form.cleaned_data["funder"]}
    return {
        "new_funder": NewFunder(
            name=form.cleaned_data["new_funder_name"], kind=form.cleaned_data["new_funder_kind"]
        )
    }


@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    readable = territories_with_role(request.user, READER_ROLES)
    managed = list(territories_with_role(request.user, MANAGER_ROLES))
    if not managed and not readable.exists():
        raise PermissionDenied
    today = timezone.localdate()
    agreements = list(
        Agreement.objects.visible_to(request.user)
        .select_related("funder")
        .prefetch_related("territories")
        .annotate(pathway_count=Count("pathways"))
        .order_by("-starts_on", "reference", "pk")
    )
    context = {
        "current": [agreement for agreement in agreements if agreement.is_active_on(today)],
        "coming": [agreement for agreement in agreements if agreement.starts_on > today],
        "ended": [agreement for agreement in agreements if agreement.ends_on < today],
        "can_create": bool(managed),
    }
    return render(request, "agreements/list.html", context)


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user)
        .select_related("funder")
        .prefetch_related("territories")
        .annotate(pathway_count=Count("pathways")),
        pk=pk,
    )
    milestones = set(agreement.follow_up_milestones)
    context = {
        "agreement": agreement,
        "target_public": eligibility.labels(agreement.target_public),
        "milestones": [milestone.label for milestone in Milestone if milestone.value in milestones],
        "can_edit": Agreement.objects.managed_by(request.user).filter(pk=agreement.pk).exists(),
    }
    return render(request, "agreements/detail.html", context)


@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    territories = territories_with_role(request.user, MANAGER_ROLES)
    if not territories.exists():
        raise PermissionDenied
    form = AgreementForm(request.POST or None, territories=territories)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(
                created_by=request.user, data=_data(form), **_funder_choice(form)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Agreement saved: %(agreement)s") % {"agreement": agreement})
            return redirect(_detail_url(agreement))
    return render(request, "agreements/form.html", {"form": form, "agreement": None})


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visible = Agreement.objects.visible_to(request.user)
    agreement = Agreement.objects.managed_by(request.user).filter(pk=pk).first()
    if agreement is None:
        # Read but not managed: a 403; not even read: a 404.
        get_object_or_404(visible, pk=pk)
        raise PermissionDenied
    managed = territories_with_role(request.user, MANAGER_ROLES)
    if request.method == "POST":
        form = AgreementForm(request.POST, territories=managed)
        if form.is_valid():
            managed_ids = set(managed.values_list("pk", flat=True))
            try:
                services.agreement_update(
                    agreement=agreement,
                    changed_by=request.user,
                    data=_data(form),
                    kept_territories=[t for t in agreement.territories.all() if t.pk not in managed_ids],
                    **_funder_choice(form),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Agreement saved."))
                return redirect(_detail_url(agreement))
    else:
        form = AgreementForm(initial=AgreementForm.initial_for(agreement), territories=managed)
    return render(request, "agreements/form.html", {"form": form, "agreement": agreement})


# The participant file's pages -------------------------------------------------------------------


@dataclass(frozen=True)
class FileAccess:
    participant: Participant
    pathway: Pathway

    def context(self) -> dict:
        return {"participant": self.participant, "pathway": self.pathway, "job_facing_only": False}


def _file_access(user: User, participant_pk: int) -> FileAccess:
    """The file outside the user's territories is a 404; a role that does not run pathways, a 403."""
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    if pathway is None or role_in(user, pathway.territory) not in FILE_ROLES:
        raise PermissionDenied
    return FileAccess(participant=participant, pathway=pathway)


def _agreements_for(pathway: Pathway):
    """What the form offers: the agreements it may go under, and the current one in any case."""
    attachable = services.attachable_agreements(pathway)
    if pathway.agreement_id:
        attachable = attachable | Agreement.objects.filter(pk=pathway.agreement_id)
    return attachable.select_related("funder").distinct()


@require_http_methods(["GET", "POST"])
def pathway_agreement(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    pathway, participant = access.pathway, access.participant
    today = timezone.localdate()
    file_url = reverse("participants:detail", kwargs={"pk": participant.pk})
    if request.method == "POST" and not pathway.is_open:
        messages.error(request, _("This pathway is closed: its agreement stays as it is."))
        return redirect(file_url)
    form_kwargs = {"agreements": _agreements_for(pathway), "participant": participant, "on": today}
    if request.method == "POST":
        form = AttachForm(request.POST, **form_kwargs)
        if form.is_valid():
            agreement = form.cleaned_data["agreement"]
            try:
                services.pathway_attach_agreement(
                    pathway=pathway,
                    agreement=agreement,
                    attached_by=request.user,
                    outside_target_confirmed=form.cleaned_data["outside_target_confirmed"],
                )
            except OutsideTargetPublic as outside:
                form.needs_confirmation = True
                form.add_error(
                    "outside_target_confirmed",
                    _(
                        "%(name)s meets none of the target public criteria of this agreement "
                        "(%(criteria)s). Tick “Attach anyway” to confirm."
                    )
                    % {"name": participant.full_name, "criteria": ", ".join(outside.criteria)},
                )
            except PathwayNotOpen:
                messages.error(request, _("This pathway is closed: its agreement stays as it is."))
                return redirect(file_url)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if agreement is None:
                    messages.success(request, _("The pathway is no longer under any agreement."))
                else:
                    messages.success(
                        request,
                        _("The pathway is now under the agreement %(agreement)s.") % {"agreement": agreement},
                    )
                return redirect(file_url)
    else:
        form = AttachForm(initial={"agreement": pathway.agreement_id}, **form_kwargs)
    context = {
        **access.context(),
        "form": form,
        "criteria_met": eligibility.labels(eligibility.criteria_met(participant, on=today)),
    }
    return render(request, "agreements/pathway_agreement.html", context)


def _iae_url(participant: Participant, check: IaeEligibilityCheck | None = None) -> str:
    url = reverse("agreements:iae_checks", kwargs={"participant_pk": participant.pk})
    return f"{url}#iae-check-{check.pk}" if check else url


@require_http_methods(["GET", "POST"])
def iae_checks(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    pathway, participant = access.pathway, access.participant
    prefilled = iae.prefilled_codes(participant, on=timezone.localdate())
    result = None
    if request.method == "POST":
        if not pathway.is_open:
            messages.error(request, _("This pathway is closed: no new check can be recorded."))
            return redirect(_iae_url(participant))
        form = IaeCheckForm(request.POST, prefilled=prefilled)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("action") == "save":
                try:
                    check = services.iae_check_record(
                        pathway=pathway,
                        structure_kind=data["structure_kind"],
                        criteria=data["criteria"],
                        checked_by=request.user,
                        checked_on=data["checked_on"],
                    )
                except PathwayNotOpen:
                    messages.error(request, _("This pathway is closed: no new check can be recorded."))
                    return redirect(_iae_url(participant))
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    message = (
                        _("Check recorded: the rule is met.")
                        if check.is_eligible
                        else _("Check recorded: the rule is not met.")
                    )
                    messages.success(request, message)
                    return redirect(_iae_url(participant, check))
            else:
                result = iae.evaluate(structure_kind=data["structure_kind"], codes=data["criteria"])
    else:
        form = IaeCheckForm(prefilled=prefilled)
    reference = iae.reference()
    checks = [
        (check, [reference.by_code[code] for code in check.criteria if code in reference.by_code])
        for check in IaeEligibilityCheck.objects.visible_to(request.user)
        .filter(pathway__participant=participant)
        .select_related("checked_by")
    ]
    context = {
        **access.context(),
        "form": form,
        "result": result,
        "structure_kind": form.cleaned_data.get("structure_kind") if result else None,
        "reference": reference,
        "checks": checks,
        "prefilled": prefilled,
    }
    return render(request, "agreements/iae_checks.html", context)
