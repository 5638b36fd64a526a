import pytest
from django.utils import timezone

from chemin.portfolio.demo import PROFILES, seed_portfolios
from chemin.portfolio.enums import ExperienceKind, SkillKind
from chemin.portfolio.models import Experience, Skill
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants(territory, counsellor):
    return [
        PathwayFactory(territory=territory, referent=counsellor).participant for _ in range(len(PROFILES))
    ]


class TestSeedPortfolios:
    def test_gives_everyone_experiences_and_rated_skills(self, participants):
        seed_portfolios(participants=participants)
        for participant in participants:
            assert participant.experiences.exists()
            assert participant.skills.exists()
        assert not Skill.objects.filter(self_rating__isnull=True).exists()

    def test_informal_experiences_and_skills_are_there(self, participants):
        seed_portfolios(participants=participants)
        assert Experience.objects.filter(kind=ExperienceKind.FAMILY_LIFE).exists()
        assert Experience.objects.filter(title="Bénévole aux Restos du Cœur de Lens").exists()
        assert Skill.objects.filter(kind=SkillKind.INFORMAL, label="Gestion d’un budget").exists()

    def test_some_skills_are_validated_by_the_referent(self, participants, counsellor):
        seed_portfolios(participants=participants)
        validated = Skill.objects.validated()
        assert validated.exists() and Skill.objects.filter(validated_on__isnull=True).exists()
        assert all(skill.validated_by == counsellor for skill in validated)
        assert all(skill.validated_on <= timezone.localdate() for skill in validated)

    def test_dates_and_rome_codes_are_consistent(self, participants):
        seed_portfolios(participants=participants)
        for experience in Experience.objects.all():
            assert (
                experience.end_date is None
                or experience.start_date <= experience.end_date <= timezone.localdate()
            )
        assert Experience.objects.filter(rome_job_id="N1103").exists()

    def test_skills_come_from_the_persons_own_experiences(self, participants):
        seed_portfolios(participants=participants)
        for skill in Skill.objects.filter(source_experience__isnull=False).select_related(
            "source_experience"
        ):
            assert skill.source_experience.participant_id == skill.participant_id

    def test_running_it_twice_adds_nothing(self, participants):
        seed_portfolios(participants=participants)
        counts = (Experience.objects.count(), Skill.objects.count())
        seed_portfolios(participants=participants)
        assert (Experience.objects.count(), Skill.objects.count()) == counts
