"""The personal data page of a participant file: consent history, subject access export, erasure.

Permissions: chemin/privacy/access.py (another territory's file: 404; a business developer: 403;
export and erasure: managers and admins of the file's territory, a counsellor gets a 403).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chemin.privacy.access import privacy_access
from chemin.privacy.anonymisation import anonymise_participant
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.forms import ErasureForm
from chemin.privacy.models import AnonymisationRecord
from chemin.privacy.selectors import consent_history, current_consents
from chemin.privacy.subject_access import export_zip

logger = logging.getLogger(__name__)


def _anonymisation(participant_pk: int) -> AnonymisationRecord | None:
    return AnonymisationRecord.objects.filter(participant_id=participant_pk).first()


@require_http_methods(["GET"])
def detail(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = privacy_access(request.user, participant_pk)
    history = list(consent_history(access.participant))
    current = current_consents(access.participant, history=history)
    context = {
        **access.context(),
        "history": history,
        "current": [(ConsentPurpose(purpose).label, record) for purpose, record in current.items()],
        "anonymisation": _anonymisation(participant_pk) if access.participant.anonymised_at else None,
    }
    return render(request, "privacy/detail.html", context)


@require_POST
def export(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """Everything about the person in one ZIP file (donnees.json and donnees.pdf)."""
    access = privacy_access(request.user, participant_pk, manage=True)
    filename, content = export_zip(access.participant, user=request.user)
    logger.info("subject access export of participant %s by user %s", participant_pk, request.user.pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """The person asked for the erasure of their data: the same anonymisation as at the end of
    the retention period, recorded with who, when and why."""
    access = privacy_access(request.user, participant_pk, manage=True)
    participant = access.participant
    if participant.anonymised_at is not None:
        messages.info(request, _("This file is already anonymised."))
        return redirect("participant_privacy:detail", participant_pk=participant.pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            anonymise_participant(
                participant,
                reason=form.cleaned_data["reason"],
                by=request.user,
                requested_on=form.cleaned_data["requested_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The file is anonymised: names, contact details and texts are erased.")
            )
            return redirect("participant_privacy:detail", participant_pk=participant.pk)
    context = {
        **access.context(),
        "form": form,
        "has_open_pathway": access.pathway is not None and access.pathway.is_open,
    }
    return render(request, "privacy/erase.html", context)
