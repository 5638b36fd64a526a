import datetime

import factory
from django.utils import timezone

from chemin.agreements.enums import FunderKind, IaeStructureKind
from chemin.agreements.models import Agreement, Funder, IaeEligibilityCheck
from tests.accounts.factories import UserFactory
from tests.participants.factories import PathwayFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Financeur {n}")
    kind = FunderKind.DEPARTEMENT


class AgreementFactory(factory.django.DjangoModelFactory):
    """A running agreement (from six months ago to six months ahead), open to everyone;
    ``territories=[…]`` to cover territories, ``ended=True`` / ``coming=True`` for other periods."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    funder = factory.SubFactory(FunderFactory)
    reference = factory.Sequence(lambda n: f"CONV-{n:04d}")
    title = factory.Sequence(lambda n: f"Accompagnement renforcé {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=180))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))
    target_public = factory.LazyFunction(list)
    follow_up_milestones = factory.LazyFunction(list)

    class Params:
        ended = factory.Trait(
            starts_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=500)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100)),
        )
        coming = factory.Trait(
            starts_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30)),
            ends_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=400)),
        )

    @factory.post_generation
    def territories(obj, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            obj.territories.set(extracted)


class IaeEligibilityCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IaeEligibilityCheck

    pathway = factory.SubFactory(PathwayFactory)
    structure_kind = IaeStructureKind.ACI
    criteria = factory.LazyFunction(lambda: ["RSA"])
    is_eligible = True
    checked_by = factory.SubFactory(UserFactory)
