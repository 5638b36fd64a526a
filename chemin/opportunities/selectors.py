"""Reads behind the opportunity pages: ranked candidates for a job, ranked jobs for a person.

Both run a fixed number of queries whatever the number of rows (CandidatePool, job_profiles,
partner_hints), then rank in Python with chemin.matching.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop

from chemin.barriers.models import Barrier, JobConstraint
from chemin.jobwishes.models import JobWish
from chemin.matching.enums import LeverKind, MatchLevel
from chemin.matching.matcher import Lever, Match, Phrase, rank_candidates, rank_jobs
from chemin.opportunities.models import Opportunity, Placement
from chemin.opportunities.profiles import CandidatePool, job_profiles, partner_hints
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User

_RESTRICTED_BARRIER = Lever(
    kind=LeverKind.PERSON_SUPPORT,
    phrase=Phrase(
        gettext_noop(
            "A restricted barrier can be worked on with a partner: see with the referent counsellor."
        )
    ),
)


@dataclass(frozen=True)
class CandidateRow:
    match: Match
    pathway: Pathway
    wishes: list[JobWish]
    constraints: list[JobConstraint]
    placement: Placement | None


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


def group_by_level(rows: list) -> list[Group]:
    """Rows (already ranked) in their three verdicts, each group present even when empty."""
    return [
        Group(level, str(label), [row for row in rows if row.match.level == level])
        for level, label in MatchLevel.choices
    ]


def ranked_candidates(opportunity: Opportunity) -> list[CandidateRow]:
    """The territory's open pathways, ranked for the job, job-facing only (no barrier, no partner)."""
    pool = CandidatePool(Pathway.objects.open().filter(territory_id=opportunity.territory_id))
    job = job_profiles([opportunity])[0]
    matches = rank_candidates(job, pool.profiles, partner_hints(opportunity.territory), job_facing=True)
    placements = {p.pathway_id: p for p in Placement.objects.filter(opportunity=opportunity)}
    pathways = pool.by_id
    return [
        CandidateRow(
            match=match,
            pathway=pathways[match.candidate_id],
            wishes=pool.wishes[match.candidate_id],
            constraints=pool.constraints[match.candidate_id],
            placement=placements.get(match.candidate_id),
        )
        for match in matches
    ]


def _mask_restricted(match: Match, readable_barrier_ids: set[int]) -> Match:
    """Levers naming a barrier the user may not read in detail lose the barrier and its partner."""
    levers: list[Lever] = []
    for lever in match.levers:
        if lever.kind == LeverKind.LIFT_BARRIER and lever.barrier_id not in readable_barrier_ids:
            lever = _RESTRICTED_BARRIER
        if lever not in levers:
            levers.append(lever)
    return replace(match, levers=tuple(levers))


def ranked_jobs(*, pathway: Pathway, user: User, job_facing: bool) -> list[JobRow]:
    """The territory's open opportunities ranked for the person.

    Job-facing (business developers): no barrier, no partner. Otherwise levers name a barrier and
    its partner only when the user may read that barrier's detail (``detail_visible_to``).
    """
    pool = CandidatePool(Pathway.objects.filter(pk=pathway.pk))
    opportunities = list(
        Opportunity.objects.open()
        .filter(territory_id=pathway.territory_id)
        .select_related("company", "commune", "rome_job")
    )
    candidate = pool.profiles[0]
    matches = rank_jobs(candidate, job_profiles(opportunities), partner_hints(pathway.territory))
    if job_facing:
        matches = [match.for_job_facing() for match in matches]
    else:
        readable = set(
            Barrier.objects.detail_visible_to(user).filter(pathway=pathway).values_list("pk", flat=True)
        )
        matches = [_mask_restricted(match, readable) for match in matches]
    by_id = {opportunity.pk: opportunity for opportunity in opportunities}
    placements = {p.opportunity_id: p for p in Placement.objects.filter(pathway=pathway)}
    return [
        JobRow(match=match, opportunity=by_id[match.job_id], placement=placements.get(match.job_id))
        for match in matches
    ]
