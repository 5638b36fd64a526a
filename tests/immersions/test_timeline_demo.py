from django.utils import timezone, translation

from chemin.core import timeline
from chemin.events.demo import seed_events
from chemin.events.enums import EventKind
from chemin.events.models import Event, EventParticipant
from chemin.immersions.demo import seed_immersions
from chemin.immersions.enums import Attendance, ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.immersions.services import ImmersionAssessment, immersion_assess
from chemin.jobwishes.enums import JobWishStatus
from tests.immersions.factories import CompanyFactory, ImmersionFactory
from tests.participants.factories import PathwayFactory


class TestImmersionTimeline:
    def test_planned_then_assessed_with_a_job_offer_as_a_milestone(self, counsellor, pathway):
        company = CompanyFactory(territory=pathway.territory, name="Drive Liévin")
        immersion = ImmersionFactory(pathway=pathway, company=company, job_title="Employée de drive")
        immersion_assess(
            immersion=immersion,
            assessed_by=counsellor,
            assessment=ImmersionAssessment(attendance=Attendance.COMPLETED, job_offer=True),
        )
        with translation.override("fr"):
            events = {
                e.title: e.is_milestone
                for e in timeline.events_for(pathway.participant, counsellor)
                if e.kind == "immersion"
            }
        assert events == {
            "Immersion prévue : Employée de drive chez Drive Liévin": False,
            "Proposition d’emploi après l’immersion chez Drive Liévin": True,
        }

    def test_another_territory_sees_nothing(self, other_counsellor, pathway):
        ImmersionFactory(pathway=pathway)
        assert not [
            e for e in timeline.events_for(pathway.participant, other_counsellor) if e.kind == "immersion"
        ]


class TestDemo:
    def test_seeds_immersions_and_events_once(self, territory, other_territory):
        pathways = [PathwayFactory(territory=territory) for _ in range(4)]
        pathways += [PathwayFactory(territory=other_territory) for _ in range(4)]

        for _ in range(2):
            seed_immersions(pathways=pathways)
            seed_events(territories={"lens": territory, "arras": other_territory}, pathways=pathways)

        assert Immersion.objects.count() == 6
        assessed = Immersion.objects.filter(status=ImmersionStatus.ASSESSED)
        assert assessed.count() == 2
        for immersion in assessed:
            assert immersion.job_offer and immersion.confirmed_wish
            assert immersion.job_wish.status == JobWishStatus.CONFIRMED
        for place in (territory, other_territory):
            job_datings = Event.objects.filter(territory=place, kind=EventKind.JOB_DATING)
            assert job_datings.count() == 2
            assert job_datings.filter(date__lt=timezone.localdate()).count() == 1
            assert Event.objects.filter(territory=place, kind=EventKind.INFORMATION_SESSION).count() == 1
        assert EventParticipant.objects.filter(present=True).exists()
