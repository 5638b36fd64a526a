import pytest
from django.utils import timezone

from chemin.workshops.demo import seed_workshops
from chemin.workshops.enums import WorkshopStatus
from chemin.workshops.models import Registration, Workshop
from tests.participants.factories import PathwayFactory
from tests.partners.factories import make_partner

pytestmark = pytest.mark.django_db


class TestSeedWorkshops:
    def test_a_held_workshop_and_a_full_one_coming_in_each_territory_with_people(
        self, territory, other_territory, counsellor, other_counsellor
    ):
        partner = make_partner(territories=[territory], name="Association Rebond")
        pathways = [PathwayFactory(territory=territory, referent=counsellor) for _ in range(6)]
        pathways += [PathwayFactory(territory=other_territory, referent=other_counsellor) for _ in range(3)]
        pathways.append(PathwayFactory(territory=territory, referent=counsellor, closed=True))

        seed_workshops(territories={"lens-lievin": territory, "arras": other_territory}, pathways=pathways)
        seed_workshops(territories=[territory, other_territory], pathways=pathways)

        assert Workshop.objects.filter(territory=territory).count() == 2
        assert Workshop.objects.filter(territory=other_territory).count() == 2
        now = timezone.now()
        held = Workshop.objects.get(territory=territory, ends_at__lt=now)
        assert held.status == WorkshopStatus.HELD
        assert held.facilitator_user == counsellor
        attendance = sorted(held.registrations.values_list("attendance", flat=True))
        assert attendance == ["absent", "excused", "present", "present", "present"]

        coming = Workshop.objects.get(territory=territory, starts_at__gt=now)
        assert coming.facilitator_partner == partner and coming.facilitator_user is None
        registered = coming.registrations.registered().count()
        assert registered == coming.capacity
        assert coming.registrations.waiting().count() == 1

        # Arras has no partner here: its coming workshop is run by its counsellor, still full.
        arras = Workshop.objects.get(territory=other_territory, starts_at__gt=now)
        assert arras.facilitator_user == other_counsellor
        assert arras.registrations.waiting().count() == 1
        assert not Registration.objects.filter(pathway__phase="closed").exists()

    def test_a_territory_without_people_gets_none(self, territory):
        seed_workshops(territories=[territory], pathways=[])
        assert not Workshop.objects.exists()
