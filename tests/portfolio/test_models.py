import datetime

import pytest
from django.db import IntegrityError

from chemin.portfolio.models import Skill
from tests.portfolio.factories import ExperienceFactory, SkillFactory

pytestmark = pytest.mark.django_db


class TestExperienceConstraints:
    def test_the_database_refuses_an_experience_ending_before_it_starts(self, participant):
        with pytest.raises(IntegrityError):
            ExperienceFactory(
                participant=participant,
                start_date=datetime.date(2022, 5, 1),
                end_date=datetime.date(2022, 4, 30),
            )

    def test_an_experience_may_end_the_day_it_starts_or_go_on(self, participant):
        ExperienceFactory(
            participant=participant, start_date=datetime.date(2022, 5, 1), end_date=datetime.date(2022, 5, 1)
        )
        ExperienceFactory(participant=participant, ongoing=True)

    def test_the_database_refuses_an_unknown_kind(self, participant):
        with pytest.raises(IntegrityError):
            ExperienceFactory(participant=participant, kind="prison")


class TestSkillConstraints:
    @pytest.mark.parametrize("rating", [0, 5])
    def test_the_database_refuses_a_rating_outside_1_to_4(self, participant, rating):
        with pytest.raises(IntegrityError):
            SkillFactory(participant=participant, self_rating=rating)

    def test_the_database_refuses_the_same_skill_twice_whatever_the_case(self, participant):
        SkillFactory(participant=participant, label="Travail en équipe")
        with pytest.raises(IntegrityError):
            SkillFactory(participant=participant, label="TRAVAIL en équipe")

    def test_two_people_may_have_the_same_skill(self, participant):
        SkillFactory(participant=participant, label="Ponctualité")
        SkillFactory(label="Ponctualité")
        assert Skill.objects.filter(label="Ponctualité").count() == 2

    def test_the_database_refuses_a_validation_without_its_author(self, participant):
        with pytest.raises(IntegrityError):
            SkillFactory(participant=participant, validated_on=datetime.date(2026, 1, 5))

    def test_the_database_refuses_two_sources_at_once(self, participant):
        experience = ExperienceFactory(participant=participant)
        with pytest.raises(IntegrityError):
            SkillFactory(participant=participant, source_experience=experience, source_text="à la maison")

    def test_removing_an_experience_keeps_the_skills_learnt_there(self, participant):
        experience = ExperienceFactory(participant=participant)
        skill = SkillFactory(participant=participant, source_experience=experience)
        experience.delete()
        skill.refresh_from_db()
        assert skill.source_experience is None


class TestSkillOrder:
    def test_validated_skills_come_first_then_by_label(self, participant, counsellor):
        SkillFactory(participant=participant, label="Accueil")
        SkillFactory(participant=participant, label="Zèle", validated_by=counsellor)
        SkillFactory(participant=participant, label="Caisse")
        labels = [skill.label for skill in participant.skills.validated_first()]
        assert labels == ["Zèle", "Accueil", "Caisse"]
