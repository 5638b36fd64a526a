"""The prescriber answers the organisation's requests in the portal, with the activations' own
answer service."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.activations.services import activation_send
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.services import barrier_create
from tests.participants.factories import PathwayFactory
from tests.referrals.factories import ReferralFactory

URL = reverse("portal:activations")


def answer_url(activation):
    return reverse("portal:activation_answer", kwargs={"pk": activation.pk})


def send(pathway, counsellor, text="Le Département peut-il financer le permis B ?"):
    barrier = barrier_create(
        pathway=pathway,
        identified_by=counsellor,
        category=BarrierCategory.MOBILITY,
        situation="x-licence",
        own_words="Pas de permis.",
    )
    return activation_send(
        pathway=pathway, barrier=barrier, request_text=text, sent_by=counsellor, site_url="http://testserver/"
    )


@pytest.fixture
def activation(accepted_referral, counsellor):
    return send(accepted_referral.pathway, counsellor)


def data(activation, status=ActivationStatus.ACCEPTED, text=""):
    prefix = f"activation-{activation.pk}"
    return {f"{prefix}-status": status, f"{prefix}-answer_text": text}


class TestList:
    def test_lists_the_requests_addressed_to_them_waiting_ones_first(
        self, prescriber_client, activation, prescriber, territory, counsellor, django_assert_num_queries
    ):
        answered = []
        for n in range(3):
            referral = ReferralFactory(
                prescriber=prescriber, territory=territory, accepted=True, recorded_by=counsellor
            )
            other = send(referral.pathway, counsellor, text=f"Demande {n}")
            PrescriberActivation.objects.filter(pk=other.pk).update(
                sent_at=timezone.now() - datetime.timedelta(days=n + 1)
            )
            answered.append(other)
        from chemin.activations.services import activation_answer

        activation_answer(activation=answered[0], status=ActivationStatus.DONE, answer_text="")
        # Session, user, prescriber, activations with their pathway, person, territory and sender, session save (3).
        with django_assert_num_queries(7):
            response = prescriber_client.get(URL)
        rows = response.context["activations"]
        assert [a.status == ActivationStatus.SENT for a in rows] == [True, True, True, False]
        assert rows[0].pk == activation.pk
        content = response.content.decode()
        assert (
            "Au sujet de Nadia B." in content and "Le Département peut-il financer le permis B ?" in content
        )

    def test_another_prescribers_request_is_not_listed_nor_answerable(
        self, prescriber_client, outsider_prescriber, pathway, counsellor, territory
    ):
        other_pathway = PathwayFactory(territory=territory, referent=counsellor)
        ReferralFactory(
            prescriber=outsider_prescriber,
            territory=territory,
            accepted=True,
            pathway=other_pathway,
            participant=other_pathway.participant,
        )
        theirs = send(other_pathway, counsellor)
        assert prescriber_client.get(URL).context["activations"] == []
        response = prescriber_client.post(answer_url(theirs), data(theirs))
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.status == ActivationStatus.SENT


class TestAnswer:
    def test_records_the_answer(self, prescriber_client, activation):
        response = prescriber_client.post(answer_url(activation), data(activation, text="Je m’en occupe."))
        assert response.status_code == 302 and response.url == URL
        activation.refresh_from_db()
        assert (activation.status, activation.answer_text, activation.answer_count) == (
            ActivationStatus.ACCEPTED,
            "Je m’en occupe.",
            1,
        )

    def test_not_possible_needs_a_reason_on_the_field(self, prescriber_client, activation):
        response = prescriber_client.post(
            answer_url(activation), data(activation, status=ActivationStatus.NOT_POSSIBLE)
        )
        assert response.status_code == 400
        [row] = response.context["activations"]
        assert row.form.errors["answer_text"]
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.SENT

    def test_an_expired_request_is_closed(self, prescriber_client, activation):
        PrescriberActivation.objects.filter(pk=activation.pk).update(
            sent_at=timezone.now() - datetime.timedelta(days=60),
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
        response = prescriber_client.post(answer_url(activation), data(activation), follow=True)
        assert "Cette demande est close" in response.content.decode()
        activation.refresh_from_db()
        assert activation.status == ActivationStatus.SENT

    def test_get_is_not_allowed(self, prescriber_client, activation):
        assert prescriber_client.get(answer_url(activation)).status_code == 405
