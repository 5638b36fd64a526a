"""Inviting a référent to the prescriber portal from the directory."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from tests.accounts.factories import UserFactory
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referent():
    organisation = PrescriberOrganisationFactory(name="France Travail Lens")
    return PrescriberFactory(
        organisation=organisation,
        first_name="Grégoire",
        last_name="Vasseur",
        email="G.Vasseur@ft.example.org",
    )


def invite_url(prescriber) -> str:
    return reverse("prescribers:prescriber_invite", kwargs={"pk": prescriber.pk})


def invite(client, prescriber, capture):
    with capture(execute=True):
        return client.post(invite_url(prescriber))


class TestInvite:
    def test_opens_a_prescriber_account_and_emails_a_link_to_choose_a_password(
        self, manager_client, referent, mailoutbox, django_capture_on_commit_callbacks, client
    ):
        response = invite(manager_client, referent, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        assert response.url == reverse(
            "prescribers:organisation_detail", kwargs={"pk": referent.organisation_id}
        )
        referent.refresh_from_db()
        user = referent.user
        assert (user.email, user.first_name, user.last_name, user.kind) == (
            "g.vasseur@ft.example.org",
            "Grégoire",
            "Vasseur",
            AccountKind.PRESCRIBER,
        )
        assert not user.has_usable_password()
        [email] = mailoutbox
        assert email.to == ["g.vasseur@ft.example.org"]
        assert email.subject == "Votre accès au portail prescripteur de Chemin faisant"
        link = re.search(r"http://testserver(/\S+)", email.body).group(1)
        _uidb64, token = link.rstrip("/").split("/")[-2:]
        assert default_token_generator.check_token(user, token)
        # The link works: the page to choose a password.
        page = client.get(link, follow=True)
        assert page.status_code == 200 and "new_password1" in page.content.decode()

    def test_the_directory_says_who_has_access(
        self, manager_client, referent, django_capture_on_commit_callbacks
    ):
        url = reverse("prescribers:organisation_detail", kwargs={"pk": referent.organisation_id})
        assert "Pas d’accès" in manager_client.get(url).content.decode()
        invite(manager_client, referent, django_capture_on_commit_callbacks)
        content = manager_client.get(url).content.decode()
        assert "A un accès" in content and "Renvoyer l’invitation" in content

    def test_inviting_again_resends_with_the_same_account(
        self, manager_client, referent, mailoutbox, django_capture_on_commit_callbacks
    ):
        invite(manager_client, referent, django_capture_on_commit_callbacks)
        invite(manager_client, referent, django_capture_on_commit_callbacks)
        assert len(mailoutbox) == 2
        assert User.objects.filter(kind=AccountKind.PRESCRIBER).count() == 1

    def test_refuses_an_address_used_by_a_staff_account(
        self, manager_client, referent, counsellor, mailoutbox, django_capture_on_commit_callbacks
    ):
        UserFactory(email="g.vasseur@ft.example.org")
        response = invite(manager_client, referent, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        referent.refresh_from_db()
        assert referent.user is None and mailoutbox == []
        page = manager_client.get(response.url).content.decode()
        assert "déjà utilisée par un autre compte" in page

    def test_refuses_a_referent_without_email(
        self, manager_client, mailoutbox, django_capture_on_commit_callbacks
    ):
        referent = PrescriberFactory(email="")
        invite(manager_client, referent, django_capture_on_commit_callbacks)
        referent.refresh_from_db()
        assert referent.user is None and mailoutbox == []

    def test_get_is_not_allowed_and_anonymous_visitors_are_sent_to_login(
        self, manager_client, client, referent
    ):
        assert manager_client.get(invite_url(referent)).status_code == 405
        assert client.post(invite_url(referent)).status_code == 302
        referent.refresh_from_db()
        assert referent.user is None

    def test_a_counsellor_may_not_open_the_portal_to_someone(
        self, counsellor_client, referent, mailoutbox, django_capture_on_commit_callbacks
    ):
        assert invite(counsellor_client, referent, django_capture_on_commit_callbacks).status_code == 403
        referent.refresh_from_db()
        assert referent.user is None and mailoutbox == []
        url = reverse("prescribers:organisation_detail", kwargs={"pk": referent.organisation_id})
        assert "Inviter sur le portail" not in counsellor_client.get(url).content.decode()

    def test_a_corrected_address_takes_the_account_from_the_old_one(
        self, manager_client, referent, mailoutbox, django_capture_on_commit_callbacks
    ):
        invite(manager_client, referent, django_capture_on_commit_callbacks)
        referent.refresh_from_db()
        referent.user.set_password("choisi-par-la-mauvaise-adresse")
        referent.user.save()
        referent.email = "gregoire.vasseur@ft.example.org"
        referent.save()
        invite(manager_client, referent, django_capture_on_commit_callbacks)
        user = User.objects.get(pk=referent.user_id)
        assert user.email == "gregoire.vasseur@ft.example.org"
        assert not user.has_usable_password()
        assert mailoutbox[-1].to == ["gregoire.vasseur@ft.example.org"]

    def test_a_user_without_territory_is_refused(self, client, referent):
        client.force_login(UserFactory())
        assert client.post(invite_url(referent)).status_code == 403
