import datetime

import pytest

from chemin.employments.models import Employment
from chemin.exits.demo import seed_exits
from chemin.exits.enums import ExitCategory
from chemin.exits.models import ExitReview
from chemin.pathways.models import Pathway
from tests.companies.factories import make_company
from tests.exits.conftest import days_ago
from tests.participants.factories import PathwayFactory


@pytest.mark.django_db
class TestSeedExits:
    def test_one_exit_of_each_category_and_idempotent(self, territory, counsellor, referral, pathway):
        make_company(territory)
        Pathway.objects.filter(pk=pathway.pk).update(entry_date=days_ago(400))
        others = [
            PathwayFactory(territory=territory, referent=counsellor, entry_date=days_ago(200 + index))
            for index in range(4)
        ]
        recent = PathwayFactory(territory=territory, referent=counsellor, entry_date=days_ago(10))
        pathways = [pathway, *others, recent]
        seed_exits(pathways=pathways)
        seed_exits(pathways=pathways)
        closed = Pathway.objects.exclude(exit_category="")
        assert sorted(closed.values_list("exit_category", flat=True)) == sorted(ExitCategory.values)
        assert not closed.filter(pk=recent.pk).exists()
        # The review goes to the prescriber of the pathway that came from a referral.
        review = ExitReview.objects.get()
        assert review.pathway_id == pathway.pk
        assert review.is_sent
        assert Pathway.objects.get(pk=pathway.pk).exit_category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert Employment.objects.count() == 2
        assert all(e.start_date <= datetime.date.today() for e in Employment.objects.all())
