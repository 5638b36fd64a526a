import factory

from chemin.referentials.enums import CoordQuality
from chemin.referentials.models import Commune, RomeDomain, RomeJob
from chemin.referentials.text import normalize_place_name


class RomeDomainFactory(factory.django.DjangoModelFactory):
    """The real domains are loaded once per test session: this one reuses them by letter."""

    class Meta:
        model = RomeDomain
        django_get_or_create = ["letter"]

    letter = "N"
    label = "Transport et logistique"


class RomeJobFactory(factory.django.DjangoModelFactory):
    """A job in the unused N9 range of domain N, so it never collides with a real code."""

    class Meta:
        model = RomeJob

    code = factory.Sequence(lambda n: f"N9{n % 1000:03d}")
    label = factory.Sequence(lambda n: f"Métier de test {n}")
    domain = factory.SubFactory(
        RomeDomainFactory, letter=factory.LazyAttribute(lambda d: d.factory_parent.code[0])
    )


class CommuneFactory(factory.django.DjangoModelFactory):
    """A commune in the "99" range (foreign countries in the INSEE code), so never a real one.

    Its position is a GeoNames point by default; traits give the rougher cases.
    """

    class Meta:
        model = Commune

    code_insee = factory.Sequence(lambda n: f"99{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Villetest-{n}")
    search_name = factory.LazyAttribute(lambda commune: normalize_place_name(commune.name))
    departement = "62"
    region = "32"
    epci_siren = "200035442"
    postal_codes = "62999"
    population = 1000
    latitude = 50.43
    longitude = 2.83
    coord_quality = CoordQuality.GEONAMES

    class Params:
        epci_estimate = factory.Trait(coord_quality=CoordQuality.EPCI_CENTROID)
        departement_estimate = factory.Trait(coord_quality=CoordQuality.DEPARTEMENT_CENTROID)
        without_position = factory.Trait(coord_quality=CoordQuality.NONE, latitude=None, longitude=None)
