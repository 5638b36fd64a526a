import datetime

import factory
from django.utils import timezone

from chemin.portfolio.enums import ExperienceKind, SkillKind
from chemin.portfolio.models import Experience, Skill
from tests.participants.factories import ParticipantFactory


class ExperienceFactory(factory.django.DjangoModelFactory):
    """A past paid job; ``ExperienceFactory(ongoing=True)`` for one still going on."""

    class Meta:
        model = Experience

    participant = factory.SubFactory(ParticipantFactory)
    kind = ExperienceKind.PAID_WORK
    title = "Employée libre-service"
    organisation = "Supermarché de Liévin"
    start_date = datetime.date(2018, 3, 1)
    end_date = datetime.date(2020, 6, 30)
    description = "Mise en rayon, inventaires, accueil des clients."

    class Params:
        ongoing = factory.Trait(end_date=None)
        family_life = factory.Trait(
            kind=ExperienceKind.FAMILY_LIFE,
            title="Mère au foyer",
            organisation="",
            start_date=datetime.date(2020, 7, 1),
            end_date=None,
            description="Gestion du budget familial, organisation des rendez-vous des enfants.",
        )


class SkillFactory(factory.django.DjangoModelFactory):
    """A skill not validated yet; ``SkillFactory(validated_by=user)`` for a validated one."""

    class Meta:
        model = Skill

    participant = factory.SubFactory(ParticipantFactory)
    label = factory.Sequence(lambda n: f"Compétence {n}")
    kind = SkillKind.PROFESSIONAL
    self_rating = 2
    validated_on = factory.LazyAttribute(lambda skill: timezone.localdate() if skill.validated_by else None)
    validated_by = None
