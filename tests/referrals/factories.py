import datetime

import factory
from django.utils import timezone

from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from tests.accounts.factories import UserFactory
from tests.participants.factories import PathwayFactory
from tests.prescribers.factories import PrescriberFactory
from tests.territories.factories import TerritoryFactory


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral waiting for its first meeting; ``accepted=True`` or ``declined=True`` for decided ones.

    An accepted referral gets an open pathway in its territory (referent: its ``decided_by``).
    """

    class Meta:
        model = Referral

    prescriber = factory.SubFactory(PrescriberFactory)
    territory = factory.SubFactory(TerritoryFactory)
    referred_on = factory.LazyFunction(lambda: days_ago(20))
    reason = "Souhaite reprendre un emploi dans la logistique, sans permis, deux enfants en bas âge."
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=62)
    phone = "06 98 76 54 32"
    recorded_by = factory.SubFactory(UserFactory)

    class Params:
        accepted = factory.Trait(
            status=ReferralStatus.ACCEPTED,
            first_meeting_on=factory.LazyAttribute(lambda o: o.referred_on + datetime.timedelta(days=6)),
            decided_on=factory.LazyAttribute(lambda o: o.first_meeting_on),
            decided_by=factory.SelfAttribute("recorded_by"),
            pathway=factory.SubFactory(
                PathwayFactory,
                territory=factory.SelfAttribute("..territory"),
                referent=factory.SelfAttribute("..decided_by"),
                entry_date=factory.SelfAttribute("..first_meeting_on"),
                participant__first_name=factory.SelfAttribute("...first_name"),
                participant__last_name=factory.SelfAttribute("...last_name"),
                participant__birth_date=factory.SelfAttribute("...birth_date"),
            ),
            participant=factory.SelfAttribute("pathway.participant"),
        )
        declined = factory.Trait(
            status=ReferralStatus.DECLINED,
            decline_reason="La personne a retrouvé un emploi avant le premier rendez-vous.",
            decided_on=factory.LazyFunction(timezone.localdate),
            decided_by=factory.SelfAttribute("recorded_by"),
        )
