import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.services import barrier_create
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.models import ExitReview
from chemin.exits.services import default_remaining_barriers, pathway_close
from chemin.notes.enums import NoteVisibility
from chemin.notes.services import note_create
from tests.exits.conftest import days_ago


def review_url(participant) -> str:
    return reverse("exits:review", kwargs={"participant_pk": participant.pk})


def review_data(**fields) -> dict:
    return {
        "achievements": "Permis B obtenu, embauche en CDD de 8 mois.",
        "remaining_barriers": "- Garde d’enfants",
        "next_steps": "Suivi dans l’emploi à 1, 3 et 6 mois.",
        "read_with_person": "on",
        "read_with_person_on": timezone.localdate().isoformat(),
        "action": "save",
        **fields,
    }


@pytest.fixture
def closed(pathway, counsellor):
    return pathway_close(
        pathway=pathway,
        category=ExitCategory.OTHER,
        reason=ExitReason.HEALTH,
        detail="Arrêt maladie long",
        closed_on=timezone.localdate(),
        closed_by=counsellor,
    )


@pytest.mark.django_db
class TestReviewPage:
    def test_an_open_pathway_is_closed_first(self, counsellor_client, participant, pathway):
        response = counsellor_client.get(review_url(participant))
        assert response.status_code == 200
        assert reverse("exits:close", kwargs={"participant_pk": participant.pk}) in response.content.decode()
        assert response.context.get("form") is None

    def test_prefills_remaining_barriers_without_special_detail(
        self, counsellor_client, participant, closed, mobility_barrier, health_barrier
    ):
        text = counsellor_client.get(review_url(participant)).context["form"].initial["remaining_barriers"]
        assert "Mobilité : Pas de permis de conduire" in text
        assert "- Santé" in text
        assert "Mal de dos" not in text
        assert "Problème déclaré" not in text

    def test_a_colleague_who_may_not_read_a_health_barrier_gets_no_category(
        self, closed, mobility_barrier, health_barrier, colleague
    ):
        text = default_remaining_barriers(pathway=closed, user=colleague)
        assert "Santé" not in text
        assert "Un autre frein, confidentiel" in text

    def test_saving_keeps_the_review_without_sending(self, counsellor_client, participant, closed, referral):
        response = counsellor_client.post(review_url(participant), review_data(read_with_person=""))
        assert response.status_code == 302
        review = ExitReview.objects.get()
        assert review.read_with_person_on is None
        assert not review.is_sent
        assert mail.outbox == []

    def test_cannot_send_before_reading_it_with_the_person(
        self, counsellor_client, participant, closed, referral, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = counsellor_client.post(
                review_url(participant), review_data(read_with_person="", action="send")
            )
        assert response.status_code == 200
        assert "Relisez le bilan avec la personne avant de l’envoyer." in response.content.decode()
        assert not ExitReview.objects.filter(sent_at__isnull=False).exists()
        assert mail.outbox == []

    def test_the_read_date_cannot_be_in_the_future(self, counsellor_client, participant, closed, referral):
        response = counsellor_client.post(
            review_url(participant), review_data(read_with_person_on="2999-01-01")
        )
        assert response.status_code == 200
        assert "ne peut pas être dans le futur" in " ".join(
            response.context["form"].errors["read_with_person_on"]
        )
        assert not ExitReview.objects.exists()

    def test_sends_it_to_the_prescriber_without_restricted_content(
        self,
        counsellor_client,
        counsellor,
        participant,
        closed,
        referral,
        prescriber,
        health_barrier,
        django_capture_on_commit_callbacks,
    ):
        note_create(
            pathway=closed,
            author=counsellor,
            date=timezone.localdate(),
            text="Note confidentielle sur la santé",
            visibility=NoteVisibility.RESTRICTED,
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = counsellor_client.post(review_url(participant), review_data(action="send"))
        assert response.status_code == 302
        review = ExitReview.objects.get()
        assert review.is_sent
        assert review.sent_to == prescriber
        assert review.sent_to_email == "mortier.sabrina@pasdecalais.example.org"
        (email,) = mail.outbox
        assert email.to == ["mortier.sabrina@pasdecalais.example.org"]
        assert email.reply_to == [counsellor.email]
        assert email.subject == "Bilan de fin d’accompagnement de Nadia B. — Lens-Liévin"
        assert "Bonjour Sabrina Mortier," in email.body
        assert "Permis B obtenu" in email.body
        assert "Sortie : Autre sortie" in email.body
        assert "Relu avec la personne le" in email.body
        for secret in [
            "Benamar",
            "Mal de dos",
            "Arrêt maladie",
            "Santé",
            "confidentielle",
            "Problème déclaré",
        ]:
            assert secret not in email.body, secret
            assert secret not in email.subject, secret
        # Once sent, it is shown as sent and can no longer be changed.
        page = counsellor_client.get(review_url(participant))
        assert "Envoyé à Sabrina Mortier" in page.content.decode()
        assert page.context["form"] is None
        counsellor_client.post(
            review_url(participant), review_data(achievements="Autre chose", action="send")
        )
        assert len(mail.outbox) == 1
        assert ExitReview.objects.get().achievements.startswith("Permis B")

    def test_without_referring_prescriber_it_says_so_and_keeps_the_review(
        self, counsellor_client, participant, closed, django_capture_on_commit_callbacks
    ):
        page = counsellor_client.get(review_url(participant)).content.decode()
        assert "n’a pas été ouvert à partir d’une orientation" in page
        with django_capture_on_commit_callbacks(execute=True):
            response = counsellor_client.post(
                review_url(participant), review_data(action="send"), follow=True
            )
        assert "n’a pas été ouvert à partir d’une orientation" in response.content.decode()
        review = ExitReview.objects.get()
        assert not review.is_sent
        assert mail.outbox == []

    def test_a_prescriber_without_email_is_said_clearly(
        self, counsellor_client, participant, closed, referral, prescriber
    ):
        prescriber.email = ""
        prescriber.save()
        page = counsellor_client.get(review_url(participant)).content.decode()
        assert "n’a pas d’adresse e-mail" in page

    def test_query_count_does_not_grow_with_barriers(
        self, counsellor_client, participant, closed, referral, counsellor
    ):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert counsellor_client.get(review_url(participant)).status_code == 200
            return len(queries)

        def barrier(category, situation):
            barrier_create(
                pathway=closed,
                identified_by=counsellor,
                category=category,
                situation=situation,
                identified_on=days_ago(10),
            )

        barrier(BarrierCategory.MOBILITY, "6")
        few = count()
        barrier(BarrierCategory.MOBILITY, "7")
        barrier(BarrierCategory.HOUSING, "25")
        assert count() == few


@pytest.mark.django_db
class TestReviewPermissions:
    def test_a_business_developer_gets_403(self, business_developer_client, participant, closed):
        assert business_developer_client.get(review_url(participant)).status_code == 403
        assert business_developer_client.post(review_url(participant), review_data()).status_code == 403
        assert not ExitReview.objects.exists()

    def test_another_territory_gets_404(self, other_counsellor_client, participant, closed):
        assert other_counsellor_client.get(review_url(participant)).status_code == 404
        assert other_counsellor_client.post(review_url(participant), review_data()).status_code == 404
        assert not ExitReview.objects.exists()
