"""The pickers in a real browser: typing, choosing with the keyboard, and the accessibility scan."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


class TestRomePicker:
    def test_a_counsellor_finds_and_chooses_a_job_with_the_keyboard(self, logged_in_page: Page):
        page = logged_in_page
        page.goto("/referentiels/metiers/")
        assert_accessible(page)

        search = page.locator("#id_job_search")
        search.press_sequentially("caissiere")
        first = page.locator("#id_job_results [data-picker-value]").first
        expect(first).to_have_attribute("data-picker-value", "D1505")
        assert_accessible(page)

        search.press("ArrowDown")
        expect(first).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#id_job")).to_have_value("D1505")
        expect(page.locator("#id_job_chosen")).to_contain_text("D1505 — Hôte / Hôtesse de caisse")
        expect(search).to_be_focused()
        expect(page.locator("#id_job_results [data-picker-value]")).to_have_count(0)

        page.locator(".lookup-form [type=submit]").click()
        expect(page.locator("#chosen-title")).to_have_text("D1505 — Hôte / Hôtesse de caisse")
        expect(page.locator("table tbody tr").first).to_contain_text("D1505")
        assert_accessible(page)

    def test_escape_closes_the_list_and_a_click_chooses(self, logged_in_page: Page):
        page = logged_in_page
        page.goto("/referentiels/metiers/")
        search = page.locator("#id_job_search")
        search.press_sequentially("soudur")
        options = page.locator("#id_job_results [data-picker-value]")
        expect(options.first).to_have_attribute("data-picker-value", "H2913")
        search.press("Escape")
        expect(options).to_have_count(0)

        search.press_sequentially("e")
        page.locator('#id_job_results [data-picker-value="H2913"]').click()
        expect(page.locator("#id_job")).to_have_value("H2913")

    def test_a_code_typed_by_hand_is_checked_by_the_server(self, logged_in_page: Page):
        page = logged_in_page
        page.goto("/referentiels/metiers/")
        page.locator("#id_job").fill("ZZ999")
        page.locator(".lookup-form [type=submit]").click()
        expect(page.locator(".field__errors")).to_contain_text("ZZ999")
        assert_accessible(page)


class TestCommunePicker:
    def test_a_counsellor_picks_a_commune_by_postal_code_and_sees_distances(self, logged_in_page: Page):
        page = logged_in_page
        page.goto("/referentiels/communes/")
        search = page.locator("#id_commune_search")
        search.press_sequentially("62300")
        page.locator('#id_commune_results [data-picker-value="62498"]').click()
        expect(page.locator("#id_commune")).to_have_value("62498")
        search.fill("arras")
        page.locator(".lookup-form [type=submit]").click()
        expect(page.locator("table tbody tr").first).to_contain_text("≈ 16 km")
        assert_accessible(page)
