"""Pathway actions on the participant file: phase, referent, a new pathway.

Served under /personnes/<pk>/… by chemin/participants/urls.py (the file is the participant's).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chemin.accounts.enums import Role
from chemin.participants.access import can_reassign_referent, can_work_on, current_pathway, participant_or_404
from chemin.pathways.enums import Phase
from chemin.pathways.forms import ContactForm, OpenPathwayForm, PhaseForm, ReassignForm
from chemin.pathways.selectors import referent_choices
from chemin.pathways.services import (
    pathway_change_phase,
    pathway_open,
    pathway_reassign_referent,
    pathway_record_contact,
)

ACCOMPANYING_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
def change_phase(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_or_404(request.user, pk)
    pathway = current_pathway(participant)
    if pathway is None or not pathway.is_open:
        raise Http404
    if not can_work_on(request.user, pathway):
        raise PermissionDenied
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the phases in the list."))
        return redirect("participants:detail", pk=participant.pk)
    phase = Phase(form.cleaned_data["phase"])
    try:
        pathway_change_phase(pathway=pathway, phase=phase, changed_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The pathway is now in the phase “%(phase)s”.") % {"phase": phase.label})
    return redirect("participants:detail", pk=participant.pk)


@require_POST
def record_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """The counsellor met or spoke with the person: the caseload's "last contact" moves on."""
    participant = participant_or_404(request.user, pk)
    pathway = current_pathway(participant)
    if pathway is None or not pathway.is_open:
        raise Http404
    if not can_work_on(request.user, pathway):
        raise PermissionDenied
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["contact_on"]))
        return redirect("participants:detail", pk=participant.pk)
    contact_on = form.cleaned_data["contact_on"]
    try:
        pathway_record_contact(pathway=pathway, on=contact_on, recorded_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Contact of %(date)s recorded.")
            % {"date": formats.date_format(contact_on, "SHORT_DATE_FORMAT")},
        )
    return redirect("participants:detail", pk=participant.pk)


def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand the pathway to another counsellor: a form on the file, also served as a page."""
    participant = participant_or_404(request.user, pk)
    pathway = current_pathway(participant)
    if pathway is None or not pathway.is_open:
        raise Http404
    if not can_reassign_referent(request.user, pathway):
        raise PermissionDenied
    form = ReassignForm(
        request.POST or None,
        referents=referent_choices(pathway.territory),
        current_referent_id=pathway.referent_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            change = pathway_reassign_referent(
                pathway=pathway,
                new_referent=form.cleaned_data["new_referent"],
                changed_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is now the referent counsellor.") % {"name": change.new_referent.get_full_name()},
            )
            return redirect("participants:detail", pk=participant.pk)
    context = {"participant": participant, "pathway": pathway, "job_facing_only": False, "form": form}
    return render(request, "pathways/reassign.html", context)


def open_pathway(request: HttpRequest, pk: int) -> HttpResponse:
    """A new accompaniment in the current territory, for a person whose pathways are all closed."""
    participant = participant_or_404(request.user, pk)
    territory = request.territories.current
    if territory is None or request.territories.role not in ACCOMPANYING_ROLES:
        raise PermissionDenied
    pathway = current_pathway(participant)
    if pathway is not None and pathway.is_open:
        messages.info(request, _("This person already has an open pathway."))
        return redirect("participants:detail", pk=participant.pk)
    form = OpenPathwayForm(
        request.POST or None, referents=referent_choices(territory), user_id=request.user.pk
    )
    if request.method == "POST" and form.is_valid():
        try:
            pathway_open(
                participant=participant,
                territory=territory,
                referent=form.cleaned_data["referent"],
                opened_by=request.user,
                entry_date=form.cleaned_data["entry_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("A new pathway is open in %(territory)s.") % {"territory": territory.name}
            )
            return redirect("participants:detail", pk=participant.pk)
    context = {
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": False,
        "form": form,
        "territory": territory,
    }
    return render(request, "pathways/open_pathway.html", context)
