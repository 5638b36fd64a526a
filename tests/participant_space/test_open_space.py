"""Staff open the person's space from the participant file: an account, and a first link by email."""

import pytest
from django.core import mail
from django.urls import reverse

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from tests.accounts.factories import UserFactory


def _open(client, participant):
    return client.post(reverse("participants:open_space", kwargs={"participant_pk": participant.pk}))


@pytest.fixture
def with_email(participant):
    participant.email = "Nadia.Benamar@example.org"
    participant.save(update_fields=["email"])
    return participant


class TestOpenSpace:
    def test_the_counsellor_opens_it_and_the_person_gets_a_link(self, counsellor_client, with_email):
        response = _open(counsellor_client, with_email)
        assert response.status_code == 302
        with_email.refresh_from_db()
        user = with_email.user
        assert user.kind == AccountKind.PARTICIPANT
        assert user.email == "nadia.benamar@example.org"
        assert (user.first_name, user.last_name) == ("Nadia", "Benamar")
        assert not user.has_usable_password()
        assert not user.memberships.exists()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["nadia.benamar@example.org"]
        assert "espace personnel est ouvert" in mail.outbox[0].subject
        assert "/mon-espace/connexion/lien/" in mail.outbox[0].body

    def test_the_file_shows_whether_it_is_open(self, counsellor_client, with_email):
        url = reverse("participants:detail", kwargs={"pk": with_email.pk})
        assert "Ouvrir l’espace personnel" in counsellor_client.get(url).content.decode()
        _open(counsellor_client, with_email)
        content = counsellor_client.get(url).content.decode()
        assert "Envoyer un nouveau lien de connexion" in content

    def test_opening_again_reuses_the_account_and_sends_a_new_link(self, manager_client, with_email):
        _open(manager_client, with_email)
        _open(manager_client, with_email)
        assert User.objects.filter(kind=AccountKind.PARTICIPANT).count() == 1
        assert len(mail.outbox) == 2
        assert "lien de connexion" in mail.outbox[1].subject

    def test_a_file_without_email_gets_a_clear_message(self, counsellor_client, participant):
        response = _open(counsellor_client, participant)
        participant.refresh_from_db()
        assert participant.user is None
        assert mail.outbox == []
        messages = [str(m) for m in response.wsgi_request._messages]
        assert messages == [
            "Ajoutez d’abord l’adresse email de la personne dans le dossier : le lien de connexion y est envoyé."
        ]

    def test_an_address_used_by_another_account_is_refused(self, counsellor_client, with_email):
        UserFactory(email="nadia.benamar@example.org")
        _open(counsellor_client, with_email)
        with_email.refresh_from_db()
        assert with_email.user is None
        assert mail.outbox == []

    def test_a_business_developer_may_not(self, business_developer_client, with_email):
        assert _open(business_developer_client, with_email).status_code == 403

    def test_another_territory_gets_a_404(self, other_counsellor_client, with_email):
        assert _open(other_counsellor_client, with_email).status_code == 404

    def test_it_is_a_post_only_action(self, counsellor_client, with_email):
        url = reverse("participants:open_space", kwargs={"participant_pk": with_email.pk})
        assert counsellor_client.get(url).status_code == 405
