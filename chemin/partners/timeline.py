"""Partner referrals on the participant timeline and in the counsellors' alerts.

One query each, whatever the number of referrals. Business developers see none (visible_to). A
referral whose barrier the user may not read in detail shows without its partner or outcome:
a CMP or an addiction service would say what the barrier is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chemin.core.alerts import Alert, AlertKind
from chemin.core.timeline import TimelineEvent
from chemin.partners.enums import ReferralStatus
from chemin.partners.models import PartnerReferral

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "partner_referral"

OVERDUE_ALERT = AlertKind(
    "partner_referral_overdue", gettext_lazy("Partner referrals without an answer"), order=50
)


def partner_referral_events(participant: Participant, user: User) -> list[TimelineEvent]:
    referrals = (
        PartnerReferral.objects.visible_to(user)
        .filter(pathway__participant=participant)
        .with_detail_visibility(user)
        .select_related("partner", "barrier")
        .order_by("sent_on", "pk")
    )
    url = reverse("partner_referrals:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Partner referral")
    events = []
    for referral in referrals:
        common = {
            "kind": KIND,
            "kind_label": kind_label,
            "url": f"{url}#orientation-{referral.pk}",
            "extra": {"partner_referral_id": referral.pk, "status": referral.status},
        }
        if not referral.detail_visible:
            events.append(
                TimelineEvent(
                    at=referral.sent_on, title=_("Referral to a partner (restricted barrier)"), **common
                )
            )
            continue
        partner = referral.partner.name
        events.append(
            TimelineEvent(
                at=referral.sent_on,
                title=_("Referred to %(partner)s") % {"partner": partner},
                detail=_("Barrier: %(category)s") % {"category": referral.barrier.get_category_display()},
                **common,
            )
        )
        if referral.status == ReferralStatus.REFUSED:
            events.append(
                TimelineEvent(
                    at=referral.answered_on,
                    title=_("%(partner)s refused the referral") % {"partner": partner},
                    detail=referral.outcome,
                    **common,
                )
            )
        elif referral.answered_on and not (
            # Done straight from sent: one event says it all.
            referral.status == ReferralStatus.DONE and referral.answered_on == referral.closed_on
        ):
            events.append(
                TimelineEvent(
                    at=referral.answered_on,
                    title=_("%(partner)s accepted the referral") % {"partner": partner},
                    **common,
                )
            )
        if referral.status == ReferralStatus.DONE:
            events.append(
                TimelineEvent(
                    at=referral.closed_on,
                    title=_("Done with %(partner)s") % {"partner": partner},
                    detail=referral.outcome,
                    is_milestone=True,
                    **common,
                )
            )
        elif referral.status == ReferralStatus.NO_SHOW:
            events.append(
                TimelineEvent(
                    at=referral.closed_on,
                    title=_("Did not go to %(partner)s") % {"partner": partner},
                    detail=referral.outcome,
                    **common,
                )
            )
    return events


def partner_referral_alerts(user: User) -> list[Alert]:
    """Referrals still waiting for the partner's answer, on the pathways the user follows."""
    overdue = (
        PartnerReferral.objects.followed_by(user)
        .overdue()
        .select_related("pathway__participant")
        .order_by("sent_on", "pk")
    )
    alerts = []
    for referral in overdue:
        participant = referral.pathway.participant
        url = reverse("partner_referrals:list", kwargs={"participant_pk": participant.pk})
        alerts.append(
            Alert(
                kind=OVERDUE_ALERT.code,
                # No partner name: a health partner would tell the barrier on a shared screen.
                title=_("%(person)s: a partner has not answered a referral for %(days)d days")
                % {"person": participant.full_name, "days": referral.days_waiting},
                url=f"{url}#orientation-{referral.pk}",
                since=referral.sent_on,
                territory_id=referral.pathway.territory_id,
                referent_id=referral.pathway.referent_id,
            )
        )
    return alerts
