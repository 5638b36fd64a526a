"""The staff member's alerts ("Mes alertes" on the home page): things waiting for them.

Each app that raises alerts registers a source in its AppConfig.ready():

    from chemin.core import alerts
    alerts.register(partner_referral_alerts)

A source takes the user and returns the Alert objects for the pathways they follow (as referent,
or as manager of the territory). Sources run a fixed number of queries whatever the number of
alerts, so the home page's query count stays flat. Titles must not carry special-category data.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chemin.accounts.models import User


@dataclass(frozen=True)
class Alert:
    title: str
    url: str
    # Since when it has been waiting: the oldest alerts come first.
    since: datetime.date


AlertSource = Callable[["User"], Iterable[Alert]]
_sources: list[AlertSource] = []


def register(source: AlertSource) -> AlertSource:
    if source not in _sources:
        _sources.append(source)
    return source


def alerts_for(user: User) -> list[Alert]:
    """Every alert of the user, oldest first."""
    if not user.is_authenticated:
        return []
    found = [alert for source in _sources for alert in source(user)]
    return sorted(found, key=lambda alert: (alert.since, alert.title))
