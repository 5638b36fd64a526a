"""The person's sharing choices on the counsellor's timeline (chemin.core.timeline): each change
made in their space, shown as theirs. One query, whatever the number of changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.models import ConsentRecord

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant


def sharing_events(participant: Participant, user: User) -> Iterable[TimelineEvent]:
    records = ConsentRecord.objects.filter(
        participant=participant, purpose=ConsentPurpose.PRESCRIBER_SHARING, by_participant=True
    ).order_by("-recorded_at", "-pk")
    url = reverse("participant_privacy:detail", kwargs={"participant_pk": participant.pk})
    return [
        TimelineEvent(
            at=record.recorded_at,
            kind="consent",
            kind_label=_("Consent"),
            title=_("Sharing with the prescriber changed"),
            detail=", ".join(record.scope_labels) if record.granted and record.scope else _("Shares nothing"),
            by_participant=True,
            url=url,
        )
        for record in records
    ]
