"""The staff member's alerts: things waiting for them (the alerts page, counted on the home page).

Each app that raises alerts registers a source in its AppConfig.ready(), with the kinds of alert
it raises:

    from chemin.core import alerts
    alerts.register(
        partner_referral_alerts,
        kinds=[alerts.AlertKind("partner_referral_overdue", _("Partner referrals without an answer"), order=50)],
    )

A source takes the user and returns the Alert objects for the pathways they follow (as referent,
or as manager of the territory) and for their own work (company next actions). Each alert carries
its pathway's territory and referent, so one run serves both views of a manager: "mine" (the
pathways they are referent of) and "the whole territory". Sources run a fixed number of queries
whatever the number of alerts or participants, so the pages' query counts stay flat. Titles must
not carry special-category data (health, justice, barriers): alerts show on shared screens.

Kinds come in the order of AlertKind.order: 10 not_seen, 20 no_job_proposal, 30 (kept for
repeated_no_shows), 40 overdue_steps, 50 partner_referral_overdue, 60 follow_up_overdue,
70 employer_risk, 80 contract_ending, 90 company_next_action.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.functional import Promise

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory


@dataclass(frozen=True)
class AlertKind:
    # Short and stable: it is the ``type`` filter of the alerts page's URL.
    code: str
    label: str | Promise
    # Where its heading comes on the pages (smallest first); ties keep the registration order.
    order: int = 100
    # Alerts about a participant's pathway; business developers see only the others (DESIGN.md §4).
    about_participants: bool = True


@dataclass(frozen=True)
class Alert:
    kind: str
    title: str
    url: str
    # Since when it has been waiting: the oldest alerts come first.
    since: datetime.date
    # The pathway the alert is about (its territory and referent): the manager's territory view
    # lists them whoever the referent. Both None for an alert about the user's own work.
    territory_id: int | None = None
    referent_id: int | None = None

    @property
    def days(self) -> int:
        return max((timezone.localdate() - self.since).days, 0)


AlertSource = Callable[["User"], Iterable[Alert]]


@dataclass(frozen=True)
class _Registration:
    source: AlertSource
    kinds: tuple[str, ...]


_registrations: list[_Registration] = []
_kinds: dict[str, AlertKind] = {}


def register(source: AlertSource, *, kinds: Sequence[AlertKind]) -> AlertSource:
    """Register a source and the kinds of alert it raises (at least one)."""
    if not kinds:
        raise ImproperlyConfigured(f"Alert source {source.__qualname__} must declare its kinds.")
    for kind in kinds:
        known = _kinds.get(kind.code)
        if known is not None and known != kind:
            raise ImproperlyConfigured(f"Alert kind {kind.code!r} is registered twice.")
        _kinds[kind.code] = kind
    if all(registration.source is not source for registration in _registrations):
        _registrations.append(_Registration(source, tuple(kind.code for kind in kinds)))
    return source


def registered_kinds(*, about_participants: bool | None = None) -> list[AlertKind]:
    """The registered kinds in their display order; only those (not) about participants if asked."""
    ordered = sorted(_kinds.values(), key=lambda kind: kind.order)
    if about_participants is None:
        return ordered
    return [kind for kind in ordered if kind.about_participants == about_participants]


def get_kind(code: str) -> AlertKind:
    return _kinds[code]


def collect(user: User, *, kinds: Collection[str] | None = None) -> list[Alert]:
    """Every alert the user follows — theirs and, for a manager, their territories' — oldest first.

    ``kinds`` limits the sources asked to those raising one of these kinds.
    """
    if not user.is_authenticated:
        return []
    found: list[Alert] = []
    for registration in _registrations:
        if kinds is not None and not set(registration.kinds) & set(kinds):
            continue
        for alert in registration.source(user):
            if alert.kind not in registration.kinds:
                raise ImproperlyConfigured(
                    f"{registration.source.__qualname__} raised an undeclared alert kind {alert.kind!r}."
                )
            if kinds is None or alert.kind in kinds:
                found.append(alert)
    return sorted(found, key=lambda alert: (alert.since, alert.title))


def mine(alerts: Iterable[Alert], user: User) -> list[Alert]:
    """The alerts of the pathways the user is referent of, and those about their own work."""
    return [alert for alert in alerts if alert.referent_id in (None, user.pk)]


def of_territory(alerts: Iterable[Alert], territory: Territory) -> list[Alert]:
    """The alerts of one territory's pathways, whoever the referent.

    Sources only return what the user follows, so this shows a counsellor nothing more than their
    own pathways there: only a manager (or admin) of the territory gets everyone's.
    """
    return [alert for alert in alerts if alert.territory_id == territory.pk and alert.referent_id is not None]


def alerts_for(
    user: User, *, territory: Territory | None = None, kinds: Collection[str] | None = None
) -> list[Alert]:
    """The user's own alerts, oldest first; with ``territory``, that territory's (see of_territory)."""
    found = collect(user, kinds=kinds)
    return of_territory(found, territory) if territory is not None else mine(found, user)


def count_by_kind(alerts: Iterable[Alert]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for alert in alerts:
        counts[alert.kind] = counts.get(alert.kind, 0) + 1
    return counts
