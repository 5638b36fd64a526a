import datetime

import factory
from django.utils import timezone

from chemin.appointments.enums import AppointmentKind
from chemin.appointments.models import Appointment
from tests.participants.factories import PathwayFactory


def at(days: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """An aware datetime ``days`` from today at that local (Paris) time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A one-hour monthly follow-up tomorrow at 10:00 with the pathway's referent."""

    class Meta:
        model = Appointment

    pathway = factory.SubFactory(PathwayFactory)
    staff = factory.SelfAttribute("pathway.referent")
    starts_at = factory.LazyFunction(lambda: at(1))
    duration_minutes = 60
    kind = AppointmentKind.MONTHLY_FOLLOW_UP
    place = "Antenne de Lens, bureau 2"
    created_by = factory.SelfAttribute("staff")
