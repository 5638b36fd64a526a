import factory

from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import Prescriber, PrescriberOrganisation


class PrescriberOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrescriberOrganisation

    name = factory.Sequence(lambda n: f"France Travail Agence {n}")
    kind = OrganisationKind.FRANCE_TRAVAIL


class PrescriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prescriber

    organisation = factory.SubFactory(PrescriberOrganisationFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"referent{n}@prescripteur.example.org")
    phone = "03 21 00 00 00"
