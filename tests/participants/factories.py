import datetime

import factory
from django.utils import timezone

from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from tests.accounts.factories import UserFactory
from tests.territories.factories import TerritoryFactory


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=62)
    phone = "06 12 34 56 78"
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_text_version = CONSENT_TEXT_VERSION


class PathwayFactory(factory.django.DjangoModelFactory):
    """An open pathway; ``PathwayFactory(closed=True)`` for a closed one."""

    class Meta:
        model = Pathway

    participant = factory.SubFactory(ParticipantFactory)
    territory = factory.SubFactory(TerritoryFactory)
    referent = factory.SubFactory(UserFactory)
    entry_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40))
    phase = Phase.TOWARDS_EMPLOYMENT

    class Params:
        closed = factory.Trait(
            phase=Phase.CLOSED,
            closed_on=factory.LazyFunction(timezone.localdate),
            exit_category="other",
            exit_reason="no_news",
        )
