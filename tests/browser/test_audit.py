"""A manager opens a participant file, then its access log, and finds their own read there."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as

pytestmark = pytest.mark.django_db(transaction=True)


class TestAccessLog:
    def test_a_manager_s_read_of_a_file_appears_in_its_access_log(
        self, page: Page, live_server, reference_data, manager, pathway
    ):
        log_in_as(page, live_server, manager)
        page.goto(f"/personnes/{pathway.participant_id}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Benamar")
        assert_accessible(page)

        page.get_by_role("link", name="Journal des accès à ce dossier").click()
        expect(page.get_by_role("heading", level=2, name="Journal des accès")).to_be_visible()
        first_row = page.locator("table.audit-history tbody tr").first
        expect(first_row).to_contain_text("Bob Lefebvre")
        expect(first_row).to_contain_text("Consultation : Dossier de la personne")
        # The file's creation is there too, as a change without its values.
        expect(page.locator("table.audit-history")).to_contain_text("Création : personne accompagnée")
        assert_accessible(page)

    def test_an_admin_searches_the_audit_and_is_told_what_is_wrong_with_a_filter(
        self, page: Page, live_server, reference_data, admin_user, manager, pathway
    ):
        log_in_as(page, live_server, manager)
        page.goto(f"/personnes/{pathway.participant_id}/")
        log_in_as(page, live_server, admin_user)
        page.goto("/journal/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Journal d’audit")
        assert_accessible(page)

        page.get_by_label("Numéro du dossier de la personne").fill("0")
        page.get_by_role("button", name="Rechercher").click()
        expect(
            page.get_by_text("Saisissez le numéro du dossier en chiffres, par exemple 1234.")
        ).to_be_visible()
        assert_accessible(page)

        page.get_by_label("Numéro du dossier de la personne").fill(str(pathway.participant_id))
        page.get_by_label("Type").select_option(label="Dossier de la personne")
        page.get_by_role("button", name="Rechercher").click()
        rows = page.locator("table.audit-history tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Bob Lefebvre")
        assert_accessible(page)
