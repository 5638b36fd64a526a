import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chemin.portfolio import services
from chemin.portfolio.enums import ExperienceKind, SkillKind
from chemin.portfolio.models import Experience, Skill
from tests.portfolio.factories import ExperienceFactory, SkillFactory

pytestmark = pytest.mark.django_db


class TestExperienceServices:
    def test_refuses_an_experience_ending_before_it_starts(self, participant, counsellor):
        with pytest.raises(ValidationError) as error:
            services.experience_create(
                participant=participant,
                created_by=counsellor,
                kind=ExperienceKind.VOLUNTEERING,
                title="Bénévole",
                start_date=datetime.date(2023, 1, 1),
                end_date=datetime.date(2022, 1, 1),
            )
        assert "end_date" in error.value.message_dict
        assert not Experience.objects.exists()

    def test_updates_every_field(self, participant, counsellor):
        experience = ExperienceFactory(participant=participant)
        services.experience_update(
            experience=experience,
            updated_by=counsellor,
            kind=ExperienceKind.IMMERSION,
            title="PMSMP en boulangerie",
            start_date=datetime.date(2025, 3, 3),
            end_date=datetime.date(2025, 3, 14),
            organisation="Boulangerie Lefebvre",
        )
        experience.refresh_from_db()
        assert (experience.kind, experience.title, experience.description) == (
            ExperienceKind.IMMERSION,
            "PMSMP en boulangerie",
            "",
        )


class TestSkillServices:
    def test_refuses_a_source_from_another_persons_portfolio(self, participant, counsellor):
        someone_elses = ExperienceFactory()
        with pytest.raises(ValidationError) as error:
            services.skill_create(
                participant=participant,
                created_by=counsellor,
                label="Mise en rayon",
                kind=SkillKind.PROFESSIONAL,
                source_experience=someone_elses,
            )
        assert "source_experience" in error.value.message_dict
        assert not Skill.objects.exists()

    def test_validating_records_who_and_when_once(self, participant, counsellor, manager):
        skill = SkillFactory(participant=participant)
        skill = services.skill_validate(skill=skill, validated_by=counsellor)
        assert (skill.validated_by, skill.validated_on) == (counsellor, timezone.localdate())
        again = services.skill_validate(skill=skill, validated_by=manager)
        assert again.validated_by == counsellor

    def test_renaming_a_validated_skill_withdraws_the_validation(self, participant, counsellor):
        skill = SkillFactory(participant=participant, label="Caisse", validated_by=counsellor)
        services.skill_update(
            skill=skill, updated_by=counsellor, label="Caisse et accueil", kind=SkillKind.PROFESSIONAL
        )
        skill.refresh_from_db()
        assert not skill.is_validated
        assert skill.validated_by is None

    def test_changing_the_persons_rating_keeps_the_validation(self, participant, counsellor):
        skill = SkillFactory(participant=participant, label="Caisse", self_rating=2, validated_by=counsellor)
        services.skill_update(
            skill=skill, updated_by=counsellor, label="Caisse", kind=SkillKind.PROFESSIONAL, self_rating=4
        )
        skill.refresh_from_db()
        assert (skill.self_rating, skill.validated_by) == (4, counsellor)
