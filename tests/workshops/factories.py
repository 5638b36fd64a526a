import datetime

import factory
from django.utils import timezone

from chemin.workshops.enums import RegistrationStatus, WorkshopStatus, WorkshopTheme
from chemin.workshops.models import Registration, Workshop
from tests.accounts.factories import UserFactory
from tests.participants.factories import PathwayFactory
from tests.territories.factories import TerritoryFactory


def at(days: int, hour: int = 9, minute: int = 30) -> datetime.datetime:
    """An aware datetime, ``days`` from today at the given local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class WorkshopFactory(factory.django.DjangoModelFactory):
    """A confidence workshop next week, run by the staff member who planned it.

    Traits: ``past=True`` (held ten days ago), ``under_way=True`` (started an hour ago),
    ``cancelled=True``; pass ``facilitator_partner=…`` and ``facilitator_user=None`` for a partner.
    """

    class Meta:
        model = Workshop

    territory = factory.SubFactory(TerritoryFactory)
    theme = WorkshopTheme.CONFIDENCE
    title = factory.Sequence(lambda n: f"Prendre confiance en soi {n}")
    place = "Maison de l'emploi, salle 2"
    starts_at = factory.LazyFunction(lambda: at(7, 9, 30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    capacity = 12
    created_by = factory.SubFactory(UserFactory)
    facilitator_user = factory.SelfAttribute("created_by")
    facilitator_partner = None

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: at(-10, 9, 30)), status=WorkshopStatus.HELD
        )
        under_way = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
        )
        cancelled = factory.Trait(status=WorkshopStatus.CANCELLED)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    workshop = factory.SubFactory(WorkshopFactory)
    pathway = factory.SubFactory(PathwayFactory, territory=factory.SelfAttribute("..workshop.territory"))
    status = RegistrationStatus.REGISTERED
    registered_by = factory.SelfAttribute("workshop.created_by")

    class Params:
        waiting = factory.Trait(status=RegistrationStatus.WAITING_LIST)
