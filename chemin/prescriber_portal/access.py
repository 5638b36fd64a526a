"""Who the signed-in prescriber is, and the referrals they may open (PRESCRIBER scope of
chemin/core/permissions.py). OutsideWindowMiddleware already keeps every other account out."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from chemin.prescribers.models import Prescriber
from chemin.referrals.models import Referral


def current_prescriber(request: HttpRequest) -> Prescriber:
    """The prescriber whose account is signed in; a prescriber account not linked to one: 404."""
    prescriber = Prescriber.objects.select_related("organisation").filter(user_id=request.user.pk).first()
    if prescriber is None:
        raise Http404
    return prescriber


def organisation_referrals(prescriber: Prescriber):
    """The referrals of the prescriber's organisation: colleagues follow each other's people."""
    return Referral.objects.filter(prescriber__organisation_id=prescriber.organisation_id)


def referral_or_404(prescriber: Prescriber, pk: int) -> Referral:
    """One referral of the prescriber's organisation; another organisation's is a 404."""
    return get_object_or_404(
        organisation_referrals(prescriber).select_related(
            "prescriber", "territory", "participant", "pathway"
        ),
        pk=pk,
    )
