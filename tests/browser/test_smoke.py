import pytest
from playwright.sync_api import Page, expect

from chemin.accounts.enums import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sophie(territory, other_territory):
    """A counsellor who works in two territories."""
    return UserFactory(
        first_name="Sophie",
        last_name="Martin",
        email="sophie.martin@example.org",
        memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.COUNSELLOR)],
    )


def log_in(page: Page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


class TestSmoke:
    def test_counsellor_logs_in_switches_territory_and_logs_out(self, page: Page, sophie):
        page.goto("/")
        expect(page).to_have_url("/compte/connexion/?next=/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
        assert_accessible(page)

        log_in(page, sophie.email)
        expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Sophie")
        expect(page.get_by_text("Vous travaillez sur")).to_contain_text("Arras")
        assert_accessible(page)

        page.get_by_label("Territoire").select_option(label="Lens-Liévin")
        page.get_by_role("button", name="Changer de territoire").click()
        expect(page.get_by_role("status")).to_contain_text("Vous travaillez maintenant sur Lens-Liévin")
        expect(page.get_by_text("Vous travaillez sur")).to_contain_text("Lens-Liévin")
        assert_accessible(page)

        page.get_by_role("button", name="Se déconnecter").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
        assert_accessible(page)
        page.goto("/")
        expect(page).to_have_url("/compte/connexion/?next=/")

    def test_wrong_password_is_announced_in_french(self, page: Page, sophie):
        log_in(page, sophie.email, "pas-le-bon")
        expect(page.get_by_role("alert")).to_contain_text("Adresse e-mail ou mot de passe incorrect")
        expect(page.get_by_label("Adresse e-mail")).to_have_value(sophie.email)
        assert_accessible(page)


class TestKeyboardAndPhone:
    def test_skip_link_is_the_first_stop_and_leads_to_the_content(self, page: Page, sophie):
        log_in(page, sophie.email)
        expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Sophie")
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Aller au contenu")
        expect(skip).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()

    def test_home_fits_a_phone_screen(self, page: Page, sophie):
        page.set_viewport_size({"width": 360, "height": 740})
        log_in(page, sophie.email)
        expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Sophie")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert_accessible(page)

    def test_on_a_phone_the_menu_folds_behind_one_button(self, page: Page, sophie):
        page.set_viewport_size({"width": 360, "height": 740})
        log_in(page, sophie.email)
        nav = page.get_by_role("navigation", name="Navigation principale")
        menu = page.get_by_role("button", name="Menu")
        expect(nav).to_be_hidden()
        expect(menu).to_have_attribute("aria-expanded", "false")
        # The page's own content starts on the first screen.
        assert page.get_by_role("heading", level=1).bounding_box()["y"] < 200

        menu.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(nav.get_by_role("link", name="Personnes accompagnées")).to_be_visible()
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
        assert_accessible(page)
        page.keyboard.press("Escape")
        expect(nav).to_be_hidden()
        expect(menu).to_be_focused()

    def test_on_a_desktop_the_menu_is_always_open(self, page: Page, sophie):
        log_in(page, sophie.email)
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
