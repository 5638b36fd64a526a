"""Reads of contracts used by the participant file, the alerts and reporting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils import timezone

from chemin.employments.models import CheckIn, CheckInSide, Employment
from chemin.employments.retention import RETENTION_MONTHS, Contract, Retained, Stint, stints

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway


@dataclass(frozen=True)
class RetentionRow:
    """One continuous employment of a pathway and where it stands at M+1, M+3, M+6."""

    pathway_id: int
    company_name: str
    stint: Stint
    retention: dict[int, Retained]

    @property
    def badges(self) -> list[tuple[int, Retained]]:
        return [(months, self.retention[months]) for months in RETENTION_MONTHS]


def retention_for_pathways(
    pathways: Iterable[Pathway] | Iterable[int], *, today: datetime.date | None = None
) -> dict[int, list[RetentionRow]]:
    """Retention of every pathway's employments, one query whatever their number.

    Contracts are grouped into continuous employments (retention.stints): an interim sequence
    with the same company counts once, from its first start.
    """
    today = today or timezone.localdate()
    ids = [item if isinstance(item, int) else item.pk for item in pathways]
    rows = (
        Employment.objects.filter(pathway_id__in=ids)
        .values_list("pk", "pathway_id", "company_id", "company__name", "start_date", "ended_on")
        .order_by("start_date", "pk")
    )
    contracts: dict[int, list[Contract]] = {}
    names: dict[int, str] = {}
    for pk, pathway_id, company_id, company_name, start, ended_on in rows:
        names[company_id] = company_name
        contracts.setdefault(pathway_id, []).append(
            Contract(company_id=company_id, start=start, ended_on=ended_on, pk=pk)
        )
    result: dict[int, list[RetentionRow]] = {pathway_id: [] for pathway_id in ids}
    for pathway_id, items in contracts.items():
        result[pathway_id] = [
            RetentionRow(
                pathway_id=pathway_id,
                company_name=names[stint.company_id],
                stint=stint,
                retention=stint.retention(today),
            )
            for stint in stints(items)
        ]
    return result


def employments_with_calendar(pathway_ids):
    """Contracts with their company, contact, job and calendar (with both sides): four queries."""
    return (
        Employment.objects.filter(pathway_id__in=pathway_ids)
        .select_related("company", "contact", "rome_job", "pathway", "placement")
        .prefetch_related(
            Prefetch(
                "check_ins",
                queryset=CheckIn.objects.select_related("employer_request")
                .order_by("due_on", "pk")
                .prefetch_related(
                    Prefetch("sides", queryset=CheckInSide.objects.select_related("recorded_by"))
                ),
            )
        )
        .order_by("-start_date", "-pk")
    )
