import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chemin.activations import services
from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from tests.activations.test_services import PastSigner
from tests.referrals.factories import ReferralFactory


def list_url(participant) -> str:
    return reverse("activations:list", kwargs={"participant_pk": participant.pk})


def create_url(barrier) -> str:
    return reverse(
        "activations:create",
        kwargs={"participant_pk": barrier.pathway.participant_id, "barrier_pk": barrier.pk},
    )


def answer_url(activation) -> str:
    return reverse("activation_answers:answer", kwargs={"token": services.activation_token(activation)})


@pytest.mark.django_db
class TestActivationCreate:
    def test_prefills_the_request_and_names_the_recipient(
        self, counsellor_client, referral, mobility_barrier
    ):
        response = counsellor_client.get(create_url(mobility_barrier))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Sabrina Mortier" in content
        assert "mortier.sabrina@pasdecalais.example.org" in content
        assert "Nadia B. rencontre une difficulté" in content

    def test_sends_the_email_and_goes_to_the_list(
        self, counsellor_client, referral, mobility_barrier, participant, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = counsellor_client.post(
                create_url(mobility_barrier), {"request_text": "Le Département peut-il financer le permis ?"}
            )
        activation = PrescriberActivation.objects.get()
        assert response.status_code == 302
        assert response.url == f"{list_url(participant)}#sollicitation-{activation.pk}"
        assert len(mail.outbox) == 1
        assert "http://testserver/reponse/" in mail.outbox[0].body
        assert activation.barrier == mobility_barrier
        assert activation.request_text == "Le Département peut-il financer le permis ?"

    def test_refuses_an_empty_or_too_long_request(self, counsellor_client, referral, mobility_barrier):
        for text in ("", "x" * 2001):
            response = counsellor_client.post(create_url(mobility_barrier), {"request_text": text})
            assert response.status_code == 200
            assert "field--error" in response.content.decode()
        assert not PrescriberActivation.objects.exists()

    def test_says_clearly_when_the_pathway_has_no_referring_prescriber(
        self, counsellor_client, mobility_barrier
    ):
        response = counsellor_client.get(create_url(mobility_barrier))
        assert "n’a pas été ouvert à partir d’une orientation" in response.content.decode()
        assert "<textarea" not in response.content.decode()
        response = counsellor_client.post(create_url(mobility_barrier), {"request_text": "Une question"})
        assert "n’a pas été ouvert à partir d’une orientation" in response.content.decode()
        assert not PrescriberActivation.objects.exists()
        assert mail.outbox == []

    def test_a_manager_may_ask_about_a_health_barrier(self, manager_client, referral, health_barrier):
        response = manager_client.get(create_url(health_barrier))
        assert response.status_code == 200
        assert "Problème déclaré" not in response.context["form"].initial["request_text"]

    def test_a_colleague_who_may_not_read_a_health_barrier_gets_404(
        self, colleague_client, referral, health_barrier
    ):
        assert colleague_client.get(create_url(health_barrier)).status_code == 404

    def test_a_business_developer_gets_403(self, business_developer_client, referral, mobility_barrier):
        assert business_developer_client.get(create_url(mobility_barrier)).status_code == 403
        response = business_developer_client.post(create_url(mobility_barrier), {"request_text": "x"})
        assert response.status_code == 403
        assert not PrescriberActivation.objects.exists()

    def test_another_territory_gets_404(self, other_counsellor_client, referral, mobility_barrier):
        assert other_counsellor_client.get(create_url(mobility_barrier)).status_code == 404
        assert (
            other_counsellor_client.post(create_url(mobility_barrier), {"request_text": "x"}).status_code
            == 404
        )

    def test_a_barrier_of_another_person_is_404(
        self, counsellor_client, referral, mobility_barrier, counsellor, territory
    ):
        other = ReferralFactory(accepted=True, territory=territory, recorded_by=counsellor)
        url = reverse(
            "activations:create",
            kwargs={"participant_pk": other.participant.pk, "barrier_pk": mobility_barrier.pk},
        )
        assert counsellor_client.get(url).status_code == 404


@pytest.mark.django_db
class TestActivationList:
    def test_shows_status_and_delay(self, counsellor_client, activation, participant):
        services.activation_answer(
            activation=activation,
            status=ActivationStatus.ACCEPTED,
            answer_text="Oui, dossier en cours.",
            now=activation.sent_at + datetime.timedelta(days=4),
        )
        response = counsellor_client.get(list_url(participant))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Sabrina Mortier" in content
        assert "Accepté" in content
        assert "4 jours" in content
        assert "Oui, dossier en cours." in content
        assert create_url(activation.barrier) in content

    def test_query_count_does_not_grow_with_activations(
        self,
        counsellor_client,
        referral,
        mobility_barrier,
        health_barrier,
        participant,
        send,
        django_assert_num_queries,
    ):
        send(barrier=mobility_barrier)
        with django_assert_num_queries(14):
            counsellor_client.get(list_url(participant))
        for _ in range(4):
            send(barrier=mobility_barrier)
            send(barrier=health_barrier, request_text="Une question")
        with django_assert_num_queries(14):
            response = counsellor_client.get(list_url(participant))
        assert len(response.context["activations"]) == 9

    def test_a_colleague_sees_that_a_health_request_exists_not_what_it_says(
        self, colleague_client, referral, health_barrier, send, participant
    ):
        send(barrier=health_barrier, request_text="Question sur le suivi médical")
        content = colleague_client.get(list_url(participant)).content.decode()
        assert "Sabrina Mortier" in content
        assert "suivi médical" not in content
        assert "frein à accès restreint" in content

    def test_a_business_developer_gets_403(self, business_developer_client, activation, participant):
        assert business_developer_client.get(list_url(participant)).status_code == 403

    def test_another_territory_gets_404(self, other_counsellor_client, activation, participant):
        assert other_counsellor_client.get(list_url(participant)).status_code == 404

    def test_anonymous_goes_to_the_login_page(self, client, activation, participant):
        response = client.get(list_url(participant))
        assert response.status_code == 302
        assert "/compte/connexion/" in response.url


@pytest.mark.django_db
class TestPublicAnswer:
    def test_shows_the_request_without_an_account(self, client, activation):
        response = client.get(answer_url(activation))
        content = response.content.decode()
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert "Le Département peut-il financer le permis B ?" in content
        assert "Nadia B." in content
        assert "Benamar" not in content
        assert "Mobilité" not in content

    def test_records_the_answer_and_confirms(self, client, activation):
        response = client.post(
            answer_url(activation), {"status": "accepted", "answer_text": "Je monte le dossier."}
        )
        token = services.activation_token(activation)
        assert response.status_code == 302
        assert response.url == reverse("activation_answers:thanks", kwargs={"token": token})
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.ACCEPTED
        assert activation.answer_text == "Je monte le dossier."
        assert activation.answered_at is not None
        confirmation = client.get(response.url)
        assert "Merci, votre réponse est enregistrée" in confirmation.content.decode()

    def test_the_link_can_update_the_answer(self, client, activation):
        client.post(answer_url(activation), {"status": "accepted", "answer_text": ""})
        page = client.get(answer_url(activation)).content.decode()
        assert "Vous avez déjà répondu" in page
        client.post(answer_url(activation), {"status": "done", "answer_text": "Permis financé."})
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.DONE
        assert activation.answer_count == 2

    def test_not_possible_without_a_reason_is_refused(self, client, activation):
        response = client.post(answer_url(activation), {"status": "not_possible", "answer_text": ""})
        assert response.status_code == 200
        assert "Dites pourquoi ce n’est pas possible" in response.content.decode()
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.SENT

    def test_a_too_long_answer_is_refused(self, client, activation):
        response = client.post(answer_url(activation), {"status": "accepted", "answer_text": "x" * 2001})
        assert response.status_code == 200
        activation.refresh_from_db()
        assert activation.answer_count == 0

    def test_a_tampered_link_gets_a_clear_page_and_records_nothing(self, client, activation):
        token = services.activation_token(activation)
        tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
        url = reverse("activation_answers:answer", kwargs={"token": tampered})
        response = client.get(url)
        assert response.status_code == 400
        assert "Ce lien ne fonctionne pas" in response.content.decode()
        assert "Le Département" not in response.content.decode()
        response = client.post(url, {"status": "accepted", "answer_text": "oui"})
        assert response.status_code == 400
        activation.refresh_from_db()
        assert activation.answer_count == 0
        assert client.get(reverse("activation_answers:thanks", kwargs={"token": tampered})).status_code == 400

    def test_an_expired_link_gets_a_clear_page_and_records_nothing(self, client, activation):
        token = PastSigner(salt=services.TOKEN_SALT).sign_object({"activation": activation.pk})
        url = reverse("activation_answers:answer", kwargs={"token": token})
        response = client.get(url)
        assert response.status_code == 410
        content = response.content.decode()
        assert "Ce lien a expiré" in content
        assert "Alice Martin" in content
        response = client.post(url, {"status": "accepted", "answer_text": "oui"})
        assert response.status_code == 410
        activation.refresh_from_db()
        assert activation.answer_count == 0

    def test_a_link_past_its_expiry_date_records_nothing(self, client, activation):
        PrescriberActivation.objects.filter(pk=activation.pk).update(expires_at=timezone.now())
        response = client.post(answer_url(activation), {"status": "accepted", "answer_text": "oui"})
        assert response.status_code == 410
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.SENT

    def test_works_for_a_logged_in_staff_member_too(self, counsellor_client, activation):
        assert counsellor_client.get(answer_url(activation)).status_code == 200

    def test_is_served_with_csrf_protection(self, activation):
        client = Client(enforce_csrf_checks=True)
        response = client.post(answer_url(activation), {"status": "accepted", "answer_text": ""})
        assert response.status_code == 403
        activation.refresh_from_db()
        assert activation.answer_count == 0
        page = client.get(answer_url(activation))
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        response = client.post(
            answer_url(activation), {"status": "accepted", "answer_text": "", "csrfmiddlewaretoken": csrf}
        )
        assert response.status_code == 302
