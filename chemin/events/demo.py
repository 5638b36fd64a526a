"""Demo events: in each territory a job dating past (with who came) and one coming (with
invitations), and an information session.

Called by chemin/demo/pathways.py after the companies and immersions:
``seed_events(territories=territories, pathways=pathways)``. Idempotent: a territory with events
is left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.events.enums import EventKind
from chemin.events.models import Event, EventCompany, EventParticipant
from chemin.immersions.demo import demo_companies

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

# (kind, title, days from today, hour, invited people, of whom present, invited companies, present).
EVENTS = [
    (EventKind.JOB_DATING, "Job dating logistique et grande distribution", -12, 9, 4, 3, 3, 2),
    (EventKind.JOB_DATING, "Job dating services à la personne", 16, 14, 3, 0, 2, 0),
    (
        EventKind.INFORMATION_SESSION,
        "Information collective : les métiers de l'aide à domicile",
        6,
        10,
        5,
        0,
        0,
        0,
    ),
]


@transaction.atomic
def seed_events(
    *, territories: dict[str, Territory] | Iterable[Territory], pathways: Iterable[Pathway]
) -> None:
    today = timezone.localdate()
    territory_list = list(territories.values()) if isinstance(territories, dict) else list(territories)
    open_pathways = [pathway for pathway in pathways if pathway.is_open]
    for territory in territory_list:
        if Event.objects.filter(territory=territory).exists():
            continue
        people = [pathway for pathway in open_pathways if pathway.territory_id == territory.pk]
        companies = demo_companies(territory)
        town = "Arras" if territory.slug == "arras" else "Liévin"
        for kind, title, days, hour, invited, present, invited_companies, companies_present in EVENTS:
            organiser = people[0].referent if people else None
            if organiser is None:
                break
            event = Event.objects.create(
                territory=territory,
                kind=kind,
                title=f"{title} — {town}",
                date=today + datetime.timedelta(days=days),
                start_time=datetime.time(hour, 0),
                address="Maison de l'emploi, 2 place du Marché",
                description="Venir avec plusieurs CV. Entretiens de dix minutes avec chaque employeur.",
                created_by=organiser,
            )
            EventParticipant.objects.bulk_create(
                EventParticipant(
                    event=event, pathway=pathway, invited_by=pathway.referent, present=position < present
                )
                for position, pathway in enumerate(people[:invited])
            )
            EventCompany.objects.bulk_create(
                EventCompany(event=event, company=company, present=position < companies_present)
                for position, company in enumerate(companies[:invited_companies])
            )
