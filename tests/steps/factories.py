import datetime

import factory
from django.utils import timezone

from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from tests.participants.factories import PathwayFactory


class StepFactory(factory.django.DjangoModelFactory):
    """A step to do; traits: ``done=True``, ``overdue=True``, ``in_progress=True``, ``dropped=True``,
    ``partner=True``."""

    class Meta:
        model = Step

    pathway = factory.SubFactory(PathwayFactory)
    title = factory.Sequence(lambda n: f"Étape {n}")
    owner = StepOwner.PARTICIPANT
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    status = StepStatus.TODO
    created_by = factory.LazyAttribute(lambda step: step.pathway.referent)

    class Params:
        done = factory.Trait(status=StepStatus.DONE, done_on=factory.LazyFunction(timezone.localdate))
        in_progress = factory.Trait(status=StepStatus.IN_PROGRESS)
        dropped = factory.Trait(status=StepStatus.DROPPED)
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
        )
        partner = factory.Trait(owner=StepOwner.PARTNER, owner_name="CCAS de Liévin")
