"""Writes on job wishes. Every save writes a snapshot (JobWishVersion): the wish's history."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import MAX_ROME_JOBS, JobWish, JobWishRomeJob, JobWishVersion
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.referentials.models import RomeJob

logger = logging.getLogger(__name__)

# Wishes are ranked from 1 (first choice) to this.
MAX_PRIORITY = 20


def next_priority(pathway: Pathway) -> int:
    """The rank a new wish of the pathway takes: after the others, within MAX_PRIORITY."""
    highest = pathway.job_wishes.aggregate(highest=Max("priority"))["highest"] or 0
    return min(highest + 1, MAX_PRIORITY)


class JobWishError(Exception):
    """A write on a job wish that the rules refuse."""


class PathwayNotOpen(JobWishError):
    """Wishes are written during an open accompaniment only."""


class JobWishConflict(JobWishError):
    """The wish was saved by someone else after the form was loaded: nothing was written."""

    def __init__(self, current: JobWish) -> None:
        super().__init__(f"job wish {current.pk} is at version {current.version}")
        self.current = current


@dataclass(frozen=True)
class JobWishData:
    """What a wish says, as a form or the participant space hands it over."""

    title_in_own_words: str
    rome_jobs: list[RomeJob]
    priority: int = 1
    contract_types: list[str] | None = None
    working_hours: str = ""
    max_hours_per_week: int | None = None
    max_commute_km: int | None = None
    status: str = JobWishStatus.EXPLORING
    # A wish the person writes in their own space has no ROME code yet: the counsellor adds it.
    rome_optional: bool = False

    def __post_init__(self) -> None:
        codes = [job.pk for job in self.rome_jobs]
        if not codes and not self.rome_optional:
            raise JobWishError("a job wish needs at least one ROME code")
        if len(codes) > MAX_ROME_JOBS or len(set(codes)) != len(codes):
            raise JobWishError("at most three different ROME codes")

    def field_values(self) -> dict:
        values = {
            "title_in_own_words": self.title_in_own_words.strip(),
            "priority": self.priority,
            "contract_types": list(self.contract_types or []),
            "max_hours_per_week": self.max_hours_per_week,
            "max_commute_km": self.max_commute_km,
            "status": self.status,
        }
        if self.working_hours:
            values["working_hours"] = self.working_hours
        return values


@dataclass(frozen=True)
class WishSummary:
    """What matching reads of a person's wishes not set aside (kept on their pathway)."""

    rome_codes: tuple[str, ...] = ()
    shortest_commute_km: int | None = None

    @property
    def rome_domains(self) -> str:
        return "".join(sorted({code[:1].upper() for code in self.rome_codes}))


def wish_summaries(pathway_ids: Iterable[int]) -> dict[int, WishSummary]:
    """Each pathway's wish summary, from its wishes not set aside (in the wishes' order)."""
    codes: dict[int, list[str]] = {pk: [] for pk in pathway_ids}
    commutes: dict[int, int] = {}
    rows = (
        JobWish.objects.filter(pathway_id__in=list(codes))
        .exclude(status=JobWishStatus.SET_ASIDE)
        .order_by("priority", "created_at", "pk", "rome_links__position")
        .values_list("pathway_id", "max_commute_km", "rome_links__rome_job_id")
    )
    for pathway_id, max_commute_km, code in rows:
        if code and code not in codes[pathway_id]:
            codes[pathway_id].append(code)
        if max_commute_km and max_commute_km < commutes.get(pathway_id, max_commute_km + 1):
            commutes[pathway_id] = max_commute_km
    return {pk: WishSummary(tuple(found), commutes.get(pk)) for pk, found in codes.items()}


def refresh_wish_summaries(pathway_ids: Iterable[int]) -> None:
    """Bring the pathways' wish summary (read by matching) in step with their wishes; every
    write on wishes ends with it."""
    pathways = [
        Pathway(
            pk=pk,
            wished_rome_codes=" ".join(summary.rome_codes),
            wished_rome_domains=summary.rome_domains,
            shortest_wish_commute_km=summary.shortest_commute_km,
        )
        for pk, summary in wish_summaries(pathway_ids).items()
    ]
    Pathway.objects.bulk_update(
        pathways,
        ["wished_rome_codes", "wished_rome_domains", "shortest_wish_commute_km"],
        batch_size=2000,
    )


def _check_open(pathway: Pathway) -> None:
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")


def _set_rome_jobs(job_wish: JobWish, rome_jobs: list[RomeJob]) -> None:
    job_wish.rome_links.all().delete()
    JobWishRomeJob.objects.bulk_create(
        JobWishRomeJob(job_wish=job_wish, rome_job=job, position=position)
        for position, job in enumerate(rome_jobs, start=1)
    )


def _snapshot(
    job_wish: JobWish, rome_jobs: list[RomeJob], *, changed_by: User | None, by_participant: bool
) -> JobWishVersion:
    return JobWishVersion.objects.create(
        job_wish=job_wish,
        version=job_wish.version,
        title_in_own_words=job_wish.title_in_own_words,
        rome_jobs=[{"code": job.code, "label": job.label} for job in rome_jobs],
        priority=job_wish.priority,
        contract_types=list(job_wish.contract_types),
        working_hours=job_wish.working_hours,
        max_hours_per_week=job_wish.max_hours_per_week,
        max_commute_km=job_wish.max_commute_km,
        status=job_wish.status,
        changed_by=changed_by,
        by_participant=by_participant,
    )


@transaction.atomic
def job_wish_create(
    *, pathway: Pathway, created_by: User | None, data: JobWishData, by_participant: bool = False
) -> JobWish:
    """Write a new wish on an open pathway, with its ROME codes and its first snapshot."""
    _check_open(pathway)
    job_wish = JobWish.objects.create(
        pathway=pathway,
        created_by=created_by,
        updated_by=created_by,
        by_participant=by_participant,
        **data.field_values(),
    )
    _set_rome_jobs(job_wish, data.rome_jobs)
    refresh_wish_summaries([pathway.pk])
    _snapshot(job_wish, data.rome_jobs, changed_by=created_by, by_participant=by_participant)
    logger.info(
        "job wish %s created on pathway %s by user %s",
        job_wish.pk,
        pathway.pk,
        getattr(created_by, "pk", None),
    )
    return job_wish


@transaction.atomic
def job_wish_update(
    *,
    job_wish: JobWish,
    changed_by: User | None,
    data: JobWishData,
    expected_version: int,
    by_participant: bool = False,
) -> JobWish:
    """Save a new version of the wish, unless someone saved it since ``expected_version`` was read.

    The check and the write are one conditional UPDATE (… WHERE version = expected), so two
    counsellors saving at the same moment cannot both win: the second gets ``JobWishConflict``
    carrying the current wish, and nothing of theirs is written.
    """
    _check_open(job_wish.pathway)
    updated = JobWish.objects.filter(pk=job_wish.pk, version=expected_version).update(
        **data.field_values(),
        version=F("version") + 1,
        updated_by=changed_by,
        by_participant=by_participant,
        updated_at=timezone.now(),
    )
    if not updated:
        current = JobWish.objects.select_related("updated_by").get(pk=job_wish.pk)
        logger.info(
            "job wish %s: stale save refused (form version %s, current %s)",
            job_wish.pk,
            expected_version,
            current.version,
        )
        raise JobWishConflict(current)
    job_wish.refresh_from_db()
    _set_rome_jobs(job_wish, data.rome_jobs)
    refresh_wish_summaries([job_wish.pathway_id])
    _snapshot(job_wish, data.rome_jobs, changed_by=changed_by, by_participant=by_participant)
    logger.info(
        "job wish %s saved as version %s by user %s",
        job_wish.pk,
        job_wish.version,
        getattr(changed_by, "pk", None),
    )
    return job_wish


@transaction.atomic
def job_wish_set_status(
    *, job_wish: JobWish, status: JobWishStatus, changed_by: User | None, by_participant: bool = False
) -> JobWish:
    """Change only the status (exploring, confirmed, set aside), as a new version of the wish.

    The version moves on, so an edit form opened before this change is refused rather than
    silently putting the old status back.
    """
    _check_open(job_wish.pathway)
    job_wish = JobWish.objects.select_for_update().get(pk=job_wish.pk)
    if job_wish.status == status:
        return job_wish
    JobWish.objects.filter(pk=job_wish.pk).update(
        status=status,
        version=F("version") + 1,
        updated_by=changed_by,
        by_participant=by_participant,
        updated_at=timezone.now(),
    )
    job_wish.refresh_from_db()
    refresh_wish_summaries([job_wish.pathway_id])
    rome_jobs = [
        link.rome_job for link in job_wish.rome_links.select_related("rome_job").order_by("position")
    ]
    _snapshot(job_wish, rome_jobs, changed_by=changed_by, by_participant=by_participant)
    logger.info(
        "job wish %s status set to %s by user %s", job_wish.pk, status, getattr(changed_by, "pk", None)
    )
    return job_wish
