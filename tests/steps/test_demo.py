from chemin.steps.demo import seed_steps
from chemin.steps.models import Step
from tests.participants.factories import PathwayFactory
from tests.territories.factories import TerritoryFactory


class TestSeedSteps:
    def test_gives_open_pathways_two_to_five_steps_and_is_idempotent(self, db):
        arras = TerritoryFactory(name="Arras", slug="arras")
        pathways = [PathwayFactory() for _ in range(6)] + [PathwayFactory(territory=arras) for _ in range(6)]
        closed = PathwayFactory(closed=True)

        seed_steps(pathways=[*pathways, closed])
        count = Step.objects.count()
        seed_steps(pathways=[*pathways, closed])

        assert Step.objects.count() == count
        for pathway in pathways:
            assert 2 <= pathway.steps.count() <= 5
        assert not closed.steps.exists()
        assert Step.objects.filter(status="done").exists()
        assert Step.objects.overdue().exists()
        assert not Step.objects.filter(title__contains="{town}").exists()
        assert not Step.objects.filter(pathway__territory=arras, title__contains="Liévin").exists()
