"""Build chemin.matching profiles from the database, in a fixed number of queries.

``candidate_profiles`` reads, for any number of pathways, what matching needs (wishes' ROME codes
and maximum commute, current job constraints, open barriers as id + category only, the person's
commune and situation) from the wishes themselves: four queries whatever the number of pathways.
``job_profiles`` reads only the opportunities' own rows (with their commune). ``partner_hints`` is
one query per territory.

Ranking thousands of rows needs no model instance: ``lean_candidate_profiles`` (three queries;
four when given a reach test, loading full profiles only for the people it keeps) and
``lean_job_profiles`` (one) build the same profiles from plain ``values_list`` rows; pages then
load full rows only for what they show.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.db import connection
from django.db.models import Case, F, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from chemin.barriers.enums import BarrierStatus, ConstraintKind
from chemin.barriers.models import Barrier, JobConstraint
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish
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
from chemin.referentials.enums import CoordQuality
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


def candidate_profiles(pathways: QuerySet[Pathway] | Iterable[Pathway]) -> list[CandidateProfile]:
    """Matching profiles of these pathways read from their wishes themselves, not from the
    pathway's wish summary: the reference the lean profiles are checked against (their
    participant's commune must be loaded when a list is given; a QuerySet is completed here)."""
    if isinstance(pathways, QuerySet):
        pathways = pathways.select_related("participant__commune")
    pathways = list(pathways)
    ids = [pathway.pk for pathway in pathways]
    codes: dict[int, list[str]] = defaultdict(list)
    commutes: dict[int, list[int]] = defaultdict(list)
    wishes = (
        JobWish.objects.filter(pathway_id__in=ids)
        .exclude(status=JobWishStatus.SET_ASIDE)
        .order_by("priority", "created_at", "pk", "rome_links__position")
        .values_list("pathway_id", "max_commute_km", "rome_links__rome_job_id")
    )
    for pathway_id, max_commute_km, code in wishes:
        if code is not None and code not in codes[pathway_id]:
            codes[pathway_id].append(code)
        if max_commute_km:
            commutes[pathway_id].append(max_commute_km)
    constraints: dict[int, list[Constraint]] = defaultdict(list)
    for constraint in JobConstraint.objects.current().filter(pathway_id__in=ids).order_by("kind", "pk"):
        constraints[constraint.pathway_id].append(_constraint(constraint))
    # Only ids and categories: the barrier's words never leave the barriers app this way.
    open_barriers: dict[int, list[OpenBarrier]] = defaultdict(list)
    barriers = Barrier.objects.open().filter(pathway_id__in=ids).values_list("pk", "pathway_id", "category")
    for barrier_id, pathway_id, category in barriers.order_by("pk"):
        open_barriers[pathway_id].append(OpenBarrier(barrier_id, category))
    return [
        CandidateProfile(
            id=pathway.pk,
            wished_rome_codes=tuple(codes[pathway.pk]),
            place=Place.from_commune(pathway.participant.commune) if pathway.participant.commune_id else None,
            has_driving_licence=pathway.participant.has_driving_licence,
            has_vehicle=pathway.participant.has_vehicle,
            constraints=tuple(constraints[pathway.pk]),
            open_barriers=tuple(open_barriers[pathway.pk]),
            education_level=pathway.participant.education_level,
            max_commute_km=min(commutes[pathway.pk]) if commutes[pathway.pk] else None,
        )
        for pathway in pathways
    ]


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


class _Places(dict):
    """One ``Place`` per commune, shared by every profile of a ranking."""

    def get_place(self, code: str | None, latitude: float | None, longitude: float | None, quality: str):
        if code is None:
            return None
        place = self.get(code)
        if place is None:
            # Same reading as Commune.has_position / is_position_precise.
            positioned = quality != CoordQuality.NONE and latitude is not None and longitude is not None
            place = self[code] = Place(
                code_insee=code,
                latitude=latitude if positioned else None,
                longitude=longitude if positioned else None,
                is_position_precise=positioned and quality == CoordQuality.GEONAMES,
            )
        return place


def _id_list(ids: list[int]) -> RawSQL:
    """A subquery over a list of ids passed as one parameter: thousands of ``IN (%s, …)``
    parameters cost more to build than the query takes, and SQLite limits their number. The
    ids go as one text literal (an array literal, or JSON): adapting a list of thousands of
    Python ints costs more than the query."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + ",".join(map(str, ids)) + "}",))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))


_PATHWAY_FIELDS = (
    "pk",
    "participant__has_driving_licence",
    "participant__has_vehicle",
    "participant__education_level",
    "participant__commune_id",
    "participant__commune__latitude",
    "participant__commune__longitude",
    "participant__commune__coord_quality",
    # The pathway's wish summary (kept by jobwishes.services): no query over the wishes.
    "wished_rome_codes",
    "shortest_wish_commute_km",
)


def lean_candidate_profiles(
    pathways: QuerySet[Pathway], keep: Callable[[CandidateProfile], bool] | None = None
) -> list[CandidateProfile]:
    """The same profiles as ``candidate_profiles``, from plain rows: three queries, no model instance.

    With ``keep`` (a test of the person's reach, such as ``matcher.within_reach`` for one job),
    one more query: every pathway is first given to ``keep`` as a *reach profile*, holding only
    what ``matcher.reach_km`` reads (position, licence and vehicle, the wishes' shortest maximum
    commute, the current maximum-commute constraints and the open barriers behind them: the same
    reach as the full profile; no id, so ``keep`` may only look at the reach, and equal reach
    profiles are tested once); then the constraints and barriers of the people kept only are
    loaded — most of those of people out of reach are never read.
    """
    places = _Places()
    rows = list(pathways.order_by("pk").values_list(*_PATHWAY_FIELDS))
    if keep is not None:
        rows = _within_reach(rows, keep, places)
    return _full_profiles(rows, places)


def _within_reach(rows: list, keep: Callable[[CandidateProfile], bool], places: _Places) -> list:
    """The pathway rows (``_PATHWAY_FIELDS``) whose reach profile ``keep`` keeps: one query."""
    if not rows:
        return []
    commute_constraints: dict[int, list[Constraint]] = defaultdict(list)
    barriers_behind: dict[int, list[OpenBarrier]] = defaultdict(list)
    commute_rows = (
        JobConstraint.objects.current()
        .filter(pathway__in=_id_list([row[0] for row in rows]), kind=ConstraintKind.MAX_COMMUTE)
        .annotate(
            open_category=Case(
                When(barrier__status__in=BarrierStatus.open(), then=F("barrier__category")),
                default=Value(None),
            )
        )
        .order_by("kind", "pk")
        .values_list(*_CONSTRAINT_FIELDS, "open_category")
    )
    for pathway_id, *fields, open_category in commute_rows:
        constraint = Constraint(*fields)
        commute_constraints[pathway_id].append(constraint)
        if open_category is not None:
            barriers_behind[pathway_id].append(OpenBarrier(constraint.barrier_id, open_category))
    # A reach profile carries no id nor anything else ``reach_km`` does not read: people of one
    # commune with the same licence, vehicle and commute share one, tested once.
    verdicts: dict[tuple, bool] = {}
    kept = []
    for row in rows:
        pk, licence, vehicle, _education, commune_id, latitude, longitude, quality, _codes, shortest = row
        commute = tuple(commute_constraints.get(pk, ()))
        behind = tuple(barriers_behind.get(pk, ()))
        key = (commune_id, licence, vehicle, shortest, commute, behind)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = keep(
                CandidateProfile(
                    id=0,
                    wished_rome_codes=(),
                    place=places.get_place(commune_id, latitude, longitude, quality),
                    has_driving_licence=licence,
                    has_vehicle=vehicle,
                    constraints=commute,
                    open_barriers=behind,
                    max_commute_km=shortest,
                )
            )
        if verdict:
            kept.append(row)
    return kept


_CONSTRAINT_FIELDS = (
    "pathway_id",
    "kind",
    "earliest_start",
    "latest_end",
    "max_commute_km",
    "max_commute_minutes",
    "commute_means",
    "barrier_id",
    "kept_after_barrier",
)


def _full_profiles(rows: list, places: _Places) -> list[CandidateProfile]:
    """Matching profiles of these pathway rows (``_PATHWAY_FIELDS``): two queries."""
    if not rows:
        return []
    # The pathways' filter runs once; their ids then go as one parameter (see _id_list).
    selected = _id_list([row[0] for row in rows])
    constraints: dict[int, list[Constraint]] = defaultdict(list)
    constraint_rows = (
        JobConstraint.objects.current()
        .filter(pathway__in=selected)
        .order_by("kind", "pk")
        .values_list(*_CONSTRAINT_FIELDS)
    )
    for pathway_id, *fields in constraint_rows:
        constraints[pathway_id].append(Constraint(*fields))
    barriers: dict[int, list[OpenBarrier]] = defaultdict(list)
    barrier_rows = (
        Barrier.objects.open()
        .filter(pathway__in=selected)
        .order_by("pk")
        .values_list("pk", "pathway_id", "category")
    )
    for barrier_id, pathway_id, category in barrier_rows:
        barriers[pathway_id].append(OpenBarrier(barrier_id, category))
    return [
        CandidateProfile(
            id=pk,
            wished_rome_codes=tuple(codes.split()),
            place=places.get_place(commune_id, latitude, longitude, quality),
            has_driving_licence=licence,
            has_vehicle=vehicle,
            constraints=tuple(constraints.get(pk, ())),
            open_barriers=tuple(barriers.get(pk, ())),
            education_level=education,
            max_commute_km=shortest,
        )
        for pk, licence, vehicle, education, commune_id, latitude, longitude, quality, codes, shortest in rows
    ]


def lean_job_profiles(opportunities: QuerySet[Opportunity]) -> list[JobProfile]:
    """The same profiles as ``job_profiles``, from plain rows: one query, no model instance."""
    rows = opportunities.order_by("pk").values_list(
        "pk",
        "rome_job_id",
        "title",
        "schedule_patterns",
        "start_time",
        "end_time",
        "hours_per_week",
        "commune_id",
        "commune__latitude",
        "commune__longitude",
        "commune__coord_quality",
        "requires_driving_licence",
        "requires_vehicle",
        "physical_demands",
        "min_education_level",
        "can_adapt_hours",
        "can_train_on_the_job",
        "can_help_with_transport",
        "on_public_transport_line",
    )
    places = _Places()
    patterns_cache: dict[tuple[str, ...], frozenset[str]] = {}

    def frozen(values: list[str]) -> frozenset[str]:
        key = tuple(values)
        found = patterns_cache.get(key)
        if found is None:
            found = patterns_cache[key] = frozenset(values)
        return found

    return [
        JobProfile(
            id=pk,
            rome_code=rome_code,
            title=title,
            schedule_patterns=frozen(patterns),
            start_time=start_time,
            end_time=end_time,
            hours_per_week=float(hours) if hours else None,
            place=places.get_place(commune_id, latitude, longitude, quality),
            requires_driving_licence=licence,
            requires_vehicle=vehicle,
            physical_demands=frozen(demands),
            min_education_level=education,
            can_adapt_hours=adapt_hours,
            can_train_on_the_job=train,
            can_help_with_transport=transport,
            on_public_transport_line=on_line,
        )
        for (
            pk,
            rome_code,
            title,
            patterns,
            start_time,
            end_time,
            hours,
            commune_id,
            latitude,
            longitude,
            quality,
            licence,
            vehicle,
            demands,
            education,
            adapt_hours,
            train,
            transport,
            on_line,
        ) in rows
    ]
