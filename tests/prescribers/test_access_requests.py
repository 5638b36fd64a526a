"""A référent nobody invited asks for a portal account; a manager approves (directory entry and
invitation) or declines it."""

import pytest
from django.urls import reverse

from chemin.accounts.enums import AccountKind
from chemin.prescribers.enums import AccessRequestStatus, OrganisationKind
from chemin.prescribers.models import PortalAccessRequest, Prescriber
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory

pytestmark = pytest.mark.django_db

ASKED = {
    "first_name": "Hélène",
    "last_name": "Roussel",
    "job_title": "Conseillère",
    "organisation_name": "Mission Locale de l’Arrageois",
    "organisation_kind": OrganisationKind.MISSION_LOCALE,
    "email": "Helene.Roussel@ml.example.org",
    "phone": "0321152040",
}


def ask(client, **changes):
    return client.post(reverse("portal:access_request"), {**ASKED, **changes})


def decide(client, access_request, decision, capture):
    url = reverse("prescribers:access_request_decide", kwargs={"pk": access_request.pk})
    with capture(execute=True):
        return client.post(url, {"decision": decision})


class TestAsking:
    def test_anyone_may_ask_and_is_told_what_happens_next(self, client):
        response = ask(client)
        assert response.status_code == 302
        assert response.url == reverse("portal:access_request_sent")
        request = PortalAccessRequest.objects.get()
        assert (request.email, request.phone, request.status) == (
            "helene.roussel@ml.example.org",
            "03 21 15 20 40",
            AccessRequestStatus.PENDING,
        )
        assert "Un responsable va vérifier votre demande" in client.get(response.url).content.decode()

    def test_asking_again_makes_no_second_request(self, client):
        ask(client)
        ask(client, email="helene.roussel@ml.example.org")
        assert PortalAccessRequest.objects.count() == 1

    def test_bad_input_gets_french_errors_on_the_fields_and_keeps_what_was_typed(self, client):
        response = ask(client, email="helene@", organisation_kind="", last_name="")
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["email"] == [
            "Cette adresse e-mail n’est pas complète. Exemple : prenom.nom@francetravail.fr"
        ]
        assert errors["organisation_kind"] == ["Ce champ est obligatoire."]
        assert errors["last_name"] == ["Ce champ est obligatoire."]
        assert 'value="Mission Locale de l’Arrageois"' in response.content.decode()
        assert not PortalAccessRequest.objects.exists()

    def test_the_sign_in_page_points_to_it(self, client):
        content = client.get(reverse("accounts:login")).content.decode()
        assert reverse("portal:access_request") in content


class TestDeciding:
    @pytest.fixture
    def waiting(self, client):
        ask(client)
        return PortalAccessRequest.objects.get()

    def test_the_manager_sees_the_requests_waiting(self, manager_client, waiting, django_assert_num_queries):
        PortalAccessRequest.objects.create(**{**ASKED, "email": "autre@ml.example.org"})
        PortalAccessRequest.objects.create(**{**ASKED, "email": "encore@ml.example.org"})
        # Session, user, memberships (menu), the waiting requests, the last decisions, and the
        # session saved (3, with its savepoint): the same with one request or fifty.
        with django_assert_num_queries(8):
            response = manager_client.get(reverse("prescribers:access_requests"))
        assert response.content.decode().count("Accepter et inviter") == 3

    def test_approving_adds_the_referent_and_sends_the_invitation(
        self, manager_client, manager, waiting, mailoutbox, django_capture_on_commit_callbacks
    ):
        decide(manager_client, waiting, "approve", django_capture_on_commit_callbacks)
        waiting.refresh_from_db()
        prescriber = waiting.prescriber
        assert waiting.status == AccessRequestStatus.APPROVED and waiting.decided_by == manager
        assert (prescriber.organisation.name, prescriber.email) == (
            "Mission Locale de l’Arrageois",
            "helene.roussel@ml.example.org",
        )
        assert prescriber.user.kind == AccountKind.PRESCRIBER
        [email] = mailoutbox
        assert email.to == ["helene.roussel@ml.example.org"]

    def test_approving_finds_the_organisation_and_the_referent_already_in_the_directory(
        self, manager_client, waiting, django_capture_on_commit_callbacks
    ):
        organisation = PrescriberOrganisationFactory(
            name="mission locale de l'arrageois", kind=OrganisationKind.MISSION_LOCALE
        )
        known = PrescriberFactory(organisation=organisation, email="helene.roussel@ml.example.org")
        PortalAccessRequest.objects.filter(pk=waiting.pk).update(
            organisation_name="Mission Locale de l'Arrageois"
        )
        decide(manager_client, waiting, "approve", django_capture_on_commit_callbacks)
        assert Prescriber.objects.get() == known
        known.refresh_from_db()
        assert known.user is not None

    def test_declining_invites_nobody(
        self, manager_client, waiting, mailoutbox, django_capture_on_commit_callbacks
    ):
        decide(manager_client, waiting, "decline", django_capture_on_commit_callbacks)
        waiting.refresh_from_db()
        assert waiting.status == AccessRequestStatus.DECLINED
        assert not Prescriber.objects.exists() and mailoutbox == []
        # Decided once: a second click changes nothing.
        response = decide(manager_client, waiting, "approve", django_capture_on_commit_callbacks)
        assert "déjà été traitée" in manager_client.get(response.url).content.decode()
        assert not Prescriber.objects.exists()

    def test_a_counsellor_may_not_decide(
        self, counsellor_client, waiting, django_capture_on_commit_callbacks
    ):
        assert counsellor_client.get(reverse("prescribers:access_requests")).status_code == 403
        response = decide(counsellor_client, waiting, "approve", django_capture_on_commit_callbacks)
        assert response.status_code == 403
        waiting.refresh_from_db()
        assert waiting.status == AccessRequestStatus.PENDING
