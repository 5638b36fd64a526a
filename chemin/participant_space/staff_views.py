"""The staff side of the participant space: opening it from the participant file.

Mounted in the participants' URLs (participants:open_space), like the pathway actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chemin.participant_space.services import SpaceError, space_open
from chemin.participants.access import current_pathway, file_access, participant_or_404

SPACE_ERRORS = {
    "no_email": gettext_lazy(
        "Add the person's email address to the file first: the sign-in link is sent there."
    ),
    "email_taken": gettext_lazy(
        "Another account already uses this email address: check the address in the file."
    ),
}


@require_POST
def open_space(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """Counsellors and managers open the person's space (or send a new sign-in link)."""
    participant = participant_or_404(request.user, participant_pk)
    if (
        participant.anonymised_at is not None
        or not file_access(request.user, current_pathway(participant)).can_work
    ):
        raise PermissionDenied
    already_open = participant.user_id is not None
    try:
        space_open(participant=participant, opened_by=request.user, site_url=request.build_absolute_uri("/"))
    except SpaceError as error:
        messages.error(request, str(SPACE_ERRORS[str(error)]))
    else:
        if already_open:
            messages.success(request, _("A new sign-in link was sent to the person by email."))
        else:
            messages.success(
                request, _("The personal space is open: a sign-in link was sent to the person by email.")
            )
    return redirect("participants:detail", pk=participant.pk)
