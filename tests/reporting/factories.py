"""Funders and agreements for the reporting tests (the agreements app's pages are another's)."""

import datetime

import factory

from chemin.agreements.enums import FunderKind
from chemin.agreements.models import Agreement, Funder


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Département {n}")
    kind = FunderKind.DEPARTEMENT


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement for 2025, without targets; ``territories=[…]`` to say where it applies."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    funder = factory.SubFactory(FunderFactory)
    reference = factory.Sequence(lambda n: f"CONV-2025-{n:03d}")
    title = "Accompagnement renforcé vers l'emploi"
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 12, 31)

    @factory.post_generation
    def territories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.territories.set(extracted)
