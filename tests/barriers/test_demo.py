from chemin.barriers.demo import seed_barriers
from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.barriers.models import Barrier, JobConstraint
from tests.participants.factories import PathwayFactory


class TestSeedBarriers:
    def test_about_two_pathways_in_three_get_barriers_and_it_is_idempotent(self, db):
        pathways = [PathwayFactory() for _ in range(15)]
        closed = PathwayFactory(closed=True)

        seed_barriers(pathways=[*pathways, closed])
        count = Barrier.objects.count()
        seed_barriers(pathways=[*pathways, closed])

        assert Barrier.objects.count() == count
        with_barriers = {barrier.pathway_id for barrier in Barrier.objects.all()}
        assert 8 <= len(with_barriers) <= 11
        assert closed.pk not in with_barriers
        assert Barrier.objects.filter(status=BarrierStatus.LIFTED).exists()
        assert Barrier.objects.filter(status=BarrierStatus.PERSISTENT).exists()
        assert Barrier.objects.filter(category=BarrierCategory.HEALTH).count() <= 2
        assert not Barrier.objects.filter(
            category=BarrierCategory.HEALTH, consent_given_on__isnull=True
        ).exists()
        assert JobConstraint.objects.current().filter(kind="hours_window").exists()
        assert JobConstraint.objects.exclude(ended_on=None).exists()
        assert Barrier.objects.exclude(own_words="").count() > count / 2
