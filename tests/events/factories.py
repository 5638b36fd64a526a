import datetime

import factory
from django.utils import timezone

from chemin.events.enums import EventKind
from chemin.events.models import Event, EventCompany, EventParticipant
from tests.accounts.factories import UserFactory
from tests.immersions.factories import CompanyFactory
from tests.participants.factories import PathwayFactory
from tests.territories.factories import TerritoryFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A job dating next week."""

    class Meta:
        model = Event

    territory = factory.SubFactory(TerritoryFactory)
    kind = EventKind.JOB_DATING
    title = factory.Sequence(lambda n: f"Job dating logistique {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    start_time = datetime.time(9, 30)
    address = "12 rue de la République"
    created_by = factory.SubFactory(UserFactory)


class EventParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventParticipant

    event = factory.SubFactory(EventFactory)
    pathway = factory.SubFactory(PathwayFactory, territory=factory.SelfAttribute("..event.territory"))
    invited_by = factory.SelfAttribute("event.created_by")


class EventCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventCompany

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(CompanyFactory, territory=factory.SelfAttribute("..event.territory"))
