"""The referrals' part of the participant timeline: who referred the person, and the first meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent
from chemin.referrals.models import Referral

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "referral"


def referral_timeline_events(participant: Participant, user: User) -> list[TimelineEvent]:
    """One query: the participant's referrals the user handles (not business developers')."""
    referrals = (
        Referral.objects.handled_by(user)
        .filter(participant=participant)
        .select_related("prescriber__organisation", "territory", "pathway__referent")
    )
    kind_label = _("Referral")
    events = []
    for referral in referrals:
        url = reverse("referrals:detail", kwargs={"pk": referral.pk})
        events.append(
            TimelineEvent(
                at=referral.referred_on,
                kind=KIND,
                kind_label=kind_label,
                title=_("Referred by %(prescriber)s (%(organisation)s)")
                % {
                    "prescriber": referral.prescriber.full_name,
                    "organisation": referral.prescriber.organisation.name,
                },
                detail=referral.reason,
                url=url,
            )
        )
        if referral.first_meeting_on:
            detail = ""
            if referral.pathway is not None:
                detail = _("Pathway opened in %(territory)s, with %(referent)s as referent.") % {
                    "territory": referral.territory.name,
                    "referent": referral.pathway.referent.get_full_name(),
                }
            events.append(
                TimelineEvent(
                    at=referral.first_meeting_on,
                    kind=KIND,
                    kind_label=kind_label,
                    title=_("First meeting"),
                    detail=detail,
                    is_milestone=True,
                    url=url,
                )
            )
    return events
