"""Reads behind the opportunity pages: ranked candidates for a job, ranked jobs for a person.

A territory may hold thousands of open offers and accompanied people; ranking all of them in
Python for every page is slow, and a page listing them all is useless. So each read runs in
three steps, with a fixed number of queries whatever the number of rows:

1. **An exact pre-filter in the database** (``jobs_within_reach``, ``candidates_within_reach``),
   from the rules that make a pair *not now* whatever else (``matching.rules``): a job of
   another ROME domain than every wish of a person who has named some, and a distance beyond
   ``rules.MAX_REACH_KM`` — or, for one person's jobs, beyond their own maximum commute when no
   lever can open it (``matcher.reach_km``; for one job's candidates, each person's own reach is
   then checked in Python with ``matcher.within_reach`` before ranking). The distance is tested on a latitude/longitude box around the point
   (``reach_box``), which holds the whole circle, so it may keep too much but never leaves out
   a pair the matcher would propose; a commune without position is kept ("to check").
2. **Ranking** the rest with chemin.matching on lean profiles built from plain rows.
3. **Loading for display** only the rows a page shows: the first ``SHOWN_PER_LEVEL`` of each
   verdict; the others are counted.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_noop

from chemin.barriers.models import Barrier, JobConstraint
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish
from chemin.matching import rules
from chemin.matching.enums import LeverKind, MatchLevel
from chemin.matching.matcher import (
    Lever,
    Match,
    PartnersByCategory,
    Phrase,
    rank_candidates,
    rank_jobs,
    reach_km,
    within_reach,
)
from chemin.matching.profiles import CandidateProfile, JobProfile, Place
from chemin.opportunities.models import Opportunity, Placement
from chemin.opportunities.profiles import (
    job_profiles,
    lean_candidate_profiles,
    lean_job_profiles,
    partner_hints,
)
from chemin.pathways.models import Pathway
from chemin.referentials.geo import EARTH_RADIUS_KM
from chemin.referentials.models import Commune

if TYPE_CHECKING:
    from chemin.accounts.models import User

# Rows a page shows per verdict ("not now" folded) before counting the rest: with thousands of
# offers or people in a territory, the best fifty of each verdict are what a person can read.
SHOWN_PER_LEVEL = 50
# Widens the box by about 10 m, so float rounding never drops a pair right on the limit.
_BOX_MARGIN_DEGREES = 1e-4


@dataclass(frozen=True)
class Box:
    min_latitude: float
    max_latitude: float
    # None when the box would cross a pole or the antimeridian: longitude is then not filtered.
    min_longitude: float | None
    max_longitude: float | None


def reach_box(latitude: float, longitude: float, km: float = rules.MAX_REACH_KM) -> Box:
    """The smallest latitude/longitude box holding every point within ``km`` (great circle).

    On a sphere, the points within angular distance r of latitude φ span φ ± r, and longitudes
    λ ± asin(sin r / cos φ) (the widest point is not on φ's parallel, hence asin and not r/cos φ).
    """
    angular = km / EARTH_RADIUS_KM
    delta_latitude = math.degrees(angular) + _BOX_MARGIN_DEGREES
    min_latitude, max_latitude = latitude - delta_latitude, latitude + delta_latitude
    if max_latitude >= 90 or min_latitude <= -90:
        return Box(min_latitude, max_latitude, None, None)
    ratio = math.sin(angular) / math.cos(math.radians(latitude))
    if ratio >= 1:
        return Box(min_latitude, max_latitude, None, None)
    delta_longitude = math.degrees(math.asin(ratio)) + _BOX_MARGIN_DEGREES
    min_longitude, max_longitude = longitude - delta_longitude, longitude + delta_longitude
    if min_longitude < -180 or max_longitude > 180:
        return Box(min_latitude, max_latitude, None, None)
    return Box(min_latitude, max_latitude, min_longitude, max_longitude)


def _near(place: Place | None, commune_path: str, km: float = rules.MAX_REACH_KM) -> Q:
    """Rows whose commune is within ``km`` of ``place``, or has no position (kept: "to check").

    The communes are found first (a range on the indexed position, a few hundred rows), then
    the rows by their commune: no join of the whole commune table.
    """
    if place is None or not place.has_position:
        return Q()
    box = reach_box(place.latitude, place.longitude, km)
    inside = Q(latitude__range=(box.min_latitude, box.max_latitude))
    if box.min_longitude is not None:
        inside &= Q(longitude__range=(box.min_longitude, box.max_longitude))
    communes = Commune.objects.filter(inside | Q(latitude__isnull=True)).values("pk")
    return Q(**{f"{commune_path}__in": communes}) | Q(**{f"{commune_path}__isnull": True})


def jobs_within_reach(
    opportunities: QuerySet[Opportunity],
    candidate: CandidateProfile,
    partners_by_category: PartnersByCategory | None = None,
) -> QuerySet[Opportunity]:
    """The opportunities the matcher might not rule out for this person (see the module doc).

    A person without a wish is never held against a job: every domain is kept. The distance is
    the person's own reach (``matcher.reach_km``): their maximum commute when nothing can open
    it, else ``rules.MAX_REACH_KM``.
    """
    domains = sorted({code[:1].upper() for code in candidate.wished_rome_codes})
    if domains:
        opportunities = opportunities.filter(reduce(or_, (Q(rome_job__code__startswith=d) for d in domains)))
    return opportunities.filter(_near(candidate.place, "commune", reach_km(candidate, partners_by_category)))


def candidates_within_reach(pathways: QuerySet[Pathway], job: JobProfile) -> QuerySet[Pathway]:
    """The pathways the matcher might not rule out for this job: a wish in the job's ROME domain,
    or no wish yet (never held against a job), and within reach (see the module doc)."""
    # The domains come from each pathway's wish summary (kept by jobwishes.services): one row per
    # person, no pass over the wishes.
    domain = job.rome_code[:1].upper()
    return pathways.filter(Q(wished_rome_domains="") | Q(wished_rome_domains__contains=domain)).filter(
        _near(job.place, "participant__commune")
    )


@dataclass(frozen=True)
class WishLine:
    """A wish as the candidate list shows it: the person's words and the ROME codes."""

    title_in_own_words: str
    codes: list[str]


@dataclass(frozen=True)
class CandidateRow:
    match: Match
    pathway: Pathway
    wishes: list[WishLine]
    constraints: list[JobConstraint]
    placement: Placement | None


def _candidate_rows(opportunity: Opportunity, shown: list[Match]) -> list[CandidateRow]:
    """The shown candidates, with what their row shows only (opportunities/includes/
    candidate_rows.html): four queries, model instances only for the pathways and constraints."""
    ids = [match.candidate_id for match in shown]
    pathways = (
        Pathway.objects.filter(pk__in=ids)
        .select_related("participant")
        .only("participant__first_name", "participant__last_name")
        .annotate(skills_count=Count("participant__skills"))
        .in_bulk()
    )
    wishes: dict[int, list[WishLine]] = defaultdict(list)
    by_wish: dict[int, WishLine] = {}
    wish_rows = (
        JobWish.objects.filter(pathway_id__in=ids)
        .exclude(status=JobWishStatus.SET_ASIDE)
        .order_by("priority", "created_at", "pk", "rome_links__position")
        .values_list("pathway_id", "pk", "title_in_own_words", "rome_links__rome_job_id")
    )
    for pathway_id, wish_id, title, code in wish_rows:
        line = by_wish.get(wish_id)
        if line is None:
            line = by_wish[wish_id] = WishLine(title, [])
            wishes[pathway_id].append(line)
        if code is not None:
            line.codes.append(code)
    constraints: dict[int, list[JobConstraint]] = defaultdict(list)
    for constraint in JobConstraint.objects.current().filter(pathway_id__in=ids).order_by("kind", "pk"):
        constraints[constraint.pathway_id].append(constraint)
    placements = {p.pathway_id: p for p in Placement.objects.filter(opportunity=opportunity)}
    return [
        CandidateRow(
            match=match.for_job_facing(),
            pathway=pathways[match.candidate_id],
            wishes=wishes[match.candidate_id],
            constraints=constraints[match.candidate_id],
            placement=placements.get(match.candidate_id),
        )
        for match in shown
    ]


@dataclass(frozen=True)
class JobRow:
    match: Match
    opportunity: Opportunity
    placement: Placement | None


@dataclass(frozen=True)
class Group:
    level: str
    label: str
    rows: list
    # Rows of this level ranked but not shown (beyond SHOWN_PER_LEVEL).
    hidden: int = 0


@dataclass(frozen=True)
class Ranking:
    """What a page shows: the groups, and how many were left aside at each step."""

    groups: list[Group]
    # Open rows of the territory, before the pre-filter.
    total: int
    # Rows ranked (after the pre-filter).
    ranked: int
    rows: list = field(default_factory=list)

    @property
    def unrelated(self) -> int:
        """Rows left out by the pre-filter: another ROME domain or out of reach."""
        return self.total - self.ranked

    @property
    def not_shown(self) -> int:
        """Everything the page does not list: rows beyond the limit, and the unrelated."""
        return self.unrelated + sum(group.hidden for group in self.groups)


def group_by_level(rows: list) -> list[Group]:
    """Rows (already ranked) in their three verdicts, each group present even when empty."""
    return [
        Group(level, str(label), [row for row in rows if row.match.level == level])
        for level, label in MatchLevel.choices
    ]


def _shown(matches: list[Match]) -> tuple[list[Match], dict[str, int]]:
    """The first ``SHOWN_PER_LEVEL`` rows of each verdict, and how many are left per verdict."""
    shown, seen = [], dict.fromkeys(MatchLevel.values, 0)
    for match in matches:
        seen[match.level] += 1
        if seen[match.level] <= SHOWN_PER_LEVEL:
            shown.append(match)
    return shown, {level: max(0, count - SHOWN_PER_LEVEL) for level, count in seen.items()}


def _ranking(rows: list, *, total: int, ranked: int, hidden: dict[str, int]) -> Ranking:
    groups = [replace(group, hidden=hidden[group.level]) for group in group_by_level(rows)]
    return Ranking(groups=groups, total=total, ranked=ranked, rows=rows)


_RESTRICTED_BARRIER = Lever(
    kind=LeverKind.PERSON_SUPPORT,
    phrase=Phrase(
        gettext_noop(
            "A restricted barrier can be worked on with a partner: see with the referent counsellor."
        )
    ),
)


def ranked_candidates(opportunity: Opportunity) -> Ranking:
    """The territory's open pathways within reach, ranked for the job, job-facing only (no
    barrier, no partner)."""
    territory_pathways = Pathway.objects.open().filter(territory_id=opportunity.territory_id)
    [job] = job_profiles([opportunity])
    partners = partner_hints(opportunity.territory)
    # Each person's own reach (their commute when nothing can open it): a test per person the
    # database box cannot make, as exact (the matcher's own rule 2), made on reach profiles
    # before the full profiles are loaded, for the people kept only.
    profiles = lean_candidate_profiles(
        candidates_within_reach(territory_pathways, job),
        keep=lambda profile: within_reach(profile, job, partners),
    )
    # Job-facing once shown: the order does not depend on it, so only shown rows are converted.
    matches = rank_candidates(job, profiles, partners, job_facing=False)
    shown, hidden = _shown(matches)
    rows = _candidate_rows(opportunity, shown)
    return _ranking(rows, total=territory_pathways.count(), ranked=len(matches), hidden=hidden)


def _mask_restricted(match: Match, readable_barrier_ids: set[int]) -> Match:
    """Levers naming a barrier the user may not read in detail lose the barrier and its partner."""
    levers: list[Lever] = []
    for lever in match.levers:
        if lever.kind == LeverKind.LIFT_BARRIER and lever.barrier_id not in readable_barrier_ids:
            lever = _RESTRICTED_BARRIER
        if lever not in levers:
            levers.append(lever)
    return replace(match, levers=tuple(levers))


def ranked_jobs(*, pathway: Pathway, user: User, job_facing: bool) -> Ranking:
    """The territory's open opportunities within reach, ranked for the person.

    Job-facing (business developers): no barrier, no partner. Otherwise levers name a barrier and
    its partner only when the user may read that barrier's detail (``detail_visible_to``).
    """
    [candidate] = lean_candidate_profiles(Pathway.objects.filter(pk=pathway.pk))
    territory_jobs = Opportunity.objects.open().filter(territory_id=pathway.territory_id)
    partners = partner_hints(pathway.territory)
    jobs = lean_job_profiles(jobs_within_reach(territory_jobs, candidate, partners))
    matches = rank_jobs(candidate, jobs, partners)
    shown, hidden = _shown(matches)
    if job_facing:
        shown = [match.for_job_facing() for match in shown]
    else:
        readable = set(
            Barrier.objects.detail_visible_to(user).filter(pathway=pathway).values_list("pk", flat=True)
        )
        shown = [_mask_restricted(match, readable) for match in shown]
    # Only what a job row shows (opportunities/includes/job_rows.html).
    by_id = (
        Opportunity.objects.select_related("company", "commune")
        .only("title", "contract_type", "schedule_patterns", "company__name", "commune__name")
        .in_bulk([match.job_id for match in shown])
    )
    placements = {p.opportunity_id: p for p in Placement.objects.filter(pathway=pathway)}
    rows = [
        JobRow(match=match, opportunity=by_id[match.job_id], placement=placements.get(match.job_id))
        for match in shown
    ]
    return _ranking(rows, total=territory_jobs.count(), ranked=len(matches), hidden=hidden)
