"""Whose space it is (PARTICIPANT scope of chemin/core/permissions.py): the signed-in person's own
file, and their current pathway. OutsideWindowMiddleware already keeps every other account out."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404, HttpRequest

from chemin.participants.models import Participant
from chemin.pathways.models import Pathway


def current_participant(request: HttpRequest) -> Participant:
    """The person whose account is signed in; an account linked to no file (or an anonymised one): 404."""
    participant = Participant.objects.filter(user_id=request.user.pk, anonymised_at__isnull=True).first()
    if participant is None:
        raise Http404
    return participant


def current_pathway(participant: Participant) -> Pathway | None:
    """Their open pathway, else the latest one (a closed pathway stays readable)."""
    return (
        Pathway.objects.filter(participant=participant)
        .select_related("territory", "referent")
        .order_by(F("closed_on").desc(nulls_first=True), "-entry_date", "-pk")
        .first()
    )
