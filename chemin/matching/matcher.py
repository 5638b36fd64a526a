"""Evaluate one person against one job, and rank jobs or people, with reasons and levers.

The rules and weights are in ``rules.py`` (read its docstring first). This module applies them.

Sentences are marked for translation with ``gettext_noop`` (imported as ``_``) and kept as
``Phrase`` objects: they are put into words, in the active language, only when read
(``Match.reasons``, ``Lever.text``). Ranking thousands of jobs thus costs no translation; only
the rows a page shows are worded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from typing import NamedTuple

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from chemin.barriers.enums import BarrierCategory, CommuteMeans, ConstraintKind
from chemin.matching import rules
from chemin.matching.enums import LeverKind, MatchLevel, PhysicalDemand, SchedulePattern
from chemin.matching.profiles import CandidateProfile, Constraint, JobProfile, PartnerHint, Place
from chemin.participants.enums import EducationLevel
from chemin.referentials import geo
from chemin.referentials.enums import RomeProximity

PartnersByCategory = Mapping[str, Sequence[PartnerHint]]


class Phrase(NamedTuple):
    """A sentence as its English msgid and its values, translated when turned into a string.

    Values may be plain, times (shown "09:00"), lazy labels, or other phrases. A named tuple:
    cheap to build, as every evaluation builds several.
    """

    msgid: str
    values: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.values:
            return text
        return text % {key: _word(value) for key, value in self.values}


def _word(value: object) -> str:
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    return str(value)


def _phrase(msgid: str, **values: object) -> Phrase:
    return Phrase(msgid, tuple(values.items()))


class _DistanceLabel(NamedTuple):
    """ "≈ 12 km", "same commune"…: ``geo.distance_label``, worded only when read."""

    a: Place
    b: Place

    def __str__(self) -> str:
        return geo.distance_label(self.a, self.b)  # a Place is Commune-shaped


class _Labels(NamedTuple):
    """Several choice labels joined by commas, worded only when read."""

    labels: tuple[object, ...]

    def __str__(self) -> str:
        return ", ".join(str(label) for label in self.labels)


@dataclass(frozen=True)
class Lever:
    """What would open a job: its kind, a sentence, and the barrier and partner it names."""

    kind: str  # enums.LeverKind
    phrase: Phrase
    barrier_id: int | None = None
    partner_id: int | None = None

    @property
    def text(self) -> str:
        return str(self.phrase)


@dataclass(frozen=True)
class Match:
    candidate_id: int
    job_id: int
    level: str  # enums.MatchLevel
    # For ranking within a level only; its scale is rules.ROME_POINTS + rules.DISTANCE_POINTS.
    score: float
    reason_phrases: tuple[Phrase, ...]
    levers: tuple[Lever, ...]
    distance_km: float | None = None
    # True once barrier categories, barrier ids and partners have been taken out.
    job_facing: bool = False

    @property
    def reasons(self) -> list[str]:
        """The reasons in plain words, in the active language."""
        return [str(phrase) for phrase in self.reason_phrases]

    @property
    def level_label(self) -> str:
        return str(MatchLevel(self.level).label)

    @property
    def sort_key(self) -> tuple[int, float]:
        return rules.LEVEL_ORDER[self.level], -self.score

    def for_job_facing(self) -> Match:
        """The same verdict for the opportunity side (business developers): levers that name a
        barrier or a partner become one "a constraint of the person" lever, without ids.

        Reasons never name barriers (they speak of constraints, which are job-facing).
        """
        levers = [
            replace(lever, barrier_id=None, partner_id=None)
            for lever in self.levers
            if lever.kind != LeverKind.LIFT_BARRIER
        ]
        if any(lever.kind == LeverKind.LIFT_BARRIER for lever in self.levers):
            levers.append(
                Lever(
                    kind=LeverKind.PERSON_SUPPORT,
                    phrase=_phrase(
                        _("A constraint of the person can be worked on: see with their counsellor.")
                    ),
                )
            )
        return replace(self, levers=tuple(levers), job_facing=True)


@dataclass(slots=True)
class _Findings:
    """What the rules found, in the order they found it."""

    reasons: list[Phrase] = field(default_factory=list)
    levers: list[Lever] = field(default_factory=list)
    clashes: int = 0
    blocked: bool = False

    def note(self, reason: Phrase) -> None:
        self.reasons.append(reason)

    def clash(self, reason: Phrase, levers: Sequence[Lever]) -> None:
        """A clash opened by any of ``levers``; none means the job is not for now."""
        self.reasons.append(reason)
        self.clashes += 1
        if not levers:
            self.blocked = True
        for lever in levers:
            self.suggest(lever)

    def suggest(self, lever: Lever) -> None:
        if lever not in self.levers:
            self.levers.append(lever)

    @property
    def level(self) -> str:
        if self.blocked:
            return MatchLevel.NOT_NOW
        return MatchLevel.REACHABLE if self.clashes else MatchLevel.COMPATIBLE


@dataclass(frozen=True)
class _Commute:
    max_km: float
    means: str
    # The maximum-commute constraint the limit comes from, if any.
    constraint: Constraint | None


@dataclass(slots=True)
class _Context:
    candidate: CandidateProfile
    job: JobProfile
    partners: PartnersByCategory
    commute: _Commute

    def barrier_lever(self, barrier_id: int, category: str) -> Lever | None:
        """Lift this barrier with the first partner addressing its category, if there is one."""
        partners = self.partners.get(category) or ()
        if not partners:
            return None
        partner = partners[0]
        return Lever(
            kind=LeverKind.LIFT_BARRIER,
            phrase=_phrase(
                _("Lift the barrier “%(category)s” with %(partner)s."),
                category=BarrierCategory(category).label,
                partner=partner.name,
            ),
            barrier_id=barrier_id,
            partner_id=partner.partner_id,
        )

    def constraint_levers(self, constraint: Constraint | None) -> list[Lever]:
        """Lifting the barrier behind a constraint ends it (unless the person keeps it)."""
        if constraint is None or constraint.barrier_id is None or constraint.kept_after_barrier:
            return []
        category = self.candidate.barrier_categories.get(constraint.barrier_id)
        if category is None:
            return []
        lever = self.barrier_lever(constraint.barrier_id, category)
        return [lever] if lever else []

    def category_levers(self, category: str) -> list[Lever]:
        """Lift the person's first open barrier of this category, with a partner."""
        for barrier in self.candidate.open_barriers:
            if barrier.category == category:
                lever = self.barrier_lever(barrier.barrier_id, category)
                return [lever] if lever else []
        return []

    def hours_lever(self, phrase: Phrase) -> list[Lever]:
        return [Lever(kind=LeverKind.ADAPT_HOURS, phrase=phrase)] if self.job.can_adapt_hours else []

    def transport_lever(self) -> list[Lever]:
        if not self.job.can_help_with_transport:
            return []
        return [Lever(kind=LeverKind.TRANSPORT, phrase=_TRANSPORT_HELP)]


_TRANSPORT_HELP = _phrase(_("Ask the employer for help with transport (shuttle, car-pooling, travel costs)."))
_IMMERSION = Lever(
    kind=LeverKind.IMMERSION, phrase=_phrase(_("Propose an immersion (PMSMP) first, to discover the job."))
)
_TRAINING = Lever(kind=LeverKind.TRAINING, phrase=_phrase(_("Ask the employer for training on the job.")))
_DISTANCE_UNKNOWN = _phrase(_("Distance unknown: check the commute with the person."))


def evaluate(candidate: CandidateProfile, job: JobProfile, partners: Iterable[PartnerHint] = ()) -> Match:
    """Match one person with one job: verdict, score, reasons and levers (see ``rules``)."""
    return _evaluate(candidate, job, group_partners(partners), commute_of(candidate))


def rank_jobs(
    candidate: CandidateProfile,
    jobs: Iterable[JobProfile],
    partners_by_category: PartnersByCategory | None = None,
) -> list[Match]:
    """Jobs for one person: compatible first, then reachable, then not now; best score first
    inside a level, then job id, so the order never depends on the order of ``jobs``."""
    partners = partners_by_category or {}
    commute = commute_of(candidate)
    matches = [_evaluate(candidate, job, partners, commute) for job in jobs]
    matches.sort(key=lambda match: (*match.sort_key, match.job_id))
    return matches


def rank_candidates(
    job: JobProfile,
    candidates: Iterable[CandidateProfile],
    partners_by_category: PartnersByCategory | None = None,
    *,
    job_facing: bool = True,
) -> list[Match]:
    """People for one job, in the same order as ``rank_jobs`` (then by candidate id).

    Job-facing by default: this list is what business developers see on an opportunity, so it
    never names a barrier or a partner unless the caller asks otherwise.
    """
    partners = partners_by_category or {}
    matches = []
    for candidate in candidates:
        match = _evaluate(candidate, job, partners, commute_of(candidate))
        matches.append(match.for_job_facing() if job_facing else match)
    matches.sort(key=lambda match: (*match.sort_key, match.candidate_id))
    return matches


def group_partners(partners: Iterable[PartnerHint]) -> dict[str, list[PartnerHint]]:
    """Partners by barrier category, in the order given (the first one is named in levers)."""
    grouped: dict[str, list[PartnerHint]] = {}
    for partner in partners:
        grouped.setdefault(partner.category, []).append(partner)
    return grouped


def commute_of(candidate: CandidateProfile) -> _Commute:
    """The person's maximum commute in km and their means (rule 2)."""
    has_car = candidate.has_driving_licence and candidate.has_vehicle
    means = CommuteMeans.CAR if has_car else CommuteMeans.PUBLIC_TRANSPORT
    limit: float | None = None
    source: Constraint | None = None
    for constraint in candidate.constraints:
        if constraint.kind != ConstraintKind.MAX_COMMUTE:
            continue
        constraint_means = constraint.commute_means or means
        if constraint_means == CommuteMeans.CAR and not has_car:
            constraint_means = CommuteMeans.PUBLIC_TRANSPORT
        limits = []
        if constraint.max_commute_km is not None:
            limits.append(float(constraint.max_commute_km))
        if constraint.max_commute_minutes is not None:
            limits.append(constraint.max_commute_minutes * rules.SPEED_KMH[constraint_means] / 60)
        if limits and (limit is None or min(limits) < limit):
            limit, source, means = min(limits), constraint, constraint_means
    if limit is None:
        limit = float(candidate.max_commute_km or rules.DEFAULT_MAX_COMMUTE_KM)
    return _Commute(max_km=limit, means=means, constraint=source)


def reach_km(candidate: CandidateProfile, partners_by_category: PartnersByCategory | None = None) -> float:
    """Beyond this distance every job is *not now* for the person, whatever else (rule 2).

    The person's maximum commute when no lever can open it (no barrier behind it to lift with a
    partner), else ``rules.MAX_REACH_KM``; never more than that cap. Database pre-filters use it
    so that they leave out only jobs the matcher would not propose anyway.
    """
    commute = commute_of(candidate)
    context = _Context(candidate=candidate, job=_NO_JOB, partners=partners_by_category or {}, commute=commute)
    if context.constraint_levers(commute.constraint):
        return float(rules.MAX_REACH_KM)
    return min(commute.max_km, float(rules.MAX_REACH_KM))


_NO_JOB = JobProfile(id=0, rome_code="")


def within_reach(
    candidate: CandidateProfile, job: JobProfile, partners_by_category: PartnersByCategory | None = None
) -> bool:
    """False when the distance alone makes the job *not now* (beyond ``reach_km``); an unknown
    distance is within reach ("to check"). Cheaper than ``evaluate``: callers use it to leave
    out, before ranking, pairs the ranking would only put in "not now"."""
    if candidate.place is None or job.place is None:
        return True
    km = geo.distance_km(candidate.place, job.place)
    return km is None or km <= reach_km(candidate, partners_by_category)


def _evaluate(
    candidate: CandidateProfile, job: JobProfile, partners: PartnersByCategory, commute: _Commute
) -> Match:
    context = _Context(candidate=candidate, job=job, partners=partners, commute=commute)
    findings = _Findings()
    score = _check_rome(context, findings)
    distance_km, distance_score = _check_commute(context, findings)
    _check_schedule(context, findings)
    _check_physical_demands(context, findings)
    _check_licence_and_vehicle(context, findings)
    _check_education(context, findings)
    score += distance_score - rules.CLASH_COST * findings.clashes
    return Match(
        candidate_id=candidate.id,
        job_id=job.id,
        level=findings.level,
        score=round(score, 2),
        reason_phrases=tuple(findings.reasons),
        levers=tuple(findings.levers),
        distance_km=distance_km,
    )


# Rule 1 ----------------------------------------------------------------------------------------


def _check_rome(context: _Context, findings: _Findings) -> float:
    wished = context.candidate.wished_rome_codes
    if not wished:
        findings.note(_phrase(_("The person has not named a wished job yet.")))
        return 0.0
    proximity, code = rules.closest_wish(context.job.rome_code, wished)
    if proximity == RomeProximity.SAME_JOB:
        findings.note(_phrase(_("One of the jobs the person wants (%(code)s)."), code=code))
    elif proximity == RomeProximity.SAME_FAMILY:
        findings.note(_phrase(_("A job of the same family as one the person wants (%(code)s)."), code=code))
        findings.suggest(_IMMERSION)
    elif proximity == RomeProximity.SAME_DOMAIN:
        findings.clash(
            _phrase(_("Same domain as a job the person wants (%(code)s), but another job."), code=code),
            [_IMMERSION],
        )
    else:
        findings.clash(_phrase(_("Not among the jobs the person wants.")), [])
    return float(rules.ROME_POINTS[proximity])


# Rule 2 ----------------------------------------------------------------------------------------

_MEANS_PHRASES = {
    CommuteMeans.CAR: _phrase(_("by car")),
    CommuteMeans.PUBLIC_TRANSPORT: _phrase(_("without a car, by public transport")),
    CommuteMeans.BIKE: _phrase(_("without a car, by bike")),
    CommuteMeans.ON_FOOT: _phrase(_("without a car, on foot")),
}


def _check_commute(context: _Context, findings: _Findings) -> tuple[float | None, float]:
    """Distance vs maximum commute and means; returns the distance and its points."""
    candidate, job, commute = context.candidate, context.job, context.commute
    if candidate.place is None or job.place is None:
        findings.note(_DISTANCE_UNKNOWN)
        return None, 0.0
    # A Place is shaped like a Commune (see profiles.Place): geo's one haversine serves both.
    km = geo.distance_km(candidate.place, job.place)
    if km is None:
        findings.note(_DISTANCE_UNKNOWN)
        return None, 0.0
    values = {
        "distance": _DistanceLabel(candidate.place, job.place),
        "max": round(commute.max_km),
        "means": _MEANS_PHRASES[commute.means],
    }
    if km > rules.MAX_REACH_KM:
        findings.clash(
            _phrase(
                _("Distance: %(distance)s, beyond the %(reach)s km within which a job is proposed."),
                distance=values["distance"],
                reach=rules.MAX_REACH_KM,
            ),
            [],
        )
        return km, 0.0
    if km > commute.max_km:
        findings.clash(
            _phrase(
                _("Distance: %(distance)s, beyond the %(max)s km the person can travel %(means)s."), **values
            ),
            context.constraint_levers(commute.constraint),
        )
        return km, 0.0
    findings.note(
        _phrase(_("Distance: %(distance)s, within the %(max)s km the person can travel %(means)s."), **values)
    )
    if commute.means != CommuteMeans.CAR and km > rules.WALKING_REACH_KM:
        _check_without_car(context, findings, km)
    return km, rules.distance_points(km, commute.max_km)


def _check_without_car(context: _Context, findings: _Findings, km: float) -> None:
    job = context.job
    by_bike = context.commute.means == CommuteMeans.BIKE and km <= rules.BIKE_REACH_KM
    if by_bike:
        return
    if not job.on_public_transport_line:
        findings.clash(
            _phrase(_("The workplace is not served by public transport and the person has no car.")),
            [*context.transport_lever(), *context.category_levers(rules.MOBILITY)],
        )
        return
    findings.note(_phrase(_("The workplace is served by public transport.")))
    atypical = bool(job.schedule_patterns & rules.OUT_OF_WINDOW_PATTERNS) or rules.outside_public_transport(
        job.start_time, job.end_time
    )
    if atypical:
        levers = [*context.transport_lever(), *context.category_levers(rules.MOBILITY)]
        if not levers:
            levers = context.hours_lever(_phrase(_("Ask the employer for hours when public transport runs.")))
        findings.clash(
            _phrase(_("Public transport hardly runs at the job's early, late or night hours.")), levers
        )


# Rule 3 ----------------------------------------------------------------------------------------


def _pattern_labels(patterns: Iterable[str]) -> _Labels:
    return _Labels(tuple(SchedulePattern(pattern).label for pattern in sorted(patterns)))


def _check_schedule(context: _Context, findings: _Findings) -> None:
    job = context.job
    patterns = job.schedule_patterns
    for constraint in context.candidate.constraints:
        kind = constraint.kind
        if kind == ConstraintKind.NO_SHIFT_WORK and patterns & rules.SHIFT_PATTERNS:
            findings.clash(
                _phrase(
                    _("The job is on shifts (%(patterns)s); the person cannot work shifts."),
                    patterns=_pattern_labels(patterns & rules.SHIFT_PATTERNS),
                ),
                [
                    *context.hours_lever(_phrase(_("Ask the employer for fixed day hours."))),
                    *context.constraint_levers(constraint),
                ],
            )
        elif kind == ConstraintKind.NO_NIGHT_WORK and (
            patterns & rules.NIGHT_PATTERNS or rules.overlaps_night(job.start_time, job.end_time)
        ):
            findings.clash(
                _phrase(_("The job includes night work; the person cannot work at night.")),
                [
                    *context.hours_lever(_phrase(_("Ask the employer for daytime hours."))),
                    *context.constraint_levers(constraint),
                ],
            )
        elif kind == ConstraintKind.NO_WEEKEND and SchedulePattern.WEEKENDS in patterns:
            findings.clash(
                _phrase(_("The job includes weekend work; the person cannot work weekends.")),
                [
                    *context.hours_lever(_phrase(_("Ask the employer for weekdays only."))),
                    *context.constraint_levers(constraint),
                ],
            )
        elif kind == ConstraintKind.HOURS_WINDOW:
            _check_hours_window(context, findings, constraint)
        elif (
            kind == ConstraintKind.PART_TIME_ONLY
            and job.hours_per_week is not None
            and job.hours_per_week >= rules.FULL_TIME_HOURS
        ):
            findings.clash(
                _phrase(
                    _("The job is full time (%(hours)s h a week); the person can only work part time."),
                    hours=f"{job.hours_per_week:g}",
                ),
                [
                    *context.hours_lever(_phrase(_("Ask the employer for a part-time contract."))),
                    *context.constraint_levers(constraint),
                ],
            )


def _check_hours_window(context: _Context, findings: _Findings, constraint: Constraint) -> None:
    job = context.job
    earliest, latest = constraint.earliest_start, constraint.latest_end
    if earliest is None or latest is None:
        return
    if SchedulePattern.SCHOOL_HOURS_POSSIBLE in job.schedule_patterns:
        findings.note(
            _phrase(
                _("School hours are possible; the person can work from %(start)s to %(end)s."),
                start=earliest,
                end=latest,
            )
        )
        return
    levers = [
        *context.hours_lever(
            _phrase(_("Ask the employer for hours from %(start)s to %(end)s."), start=earliest, end=latest)
        ),
        *context.constraint_levers(constraint),
    ]
    out_of_window = job.schedule_patterns & rules.OUT_OF_WINDOW_PATTERNS
    if out_of_window:
        findings.clash(
            _phrase(
                _("Working pattern: %(patterns)s; the person can only work from %(start)s to %(end)s."),
                patterns=_pattern_labels(out_of_window),
                start=earliest,
                end=latest,
            ),
            levers,
        )
    elif job.start_time is not None and job.end_time is not None:
        values = {"job_start": job.start_time, "job_end": job.end_time, "start": earliest, "end": latest}
        if rules.within_window(job.start_time, job.end_time, earliest, latest):
            findings.note(
                _phrase(
                    _("The job's hours (%(job_start)s–%(job_end)s) fit the person's (%(start)s to %(end)s)."),
                    **values,
                )
            )
        else:
            findings.clash(
                _phrase(
                    _(
                        "The job's hours (%(job_start)s–%(job_end)s) fall outside the person's (%(start)s to %(end)s)."
                    ),
                    **values,
                ),
                levers,
            )
    else:
        findings.note(
            _phrase(
                _("Hours to confirm with the employer: the person can work from %(start)s to %(end)s."),
                start=earliest,
                end=latest,
            )
        )


# Rule 4 ----------------------------------------------------------------------------------------

_DEMANDS = {
    ConstraintKind.NO_HEAVY_LOADS: (
        PhysicalDemand.HEAVY_LOADS,
        _phrase(_("The job involves heavy loads; the person must avoid them.")),
    ),
    ConstraintKind.NO_PROLONGED_STANDING: (
        PhysicalDemand.PROLONGED_STANDING,
        _phrase(_("The job involves prolonged standing; the person must avoid it.")),
    ),
}


def _check_physical_demands(context: _Context, findings: _Findings) -> None:
    for constraint in context.candidate.constraints:
        demand = _DEMANDS.get(constraint.kind)
        if demand is not None and demand[0] in context.job.physical_demands:
            findings.clash(demand[1], context.constraint_levers(constraint))


# Rule 5 ----------------------------------------------------------------------------------------


def _check_licence_and_vehicle(context: _Context, findings: _Findings) -> None:
    candidate, job = context.candidate, context.job
    if job.requires_driving_licence:
        if candidate.has_driving_licence:
            findings.note(_phrase(_("The job requires a driving licence; the person has one.")))
        else:
            findings.clash(
                _phrase(_("The job requires a driving licence; the person has none.")),
                context.category_levers(rules.MOBILITY),
            )
    if job.requires_vehicle and not candidate.has_vehicle:
        findings.clash(
            _phrase(_("The job requires a vehicle of one's own; the person has none.")),
            context.category_levers(rules.MOBILITY),
        )


# Rule 6 ----------------------------------------------------------------------------------------


def _check_education(context: _Context, findings: _Findings) -> None:
    required = context.job.min_education_level
    if not required:
        return
    label = EducationLevel(required).label
    level = context.candidate.education_level
    if not level:
        findings.note(_phrase(_("Qualification level to check: the job asks for %(level)s."), level=label))
        return
    if rules.EDUCATION_ORDER[level] >= rules.EDUCATION_ORDER[required]:
        return
    levers = [_TRAINING] if context.job.can_train_on_the_job else []
    levers.extend(context.category_levers(rules.QUALIFICATION))
    findings.clash(
        _phrase(_("The job asks for %(level)s; the person's level is below."), level=label), levers
    )
