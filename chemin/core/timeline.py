"""The participant timeline: one chronological feed of everything that happened.

Each app that has something to show registers a source in its AppConfig.ready():

    from chemin.core import timeline
    timeline.register(steps_timeline_events)

A source takes (participant, user) and returns TimelineEvent objects the user may see. Sources
must run a fixed number of queries whatever the number of events (no query per event), so the
timeline's query count stays flat. Registration keeps apps free of import cycles: the feed never
imports the apps that feed it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime.datetime | datetime.date
    kind: str  # a short code used to filter: "referral", "pathway", "wish", "step", "note", …
    kind_label: str  # what people read for that kind, translated
    title: str
    detail: str = ""
    # Done steps and other steps forward: shown as celebrated milestones.
    is_milestone: bool = False
    # "participant" when the person did it themselves (participant space), else "staff".
    by_participant: bool = False
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> datetime.datetime:
        if isinstance(self.at, datetime.datetime):
            return self.at
        return datetime.datetime.combine(self.at, datetime.time.max, tzinfo=datetime.UTC)


TimelineSource = Callable[["Participant", "User"], Iterable[TimelineEvent]]
_sources: list[TimelineSource] = []


def register(source: TimelineSource) -> TimelineSource:
    if source not in _sources:
        _sources.append(source)
    return source


def events_for(participant: Participant, user: User, *, kinds: set[str] | None = None) -> list[TimelineEvent]:
    """Every event the user may see, newest first, optionally only of some kinds."""
    events = [event for source in _sources for event in source(participant, user)]
    if kinds:
        events = [event for event in events if event.kind in kinds]
    return sorted(events, key=lambda event: event.sort_key, reverse=True)
