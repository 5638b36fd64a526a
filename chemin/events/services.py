"""Writes on events (create, invite, record attendance) and ``attendees``, the read other apps use."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chemin.events.models import Event, EventCompany, EventParticipant

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.companies.models import Company
    from chemin.pathways.models import Pathway
    from chemin.referentials.models import Commune
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventData:
    kind: str
    title: str
    date: datetime.date
    start_time: datetime.time
    address: str = ""
    commune: Commune | None = None
    description: str = ""


@dataclass(frozen=True)
class Attendees:
    """Who came to an event: the pathways and the companies marked present."""

    pathways: list[Pathway]
    companies: list[Company]


def _fields(data: EventData) -> dict:
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "date": data.date,
        "start_time": data.start_time,
        "address": data.address.strip(),
        "commune": data.commune,
        "description": data.description.strip(),
    }


@transaction.atomic
def event_create(*, territory: Territory, created_by: User, data: EventData) -> Event:
    event = Event.objects.create(territory=territory, created_by=created_by, **_fields(data))
    logger.info("event %s created in territory %s by user %s", event.pk, territory.pk, created_by.pk)
    return event


@transaction.atomic
def event_update(*, event: Event, changed_by: User, data: EventData) -> Event:
    for name, value in _fields(data).items():
        setattr(event, name, value)
    event.save()
    logger.info("event %s changed by user %s", event.pk, changed_by.pk)
    return event


@transaction.atomic
def event_invite_participants(*, event: Event, pathways: Iterable[Pathway], invited_by: User) -> int:
    """Invite people of the event's territory with an open pathway; those already invited are skipped.
    Returns how many were newly invited."""
    pathways = list(pathways)
    for pathway in pathways:
        if pathway.territory_id != event.territory_id or not pathway.is_open:
            raise ValidationError(
                _("Only people with an open pathway in the event's territory can be invited.")
            )
    already = set(event.participant_links.values_list("pathway_id", flat=True))
    new = [
        EventParticipant(event=event, pathway=pathway, invited_by=invited_by)
        for pathway in pathways
        if pathway.pk not in already
    ]
    EventParticipant.objects.bulk_create(new)
    logger.info("event %s: %s pathway(s) invited by user %s", event.pk, len(new), invited_by.pk)
    return len(new)


@transaction.atomic
def event_invite_companies(*, event: Event, companies: Iterable[Company], invited_by: User) -> int:
    """Invite companies of the event's territory; those already invited are skipped."""
    companies = list(companies)
    if any(company.territory_id != event.territory_id for company in companies):
        raise ValidationError(_("Only companies of the event's territory can be invited."))
    already = set(event.company_links.values_list("company_id", flat=True))
    new = [EventCompany(event=event, company=company) for company in companies if company.pk not in already]
    EventCompany.objects.bulk_create(new)
    logger.info("event %s: %s company(ies) invited by user %s", event.pk, len(new), invited_by.pk)
    return len(new)


@transaction.atomic
def event_record_attendance(
    *, event: Event, present_pathway_ids: Iterable[int], present_company_ids: Iterable[int], recorded_by: User
) -> None:
    """Set who came, in one go: the ticked invitations are present, every other one is not.

    Ids are the invited pathways' and companies' ids; ids not invited to this event are ignored.
    """
    if not event.has_started:
        raise ValidationError(_("Attendance is recorded from the day of the event."))
    pathway_ids, company_ids = set(present_pathway_ids), set(present_company_ids)
    event.participant_links.filter(pathway_id__in=pathway_ids).update(present=True)
    event.participant_links.exclude(pathway_id__in=pathway_ids).update(present=False)
    event.company_links.filter(company_id__in=company_ids).update(present=True)
    event.company_links.exclude(company_id__in=company_ids).update(present=False)
    logger.info("event %s: attendance recorded by user %s", event.pk, recorded_by.pk)


def attendees(event: Event) -> Attendees:
    """The pathways and companies present at the event (two queries)."""
    pathways = [
        link.pathway
        for link in event.participant_links.filter(present=True).select_related("pathway__participant")
    ]
    companies = [link.company for link in event.company_links.filter(present=True).select_related("company")]
    return Attendees(pathways=pathways, companies=companies)
