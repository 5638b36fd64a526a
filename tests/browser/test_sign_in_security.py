"""Signing in is guarded: eleven failed sign-ins lock the account with a French page, and staff
must set up and use a second factor (an authenticator app) when it is required, as in production."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from chemin.accounts.enums import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.accounts.test_two_factor import current_code
from tests.browser.axe import assert_accessible
from tests.browser.layout import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice(territory):
    return UserFactory(
        first_name="Alice",
        last_name="Martin",
        email="alice.martin@example.org",
        memberships=[(territory, Role.COUNSELLOR)],
    )


def log_in(page: Page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_eleven_failed_sign_ins_lock_the_account(page: Page, alice):
    for _attempt in range(10):
        log_in(page, alice.email, "pas-le-bon-mot-de-passe")
        expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect")).to_be_visible()
    log_in(page, alice.email, "pas-le-bon-mot-de-passe")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compte verrouillé")
    expect(page.get_by_text("ce compte est verrouillé pendant 30 minutes")).to_be_visible()
    assert_accessible(page)

    # The right password does not open a locked account.
    log_in(page, alice.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Compte verrouillé")


def test_staff_set_up_their_authenticator_app_before_anything_else(page: Page, alice, settings):
    settings.TWO_FACTOR_REQUIRED = True
    log_in(page, alice.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion en deux étapes")
    expect(
        page.get_by_role("img", name="QR code à scanner avec votre application d’authentification")
    ).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)
    # Nothing else opens before the second factor.
    page.goto("/personnes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion en deux étapes")

    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Confirmer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vos codes de secours")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Je les ai notés, continuer").click()
    expect(page).to_have_url("/personnes/")

    # The next sign-in asks for a code.
    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, alice.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Code de connexion")
    assert_accessible(page)
    device.refresh_from_db()
    device.last_t -= 1  # the same 30-second window as at set-up: let its code count once more
    device.save()
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Alice")


def test_signing_out_everywhere_from_the_account_page(page: Page, alice, live_server):
    log_in(page, alice.email)
    page.get_by_role("link", name="Alice Martin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    assert_accessible(page)
    assert_fits_a_phone(page)
    page.get_by_role("button", name="Me déconnecter de tous les appareils").click()
    expect(page.get_by_text("Vous êtes déconnecté·e de tous vos appareils.")).to_be_visible()
    page.goto("/")
    expect(page).to_have_url("/compte/connexion/?next=/")
