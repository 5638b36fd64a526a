"""What matching knows of a person and of a job: plain frozen values, no database access.

Callers (selectors of the participants and opportunities apps) build them from models; tests
build them by hand. Collections are tuples and frozensets so a profile can be shared safely
between many evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from chemin.referentials.models import Commune


@dataclass(frozen=True)
class Place:
    """A commune's position, shaped like ``referentials.Commune`` for ``referentials.geo``.

    ``geo.distance_km`` only reads ``code_insee``, ``latitude``, ``longitude`` and
    ``has_position``, so a ``Place`` goes through it unchanged: one haversine for the project.
    """

    code_insee: str
    latitude: float | None
    longitude: float | None
    # False for a centroid estimate (CoordQuality): distances are then shown as approximate.
    is_position_precise: bool = True

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @classmethod
    def from_commune(cls, commune: Commune) -> Place:
        return cls(
            code_insee=commune.code_insee,
            latitude=commune.latitude if commune.has_position else None,
            longitude=commune.longitude if commune.has_position else None,
            is_position_precise=commune.is_position_precise,
        )


@dataclass(frozen=True)
class Constraint:
    """One current job constraint of the person (mirrors ``barriers.JobConstraint``)."""

    kind: str  # barriers.enums.ConstraintKind
    earliest_start: time | None = None
    latest_end: time | None = None
    max_commute_km: int | None = None
    max_commute_minutes: int | None = None
    commute_means: str = ""  # barriers.enums.CommuteMeans, or "" when not said
    # The barrier it comes from: lifting that barrier ends the constraint, unless it is kept.
    barrier_id: int | None = None
    kept_after_barrier: bool = False


class OpenBarrier(NamedTuple):
    """An open barrier of the person: its id and category only, to name levers.

    Never shown on the job-facing side (see ``Match.for_job_facing``).
    """

    barrier_id: int
    category: str  # barriers.enums.BarrierCategory


class PartnerHint(NamedTuple):
    """A partner able to help with one barrier category, to name "the partner who can help"."""

    partner_id: int
    name: str
    category: str  # barriers.enums.BarrierCategory


@dataclass(frozen=True)
class CandidateProfile:
    id: int
    wished_rome_codes: tuple[str, ...] = ()
    place: Place | None = None
    has_driving_licence: bool = False
    has_vehicle: bool = False
    constraints: tuple[Constraint, ...] = ()
    open_barriers: tuple[OpenBarrier, ...] = ()
    education_level: str = ""  # participants.enums.EducationLevel, or "" when unknown
    # The smallest maximum commute of the person's job wishes, used when no constraint sets one.
    max_commute_km: int | None = None

    @cached_property
    def barrier_categories(self) -> dict[int, str]:
        """Open barriers by id (computed once per profile, reused across a ranking)."""
        return {barrier.barrier_id: barrier.category for barrier in self.open_barriers}


@dataclass(frozen=True)
class JobProfile:
    id: int
    rome_code: str
    title: str = ""
    schedule_patterns: frozenset[str] = field(default_factory=frozenset)  # enums.SchedulePattern
    start_time: time | None = None
    end_time: time | None = None
    hours_per_week: float | None = None
    place: Place | None = None
    requires_driving_licence: bool = False
    requires_vehicle: bool = False
    physical_demands: frozenset[str] = field(default_factory=frozenset)  # enums.PhysicalDemand
    min_education_level: str = ""  # participants.enums.EducationLevel, or "" when none
    # What the employer is ready to adapt.
    can_adapt_hours: bool = False
    can_train_on_the_job: bool = False
    can_help_with_transport: bool = False
    # The workplace is served by a bus, tram or train line.
    on_public_transport_line: bool = False
