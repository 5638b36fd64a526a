"""Closing a pathway with its exit category, and the end-of-pathway review to the prescriber.

Counsellors, managers and admins of the pathway's territory; a business developer, who may open
the file for its job-facing profile, gets the 403 page; another territory's file is a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chemin.accounts.enums import Role
from chemin.activations.services import referring_prescriber, shared_name
from chemin.exits import services
from chemin.exits.forms import CloseForm, ReviewForm
from chemin.exits.models import ExitReview
from chemin.participants.access import current_pathway, participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

ALLOWED_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def _file(user: User, participant_pk: int) -> tuple[Participant, Pathway]:
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    if pathway is None:
        raise Http404
    if role_in(user, pathway.territory) not in ALLOWED_ROLES:
        # The file is visible to business developers (job-facing profile), the exit is not theirs.
        raise PermissionDenied
    return participant, pathway


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant, pathway = _file(request.user, participant_pk)
    if not pathway.is_open:
        messages.info(request, _("This pathway is already closed."))
        return redirect("exits:review", participant_pk=participant.pk)
    suggestion = services.exit_suggestion(pathway)
    if request.method == "POST":
        form = CloseForm(request.POST, pathway=pathway)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.pathway_close(
                    pathway=pathway,
                    category=data["category"],
                    reason=data["reason"],
                    detail=data["detail"],
                    closed_on=data["closed_on"],
                    closed_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The pathway is closed. Write its review with the person now."))
                return redirect("exits:review", participant_pk=participant.pk)
    else:
        form = CloseForm(
            pathway=pathway, initial={"category": suggestion.category, "closed_on": timezone.localdate()}
        )
    context = {
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": False,
        "form": form,
        "suggestion": suggestion,
    }
    return render(request, "exits/close.html", context)


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant, pathway = _file(request.user, participant_pk)
    context = {"participant": participant, "pathway": pathway, "job_facing_only": False}
    if pathway.is_open:
        return render(request, "exits/review.html", {**context, "pathway_open": True})
    exit_review = ExitReview.objects.filter(pathway=pathway).select_related("sent_to__organisation").first()
    refusal = services.refusal_to_send(exit_review, pathway)
    prescriber = referring_prescriber(pathway) if exit_review is None or not exit_review.is_sent else None
    form = None
    if exit_review is None or not exit_review.is_sent:
        sending = request.POST.get("action") == "send"
        if request.method == "POST":
            form = ReviewForm(request.POST, pathway=pathway, sending=sending)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    exit_review = services.exit_review_save(
                        pathway=pathway,
                        achievements=data["achievements"],
                        remaining_barriers=data["remaining_barriers"],
                        next_steps=data["next_steps"],
                        read_with_person_on=data["read_with_person_on"],
                        written_by=request.user,
                    )
                    if sending and refusal is None:
                        services.exit_review_send(review=exit_review, sent_by=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    if sending and refusal is None:
                        messages.success(
                            request,
                            _("Review sent to %(prescriber)s. It is kept on the timeline.")
                            % {"prescriber": prescriber.full_name},
                        )
                    elif sending:
                        messages.warning(request, refusal)
                    else:
                        messages.success(request, _("The review is saved."))
                    return redirect("exits:review", participant_pk=participant.pk)
        elif exit_review is not None:
            form = ReviewForm(
                pathway=pathway,
                initial={
                    "achievements": exit_review.achievements,
                    "remaining_barriers": exit_review.remaining_barriers,
                    "next_steps": exit_review.next_steps,
                    "read_with_person": exit_review.read_with_person_on is not None,
                    "read_with_person_on": exit_review.read_with_person_on or timezone.localdate(),
                },
            )
        else:
            form = ReviewForm(
                pathway=pathway,
                initial={
                    "remaining_barriers": services.default_remaining_barriers(
                        pathway=pathway, user=request.user
                    ),
                    "read_with_person_on": timezone.localdate(),
                },
            )
    context.update(
        {
            "form": form,
            "review": exit_review,
            "refusal": refusal,
            "prescriber": prescriber,
            "shared_name": shared_name(pathway),
        }
    )
    return render(request, "exits/review.html", context)
