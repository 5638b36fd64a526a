import datetime

import factory
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory, BarrierStatus, ConstraintKind
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from tests.participants.factories import PathwayFactory


class BarrierFactory(factory.django.DjangoModelFactory):
    """A mobility barrier just identified, with its first transition; traits: ``health=True``
    (with consent), ``lifted=True``."""

    class Meta:
        model = Barrier
        skip_postgeneration_save = True

    pathway = factory.SubFactory(PathwayFactory)
    category = BarrierCategory.MOBILITY
    situation = "6"
    own_words = "Je n'ai pas de voiture et le bus ne passe pas avant 7 h."
    identified_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    identified_by = factory.LazyAttribute(lambda barrier: barrier.pathway.referent)
    status = BarrierStatus.IDENTIFIED
    status_changed_on = factory.LazyAttribute(lambda barrier: barrier.identified_on)

    class Params:
        health = factory.Trait(
            category=BarrierCategory.HEALTH,
            situation="15",
            own_words="Mon dos ne supporte plus les charges lourdes.",
            consent_given_on=factory.LazyAttribute(lambda barrier: barrier.identified_on),
        )
        lifted = factory.Trait(
            status=BarrierStatus.LIFTED, status_changed_on=factory.LazyFunction(timezone.localdate)
        )

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if not create:
            return
        BarrierTransition.objects.create(
            barrier=self,
            from_status="",
            to_status=BarrierStatus.IDENTIFIED,
            on=self.identified_on,
            by=self.identified_by,
        )
        if self.status != BarrierStatus.IDENTIFIED:
            BarrierTransition.objects.create(
                barrier=self,
                from_status=BarrierStatus.IDENTIFIED,
                to_status=self.status,
                on=self.status_changed_on,
                by=self.identified_by,
            )


class JobConstraintFactory(factory.django.DjangoModelFactory):
    """No night work, on its own; ``school_hours=True`` for an hours window 09:00–16:30."""

    class Meta:
        model = JobConstraint

    pathway = factory.SubFactory(PathwayFactory)
    kind = ConstraintKind.NO_NIGHT_WORK
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    created_by = factory.LazyAttribute(lambda constraint: constraint.pathway.referent)

    class Params:
        school_hours = factory.Trait(
            kind=ConstraintKind.HOURS_WINDOW,
            earliest_start=datetime.time(9),
            latest_end=datetime.time(16, 30),
        )
