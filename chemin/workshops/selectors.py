"""Reads other apps use: a person's coming workshops (participant file, home page) and workshop
absences (the "repeated no-shows" alert). One query each, whatever the number of rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus
from chemin.workshops.models import Registration

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway


def upcoming_registrations_for(
    pathway: Pathway, *, now: datetime.datetime | None = None
) -> list[Registration]:
    """The person's seats and waiting-list places in sessions not over yet (cancelled sessions
    left out), soonest first, with ``registration.workshop`` loaded. A waiting registration has
    ``waiting_position`` (1 = next to get a seat); a registered one has None."""
    ahead = Registration.objects.filter(
        workshop=models.OuterRef("workshop"), status=RegistrationStatus.WAITING_LIST
    ).filter(
        models.Q(registered_at__lt=models.OuterRef("registered_at"))
        | models.Q(registered_at=models.OuterRef("registered_at"), pk__lt=models.OuterRef("pk"))
    )
    ahead_count = ahead.order_by().values("workshop").annotate(n=models.Count("pk")).values("n")
    registrations = (
        Registration.objects.filter(
            pathway=pathway,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING_LIST],
            workshop__ends_at__gt=now or timezone.now(),
        )
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .select_related("workshop")
        .annotate(
            ahead=models.functions.Coalesce(
                models.Subquery(ahead_count, output_field=models.IntegerField()), 0
            )
        )
        .order_by("workshop__starts_at", "workshop__pk")
    )
    result = list(registrations)
    for registration in result:
        registration.waiting_position = (
            registration.ahead + 1 if registration.status == RegistrationStatus.WAITING_LIST else None
        )
    return result


def absences_since(pathway_ids: Iterable[int], since: datetime.date) -> dict[int, int]:
    """For each pathway id, how many workshops the person missed without an excuse since ``since``
    (sessions starting that day or later, cancelled sessions left out). Every id is in the
    result, with 0 when there is no absence."""
    ids = set(pathway_ids)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    counts = dict(
        Registration.objects.filter(
            pathway_id__in=ids,
            attendance=Attendance.ABSENT,
            workshop__starts_at__gte=start,
        )
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .order_by()
        .values("pathway_id")
        .annotate(n=models.Count("pk"))
        .values_list("pathway_id", "n")
    )
    return {pathway_id: counts.get(pathway_id, 0) for pathway_id in ids}
