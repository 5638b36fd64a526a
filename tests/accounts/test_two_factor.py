"""Two-factor authentication is enforced for staff when TWO_FACTOR_REQUIRED is on (production)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from chemin.accounts import two_factor
from tests.accounts.factories import DEFAULT_PASSWORD


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    # A wrong code delays the next try (2^n seconds); the throttling test below keeps it.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.mark.django_db
@pytest.mark.usefixtures("required")
class TestEnforced:
    def test_a_password_alone_opens_nothing_the_app_is_set_up_first(self, client, counsellor):
        sign_in(client, counsellor)
        response = client.get(reverse("participants:caseload"))
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:two_factor_setup')}?next=%2Fpersonnes%2F"

        page = client.get(response.url)
        content = page.content.decode()
        assert "Connexion en deux étapes" in content
        assert "<svg" in content  # the QR code, drawn on the page
        device = TOTPDevice.objects.get(user=counsellor, confirmed=False)
        assert two_factor.secret_for_typing(device).replace(" ", "") in content.replace(" ", "")

        wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000", "next": "/personnes/"})
        assert "Ce code n’est pas celui qu’affiche votre application" in wrong.content.decode()

        done = client.post(
            reverse("accounts:two_factor_setup"), {"code": current_code(device), "next": "/personnes/"}
        )
        assert done.url == f"{reverse('accounts:two_factor_recovery_codes')}?next=/personnes/"
        codes_page = client.get(done.url).content.decode()
        assert codes_page.count("<li><code>") == 10
        # Shown once only.
        assert client.get(done.url).status_code == 302
        assert client.get(reverse("participants:caseload")).status_code == 200

    def test_every_later_sign_in_asks_for_a_code_or_a_recovery_code(self, client, counsellor):
        device = TOTPDevice.objects.create(user=counsellor, name="app", confirmed=True)
        [code, *_others] = two_factor.new_recovery_codes(counsellor)
        sign_in(client, counsellor)
        response = client.get(reverse("core:home"))
        assert response.url == f"{reverse('accounts:two_factor_verify')}?next=%2F"

        refused = client.post(reverse("accounts:two_factor_verify"), {"code": "123456", "next": "/"})
        assert "Ce code n’est pas valable" in refused.content.decode()
        assert client.get(reverse("core:home")).status_code == 302

        assert (
            client.post(reverse("accounts:two_factor_verify"), {"code": code.upper(), "next": "/"}).url == "/"
        )
        assert client.get(reverse("core:home")).status_code == 200

        # A recovery code works once.
        client.post(reverse("accounts:logout"))
        sign_in(client, counsellor)
        again = client.post(reverse("accounts:two_factor_verify"), {"code": code, "next": "/"})
        assert again.status_code == 200
        ok = client.post(reverse("accounts:two_factor_verify"), {"code": current_code(device), "next": "/"})
        assert ok.url == "/"

    def test_signing_out_and_public_links_stay_open(self, client, counsellor):
        sign_in(client, counsellor)
        assert client.get(reverse("healthz")).status_code == 200
        assert client.post(reverse("accounts:logout")).status_code == 302

    def test_an_offsite_next_is_ignored(self, client, counsellor):
        device = TOTPDevice.objects.create(user=counsellor, name="app", confirmed=True)
        sign_in(client, counsellor)
        response = client.post(
            reverse("accounts:two_factor_verify"),
            {"code": current_code(device), "next": "https://evil.example/"},
        )
        assert response.url == reverse("core:home")


@pytest.mark.django_db
def test_a_wrong_code_delays_the_next_try(client, counsellor, settings):
    settings.TWO_FACTOR_REQUIRED = True
    device = TOTPDevice.objects.create(user=counsellor, name="app", confirmed=True)
    sign_in(client, counsellor)
    client.post(reverse("accounts:two_factor_verify"), {"code": "000000", "next": "/"})
    # Even the right code, typed at once after a wrong one, is refused: guessing is slowed down.
    response = client.post(reverse("accounts:two_factor_verify"), {"code": current_code(device), "next": "/"})
    assert response.status_code == 200
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_off_in_the_demo_and_the_suite_a_password_is_enough(client, counsellor, settings):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, counsellor)
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
class TestAccount:
    def test_signing_out_everywhere_ends_every_session_of_the_user_only(self, counsellor, manager):
        laptop, phone, colleague = Client(), Client(), Client()
        laptop.force_login(counsellor)
        phone.force_login(counsellor)
        colleague.force_login(manager)
        assert phone.get(reverse("core:home")).status_code == 200

        response = laptop.post(reverse("accounts:sign_out_everywhere"))
        assert response.url == reverse("accounts:login")
        assert "Vous êtes déconnecté·e de tous vos appareils" in laptop.get(response.url).content.decode()

        for client in (laptop, phone):
            assert client.get(reverse("core:home")).status_code == 302
        assert colleague.get(reverse("core:home")).status_code == 200
        # Signing in again works as before.
        assert sign_in(Client(), counsellor).url == reverse("core:home")

    def test_the_account_page_offers_new_recovery_codes_once_the_app_is_set_up(
        self, counsellor_client, counsellor
    ):
        page = counsellor_client.get(reverse("accounts:account")).content.decode()
        assert "Mon compte" in page
        assert "Configurer une application d’authentification" in page

        TOTPDevice.objects.create(user=counsellor, name="app", confirmed=True)
        [old, *_rest] = two_factor.new_recovery_codes(counsellor)
        response = counsellor_client.post(reverse("accounts:new_recovery_codes"))
        codes = counsellor_client.get(response.url).content.decode()
        assert codes.count("<li><code>") == 10
        assert old not in codes
        assert two_factor.verify(counsellor, old) is None
