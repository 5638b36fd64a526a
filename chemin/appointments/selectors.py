"""Reads of appointments for other pages (the home page, alerts): one query each."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils import timezone

from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment

if TYPE_CHECKING:
    from chemin.accounts.models import User


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def appointments_of_day(
    user: User, day: datetime.date, *, include_cancelled: bool = False
) -> list[Appointment]:
    """The staff member's appointments of that (local) day, in time order, with the participant."""
    appointments = Appointment.objects.filter(staff=user).starting_between(
        _local_midnight(day), _local_midnight(day + datetime.timedelta(days=1))
    )
    if not include_cancelled:
        appointments = appointments.not_cancelled()
    return list(appointments.select_related("pathway__participant").order_by("starts_at", "pk"))


def no_show_counts(pathway_ids: Iterable[int], since: datetime.date | datetime.datetime) -> dict[int, int]:
    """{pathway id: appointments missed (no-show) since then}; pathways without any are left out."""
    start = since if isinstance(since, datetime.datetime) else _local_midnight(since)
    rows = (
        Appointment.objects.filter(
            pathway_id__in=list(pathway_ids), status=AppointmentStatus.NO_SHOW, starts_at__gte=start
        )
        .values("pathway_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["pathway_id"]: row["count"] for row in rows}
