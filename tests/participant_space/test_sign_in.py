"""Signing in to the space by email link (magic link), asking for one, and choosing a password."""

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from chemin.participant_space import tokens
from chemin.participant_space.services import LINKS_PER_WINDOW

SENT_ANSWER = "Si cette adresse est connue, un lien vous a été envoyé"


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _link_from(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return url.split("testserver", 1)[1]


def run_the_worker() -> None:
    """The requested links leave through the task queue, as in production."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# Transactional: the worker runs in its own transactions and must see the queued tasks.
@pytest.mark.django_db(transaction=True)
class TestLinkRequest:
    def test_a_known_address_gets_a_link_by_email(self, client, person):
        response = client.post(
            reverse("space:link_request"), {"email": "Nadia.Benamar@example.org "}, follow=True
        )
        assert SENT_ANSWER in response.content.decode()
        assert mail.outbox == []  # not sent while the visitor waits
        run_the_worker()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["nadia.benamar@example.org"]
        assert "/mon-espace/connexion/lien/" in _link_from(mail.outbox[0])

    def test_an_unknown_address_gets_the_same_answer_and_no_email(self, client, person):
        known = client.post(reverse("space:link_request"), {"email": "nadia.benamar@example.org"})
        unknown = client.post(reverse("space:link_request"), {"email": "personne@example.org"})
        assert known.status_code == unknown.status_code == 302
        assert known.url == unknown.url == reverse("space:link_sent")
        # Both queued a task: the known address does not answer slower.
        assert DBTaskResult.objects.count() == 2
        run_the_worker()
        assert len(mail.outbox) == 1

    def test_a_staff_address_gets_no_link(self, client, counsellor):
        client.post(reverse("space:link_request"), {"email": counsellor.email})
        run_the_worker()
        assert mail.outbox == []

    def test_a_few_links_per_address_then_silence(self, client, person):
        for _attempt in range(LINKS_PER_WINDOW + 2):
            response = client.post(reverse("space:link_request"), {"email": person.email})
            assert response.url == reverse("space:link_sent")
        run_the_worker()
        assert len(mail.outbox) == LINKS_PER_WINDOW

    def test_a_bad_address_gets_a_french_error_on_the_field(self, client):
        response = client.post(reverse("space:link_request"), {"email": "nadia@"})
        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            "Cette adresse email n’est pas complète. Exemple : nadia.martin@gmail.com"
        ]

    def test_the_staff_sign_in_page_points_to_it(self, client):
        response = client.get(reverse("accounts:login"))
        assert reverse("space:link_request") in response.content.decode()
        assert "Personne accompagnée ? Recevoir un lien de connexion par email" in response.content.decode()


class TestLinkSignIn:
    def test_opening_the_link_shows_a_button_and_does_not_sign_in(self, client, person):
        url = reverse("space:link_sign_in", kwargs={"token": tokens.make_token(person)})
        response = client.get(url)
        assert response.status_code == 200
        assert "Se connecter" in response.content.decode()
        assert "_auth_user_id" not in client.session
        # A mail scanner opening the link did not use it up.
        assert client.post(url).status_code == 302

    def test_the_button_signs_in_and_leads_home(self, client, person):
        url = reverse("space:link_sign_in", kwargs={"token": tokens.make_token(person)})
        response = client.post(url)
        assert response.status_code == 302
        assert response.url == reverse("space:home")
        assert client.session["_auth_user_id"] == str(person.pk)
        assert client.get(reverse("space:home")).status_code == 200

    def test_a_link_works_once(self, client, person):
        url = reverse("space:link_sign_in", kwargs={"token": tokens.make_token(person)})
        client.post(url)
        client.logout()
        response = client.post(url)
        assert response.status_code == 410
        assert "déjà été utilisé" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_an_expired_link_offers_a_new_one(self, client, person, settings):
        url = reverse("space:link_sign_in", kwargs={"token": tokens.make_token(person)})
        later = time.time() + settings.PARTICIPANT_LINK_MAX_AGE + 5
        with mock.patch("django.core.signing.time.time", return_value=later):
            response = client.post(url)
        assert response.status_code == 410
        content = response.content.decode()
        assert "n’est plus à jour" in content
        assert reverse("space:link_request") in content
        assert "_auth_user_id" not in client.session

    def test_a_tampered_link_is_refused(self, client, person, other_person):
        mine, theirs = tokens.make_token(person), tokens.make_token(other_person)
        # Omar's account with the signature of Nadia's link; a cut signature; rubbish.
        swapped = theirs.split(":", 1)[0] + ":" + mine.split(":", 1)[1]
        for bad in (swapped, mine[:-3] + "abc", mine[:20], "x"):
            response = client.post(reverse("space:link_sign_in", kwargs={"token": bad}))
            assert response.status_code == 410
            assert "n’est pas complet" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_staff_account_cannot_get_in_with_a_link(self, client, counsellor):
        url = reverse("space:link_sign_in", kwargs={"token": tokens.make_token(counsellor)})
        assert client.post(url).status_code == 410
        assert "_auth_user_id" not in client.session

    @pytest.mark.django_db(transaction=True)
    def test_the_emailed_link_signs_in(self, client, person):
        client.post(reverse("space:link_request"), {"email": person.email})
        run_the_worker()
        response = client.post(_path(_link_from(mail.outbox[0])))
        assert response.url == reverse("space:home")


class TestPassword:
    def test_the_person_chooses_a_password_then_signs_in_with_it(self, person_client, client, person):
        new = "un-chemin-bien-a-moi-2027"
        response = person_client.post(reverse("space:password"), {"new_password1": new, "new_password2": new})
        assert response.status_code == 302
        # Still signed in after the change.
        assert person_client.get(reverse("space:home")).status_code == 200
        signed_in = client.post(reverse("accounts:login"), {"username": person.email, "password": new})
        assert signed_in.status_code == 302
        assert client.get(signed_in.url, follow=True).request["PATH_INFO"] == reverse("space:home")

    def test_two_different_passwords_get_an_error_on_the_field(self, person_client):
        response = person_client.post(
            reverse("space:password"), {"new_password1": "un-chemin-bien-a-moi", "new_password2": "autre"}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
