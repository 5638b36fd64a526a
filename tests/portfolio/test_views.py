import datetime

import pytest
from django.urls import reverse

from chemin.portfolio.enums import ExperienceKind, SkillKind
from chemin.portfolio.models import Experience, Skill
from tests.participants.factories import PathwayFactory
from tests.portfolio.factories import ExperienceFactory, SkillFactory

pytestmark = pytest.mark.django_db


def url(name: str, participant, **kwargs) -> str:
    return reverse(f"portfolio:{name}", kwargs={"participant_pk": participant.pk, **kwargs})


def experience_data(**changes) -> dict:
    data = {
        "kind": ExperienceKind.VOLUNTEERING,
        "title": "Bénévole aux Restos du Cœur de Lens",
        "organisation": "Restos du Cœur",
        "start_date": "2021-09-01",
        "end_date": "",
        "description": "Accueil des familles, distribution des colis.",
        "rome_job": "",
    }
    return {f"experience-{key}": value for key, value in {**data, **changes}.items()}


def skill_data(**changes) -> dict:
    data = {
        "label": "Gestion d’un budget",
        "kind": SkillKind.INFORMAL,
        "self_rating": "3",
        "source_experience": "",
        "source_text": "à la maison",
        "rome_job": "",
    }
    return {f"skill-{key}": value for key, value in {**data, **changes}.items()}


def a_portfolio(participant, counsellor, size: int) -> None:
    """``size`` experiences of each kind, and as many skills of each kind, half validated."""
    for kind in ExperienceKind:
        for index in range(size):
            experience = ExperienceFactory(participant=participant, kind=kind, title=f"{kind.label} {index}")
            SkillFactory(
                participant=participant,
                kind=SkillKind.PROFESSIONAL,
                source_experience=experience,
                validated_by=counsellor if index % 2 else None,
            )
    for kind in (SkillKind.TRANSVERSAL, SkillKind.INFORMAL):
        SkillFactory.create_batch(size, participant=participant, kind=kind)


class TestPortfolioDetail:
    def test_lists_experiences_and_skills_grouped_by_kind(self, counsellor_client, counsellor, participant):
        ExperienceFactory(participant=participant, title="Employée libre-service")
        ExperienceFactory(participant=participant, family_life=True)
        SkillFactory(participant=participant, label="Mise en rayon", self_rating=4)
        SkillFactory(
            participant=participant, label="Organisation", kind=SkillKind.TRANSVERSAL, validated_by=counsellor
        )
        response = counsellor_client.get(url("detail", participant))
        assert response.status_code == 200
        groups = [
            (str(kind.label), [e.title for e in items])
            for kind, items in response.context["experience_groups"]
        ]
        assert groups == [
            ("Emploi", ["Employée libre-service"]),
            ("Vie familiale et quotidienne", ["Mère au foyer"]),
        ]
        content = response.content.decode()
        assert "Compétences professionnelles" in content and "Compétences transversales" in content
        assert "4 — je maîtrise" in content
        assert "Validée par Alice Martin" in content

    def test_suggests_the_informal_skills_not_in_the_portfolio_yet(self, counsellor_client, participant):
        SkillFactory(participant=participant, label="Ponctualité", kind=SkillKind.TRANSVERSAL)
        response = counsellor_client.get(url("detail", participant))
        suggested = [label for label, _kind in response.context["suggestions"]]
        assert "Gestion d’un budget" in suggested
        assert "Ponctualité" not in suggested

    def test_a_business_developer_reads_it_without_editing(self, business_developer_client, participant):
        experience = ExperienceFactory(participant=participant, title="Préparateur de commandes")
        skill = SkillFactory(participant=participant)
        response = business_developer_client.get(url("detail", participant))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Préparateur de commandes" in content
        assert url("cv", participant) in content
        assert url("experience_create", participant) not in content
        assert url("experience_edit", participant, pk=experience.pk) not in content
        assert url("skill_validate", participant, pk=skill.pk) not in content

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, participant):
        assert other_counsellor_client.get(url("detail", participant)).status_code == 404

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, participant):
        response = client.get(url("detail", participant))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_runs_the_same_number_of_queries_whatever_the_size_of_the_portfolio(
        self, counsellor_client, counsellor, participant, django_assert_num_queries
    ):
        a_portfolio(participant, counsellor, size=1)
        with django_assert_num_queries(13):
            response = counsellor_client.get(url("detail", participant))
        assert len(response.context["skill_groups"]) == 3
        a_portfolio(participant, counsellor, size=3)
        with django_assert_num_queries(13):
            counsellor_client.get(url("detail", participant))

    def test_a_business_developer_runs_a_fixed_number_of_queries_too(
        self, business_developer_client, counsellor, participant, django_assert_num_queries
    ):
        a_portfolio(participant, counsellor, size=1)
        with django_assert_num_queries(12):
            business_developer_client.get(url("detail", participant))
        a_portfolio(participant, counsellor, size=3)
        with django_assert_num_queries(12):
            business_developer_client.get(url("detail", participant))


class TestExperienceCreate:
    def test_adds_an_informal_experience(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("experience_create", participant), experience_data(rome_job="k1303")
        )
        assert response.status_code == 302
        assert response.url == url("detail", participant)
        experience = Experience.objects.get()
        assert (experience.participant, experience.kind, experience.end_date, experience.rome_job_id) == (
            participant,
            ExperienceKind.VOLUNTEERING,
            None,
            "K1303",
        )
        assert "Expérience ajoutée." in counsellor_client.get(response.url).content.decode()

    def test_refuses_an_end_before_the_start_on_the_end_field(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("experience_create", participant),
            experience_data(start_date="2022-06-01", end_date="2021-06-01"),
        )
        assert response.status_code == 200
        assert not Experience.objects.exists()
        form = response.context["experience_form"]
        assert form.errors["end_date"] == ["La date de fin ne peut pas être antérieure à la date de début."]
        content = response.content.decode()
        assert "Bénévole aux Restos du Cœur de Lens" in content
        assert '<details class="portfolio-add" open>' in content

    def test_refuses_an_unknown_rome_code(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("experience_create", participant), experience_data(rome_job="Z9999")
        )
        assert response.status_code == 200
        assert not Experience.objects.exists()
        assert response.context["experience_form"].errors["rome_job"] == [
            "Code ROME inconnu : Z9999. Choisissez un métier dans la liste."
        ]

    def test_refuses_a_missing_title_and_date(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("experience_create", participant), experience_data(title="", start_date="")
        )
        errors = response.context["experience_form"].errors
        assert errors["title"] == ["Donnez un intitulé à cette expérience."]
        assert errors["start_date"] == ["Indiquez une date de début, même approximative."]
        assert not Experience.objects.exists()

    def test_a_business_developer_may_not_add_one(self, business_developer_client, participant):
        response = business_developer_client.post(url("experience_create", participant), experience_data())
        assert response.status_code == 403
        assert not Experience.objects.exists()

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, participant):
        response = other_counsellor_client.post(url("experience_create", participant), experience_data())
        assert response.status_code == 404
        assert not Experience.objects.exists()

    def test_only_accepts_post(self, counsellor_client, participant):
        assert counsellor_client.get(url("experience_create", participant)).status_code == 405

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, participant):
        response = client.post(url("experience_create", participant), experience_data())
        assert response.status_code == 302
        assert not Experience.objects.exists()


class TestExperienceEdit:
    def test_changes_the_experience(self, colleague_client, participant):
        experience = ExperienceFactory(participant=participant)
        data = {
            key.removeprefix("experience-"): value
            for key, value in experience_data(end_date="2023-01-31").items()
        }
        response = colleague_client.post(url("experience_edit", participant, pk=experience.pk), data)
        assert response.status_code == 302
        experience.refresh_from_db()
        assert (experience.title, experience.end_date) == (
            "Bénévole aux Restos du Cœur de Lens",
            datetime.date(2023, 1, 31),
        )

    def test_shows_the_form_filled_in(self, counsellor_client, participant):
        experience = ExperienceFactory(participant=participant, rome_job_id="D1507")
        response = counsellor_client.get(url("experience_edit", participant, pk=experience.pk))
        assert response.status_code == 200
        content = response.content.decode()
        assert 'value="Employée libre-service"' in content
        assert 'value="D1507"' in content

    def test_refuses_an_end_before_the_start(self, counsellor_client, participant):
        experience = ExperienceFactory(participant=participant)
        data = {
            key.removeprefix("experience-"): value
            for key, value in experience_data(start_date="2022-06-01", end_date="2021-06-01").items()
        }
        response = counsellor_client.post(url("experience_edit", participant, pk=experience.pk), data)
        assert response.status_code == 200
        assert "La date de fin ne peut pas être antérieure à la date de début." in response.content.decode()
        experience.refresh_from_db()
        assert experience.end_date == datetime.date(2020, 6, 30)

    def test_an_experience_of_another_person_is_a_404(
        self, counsellor_client, counsellor, territory, participant
    ):
        someone_else = PathwayFactory(territory=territory, referent=counsellor).participant
        experience = ExperienceFactory(participant=someone_else)
        assert counsellor_client.get(url("experience_edit", participant, pk=experience.pk)).status_code == 404

    def test_a_business_developer_may_not_edit(self, business_developer_client, participant):
        experience = ExperienceFactory(participant=participant)
        assert (
            business_developer_client.get(url("experience_edit", participant, pk=experience.pk)).status_code
            == 403
        )

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, participant):
        experience = ExperienceFactory(participant=participant)
        assert (
            other_counsellor_client.get(url("experience_edit", participant, pk=experience.pk)).status_code
            == 404
        )

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, participant):
        experience = ExperienceFactory(participant=participant)
        response = client.get(url("experience_edit", participant, pk=experience.pk))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


class TestSkillCreate:
    def test_adds_a_skill_with_the_persons_rating(self, counsellor_client, participant):
        response = counsellor_client.post(url("skill_create", participant), skill_data(rome_job="K1304"))
        assert response.status_code == 302
        skill = Skill.objects.get()
        assert (skill.label, skill.kind, skill.self_rating, skill.source_text, skill.rome_job_id) == (
            "Gestion d’un budget",
            SkillKind.INFORMAL,
            3,
            "à la maison",
            "K1304",
        )
        assert not skill.is_validated

    def test_adds_a_suggested_skill_in_one_click(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("skill_create", participant),
            {"skill-label": "Coordination de plusieurs tâches à la fois", "skill-kind": "informal"},
        )
        assert response.status_code == 302
        skill = Skill.objects.get()
        assert (skill.label, skill.kind, skill.self_rating) == (
            "Coordination de plusieurs tâches à la fois",
            SkillKind.INFORMAL,
            None,
        )

    def test_the_suggestion_buttons_post_the_same_fields(self, counsellor_client, participant):
        content = counsellor_client.get(url("detail", participant)).content.decode()
        assert '<input type="hidden" name="skill-label" value="Gestion d’un budget">' in content
        assert '<input type="hidden" name="skill-kind" value="informal">' in content

    @pytest.mark.parametrize("rating", ["0", "5", "trois"])
    def test_refuses_a_rating_outside_1_to_4(self, counsellor_client, participant, rating):
        response = counsellor_client.post(url("skill_create", participant), skill_data(self_rating=rating))
        assert response.status_code == 200
        assert response.context["skill_form"].errors["self_rating"] == ["Choisissez un niveau de 1 à 4."]
        assert not Skill.objects.exists()
        assert "Gestion d’un budget" in response.content.decode()

    def test_refuses_a_skill_already_in_the_portfolio(self, counsellor_client, participant):
        SkillFactory(participant=participant, label="Gestion d’un budget")
        response = counsellor_client.post(
            url("skill_create", participant), skill_data(label="gestion d’un BUDGET")
        )
        assert response.context["skill_form"].errors["label"] == [
            "Cette compétence figure déjà dans le portefeuille."
        ]
        assert Skill.objects.count() == 1

    def test_refuses_an_experience_of_another_person_as_source(self, counsellor_client, participant):
        someone_elses = ExperienceFactory()
        response = counsellor_client.post(
            url("skill_create", participant),
            skill_data(source_experience=str(someone_elses.pk), source_text=""),
        )
        assert response.context["skill_form"].errors["source_experience"] == [
            "Choisissez une des expériences de cette personne."
        ]
        assert not Skill.objects.exists()

    def test_refuses_two_sources_at_once(self, counsellor_client, participant):
        experience = ExperienceFactory(participant=participant)
        response = counsellor_client.post(
            url("skill_create", participant), skill_data(source_experience=str(experience.pk))
        )
        assert response.context["skill_form"].errors["source_text"] == [
            "Choisissez une expérience ou écrivez où elle a été acquise, pas les deux."
        ]
        assert not Skill.objects.exists()

    def test_refuses_an_unknown_rome_code(self, counsellor_client, participant):
        response = counsellor_client.post(url("skill_create", participant), skill_data(rome_job="ABCDE"))
        assert response.context["skill_form"].errors["rome_job"] == [
            "Code ROME inconnu : ABCDE. Choisissez un métier dans la liste."
        ]
        assert not Skill.objects.exists()

    def test_a_business_developer_may_not_add_one(self, business_developer_client, participant):
        assert (
            business_developer_client.post(url("skill_create", participant), skill_data()).status_code == 403
        )
        assert not Skill.objects.exists()

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, participant):
        assert other_counsellor_client.post(url("skill_create", participant), skill_data()).status_code == 404

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, participant):
        response = client.post(url("skill_create", participant), skill_data())
        assert response.status_code == 302
        assert not Skill.objects.exists()


class TestSkillEdit:
    def test_changes_the_rating_and_keeps_the_validation(self, counsellor_client, counsellor, participant):
        skill = SkillFactory(participant=participant, label="Caisse", self_rating=1, validated_by=counsellor)
        response = counsellor_client.post(
            url("skill_edit", participant, pk=skill.pk),
            {"label": "Caisse", "kind": "professional", "self_rating": "4"},
        )
        assert response.status_code == 302
        skill.refresh_from_db()
        assert (skill.self_rating, skill.validated_by) == (4, counsellor)

    def test_renaming_withdraws_the_validation(self, counsellor_client, counsellor, participant):
        skill = SkillFactory(participant=participant, label="Caisse", validated_by=counsellor)
        page = counsellor_client.get(url("skill_edit", participant, pk=skill.pk)).content.decode()
        assert "Renommer la compétence ou changer son type retire sa validation." in page
        counsellor_client.post(
            url("skill_edit", participant, pk=skill.pk), {"label": "Tenue de caisse", "kind": "professional"}
        )
        skill.refresh_from_db()
        assert (skill.label, skill.is_validated) == ("Tenue de caisse", False)

    def test_keeping_its_own_label_is_not_a_duplicate(self, counsellor_client, participant):
        skill = SkillFactory(participant=participant, label="Caisse")
        response = counsellor_client.post(
            url("skill_edit", participant, pk=skill.pk),
            {"label": "Caisse", "kind": "transversal", "self_rating": "2"},
        )
        assert response.status_code == 302

    def test_a_skill_of_another_person_is_a_404(self, counsellor_client, participant):
        skill = SkillFactory()
        assert counsellor_client.get(url("skill_edit", participant, pk=skill.pk)).status_code == 404

    def test_a_business_developer_may_not_edit(self, business_developer_client, participant):
        skill = SkillFactory(participant=participant)
        assert business_developer_client.get(url("skill_edit", participant, pk=skill.pk)).status_code == 403

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, participant):
        skill = SkillFactory(participant=participant)
        assert other_counsellor_client.get(url("skill_edit", participant, pk=skill.pk)).status_code == 404

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, participant):
        skill = SkillFactory(participant=participant)
        response = client.get(url("skill_edit", participant, pk=skill.pk))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


class TestSkillValidate:
    def test_a_counsellor_validates_a_skill(self, colleague_client, colleague, participant):
        skill = SkillFactory(participant=participant, label="Travail en équipe")
        response = colleague_client.post(url("skill_validate", participant, pk=skill.pk))
        assert response.status_code == 302
        skill.refresh_from_db()
        assert skill.validated_by == colleague
        assert (
            "Compétence « Travail en équipe » validée." in colleague_client.get(response.url).content.decode()
        )

    def test_only_accepts_post(self, counsellor_client, participant):
        skill = SkillFactory(participant=participant)
        assert counsellor_client.get(url("skill_validate", participant, pk=skill.pk)).status_code == 405
        skill.refresh_from_db()
        assert not skill.is_validated

    def test_a_business_developer_may_not_validate(self, business_developer_client, participant):
        skill = SkillFactory(participant=participant)
        assert (
            business_developer_client.post(url("skill_validate", participant, pk=skill.pk)).status_code == 403
        )
        skill.refresh_from_db()
        assert not skill.is_validated

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, participant):
        skill = SkillFactory(participant=participant)
        assert (
            other_counsellor_client.post(url("skill_validate", participant, pk=skill.pk)).status_code == 404
        )

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, participant):
        skill = SkillFactory(participant=participant)
        response = client.post(url("skill_validate", participant, pk=skill.pk))
        assert response.status_code == 302
        skill.refresh_from_db()
        assert not skill.is_validated
