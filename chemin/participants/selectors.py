"""Reads behind the participant pages: the caseload."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from chemin.barriers.selectors import pathways_with_open_barrier
from chemin.participants.enums import CaseloadSort, LastContactFilter
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory


def caseload(
    *,
    user: User,
    territory: Territory,
    referent_id: int | None = None,
    phase: str = "",
    last_contact: str = "",
    search: str = "",
    sort: str = CaseloadSort.NAME,
    barrier_category: str = "",
) -> QuerySet[Pathway]:
    """Open pathways of a territory, one per person, with what the caseload table shows.

    Rows carry their participant and referent (one query whatever the number of rows) and
    ``contact_reference``: the last contact, or the entry date when there was none yet.
    """
    pathways = (
        Pathway.objects.visible_to(user)
        .open()
        .filter(territory=territory)
        .select_related("participant", "referent")
        .annotate(contact_reference=Coalesce("last_contact_on", "entry_date"))
    )
    if referent_id:
        pathways = pathways.filter(referent_id=referent_id)
    if phase:
        pathways = pathways.filter(phase=phase)
    if last_contact == LastContactFilter.NEVER:
        pathways = pathways.filter(last_contact_on__isnull=True)
    elif last_contact in LastContactFilter.values:
        limit = timezone.localdate() - datetime.timedelta(days=int(last_contact))
        pathways = pathways.filter(contact_reference__lte=limit)
    if barrier_category:
        pathways = pathways.filter(pk__in=pathways_with_open_barrier(user=user, category=barrier_category))
    if search.strip():
        pathways = pathways.filter(participant__in=Participant.objects.search(search).values("pk"))

    by_name = [Lower("participant__last_name"), Lower("participant__first_name"), "pk"]
    if sort == CaseloadSort.ENTRY:
        return pathways.order_by("-entry_date", *by_name)
    if sort == CaseloadSort.LAST_CONTACT:
        return pathways.order_by(F("contact_reference").asc(), *by_name)
    return pathways.order_by(*by_name)
