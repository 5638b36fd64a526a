"""Build chemin.matching profiles from the database, in a fixed number of queries.

``CandidatePool`` loads, for any number of pathways, what matching needs (wishes' ROME codes and
maximum commute, current job constraints, open barriers as id + category only, the person's
commune and situation) and what the job-facing candidate list shows (wishes, constraints,
skills count): five queries whatever the number of pathways. ``job_profiles`` reads only the
opportunities' own rows (with their commune). ``partner_hints`` is one query per territory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Count, Prefetch, QuerySet

from chemin.barriers.models import Barrier, JobConstraint
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish, JobWishRomeJob
from chemin.matching.matcher import group_partners
from chemin.matching.profiles import (
    CandidateProfile,
    Constraint,
    JobProfile,
    OpenBarrier,
    PartnerHint,
    Place,
)
from chemin.opportunities.models import Opportunity
from chemin.partners.models import PartnerCategory, PartnerTerritory
from chemin.pathways.models import Pathway
from chemin.territories.models import Territory


def _constraint(row: JobConstraint) -> Constraint:
    return Constraint(
        kind=row.kind,
        earliest_start=row.earliest_start,
        latest_end=row.latest_end,
        max_commute_km=row.max_commute_km,
        max_commute_minutes=row.max_commute_minutes,
        commute_means=row.commute_means,
        barrier_id=row.barrier_id,
        kept_after_barrier=row.kept_after_barrier,
    )


class CandidatePool:
    """Pathways with what matching and the job-facing candidate list need, loaded once."""

    def __init__(self, pathways: QuerySet[Pathway] | Iterable[Pathway]) -> None:
        if isinstance(pathways, QuerySet):
            pathways = pathways.select_related("participant__commune").annotate(
                skills_count=Count("participant__skills", distinct=True)
            )
        self.pathways: list[Pathway] = list(pathways)
        ids = [pathway.pk for pathway in self.pathways]
        self.wishes: dict[int, list[JobWish]] = defaultdict(list)
        self.constraints: dict[int, list[JobConstraint]] = defaultdict(list)
        self.open_barriers: dict[int, list[OpenBarrier]] = defaultdict(list)
        if not ids:
            self.profiles: list[CandidateProfile] = []
            return
        wishes = (
            JobWish.objects.filter(pathway_id__in=ids)
            .exclude(status=JobWishStatus.SET_ASIDE)
            .prefetch_related(
                Prefetch(
                    "rome_links",
                    queryset=JobWishRomeJob.objects.select_related("rome_job").order_by("position"),
                )
            )
            .order_by("priority", "created_at", "pk")
        )
        for wish in wishes:
            self.wishes[wish.pathway_id].append(wish)
        for constraint in JobConstraint.objects.current().filter(pathway_id__in=ids).order_by("kind", "pk"):
            self.constraints[constraint.pathway_id].append(constraint)
        # Only ids and categories: the barrier's words never leave the barriers app this way.
        barriers = (
            Barrier.objects.open().filter(pathway_id__in=ids).values_list("pk", "pathway_id", "category")
        )
        for barrier_id, pathway_id, category in barriers.order_by("pk"):
            self.open_barriers[pathway_id].append(OpenBarrier(barrier_id, category))
        self.profiles = [self._profile(pathway) for pathway in self.pathways]

    def _profile(self, pathway: Pathway) -> CandidateProfile:
        participant = pathway.participant
        wishes = self.wishes[pathway.pk]
        codes: list[str] = []
        for wish in wishes:
            for link in wish.rome_links.all():
                if link.rome_job_id not in codes:
                    codes.append(link.rome_job_id)
        commutes = [wish.max_commute_km for wish in wishes if wish.max_commute_km]
        return CandidateProfile(
            id=pathway.pk,
            wished_rome_codes=tuple(codes),
            place=Place.from_commune(participant.commune) if participant.commune_id else None,
            has_driving_licence=participant.has_driving_licence,
            has_vehicle=participant.has_vehicle,
            constraints=tuple(_constraint(row) for row in self.constraints[pathway.pk]),
            open_barriers=tuple(self.open_barriers[pathway.pk]),
            education_level=participant.education_level,
            max_commute_km=min(commutes) if commutes else None,
        )

    @property
    def by_id(self) -> dict[int, Pathway]:
        return {pathway.pk: pathway for pathway in self.pathways}


def candidate_profiles(pathways: QuerySet[Pathway] | Iterable[Pathway]) -> list[CandidateProfile]:
    """Matching profiles of these pathways (their participant's commune must be loaded when a
    list is given; a QuerySet is completed here)."""
    return CandidatePool(pathways).profiles


def job_profile(opportunity: Opportunity) -> JobProfile:
    return JobProfile(
        id=opportunity.pk,
        rome_code=opportunity.rome_job_id,
        title=opportunity.title,
        schedule_patterns=frozenset(opportunity.schedule_patterns),
        start_time=opportunity.start_time,
        end_time=opportunity.end_time,
        hours_per_week=float(opportunity.hours_per_week) if opportunity.hours_per_week else None,
        place=Place.from_commune(opportunity.commune) if opportunity.commune_id else None,
        requires_driving_licence=opportunity.requires_driving_licence,
        requires_vehicle=opportunity.requires_vehicle,
        physical_demands=frozenset(opportunity.physical_demands),
        min_education_level=opportunity.min_education_level,
        can_adapt_hours=opportunity.can_adapt_hours,
        can_train_on_the_job=opportunity.can_train_on_the_job,
        can_help_with_transport=opportunity.can_help_with_transport,
        on_public_transport_line=opportunity.on_public_transport_line,
    )


def job_profiles(opportunities: QuerySet[Opportunity] | Sequence[Opportunity]) -> list[JobProfile]:
    """Matching profiles of these opportunities (one query for a QuerySet, none for a list whose
    commune is loaded)."""
    if isinstance(opportunities, QuerySet):
        opportunities = opportunities.select_related("commune")
    return [job_profile(opportunity) for opportunity in opportunities]


def partner_hints(territory: Territory) -> dict[str, list[PartnerHint]]:
    """Active partners serving the territory, by barrier category, by name (one query)."""
    serving = PartnerTerritory.objects.filter(territory=territory).values("partner")
    rows = (
        PartnerCategory.objects.filter(partner__in=serving, partner__is_active=True)
        .order_by("partner__name", "partner_id")
        .values_list("partner_id", "partner__name", "category")
    )
    return group_partners(PartnerHint(partner_id, name, category) for partner_id, name, category in rows)
