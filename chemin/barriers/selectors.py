"""Reads of barriers and constraints used by other pages (participant file summary, caseload)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from chemin.barriers.models import Barrier, JobConstraint

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway


@dataclass(frozen=True)
class BarrierSummary:
    # None when the user may not know about barriers (business developers): only constraints.
    open_barriers: int | None
    constraints: list[JobConstraint]


def file_summary(*, user: User, pathway: Pathway, job_facing_only: bool) -> BarrierSummary:
    """The file summary's card: open barriers counted, current constraints listed (two queries)."""
    constraints = list(JobConstraint.objects.visible_to(user).current().filter(pathway=pathway))
    count = None
    if not job_facing_only:
        count = Barrier.objects.visible_to(user).open().filter(pathway=pathway).count()
    return BarrierSummary(open_barriers=count, constraints=constraints)


def pathways_with_open_barrier(*, user: User, category: str) -> QuerySet:
    """Pathway ids with an open barrier of the category whose detail the user may read, so a filter
    never reveals a health or justice barrier the user may not see."""
    return Barrier.objects.detail_visible_to(user).open().filter(category=category).values("pathway_id")
