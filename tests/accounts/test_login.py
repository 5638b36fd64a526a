import pytest
from django.core import mail
from django.urls import reverse

from chemin.accounts.models import User
from tests.accounts.factories import DEFAULT_PASSWORD


@pytest.mark.django_db
class TestLogin:
    def test_counsellor_signs_in_with_email_and_lands_on_home(self, client, counsellor):
        response = client.post(
            reverse("accounts:login"), {"username": counsellor.email.upper(), "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302
        assert response.url == reverse("core:home")
        assert client.get(reverse("core:home")).context["user"] == counsellor

    def test_wrong_password_gets_a_french_message_and_keeps_the_email(self, client, counsellor):
        response = client.post(reverse("accounts:login"), {"username": counsellor.email, "password": "nope"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "Adresse e-mail ou mot de passe incorrect" in content
        assert f'value="{counsellor.email}"' in content

    def test_deactivated_account_cannot_sign_in(self, client, counsellor):
        counsellor.is_active = False
        counsellor.save()
        response = client.post(
            reverse("accounts:login"), {"username": counsellor.email, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_login_page_is_in_french_by_default(self, client):
        response = client.get(reverse("accounts:login"))
        content = response.content.decode()
        assert '<html lang="fr">' in content
        assert "Se connecter" in content

    def test_logout_requires_post_and_ends_the_session(self, counsellor_client):
        assert counsellor_client.get(reverse("accounts:logout")).status_code == 405
        response = counsellor_client.post(reverse("accounts:logout"))
        assert response.status_code == 302
        assert "_auth_user_id" not in counsellor_client.session


@pytest.mark.django_db
class TestDenyByDefault:
    def test_anonymous_visitor_is_sent_to_login(self, client):
        response = client.get(reverse("core:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_login_next_parameter_cannot_redirect_off_site(self, client, counsellor):
        response = client.post(
            reverse("accounts:login") + "?next=https://evil.example/",
            {"username": counsellor.email, "password": DEFAULT_PASSWORD, "next": "https://evil.example/"},
        )
        assert response.url == reverse("core:home")


@pytest.mark.django_db
class TestPasswordReset:
    def test_known_email_receives_a_link_that_sets_a_new_password(self, client, counsellor):
        response = client.post(reverse("accounts:password_reset"), {"email": counsellor.email})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [counsellor.email]
        assert "Chemin faisant" in message.subject
        link = next(line for line in message.body.splitlines() if "/mot-de-passe/nouveau/" in line)
        path = link.split("testserver", 1)[1]
        form_page = client.get(path, follow=True)
        new_password = "un-tout-nouveau-mot-de-passe-2026"
        response = client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": new_password, "new_password2": new_password},
        )
        assert response.status_code == 302
        counsellor.refresh_from_db()
        assert counsellor.check_password(new_password)

    def test_unknown_email_gets_the_same_answer_and_no_mail(self, client):
        response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@example.org"})
        assert response.status_code == 302
        assert mail.outbox == []

    def test_tampered_link_shows_a_clear_page(self, client, counsellor):
        response = client.get(
            reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "faux-jeton"})
        )
        assert response.status_code == 200
        assert "Ce lien est invalide ou a expiré" in response.content.decode()


@pytest.mark.django_db
class TestUserManager:
    def test_emails_are_stored_lower_case_and_unique(self):
        User.objects.create_user("Alice@Example.org", "x", first_name="Alice", last_name="Martin")
        assert User.objects.get_by_natural_key("ALICE@example.org").email == "alice@example.org"


@pytest.mark.django_db
class TestExpiredSessionInHtmx:
    def test_htmx_request_without_session_reloads_the_page_to_login(self, client):
        response = client.get(
            reverse("referentials:rome_search"), {"q": "soud"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert response.headers["HX-Redirect"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
class TestLockout:
    def fail(self, client, email, times):
        for _attempt in range(times):
            response = client.post(reverse("accounts:login"), {"username": email, "password": "wrong"})
        return response

    def test_eleven_failed_sign_ins_lock_the_account_with_a_french_message(self, client, counsellor):
        # Ten failures: still the usual message (the case of the email makes no difference).
        response = self.fail(client, counsellor.email.upper(), 5)
        response = self.fail(client, counsellor.email, 5)
        assert response.status_code == 200
        assert "Adresse e-mail ou mot de passe incorrect" in response.content.decode()

        response = self.fail(client, counsellor.email, 1)
        assert response.status_code == 429
        content = response.content.decode()
        assert "Compte verrouillé" in content
        assert "trop de tentatives de connexion" in content.lower()
        assert "30 minutes" in content

        # Locked: even the right password is refused, and no session is opened.
        response = client.post(
            reverse("accounts:login"), {"username": counsellor.email, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_the_lock_is_per_account(self, client, counsellor, manager):
        self.fail(client, counsellor.email, 11)
        response = client.post(
            reverse("accounts:login"), {"username": manager.email, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302

    def test_a_successful_sign_in_resets_the_count(self, client, counsellor):
        self.fail(client, counsellor.email, 10)
        assert (
            client.post(
                reverse("accounts:login"), {"username": counsellor.email, "password": DEFAULT_PASSWORD}
            ).status_code
            == 302
        )
        client.post(reverse("accounts:logout"))
        response = self.fail(client, counsellor.email, 10)
        assert response.status_code == 200
