"""The calendars (week views and iCal feeds): one feed of everything planned at a time.

Each app that plans things registers a source in its AppConfig.ready():

    from chemin.core import calendar
    calendar.register(workshop_entries)

A source takes a CalendarQuery and returns the CalendarEntry objects of that window: for one
staff member (`query.staff` set: what they run or attend) or for a whole territory
(`query.territory` set). Sources run a fixed number of queries whatever the number of entries,
so the week views' query count stays flat. Titles are what a staff member's calendar may show on
a phone screen or in a synchronised calendar client: a participant's name and the kind of
meeting, never special-category data (health, justice) or a barrier.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory


@dataclass(frozen=True)
class CalendarQuery:
    start: datetime.datetime  # aware, inclusive
    end: datetime.datetime  # aware, exclusive
    staff: User | None = None
    territory: Territory | None = None


@dataclass(frozen=True)
class CalendarEntry:
    # A stable id across calls, e.g. "appointment-12" (the iCal UID is built from it).
    uid: str
    kind: str  # a short code: "appointment", "workshop", …
    kind_label: str  # what people read for that kind, translated
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = ""
    url: str = ""  # the page of the entry in the application (relative)
    # A cancelled entry stays in feeds (so calendar clients drop it) but is shown struck out.
    is_cancelled: bool = False


CalendarSource = Callable[[CalendarQuery], Iterable[CalendarEntry]]
_sources: list[CalendarSource] = []


def register(source: CalendarSource) -> CalendarSource:
    if source not in _sources:
        _sources.append(source)
    return source


def entries_for(query: CalendarQuery) -> list[CalendarEntry]:
    """Every entry of the window, in start order."""
    entries = [entry for source in _sources for entry in source(query)]
    return sorted(entries, key=lambda entry: (entry.starts_at, entry.ends_at, entry.uid))
