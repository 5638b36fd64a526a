"""Pathway alerts (DESIGN.md §5.5): people not seen for a while, and people still without a job
proposal some time after entry — on the open pathways the user follows, each against the
thresholds of the pathway's own territory (a staff member may work in several). Two queries
whatever the number of pathways: the thresholds of the territories concerned, then the pathways.

``followed_pathways``, ``followed_territories`` and ``per_territory`` serve any source whose
threshold is the territory's (overdue steps, repeated no-shows).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy, ngettext

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.core.alerts import Alert, AlertKind
from chemin.pathways.models import Pathway, PathwayQuerySet
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

NOT_SEEN_ALERT = AlertKind("not_seen", gettext_lazy("No recent contact"), order=10)
NO_JOB_PROPOSAL_ALERT = AlertKind("no_job_proposal", gettext_lazy("No job proposal yet"), order=20)


def followed_pathways(user: User) -> PathwayQuerySet:
    """Open pathways of active territories the user follows: as referent, or as manager/admin."""
    managed = Membership.objects.filter(
        user=user, territory__is_active=True, role__in=[Role.MANAGER, Role.ADMIN]
    ).values("territory")
    return (
        Pathway.objects.open()
        .filter(territory__is_active=True)
        .filter(Q(referent=user) | Q(territory__in=managed))
    )


def followed_territories(followed: PathwayQuerySet) -> dict[int, Territory]:
    """The territories of these pathways by id, with their thresholds (one query, however many
    pathways: a handful of rows)."""
    return {
        territory.pk: territory for territory in Territory.objects.filter(pk__in=followed.values("territory"))
    }


def per_territory(territories: dict[int, Territory], condition: Callable[[Territory], Q]) -> Q:
    """One condition per territory, each with its own thresholds, OR-ed: ``condition(territory)``
    must itself restrict to the territory's rows. Matches nothing when there is no territory."""
    combined = Q(pk__in=[])
    for territory in territories.values():
        combined |= condition(territory)
    return combined


def _waiting(territory: Territory, today: datetime.date) -> Q:
    """The territory's pathways past one of its two thresholds (a day count reached counts)."""
    not_seen_since = today - datetime.timedelta(days=territory.not_seen_alert_days)
    no_proposal_since = today - datetime.timedelta(days=territory.no_job_proposal_alert_days)
    not_seen = Q(last_contact_on__lte=not_seen_since) | Q(
        last_contact_on__isnull=True, entry_date__lte=not_seen_since
    )
    no_proposal = Q(first_job_proposal_on__isnull=True, entry_date__lte=no_proposal_since)
    return Q(territory=territory) & (not_seen | no_proposal)


def pathway_alerts(user: User) -> list[Alert]:
    today = timezone.localdate()
    followed = followed_pathways(user)
    territories = followed_territories(followed)
    if not territories:
        return []
    waiting = per_territory(territories, lambda territory: _waiting(territory, today))
    alerts = []
    for pathway in followed.filter(waiting).select_related("participant").order_by("entry_date", "pk"):
        territory = territories[pathway.territory_id]
        participant = pathway.participant
        common = {"territory_id": pathway.territory_id, "referent_id": pathway.referent_id}
        last_seen = pathway.last_contact_on or pathway.entry_date
        if (today - last_seen).days >= territory.not_seen_alert_days:
            days = (today - last_seen).days
            if pathway.last_contact_on:
                title = ngettext(
                    "%(person)s: no contact for %(days)d day (last on %(date)s)",
                    "%(person)s: no contact for %(days)d days (last on %(date)s)",
                    days,
                )
            else:
                title = ngettext(
                    "%(person)s: no contact recorded in the %(days)d day since entry (%(date)s)",
                    "%(person)s: no contact recorded in the %(days)d days since entry (%(date)s)",
                    days,
                )
            alerts.append(
                Alert(
                    kind=NOT_SEEN_ALERT.code,
                    title=title
                    % {
                        "person": participant.full_name,
                        "days": days,
                        "date": date_format(last_seen, "SHORT_DATE_FORMAT"),
                    },
                    # "Record a contact" is on the file's summary, in the pathway card.
                    url=reverse("participants:detail", kwargs={"pk": participant.pk}) + "#pathway-heading",
                    since=last_seen,
                    **common,
                )
            )
        days_in = (today - pathway.entry_date).days
        if pathway.first_job_proposal_on is None and days_in >= territory.no_job_proposal_alert_days:
            alerts.append(
                Alert(
                    kind=NO_JOB_PROPOSAL_ALERT.code,
                    title=ngettext(
                        "%(person)s: no job proposal %(days)d day after entry (%(date)s)",
                        "%(person)s: no job proposal %(days)d days after entry (%(date)s)",
                        days_in,
                    )
                    % {
                        "person": participant.full_name,
                        "days": days_in,
                        "date": date_format(pathway.entry_date, "SHORT_DATE_FORMAT"),
                    },
                    url=reverse("participant_opportunities:list", kwargs={"participant_pk": participant.pk}),
                    since=pathway.entry_date,
                    **common,
                )
            )
    return alerts
