"""The pages of the person's space: each one for its owner (query counts pinned with several
rows), another person's objects are 404s, staff and the space keep out of each other."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.appointments.enums import AppointmentStatus, ParticipantResponse
from chemin.core import timeline
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish
from chemin.notes.enums import NoteVisibility
from chemin.portfolio.enums import ExperienceKind
from chemin.portfolio.models import Experience
from chemin.privacy.enums import ConsentChannel, ConsentPurpose, SharedItem
from chemin.privacy.models import ConsentRecord
from chemin.privacy.selectors import prescriber_shared_items
from chemin.privacy.services import consent_record
from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from tests.appointments.factories import AppointmentFactory, at
from tests.jobwishes.factories import JobWishFactory
from tests.notes.factories import NoteFactory
from tests.participants.factories import ParticipantFactory
from tests.portfolio.factories import ExperienceFactory, SkillFactory
from tests.steps.factories import StepFactory


@pytest.fixture
def nadias_file(pathway, person, counsellor):
    """Several rows of each kind on Nadia's pathway."""
    for title in ("Refaire le CV", "Appeler la crèche", "S’inscrire à l’atelier"):
        StepFactory(pathway=pathway, title=title)
    StepFactory(pathway=pathway, title="Ouvrir un compte France Travail", done=True)
    StepFactory(pathway=pathway, title="Passer le code", done=True)
    for days in (1, 8, 15):
        AppointmentFactory(pathway=pathway, starts_at=at(days))
    AppointmentFactory(pathway=pathway, starts_at=at(-3), status=AppointmentStatus.HELD)
    JobWishFactory(pathway=pathway, title_in_own_words="caissière")
    JobWishFactory(pathway=pathway, title_in_own_words="aide à domicile", rome_codes=["K1302"])
    for label in ("Accueil des clients", "Gestion du budget", "Ponctualité"):
        SkillFactory(participant=pathway.participant, label=label)
    ExperienceFactory(participant=pathway.participant)
    ExperienceFactory(participant=pathway.participant, family_life=True)
    NoteFactory(pathway=pathway, for_participant=True, text="Bravo pour votre atelier, Nadia.")
    NoteFactory(pathway=pathway, for_prescriber=True, text="Nadia avance bien sur son projet.")
    NoteFactory(pathway=pathway, text="Note d’équipe à ne pas montrer.")
    NoteFactory(pathway=pathway, restricted=True, text="Observation réservée à ne pas montrer.")
    return pathway


def _get(client, name, **kwargs):
    return client.get(reverse(name, kwargs=kwargs))


class TestPagesForTheOwner:
    @pytest.mark.parametrize(
        ("name", "queries", "expected"),
        [
            ("space:home", 9, ["Bonjour Nadia !", "Refaire le CV", "Passer le code", "Bravo !"]),
            ("space:steps", 8, ["Appeler la crèche", "C’est fait : Refaire le CV", "Passer le code"]),
            ("space:wishes", 8, ["caissière", "aide à domicile"]),
            ("space:skills", 9, ["Gestion du budget", "Mère au foyer", "Employée libre-service"]),
            ("space:appointments", 8, ["Je viendrai", "J’ai besoin d’un autre jour"]),
            ("space:notes", 8, ["Bravo pour votre atelier, Nadia.", "Nadia avance bien sur son projet."]),
            ("space:sharing", 8, ["Ce que votre prescripteur peut voir"]),
            ("space:password", 7, ["Choisir un mot de passe"]),
            ("space:data", 7, ["Télécharger mes données"]),
        ],
    )
    def test_each_page_shows_the_persons_own_things_in_few_queries(
        self, person_client, nadias_file, django_assert_num_queries, name, queries, expected
    ):
        with django_assert_num_queries(queries):
            response = _get(person_client, name)
        assert response.status_code == 200
        content = response.content.decode()
        for text in expected:
            assert text in content
        # Never a ROME code, never a staff-only note.
        for hidden in ("D1505", "K1302", "Note d’équipe", "Observation réservée"):
            assert hidden not in content

    def test_the_appointments_page_lists_upcoming_ones_only(self, person_client, nadias_file):
        response = _get(person_client, "space:appointments")
        assert len(response.context["appointments"]) == 3

    def test_a_person_without_pathway_gets_a_kind_empty_state(self, db, client):
        from tests.participant_space.conftest import open_space_for

        participant = ParticipantFactory(first_name="Lina")
        client.force_login(open_space_for(participant, "lina@example.org"))
        for name in ("space:home", "space:steps", "space:wishes", "space:appointments"):
            response = _get(client, name)
            assert response.status_code == 200
            assert "Votre parcours n’a pas encore commencé" in response.content.decode()
        for name in ("space:skills", "space:notes", "space:sharing"):
            assert _get(client, name).status_code == 200
        assert person_post(client, "space:wish_create", {"title": "cuisinier"}).status_code == 302
        assert not JobWish.objects.exists()


def person_post(client, name, data=None, **kwargs):
    return client.post(reverse(name, kwargs=kwargs), data or {})


class TestWishes:
    def test_the_person_adds_a_wish_in_their_own_words(self, person_client, pathway, person):
        response = person_post(person_client, "space:wish_create", {"title": "  travailler en cuisine  "})
        assert response.status_code == 302
        wish = JobWish.objects.get(pathway=pathway)
        assert wish.title_in_own_words == "travailler en cuisine"
        assert wish.by_participant and wish.created_by is None
        assert wish.rome_job_list == []
        assert wish.status == JobWishStatus.EXPLORING

    @pytest.mark.parametrize(
        ("title", "error"),
        [
            ("", "Écrivez le métier que vous voulez faire."),
            ("x" * 201, "C’est trop long : 200 caractères au plus (vous en avez écrit 201)."),
        ],
    )
    def test_bad_input_gets_a_french_error_on_the_field(self, person_client, pathway, title, error):
        response = person_post(person_client, "space:wish_create", {"title": title})
        assert response.status_code == 200
        assert response.context["form"].errors["title"] == [error]
        assert not JobWish.objects.exists()

    def test_a_closed_pathway_takes_no_new_wish(self, person_client, pathway):
        pathway.phase, pathway.closed_on = "closed", timezone.localdate()
        pathway.exit_category, pathway.exit_reason = "other", "no_news"
        pathway.save()
        response = person_post(person_client, "space:wish_create", {"title": "cuisinier"})
        assert response.status_code == 302
        assert not JobWish.objects.exists()


class TestSteps:
    def test_the_person_ticks_their_step(self, person_client, pathway):
        step = StepFactory(pathway=pathway)
        response = person_post(person_client, "space:step_done", pk=step.pk)
        assert response.status_code == 302
        step.refresh_from_db()
        assert step.status == StepStatus.DONE
        assert step.done_on == timezone.localdate()
        assert step.done_by_participant

    def test_the_person_adds_their_own_step(self, person_client, pathway):
        due = timezone.localdate() + datetime.timedelta(days=3)
        person_post(person_client, "space:step_create", {"title": "Appeler Pôle mobilité", "due_date": due})
        step = Step.objects.get(pathway=pathway)
        assert (step.title, step.owner, step.due_date) == (
            "Appeler Pôle mobilité",
            StepOwner.PARTICIPANT,
            due,
        )
        assert step.by_participant and step.created_by is None

    def test_an_empty_or_past_step_gets_a_french_error(self, person_client, pathway):
        response = person_post(person_client, "space:step_create", {"title": ""})
        assert response.context["form"].errors["title"] == ["Écrivez ce que vous voulez faire."]
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        response = person_post(
            person_client, "space:step_create", {"title": "Appeler", "due_date": yesterday}
        )
        assert response.context["form"].errors["due_date"] == ["Choisissez aujourd’hui ou un jour à venir."]
        assert not Step.objects.exists()

    def test_another_persons_step_is_a_404(self, person_client, other_pathway):
        step = StepFactory(pathway=other_pathway)
        assert person_post(person_client, "space:step_done", pk=step.pk).status_code == 404
        step.refresh_from_db()
        assert step.status == StepStatus.TODO

    def test_ticking_is_a_post(self, person_client, pathway):
        step = StepFactory(pathway=pathway)
        assert _get(person_client, "space:step_done", pk=step.pk).status_code == 405


class TestSkills:
    def test_the_person_rates_a_skill(self, person_client, participant):
        skill = SkillFactory(participant=participant, self_rating=None)
        assert _get(person_client, "space:skill_assess", pk=skill.pk).status_code == 200
        person_post(person_client, "space:skill_assess", {"self_rating": "3"}, pk=skill.pk)
        skill.refresh_from_db()
        assert skill.self_rating == 3
        assert skill.self_assessed_at is not None

    def test_no_answer_gets_a_french_error(self, person_client, participant):
        skill = SkillFactory(participant=participant)
        response = person_post(person_client, "space:skill_assess", {"self_rating": "9"}, pk=skill.pk)
        assert response.context["form"].errors["self_rating"] == ["Choisissez une réponse."]

    def test_another_persons_skill_is_a_404(self, person_client, other_pathway):
        skill = SkillFactory(participant=other_pathway.participant)
        assert _get(person_client, "space:skill_assess", pk=skill.pk).status_code == 404
        assert (
            person_post(person_client, "space:skill_assess", {"self_rating": "3"}, pk=skill.pk).status_code
            == 404
        )

    def test_the_person_adds_an_informal_experience(self, person_client, participant):
        response = person_post(
            person_client,
            "space:experience_create",
            {"kind": "family_life", "title": "J’ai élevé mes trois enfants", "start_year": "2015"},
        )
        assert response.status_code == 302
        experience = Experience.objects.get(participant=participant)
        assert experience.kind == ExperienceKind.FAMILY_LIFE
        assert experience.start_date == datetime.date(2015, 1, 1)
        assert experience.end_date is None
        assert experience.by_participant

    def test_an_experience_ending_before_it_starts_gets_a_french_error(self, person_client, participant):
        response = person_post(
            person_client,
            "space:experience_create",
            {"kind": "paid_work", "title": "Caissier", "start_year": "2020", "end_year": "2018"},
        )
        assert response.context["form"].errors["end_year"] == ["La fin ne peut pas être avant le début."]
        assert not Experience.objects.exists()


class TestAppointments:
    def test_the_person_confirms(self, person_client, pathway):
        appointment = AppointmentFactory(pathway=pathway)
        person_post(person_client, "space:appointment_confirm", pk=appointment.pk)
        appointment.refresh_from_db()
        assert appointment.participant_response == ParticipantResponse.CONFIRMED
        assert appointment.responded_at is not None

    def test_the_person_asks_for_another_day_with_a_message(self, person_client, pathway, counsellor_client):
        appointment = AppointmentFactory(pathway=pathway)
        assert _get(person_client, "space:appointment_reschedule", pk=appointment.pk).status_code == 200
        person_post(
            person_client,
            "space:appointment_reschedule",
            {"message": "Je peux mardi matin."},
            pk=appointment.pk,
        )
        appointment.refresh_from_db()
        assert appointment.participant_response == ParticipantResponse.RESCHEDULE
        assert appointment.participant_message == "Je peux mardi matin."
        # The staff appointment list shows the request.
        staff_list = counsellor_client.get(
            reverse("participant_appointments:list", kwargs={"participant_pk": pathway.participant_id})
        ).content.decode()
        assert "La personne demande à le déplacer" in staff_list
        assert "Je peux mardi matin." in staff_list

    def test_a_too_long_message_gets_a_french_error(self, person_client, pathway):
        appointment = AppointmentFactory(pathway=pathway)
        response = person_post(
            person_client, "space:appointment_reschedule", {"message": "x" * 501}, pk=appointment.pk
        )
        assert response.context["form"].errors["message"] == [
            "C’est trop long : 500 caractères au plus (vous en avez écrit 501)."
        ]

    def test_a_past_appointment_cannot_be_answered(self, person_client, pathway):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-2))
        person_post(person_client, "space:appointment_confirm", pk=appointment.pk)
        appointment.refresh_from_db()
        assert appointment.participant_response == ""

    def test_another_persons_appointment_is_a_404(self, person_client, other_pathway):
        appointment = AppointmentFactory(pathway=other_pathway)
        assert person_post(person_client, "space:appointment_confirm", pk=appointment.pk).status_code == 404
        assert _get(person_client, "space:appointment_reschedule", pk=appointment.pk).status_code == 404


class TestSharing:
    def test_without_any_record_the_milestones_are_suggested(self, person_client, participant):
        response = _get(person_client, "space:sharing")
        assert response.context["form"].initial["items"] == [SharedItem.MILESTONES]

    def test_the_current_choice_is_shown(self, person_client, participant, counsellor):
        consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=True,
            scope=[SharedItem.MILESTONES, SharedItem.CONTRACT_STARTS],
            recorded_by=counsellor,
        )
        response = _get(person_client, "space:sharing")
        assert sorted(response.context["form"].initial["items"]) == ["contract_starts", "milestones"]
        assert "avec votre conseiller" in response.content.decode()

    def test_a_change_is_recorded_as_the_persons(self, person_client, participant):
        person_post(person_client, "space:sharing", {"items": ["milestones", "job_wishes"]})
        record = ConsentRecord.objects.get(participant=participant)
        assert record.by_participant and record.recorded_by is None
        assert record.channel == ConsentChannel.PARTICIPANT_SPACE
        assert record.granted and record.scope == ["milestones", "job_wishes"]
        assert prescriber_shared_items(participant) == {"milestones", "job_wishes"}

    def test_sharing_nothing_is_a_record_too(self, person_client, participant):
        person_post(person_client, "space:sharing", {"items": ["milestones"]})
        person_post(person_client, "space:sharing", {})
        assert ConsentRecord.objects.filter(participant=participant).count() == 2
        assert prescriber_shared_items(participant) == frozenset()
        assert "Rien n’est partagé." in _get(person_client, "space:sharing").content.decode()

    def test_an_unknown_item_is_refused(self, person_client, participant):
        response = person_post(person_client, "space:sharing", {"items": ["barriers"]})
        assert response.status_code == 200
        assert response.context["form"].errors["items"] == ["Ce choix n’existe pas."]
        assert not ConsentRecord.objects.exists()


class TestDownloads:
    def test_the_cv(self, person_client, nadias_file):
        response = _get(person_client, "space:cv")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_all_their_data_without_staff_only_notes(self, person_client, nadias_file, pathway):
        AppointmentFactory(pathway=pathway, notes="EQUIPE-SEULEMENT : à recadrer")
        response = person_post(person_client, "space:data")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            data = json.loads(archive.read("donnees.json"))
        assert sorted(row["visibility"] for row in data["notes"]) == [
            NoteVisibility.PARTICIPANT,
            NoteVisibility.PRESCRIBER,
        ]
        # An appointment's team notes are "never sent to the person" (the PDF is made of the same data).
        assert data["appointments"] and all("notes" not in row for row in data["appointments"])
        assert "EQUIPE-SEULEMENT" not in json.dumps(data)


class TestWindows:
    @pytest.mark.parametrize("name", ["space:home", "space:steps", "space:sharing", "space:data"])
    def test_staff_get_a_404_in_the_space(self, counsellor_client, name):
        assert _get(counsellor_client, name).status_code == 404

    def test_the_person_gets_a_404_on_staff_pages(self, person_client, participant):
        assert _get(person_client, "participants:detail", pk=participant.pk).status_code == 404
        assert _get(person_client, "participants:caseload").status_code == 404
        assert _get(person_client, "steps:list", participant_pk=participant.pk).status_code == 404

    def test_the_person_is_sent_home_to_their_space(self, person_client):
        response = _get(person_client, "core:home")
        assert response.url == reverse("space:home")

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client):
        response = _get(client, "space:home")
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


class TestTimeline:
    def test_what_the_person_does_shows_on_the_counsellors_timeline_as_theirs(
        self, person_client, pathway, participant, counsellor
    ):
        step = StepFactory(pathway=pathway, title="Refaire le CV")
        skill = SkillFactory(participant=participant, label="Gestion du budget")
        appointment = AppointmentFactory(pathway=pathway)
        person_post(person_client, "space:wish_create", {"title": "travailler en cuisine"})
        person_post(person_client, "space:step_done", pk=step.pk)
        person_post(person_client, "space:step_create", {"title": "Appeler la crèche"})
        person_post(person_client, "space:skill_assess", {"self_rating": "4"}, pk=skill.pk)
        person_post(
            person_client,
            "space:experience_create",
            {"kind": "volunteering", "title": "Bénévole aux Restos", "start_year": "2021"},
        )
        person_post(person_client, "space:appointment_reschedule", {"message": "Mardi ?"}, pk=appointment.pk)

        events = timeline.events_for(participant, counsellor)
        by_person = sorted(event.title for event in events if event.by_participant)
        assert by_person == sorted(
            [
                "Nouvelle piste : travailler en cuisine",
                "Étape franchie : Refaire le CV",
                "Nouvelle étape : Appeler la crèche",
                "Compétence évaluée : Gestion du budget",
                "Expérience ajoutée : Bénévole aux Restos",
                "La personne demande à déplacer le rendez-vous : Suivi mensuel avec Alice Martin",
            ]
        )
        # The step the counsellor wrote stays the counsellor's; reaching it is the person's.
        assert not next(e for e in events if e.title == "Nouvelle étape : Refaire le CV").by_participant
        page = self._timeline_page(pathway, counsellor)
        assert page.count("par la personne") == len(by_person)
        assert "Mardi ?" in page

    @staticmethod
    def _timeline_page(pathway, counsellor):
        from django.test import Client

        client = Client()
        client.force_login(counsellor)
        return client.get(
            reverse("participants:timeline", kwargs={"pk": pathway.participant_id})
        ).content.decode()
