"""Demo workshops: in each territory with people accompanied, a confidence workshop held ten days
ago by a counsellor (with who came, who did not, who had warned), and a CV workshop next week run
by a local partner, full, with one person on the waiting list.

Called by chemin/demo/pathways.py after the events (partners are seeded before):
``seed_workshops(territories=territories, pathways=pathways)``. Idempotent: a territory with
workshops is left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.partners.enums import PartnerKind
from chemin.partners.models import Partner
from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus, WorkshopTheme
from chemin.workshops.models import Registration, Workshop
from chemin.workshops.services import WorkshopData, registration_create, workshop_create

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

# The held workshop: what each person in turn was recorded as (the rest of the seats stay empty).
PAST_ATTENDANCE = [
    Attendance.PRESENT,
    Attendance.PRESENT,
    Attendance.ABSENT,
    Attendance.PRESENT,
    Attendance.EXCUSED,
]
# The coming workshop: this many people registered, the capacity being one less.
UPCOMING_PEOPLE = 5


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@transaction.atomic
def seed_workshops(
    *, territories: dict[str, Territory] | Iterable[Territory], pathways: Iterable[Pathway]
) -> None:
    today = timezone.localdate()
    territory_list = list(territories.values()) if isinstance(territories, dict) else list(territories)
    open_pathways = [pathway for pathway in pathways if pathway.is_open]
    for territory in territory_list:
        people = [pathway for pathway in open_pathways if pathway.territory_id == territory.pk]
        if len(people) < 2 or Workshop.objects.filter(territory=territory).exists():
            continue
        counsellor = people[0].referent
        town = "Arras" if territory.slug == "arras" else "Liévin"

        # Held ten days ago, facilitated by a counsellor; rows written directly since the
        # services refuse to register anyone for a session that is over.
        held_on = today - datetime.timedelta(days=10)
        held = Workshop.objects.create(
            territory=territory,
            theme=WorkshopTheme.CONFIDENCE,
            title=f"Prendre confiance en soi — {town}",
            description="Se présenter en deux minutes, parler de ses réussites, préparer un entretien.",
            facilitator_user=counsellor,
            place="Maison de l'emploi, salle 2",
            starts_at=_at(held_on, 9, 30),
            ends_at=_at(held_on, 12),
            capacity=8,
            status=WorkshopStatus.HELD,
            created_by=counsellor,
        )
        Registration.objects.bulk_create(
            Registration(
                workshop=held,
                pathway=pathway,
                status=RegistrationStatus.REGISTERED,
                attendance=attendance,
                registered_at=held.starts_at - datetime.timedelta(days=14 - position),
                registered_by=pathway.referent,
            )
            for position, (pathway, attendance) in enumerate(zip(people, PAST_ATTENDANCE, strict=False))
        )

        # Next week, run by a local partner when one serves the territory; full, one waiting.
        partners = Partner.objects.serving(territory).active().order_by("name", "pk")
        partner = (
            partners.filter(kind__in=[PartnerKind.TRAINING, PartnerKind.ASSOCIATION]).first()
            or partners.first()
        )
        upcoming_people = people[1 : 1 + UPCOMING_PEOPLE]
        next_week = today + datetime.timedelta(days=7)
        upcoming = workshop_create(
            territory=territory,
            created_by=counsellor,
            data=WorkshopData(
                theme=WorkshopTheme.JOB_SEARCH,
                title=f"Atelier CV et candidatures — {town}",
                description="Venir avec son CV, même ancien. Ordinateurs sur place.",
                facilitator_user=None if partner else counsellor,
                facilitator_partner=partner,
                place="Médiathèque, espace numérique",
                starts_at=_at(next_week, 14),
                ends_at=_at(next_week, 16, 30),
                capacity=len(upcoming_people) - 1,
            ),
        )
        for pathway in upcoming_people:
            registration_create(workshop=upcoming, pathway=pathway, registered_by=pathway.referent)
