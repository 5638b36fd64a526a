"""A counsellor's morning: the caseload, a new file with the commune picker, a phase, the timeline."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.participants.factories import ParticipantFactory, PathwayFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice_page(page: Page, live_server, reference_data, counsellor, colleague, territory, pathway) -> Page:
    """Alice follows Nadia; her colleague Frank follows Mickaël."""
    PathwayFactory(
        territory=territory,
        referent=colleague,
        participant=ParticipantFactory(first_name="Mickaël", last_name="Carpentier"),
    )
    return log_in_as(page, live_server, counsellor)


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


class TestCounsellorMorning:
    def test_caseload_new_file_phase_and_timeline(self, alice_page: Page):
        page = alice_page
        page.goto("/personnes/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Personnes accompagnées")
        table = page.locator("#caseload-results")
        expect(table).to_contain_text("BENAMAR Nadia")
        expect(table).not_to_contain_text("CARPENTIER")
        assert_accessible(page)

        page.get_by_label("Conseiller·ère référent·e").select_option(
            label="Tous les conseillers et conseillères"
        )
        expect(table).to_contain_text("CARPENTIER Mickaël")
        expect(page.locator("#caseload-count")).to_have_text("2 personnes")
        expect(page).to_have_url("/personnes/?search=&referent=&phase=&last_contact=&barrier=&sort=name")
        page.get_by_label("Nom", exact=True).fill("mickael")
        expect(table).not_to_contain_text("BENAMAR")
        assert_accessible(page)

        page.get_by_role("link", name="Nouvelle personne").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle personne")
        page.get_by_role("textbox", name="Prénom").fill("Sabrina")
        page.get_by_role("textbox", name="Nom", exact=True).fill("Lemaire")
        page.get_by_label("Date de naissance").fill("1991-05-17")
        page.get_by_label("Téléphone").fill("0698765432")
        page.locator("#id_commune_search").press_sequentially("62300")
        page.locator('#id_commune_results [data-picker-value="62498"]').click()
        expect(page.locator("#id_commune")).to_have_value("62498")
        page.get_by_label("Minimum social").select_option(label="RSA")
        page.get_by_role("button", name="Créer la fiche").click()

        expect(page.locator(".field__errors")).to_contain_text(
            "Le consentement de la personne est nécessaire"
        )
        expect(page.get_by_role("textbox", name="Prénom")).to_have_value("Sabrina")
        assert_accessible(page)
        page.get_by_label("La personne a pris connaissance").check()
        page.get_by_role("button", name="Créer la fiche").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Sabrina Lemaire")
        expect(page.get_by_role("status")).to_contain_text("La fiche de Sabrina Lemaire est créée.")
        expect(page.locator("main")).to_contain_text("62300 Lens")
        assert_accessible(page)

        page.get_by_label("Passer en phase").select_option(label="Vers l’emploi")
        page.get_by_role("button", name="Changer de phase").click()
        expect(page.get_by_role("status")).to_contain_text("maintenant en phase « Vers l’emploi »")

        page.get_by_role("link", name="Fil du parcours", exact=True).click()
        expect(page.get_by_role("heading", level=2, name="Fil du parcours")).to_be_visible()
        expect(page.locator(".timeline__event--milestone").first).to_contain_text("Bravo ! Un pas de plus")
        expect(page.locator(".timeline")).to_contain_text("Passage en phase « Vers l’emploi »")
        assert_accessible(page)

    def test_the_caseload_and_the_file_fit_a_phone(self, alice_page: Page, participant):
        page = alice_page
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/personnes/")
        expect(page.locator("#caseload-results")).to_contain_text("BENAMAR Nadia")
        assert no_horizontal_scroll(page)
        assert_accessible(page)
        page.goto(f"/personnes/{participant.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Benamar")
        assert no_horizontal_scroll(page)
        assert_accessible(page)
