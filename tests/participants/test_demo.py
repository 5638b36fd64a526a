import datetime

import pytest
from django.utils import timezone

from chemin.participants.demo import seed_participants_extras
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange
from tests.participants.factories import PathwayFactory


@pytest.fixture
def demo_pathways(territory, counsellor, colleague):
    today = timezone.localdate()
    return [
        PathwayFactory(
            territory=territory,
            referent=counsellor if index % 2 else colleague,
            phase=Phase.WELCOME,
            entry_date=today - datetime.timedelta(days=20 + 15 * index),
        )
        for index in range(12)
    ]


def snapshot() -> list[tuple]:
    return list(Pathway.objects.order_by("pk").values_list("pk", "last_contact_on", "phase", "referent_id"))


@pytest.mark.django_db
class TestSeedParticipantsExtras:
    def test_tells_a_story_for_the_caseload(self, demo_pathways):
        seed_participants_extras(pathways=demo_pathways)
        today = timezone.localdate()
        pathways = Pathway.objects.all()
        contacts = [p.last_contact_on for p in pathways]
        assert any(c is None for c in contacts)
        assert any(c is not None and (today - c).days >= 30 for c in contacts)
        assert any(c is not None and (today - c).days < 10 for c in contacts)
        assert all(c is None or c >= p.entry_date for p, c in zip(pathways, contacts, strict=True))
        assert PhaseChange.objects.count() == 4
        assert ReferentChange.objects.count() == 1

    def test_running_it_twice_changes_nothing(self, demo_pathways):
        seed_participants_extras(pathways=demo_pathways)
        first = snapshot()
        seed_participants_extras(pathways=Pathway.objects.all())
        assert snapshot() == first
        assert PhaseChange.objects.count() == 4
        assert ReferentChange.objects.count() == 1

    def test_leaves_closed_pathways_alone(self, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        seed_participants_extras(pathways=[closed])
        closed.refresh_from_db()
        assert closed.last_contact_on is None
        assert not ReferentChange.objects.exists()
