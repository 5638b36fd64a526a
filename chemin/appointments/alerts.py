"""The "repeated no-shows" alert (DESIGN.md §5.5): people who missed appointments lately.

On the open pathways the user follows, each against its own territory's thresholds (how many
no-shows, over how many days). Two queries whatever the number of pathways.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from chemin.appointments.enums import AppointmentStatus
from chemin.core.alerts import Alert, AlertKind
from chemin.pathways.alerts import followed_pathways, followed_territories, per_territory

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory

NO_SHOWS_ALERT = AlertKind("repeated_no_shows", gettext_lazy("Repeated no-shows"), order=30)


def no_show_alerts(user: User) -> list[Alert]:
    today = timezone.localdate()
    followed = followed_pathways(user)
    territories = followed_territories(followed)
    if not territories:
        return []

    def in_window(territory: Territory) -> Q:
        since = today - datetime.timedelta(days=territory.no_show_lookback_days)
        return Q(territory=territory, appointments__starts_at__date__gte=since)

    missed = Q(appointments__status=AppointmentStatus.NO_SHOW) & per_territory(territories, in_window)
    pathways = (
        followed.annotate(
            no_shows=Count("appointments", filter=missed),
            last_missed=Max("appointments__starts_at", filter=missed),
        )
        .filter(no_shows__gt=0)
        .select_related("participant")
        .order_by("last_missed", "pk")
    )
    return [
        Alert(
            kind=NO_SHOWS_ALERT.code,
            title=ngettext(
                "%(person)s: %(count)d appointment missed in the last %(days)d days",
                "%(person)s: %(count)d appointments missed in the last %(days)d days",
                pathway.no_shows,
            )
            % {
                "person": pathway.participant.full_name,
                "count": pathway.no_shows,
                "days": territories[pathway.territory_id].no_show_lookback_days,
            },
            # The appointments of the file: where the next one is booked (and the person called).
            url=reverse("participant_appointments:list", kwargs={"participant_pk": pathway.participant_id}),
            since=timezone.localdate(pathway.last_missed),
            territory_id=pathway.territory_id,
            referent_id=pathway.referent_id,
        )
        for pathway in pathways
        if pathway.no_shows >= territories[pathway.territory_id].no_show_alert_count
    ]
