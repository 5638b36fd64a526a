import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from chemin.activations import services
from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.activations.services import ActivationLinkExpired, ActivationLinkInvalid
from tests.activations.conftest import SITE_URL
from tests.participants.factories import PathwayFactory


def link_in(message) -> str:
    return re.search(r"http://testserver/reponse/\S+/", message.body).group(0)


class PastSigner(signing.TimestampSigner):
    """Signs as if 40 days ago: the real signing code, an old clock."""

    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 40 * 24 * 3600)


@pytest.mark.django_db
class TestActivationSend:
    def test_emails_the_referring_prescriber_a_signed_link(self, activation, prescriber, counsellor):
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [prescriber.email]
        assert message.reply_to == [counsellor.email]
        link = link_in(message)
        token = link.removeprefix("http://testserver/reponse/").rstrip("/")
        assert services.activation_from_token(token) == activation
        assert activation.status == ActivationStatus.SENT
        assert activation.prescriber == prescriber
        assert activation.expires_at == activation.sent_at + datetime.timedelta(days=30)

    def test_email_shares_first_name_initial_counsellor_territory_and_request_only(self, activation):
        message = mail.outbox[0]
        assert "Nadia B." in message.subject
        assert "Nadia B." in message.body
        assert "Benamar" not in message.body + message.subject
        assert "Alice Martin" in message.body
        assert "Lens-Liévin" in message.body
        assert "Le Département peut-il financer le permis B ?" in message.body
        assert "Bonjour Sabrina Mortier," in message.body
        # The barrier's own words stay in the file.
        assert "bus ne passe pas" not in message.body

    def test_email_never_names_a_health_barrier(self, referral, health_barrier, send, pathway):
        request_text = services.default_request_text(pathway=pathway, barrier=health_barrier)
        send(barrier=health_barrier, request_text=request_text)
        body = mail.outbox[0].body + mail.outbox[0].subject
        for word in ("Santé", "santé", "Health", "Mal de dos", "Problème déclaré", "charges"):
            assert word not in body

    def test_default_request_names_an_ordinary_barrier(self, pathway, mobility_barrier):
        text = services.default_request_text(pathway=pathway, barrier=mobility_barrier)
        assert "Nadia B." in text
        assert "Mobilité" in text
        assert "Pas de permis de conduire" in text

    def test_refuses_a_pathway_opened_without_a_referral(self, mobility_barrier, send):
        with pytest.raises(ValidationError, match="pas été ouvert à partir d’une orientation"):
            send(barrier=mobility_barrier)
        assert not PrescriberActivation.objects.exists()
        assert mail.outbox == []

    def test_refuses_a_prescriber_without_email(self, referral, prescriber, mobility_barrier, send):
        prescriber.email = ""
        prescriber.save()
        with pytest.raises(ValidationError, match="pas d’adresse e-mail"):
            send(barrier=mobility_barrier)
        assert not PrescriberActivation.objects.exists()

    def test_refuses_a_closed_pathway(self, referral, pathway, mobility_barrier, send):
        PathwayFactory._meta.model.objects.filter(pk=pathway.pk).update(
            phase="closed", closed_on=timezone.localdate(), exit_category="other", exit_reason="no_news"
        )
        mobility_barrier.pathway.refresh_from_db()
        with pytest.raises(ValidationError, match="clôturé"):
            send(barrier=mobility_barrier)

    def test_sends_nothing_when_the_transaction_rolls_back(
        self, referral, mobility_barrier, counsellor, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            services.activation_send(
                pathway=mobility_barrier.pathway,
                barrier=mobility_barrier,
                request_text="Une question",
                sent_by=counsellor,
                site_url=SITE_URL,
            )
            raise RuntimeError
        assert mail.outbox == []
        assert not PrescriberActivation.objects.exists()


@pytest.mark.django_db
class TestActivationAnswer:
    def test_records_status_text_and_delay(self, activation):
        PrescriberActivation.objects.filter(pk=activation.pk).update(
            sent_at=timezone.now() - datetime.timedelta(days=4)
        )
        activation.refresh_from_db()
        services.activation_answer(
            activation=activation, status=ActivationStatus.ACCEPTED, answer_text="Oui, je monte le dossier."
        )
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.ACCEPTED
        assert activation.answer_text == "Oui, je monte le dossier."
        assert activation.answer_count == 1
        assert activation.delay_days == 4

    def test_an_answer_can_be_changed_and_the_delay_stays_the_first_one(self, activation):
        first = timezone.now()
        services.activation_answer(
            activation=activation, status=ActivationStatus.ACCEPTED, answer_text="", now=first
        )
        later = first + datetime.timedelta(days=6)
        services.activation_answer(
            activation=activation, status=ActivationStatus.DONE, answer_text="Permis financé.", now=later
        )
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.DONE
        assert activation.answered_at == first
        assert activation.last_answered_at == later
        assert activation.answer_count == 2
        assert activation.delay_days == 0

    def test_not_possible_needs_a_reason(self, activation):
        with pytest.raises(ValidationError):
            services.activation_answer(
                activation=activation, status=ActivationStatus.NOT_POSSIBLE, answer_text=" "
            )
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.SENT

    def test_refuses_an_unknown_status(self, activation):
        with pytest.raises(ValidationError):
            services.activation_answer(activation=activation, status=ActivationStatus.SENT, answer_text="")

    def test_refuses_an_answer_after_expiry(self, activation):
        with pytest.raises(ActivationLinkExpired):
            services.activation_answer(
                activation=activation,
                status=ActivationStatus.ACCEPTED,
                answer_text="",
                now=activation.expires_at + datetime.timedelta(seconds=1),
            )
        activation.refresh_from_db()
        assert activation.answer_count == 0


@pytest.mark.django_db
class TestActivationLink:
    def test_a_tampered_token_is_invalid(self, activation):
        token = services.activation_token(activation)
        with pytest.raises(ActivationLinkInvalid):
            services.activation_from_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))

    def test_a_token_for_another_id_is_invalid(self, activation):
        forged = signing.dumps({"activation": activation.pk + 1}, salt="another-salt")
        with pytest.raises(ActivationLinkInvalid):
            services.activation_from_token(forged)

    def test_a_token_older_than_the_maximum_age_has_expired(self, activation):
        token = PastSigner(salt=services.TOKEN_SALT).sign_object({"activation": activation.pk})
        with pytest.raises(ActivationLinkExpired) as error:
            services.activation_from_token(token)
        assert error.value.activation == activation

    def test_a_link_past_expires_at_has_expired(self, activation):
        PrescriberActivation.objects.filter(pk=activation.pk).update(expires_at=timezone.now())
        with pytest.raises(ActivationLinkExpired):
            services.activation_from_token(services.activation_token(activation))

    def test_database_refuses_not_possible_without_reason(self, activation):
        from django.db import IntegrityError

        now = timezone.now()
        with pytest.raises(IntegrityError), transaction.atomic():
            PrescriberActivation.objects.filter(pk=activation.pk).update(
                status=ActivationStatus.NOT_POSSIBLE, answered_at=now, last_answered_at=now, answer_count=1
            )
