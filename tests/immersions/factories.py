import datetime

import factory
from django.utils import timezone

from chemin.companies.models import Company, CompanyContact
from chemin.immersions.enums import ImmersionObjective
from chemin.immersions.models import Immersion
from chemin.referentials.models import RomeJob
from tests.participants.factories import PathwayFactory
from tests.territories.factories import TerritoryFactory


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Logistique Artois {n}")
    hosts_immersions = True
    attends_job_datings = True


class CompanyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyContact

    company = factory.SubFactory(CompanyFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    job_title = "Chef d'équipe"


class ImmersionFactory(factory.django.DjangoModelFactory):
    """A five-day immersion that started yesterday; pass dates, tutor, job_wish… as needed."""

    class Meta:
        model = Immersion

    pathway = factory.SubFactory(PathwayFactory)
    company = factory.SubFactory(CompanyFactory, territory=factory.SelfAttribute("..pathway.territory"))
    objective = ImmersionObjective.CONFIRM_PROJECT
    rome_job = factory.LazyFunction(lambda: RomeJob.objects.get(pk="N1103"))
    job_title = "Préparatrice de commandes"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    created_by = factory.SelfAttribute("pathway.referent")
