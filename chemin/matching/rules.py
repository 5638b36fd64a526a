"""The matching rules and weights, in one place.

Matching compares one person (``CandidateProfile``) with one job (``JobProfile``) and gives a
verdict, a score, the reasons in plain French and the levers that would open the job.

Verdict
    Each rule below either finds nothing, adds a reason, or finds a **clash**. A clash lists the
    levers able to open it. The verdict is:

    * *not now* when at least one clash has no lever;
    * *reachable with levers* when every clash has at least one lever;
    * *compatible* when there is no clash (a lever may still be suggested, e.g. an immersion).

Levers
    * Lift a barrier with a partner: the clash comes from a constraint linked to one of the
      person's open barriers (and the constraint is not kept once the barrier is lifted), or from
      mobility / qualification (driving licence, vehicle, transport, diploma) while the person has
      an open barrier of that category; and a partner of the territory addresses that category.
      Without a partner, no lever: the counsellor first has to find one.
    * Ask the employer to adapt the hours, to help with transport, to train on the job: only
      when the job says the employer is ready to.
    * An immersion (PMSMP) first, when the job is not one the person named but a neighbour of it.

Rule 1, the job wished (ROME 4.0 codes: "D1505" is domain D, family D15)
    Same code as a wished job: +ROME_POINTS[SAME_JOB]. Same family: +ROME_POINTS[SAME_FAMILY],
    an immersion is suggested. Same domain only: a clash opened by an immersion first. Another
    domain: a clash without lever, the person's wish comes first. A person without any wish yet
    is not held against any job (no points, no clash).

Rule 2, distance and means (straight line between communes, ``referentials.geo``)
    The person's maximum commute is the smallest ``max_commute`` constraint (minutes are turned
    into km at the speed of the means, ``SPEED_KMH``), else the wishes' maximum, else
    ``DEFAULT_MAX_COMMUTE_KM``. The means is the constraint's, else the car when the person has
    both a licence and a vehicle, else public transport. A car without licence and vehicle is
    not a means.
    * Beyond ``MAX_REACH_KM`` (straight line), whatever the person's limit: a clash without
      lever, the job is never proposed. A hard cap on top of the person's own limit, so that a
      database pre-filter (``opportunities.selectors``, a latitude/longitude box) can leave such
      pairs out without ever hiding a job the matcher would propose.
    * Beyond the maximum commute: a clash, opened only by lifting the barrier behind the
      maximum-commute constraint with a partner. The person's limit is respected.
    * Within it, without a car: on foot up to ``WALKING_REACH_KM`` (anyone can walk there), by
      bike up to ``BIKE_REACH_KM``; beyond that the workplace must be on a public transport line.
      Otherwise a clash opened by the employer's help with transport or a mobility partner.
    * Public transport hardly runs at night: a job on shifts, nights, or starting before
      ``PUBLIC_TRANSPORT_FIRST`` / ending after ``PUBLIC_TRANSPORT_LAST`` is a clash for a
      person without a car beyond walking distance, opened by the employer's help with
      transport, a mobility partner, or else day hours negotiated with the employer.
    * Points: up to ``DISTANCE_POINTS``, falling linearly to 0 at the maximum commute. An unknown
      distance (a commune without position) is never 0 km: no points, no clash, "to check".

Two rules make a pair *not now* whatever else: a job of another ROME domain than every wish of
a person who has named some (rule 1), and a distance beyond ``MAX_REACH_KM`` (rule 2). Pages and
the benchmark ask the database only for the pairs these two rules leave (see
``opportunities.selectors``): an exact pre-filter, not an approximation.

Rule 3, schedule vs the person's constraints
    * No shift work: clashes with 2x8 and 3x8.
    * No night work: clashes with nights, 3x8, or hours within ``NIGHT_START``–``NIGHT_END``
      (the default night period of the Code du travail, L3122-20).
    * No weekend work: clashes with weekends.
    * Only within set hours (e.g. school hours): fine when school hours are possible; else the
      job's hours must fall within the window; shifts, nights and split shifts clash; a day job
      without hours is not a clash but "to confirm with the employer".
    * Part time only: clashes with ``FULL_TIME_HOURS`` hours a week or more.
    Each of these is opened by the employer adapting the hours, or by lifting the barrier behind
    the constraint with a partner.

Rule 4, physical demands: no heavy loads / no prolonged standing clash with the job's demand;
    opened only by lifting the barrier behind the constraint with a partner.

Rule 5, driving licence and own vehicle required: a clash when the person has none, opened by
    a mobility partner when the person has an open mobility barrier.

Rule 6, qualification: below the job's minimum level (``EDUCATION_ORDER``) is a clash opened by
    training on the job or a qualification partner. An unknown level is "to check", not a clash.

Score (ranking inside a verdict only): ROME points + distance points − ``CLASH_COST`` per clash.
Lists sort by verdict, then score, then id, so equal scores always come out in the same order.
"""

from __future__ import annotations

from datetime import time

from chemin.barriers.enums import BarrierCategory, CommuteMeans
from chemin.matching.enums import MatchLevel, SchedulePattern
from chemin.participants.enums import EducationLevel
from chemin.referentials.enums import RomeProximity

# Rule 1: points by closeness in the ROME tree.
ROME_POINTS: dict[RomeProximity, int] = {
    RomeProximity.SAME_JOB: 40,
    RomeProximity.SAME_FAMILY: 25,
    RomeProximity.SAME_DOMAIN: 10,
    RomeProximity.UNRELATED: 0,
}

# Rule 2: commute.
DEFAULT_MAX_COMMUTE_KM = 15
# Never proposed beyond this straight-line distance, whatever the means: about an hour and a half
# a day by car on real roads, already the far end of what an inclusion job can ask.
MAX_REACH_KM = 60
WALKING_REACH_KM = 3.0
BIKE_REACH_KM = 10.0
# Average door-to-door speeds, to turn a maximum commute in minutes into km.
SPEED_KMH: dict[str, float] = {
    CommuteMeans.ON_FOOT: 5.0,
    CommuteMeans.BIKE: 15.0,
    CommuteMeans.PUBLIC_TRANSPORT: 20.0,
    CommuteMeans.CAR: 40.0,
}
# Typical first and last buses of a town network.
PUBLIC_TRANSPORT_FIRST = time(6, 30)
PUBLIC_TRANSPORT_LAST = time(21, 0)
DISTANCE_POINTS = 20

# Rule 3: schedule.
NIGHT_START = time(21, 0)
NIGHT_END = time(6, 0)
# Legal working week (Code du travail, L3121-27): from 35 hours a job is full time.
FULL_TIME_HOURS = 35
SHIFT_PATTERNS = frozenset({SchedulePattern.TWO_SHIFTS, SchedulePattern.THREE_SHIFTS})
NIGHT_PATTERNS = frozenset({SchedulePattern.NIGHTS, SchedulePattern.THREE_SHIFTS})
# Patterns whose hours fall outside a daytime window whatever the day.
OUT_OF_WINDOW_PATTERNS = frozenset(
    {
        SchedulePattern.TWO_SHIFTS,
        SchedulePattern.THREE_SHIFTS,
        SchedulePattern.NIGHTS,
        SchedulePattern.SPLIT_SHIFTS,
    }
)

# Rule 6: qualification levels, lowest first.
EDUCATION_ORDER: dict[str, int] = {
    EducationLevel.INFRA_3: 0,
    EducationLevel.LEVEL_3: 1,
    EducationLevel.LEVEL_4: 2,
    EducationLevel.LEVEL_5_PLUS: 3,
}

# Barrier categories that open the clashes not tied to a constraint.
MOBILITY = BarrierCategory.MOBILITY
QUALIFICATION = BarrierCategory.QUALIFICATION

# Score and order.
CLASH_COST = 15
LEVEL_ORDER: dict[str, int] = {MatchLevel.COMPATIBLE: 0, MatchLevel.REACHABLE: 1, MatchLevel.NOT_NOW: 2}


def rome_proximity(code: str, other: str) -> RomeProximity:
    """How close two ROME codes are (the same rule as ``RomeJob.proximity_to``, on codes)."""
    code, other = code.upper(), other.upper()
    if code == other:
        return RomeProximity.SAME_JOB
    if code[:3] == other[:3]:
        return RomeProximity.SAME_FAMILY
    if code[:1] == other[:1]:
        return RomeProximity.SAME_DOMAIN
    return RomeProximity.UNRELATED


def closest_wish(job_code: str, wished_codes: tuple[str, ...]) -> tuple[RomeProximity, str]:
    """The best proximity of a job to any wished code, with that code (the first one on ties)."""
    best, best_code = RomeProximity.UNRELATED, ""
    for wished in wished_codes:
        proximity = rome_proximity(job_code, wished)
        if proximity > best:
            best, best_code = proximity, wished
    return best, best_code


def overlaps_night(start: time | None, end: time | None) -> bool:
    """Whether working hours touch the night period (an end before the start crosses midnight)."""
    if start is None or end is None:
        return False
    return end <= start or start < NIGHT_END or end > NIGHT_START


def within_window(start: time, end: time, earliest: time, latest: time) -> bool:
    return start < end and start >= earliest and end <= latest


def outside_public_transport(start: time | None, end: time | None) -> bool:
    if start is None or end is None:
        return False
    return end <= start or start < PUBLIC_TRANSPORT_FIRST or end > PUBLIC_TRANSPORT_LAST


def distance_points(km: float, max_km: float) -> float:
    if max_km <= 0:
        return 0.0
    return max(0.0, DISTANCE_POINTS * (1 - km / max_km))
