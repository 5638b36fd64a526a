"""Writes on workshops: plan and change a session, register people (a waiting list once it is
full), cancel a registration (the next person waiting gets the seat), record attendance, cancel
the session.

Every write that counts seats locks the workshop row first, so two counsellors registering the
last seat at the same moment cannot both get it.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus
from chemin.workshops.models import Registration, Workshop

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.partners.models import Partner
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkshopData:
    theme: str
    title: str
    place: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    facilitator_user: User | None = None
    facilitator_partner: Partner | None = None
    description: str = ""


def _fields(data: WorkshopData) -> dict:
    if (data.facilitator_user is None) == (data.facilitator_partner is None):
        raise ValidationError(
            {"facilitator": _("Choose who facilitates the workshop: a staff member or a partner.")}
        )
    if data.ends_at <= data.starts_at:
        raise ValidationError({"end_time": _("The workshop must end after it starts.")})
    if data.capacity < 1:
        raise ValidationError({"capacity": _("A workshop has at least one seat.")})
    return {
        "theme": data.theme,
        "title": data.title.strip(),
        "place": data.place.strip(),
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "capacity": data.capacity,
        "facilitator_user": data.facilitator_user,
        "facilitator_partner": data.facilitator_partner,
        "description": data.description.strip(),
    }


def _locked(workshop: Workshop) -> Workshop:
    """The workshop row, locked until the end of the transaction, with fresh values."""
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _promote_waiting(workshop: Workshop) -> list[Registration]:
    """Give the free seats to the first people on the waiting list (the workshop is locked)."""
    if not workshop.accepts_registrations:
        return []
    free = workshop.capacity - workshop.registrations.registered().count()
    if free <= 0:
        return []
    promoted = list(workshop.registrations.waiting()[:free])
    now = timezone.now()
    for registration in promoted:
        # bulk_update does not touch auto_now fields by itself.
        registration.status, registration.updated_at = RegistrationStatus.REGISTERED, now
    Registration.objects.bulk_update(promoted, ["status", "updated_at"])
    for registration in promoted:
        logger.info(
            "workshop %s: registration %s promoted from the waiting list", workshop.pk, registration.pk
        )
    return promoted


@transaction.atomic
def workshop_create(*, territory: Territory, created_by: User, data: WorkshopData) -> Workshop:
    workshop = Workshop.objects.create(territory=territory, created_by=created_by, **_fields(data))
    logger.info("workshop %s created in territory %s by user %s", workshop.pk, territory.pk, created_by.pk)
    return workshop


@transaction.atomic
def workshop_update(*, workshop: Workshop, changed_by: User, data: WorkshopData) -> list[Registration]:
    """Change the session. The capacity cannot go below the number of people registered; when it
    grows, people waiting get the new seats in order. Returns the registrations promoted."""
    fields = _fields(data)
    locked = _locked(workshop)
    if locked.is_cancelled:
        raise ValidationError(_("This workshop is cancelled: it can no longer be changed."))
    registered = locked.registrations.registered().count()
    if data.capacity < registered:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(count)d person is registered: the workshop needs at least %(count)d seat.",
                    "%(count)d people are registered: the workshop needs at least %(count)d seats.",
                    registered,
                )
                % {"count": registered}
            }
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    promoted = _promote_waiting(locked)
    for name in fields:
        setattr(workshop, name, getattr(locked, name))
    logger.info("workshop %s changed by user %s", workshop.pk, changed_by.pk)
    return promoted


@transaction.atomic
def workshop_cancel(*, workshop: Workshop, cancelled_by: User) -> Workshop:
    """Cancel a session that has not taken place. Registrations stay, so people can be told."""
    locked = _locked(workshop)
    if locked.is_cancelled:
        raise ValidationError(_("This workshop is already cancelled."))
    if not locked.can_be_cancelled:
        raise ValidationError(_("This workshop has taken place: it can no longer be cancelled."))
    locked.status = WorkshopStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    workshop.status = locked.status
    logger.info("workshop %s cancelled by user %s", workshop.pk, cancelled_by.pk)
    return workshop


@transaction.atomic
def registration_create(*, workshop: Workshop, pathway: Pathway, registered_by: User) -> Registration:
    """Register a person with an open pathway of the workshop's territory: a seat if one is free,
    else the end of the waiting list. Someone who had cancelled registers again (at the end)."""
    locked = _locked(workshop)
    if locked.is_cancelled:
        raise ValidationError(_("This workshop is cancelled: nobody can register any more."))
    if locked.is_over:
        raise ValidationError(_("This workshop is over: nobody can register any more."))
    if pathway.territory_id != locked.territory_id or not pathway.is_open:
        raise ValidationError(
            _("Only people with an open pathway in the workshop's territory can be registered.")
        )
    registration = Registration.objects.filter(workshop=locked, pathway=pathway).first()
    name = {"name": pathway.participant.full_name}
    if registration is not None and registration.status == RegistrationStatus.REGISTERED:
        raise ValidationError(_("%(name)s is already registered for this workshop.") % name, code="duplicate")
    if registration is not None and registration.status == RegistrationStatus.WAITING_LIST:
        raise ValidationError(
            _("%(name)s is already on the waiting list of this workshop.") % name, code="duplicate"
        )
    full = locked.registrations.registered().count() >= locked.capacity
    status = RegistrationStatus.WAITING_LIST if full else RegistrationStatus.REGISTERED
    if registration is None:
        registration = Registration.objects.create(
            workshop=locked, pathway=pathway, status=status, registered_by=registered_by
        )
    else:
        registration.status = status
        registration.attendance = Attendance.UNKNOWN
        registration.registered_at = timezone.now()
        registration.registered_by = registered_by
        registration.save()
    logger.info(
        "workshop %s: pathway %s %s by user %s", locked.pk, pathway.pk, registration.status, registered_by.pk
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, cancelled_by: User) -> Registration | None:
    """Withdraw a person before the session. If they had a seat, the first person waiting gets
    it: returns that person's registration, or None."""
    locked = _locked(registration.workshop)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if locked.is_cancelled:
        raise ValidationError(_("This workshop is cancelled: its registrations stay as they are."))
    if locked.has_started:
        raise ValidationError(_("The session has started: record the person as excused or absent instead."))
    had_seat = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.attendance = Attendance.UNKNOWN
    registration.save(update_fields=["status", "attendance", "updated_at"])
    logger.info(
        "workshop %s: registration %s cancelled by user %s", locked.pk, registration.pk, cancelled_by.pk
    )
    promoted = _promote_waiting(locked) if had_seat else []
    return promoted[0] if promoted else None


@transaction.atomic
def workshop_record_attendance(*, workshop: Workshop, attendance: dict[int, str], recorded_by: User) -> int:
    """Record, in one go, who came: registration id → present, absent or excused. People left out
    keep what was recorded before; ids that are not a seat of this workshop are ignored. The
    workshop is then marked as held. Returns how many registrations were recorded."""
    locked = _locked(workshop)
    if locked.is_cancelled:
        raise ValidationError(_("This workshop is cancelled: there is no attendance to record."))
    if not locked.has_started:
        raise ValidationError(_("Attendance is recorded once the session has started."))
    recordable = {value for value, _label in Attendance.recordable()}
    if any(value not in recordable for value in attendance.values()):
        raise ValidationError(_("Attendance is present, absent or excused."))
    registrations = list(locked.registrations.registered().filter(pk__in=attendance))
    now = timezone.now()
    for registration in registrations:
        registration.attendance, registration.updated_at = attendance[registration.pk], now
    Registration.objects.bulk_update(registrations, ["attendance", "updated_at"])
    if locked.status != WorkshopStatus.HELD:
        locked.status = WorkshopStatus.HELD
        locked.save(update_fields=["status", "updated_at"])
    workshop.status = locked.status
    logger.info(
        "workshop %s: attendance of %s people recorded by user %s",
        locked.pk,
        len(registrations),
        recorded_by.pk,
    )
    return len(registrations)
