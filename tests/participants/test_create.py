import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from tests.participants.factories import ParticipantFactory, PathwayFactory

CREATE_URL = reverse("participants:create")


def valid_data(**overrides) -> dict:
    data = {
        "first_name": "Samira",
        "last_name": "Haddouche",
        "birth_date": "1988-04-12",
        "phone": "06.12.34.56.78",
        "email": "samira.h@example.org",
        "address": "12 rue de la Gare",
        "commune": "62498",
        "postal_code": "62300",
        "income_support": "rsa",
        "france_travail_registered": "on",
        "france_travail_id": "1234567a",
        "registered_since": "2024-01-15",
        "education_level": "3",
        "has_driving_licence": "on",
        "languages": "français, arabe",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
class TestCreateParticipantAccess:
    def test_anonymous_visitor_is_sent_to_login(self, client):
        response = client.get(CREATE_URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_business_developer_may_not_create_a_file(self, business_developer_client):
        assert business_developer_client.get(CREATE_URL).status_code == 403
        assert business_developer_client.post(CREATE_URL, valid_data()).status_code == 403
        assert not Participant.objects.exists()

    def test_the_form_suggests_me_as_referent(self, counsellor_client, counsellor):
        response = counsellor_client.get(CREATE_URL)
        assert response.status_code == 200
        assert response.context["form"]["referent"].value() == counsellor.pk


@pytest.mark.django_db
class TestCreateParticipant:
    def test_creates_the_file_with_consent_and_opens_a_pathway(
        self, counsellor_client, counsellor, territory
    ):
        response = counsellor_client.post(CREATE_URL, valid_data(referent=counsellor.pk))
        participant = Participant.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("participants:detail", kwargs={"pk": participant.pk})
        assert participant.phone == "06 12 34 56 78"
        assert participant.france_travail_id == "1234567A"
        assert participant.commune_id == "62498"
        assert participant.consent_text_version == CONSENT_TEXT_VERSION
        assert participant.consent_given_at is not None
        pathway = Pathway.objects.get(participant=participant)
        assert (pathway.territory, pathway.referent, pathway.phase) == (territory, counsellor, Phase.WELCOME)
        assert pathway.entry_date == timezone.localdate()

    def test_a_manager_may_name_a_colleague_as_referent(self, manager_client, colleague):
        manager_client.post(CREATE_URL, valid_data(referent=colleague.pk))
        assert Pathway.objects.get().referent == colleague

    def test_the_referent_must_be_staff_of_the_territory(
        self, manager_client, other_counsellor, business_developer
    ):
        for outsider in (other_counsellor, business_developer):
            response = manager_client.post(CREATE_URL, valid_data(referent=outsider.pk))
            assert response.status_code == 200
            assert response.context["form"].errors["referent"]
        assert not Participant.objects.exists()

    def test_a_commune_with_one_postal_code_fills_it_in(self, counsellor_client, counsellor):
        counsellor_client.post(CREATE_URL, valid_data(referent=counsellor.pk, postal_code=""))
        assert Participant.objects.get().postal_code == "62300"

    def test_an_identifier_ticks_the_france_travail_registration(self, counsellor_client, counsellor):
        counsellor_client.post(
            CREATE_URL,
            valid_data(
                referent=counsellor.pk, france_travail_registered=None, france_travail_id="12345678901"
            ),
        )
        participant = Participant.objects.get()
        assert participant.france_travail_registered is True
        assert participant.france_travail_id == "12345678901"

    def test_only_names_and_birth_date_and_consent_are_required(self, counsellor_client, counsellor):
        data = {
            "first_name": "Kevin",
            "last_name": "Dufour",
            "birth_date": "2001-09-30",
            "income_support": "none",
            "referent": counsellor.pk,
            "consent": "on",
        }
        response = counsellor_client.post(CREATE_URL, data)
        assert response.status_code == 302
        assert Participant.objects.get().full_name == "Kevin Dufour"


@pytest.mark.django_db
class TestCreateParticipantBadInput:
    def post(self, client, counsellor, **overrides):
        response = client.post(CREATE_URL, valid_data(referent=counsellor.pk, **overrides))
        assert response.status_code == 200
        assert not Participant.objects.exists()
        return response

    def test_refuses_a_birth_date_in_the_future(self, counsellor_client, counsellor):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = self.post(counsellor_client, counsellor, birth_date=tomorrow.isoformat())
        assert response.context["form"].errors["birth_date"] == [
            "La date de naissance ne peut pas être dans le futur."
        ]

    def test_refuses_someone_younger_than_16(self, counsellor_client, counsellor):
        born = timezone.localdate().replace(year=timezone.localdate().year - 15)
        response = self.post(counsellor_client, counsellor, birth_date=born.isoformat())
        assert response.context["form"].errors["birth_date"] == ["La personne doit avoir au moins 16 ans."]

    def test_refuses_someone_older_than_100(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, birth_date="1901-01-01")
        assert "plus de 100 ans" in response.context["form"].errors["birth_date"][0]

    def test_refuses_a_postal_code_of_another_commune(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, postal_code="62000")
        content = response.content.decode()
        assert (
            "Ce code postal ne correspond pas à la commune choisie"
            in response.context["form"].errors["postal_code"][0]
        )
        # What was typed stays in the form.
        assert 'value="62000"' in content
        assert 'value="Samira"' in content

    def test_refuses_a_postal_code_that_is_not_5_digits(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, postal_code="6230")
        assert response.context["form"].errors["postal_code"] == [
            "Un code postal compte 5 chiffres, par exemple 62300."
        ]

    def test_refuses_a_postal_code_without_a_commune(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, commune="")
        assert response.context["form"].errors["commune"] == ["Choisissez la commune de ce code postal."]

    def test_refuses_an_unknown_commune_code(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, commune="99999")
        assert response.context["form"].errors["commune"]

    def test_refuses_a_phone_number_that_is_not_french(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, phone="12345")
        assert response.context["form"].errors["phone"] == [
            "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78."
        ]

    def test_refuses_an_invalid_email(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, email="samira@")
        assert response.context["form"].errors["email"] == ["Saisissez une adresse de courriel valide."]

    def test_refuses_a_malformed_france_travail_identifier(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, france_travail_id="12AB")
        assert "identifiant France Travail" in response.context["form"].errors["france_travail_id"][0]

    def test_refuses_a_registration_date_in_the_future(self, counsellor_client, counsellor):
        next_month = timezone.localdate() + datetime.timedelta(days=31)
        response = self.post(counsellor_client, counsellor, registered_since=next_month.isoformat())
        assert response.context["form"].errors["registered_since"]

    def test_requires_the_persons_consent(self, counsellor_client, counsellor):
        response = self.post(counsellor_client, counsellor, consent=None)
        assert response.context["form"].errors["consent"] == [
            "Le consentement de la personne est nécessaire pour créer sa fiche."
        ]


@pytest.mark.django_db
class TestDuplicateWarning:
    def test_warns_with_a_link_to_the_file_the_user_may_see(self, counsellor_client, counsellor, pathway):
        nadia = pathway.participant
        data = valid_data(
            referent=counsellor.pk,
            first_name="nadia",
            last_name="BENAMAR",
            birth_date=nadia.birth_date.isoformat(),
        )
        response = counsellor_client.post(CREATE_URL, data)
        content = response.content.decode()
        assert response.status_code == 200
        assert Participant.objects.count() == 1
        assert "Une fiche existe déjà avec les mêmes nom, prénom et date de naissance" in content
        assert reverse("participants:detail", kwargs={"pk": nadia.pk}) in content
        assert 'name="confirm_duplicate"' in content

    def test_a_file_outside_my_territories_is_mentioned_without_link_nor_name(
        self, other_counsellor_client, other_counsellor, pathway
    ):
        nadia = pathway.participant
        data = valid_data(
            referent=other_counsellor.pk,
            first_name="Nadia",
            last_name="Bénamar",
            birth_date=nadia.birth_date.isoformat(),
        )
        response = other_counsellor_client.post(CREATE_URL, data)
        content = response.content.decode()
        assert Participant.objects.count() == 1
        assert "existe hors de vos territoires" in content
        assert reverse("participants:detail", kwargs={"pk": nadia.pk}) not in content

    def test_creates_anyway_once_confirmed(self, counsellor_client, counsellor, pathway):
        nadia = pathway.participant
        data = valid_data(
            referent=counsellor.pk,
            first_name="Nadia",
            last_name="Benamar",
            birth_date=nadia.birth_date.isoformat(),
            confirm_duplicate="on",
        )
        response = counsellor_client.post(CREATE_URL, data)
        assert response.status_code == 302
        assert Participant.objects.filter(last_name="Benamar").count() == 2

    def test_no_warning_for_a_different_birth_date(self, counsellor_client, counsellor, pathway):
        nadia = pathway.participant
        other_day = nadia.birth_date - datetime.timedelta(days=1)
        data = valid_data(
            referent=counsellor.pk, first_name="Nadia", last_name="Benamar", birth_date=other_day.isoformat()
        )
        assert counsellor_client.post(CREATE_URL, data).status_code == 302


@pytest.mark.django_db
class TestCreatePageQueries:
    def test_the_empty_form_runs_a_fixed_number_of_queries(
        self, counsellor_client, territory, colleague, manager, django_assert_num_queries
    ):
        PathwayFactory.create_batch(3, territory=territory, referent=colleague)
        ParticipantFactory.create_batch(3)
        # Session, user, memberships, is "me" a referent, referent choices (read twice by the
        # select: its options and its "required" check), session save (3).
        with django_assert_num_queries(9):
            response = counsellor_client.get(CREATE_URL)
        assert response.status_code == 200
