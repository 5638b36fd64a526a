"""A business developer creates a company (SIRET typed with spaces), adds a contact, logs a call
with a next action and finds it on "My day"; every page passes axe and fits a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.companies.models import Company, CompanyInteraction
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


def check(page: Page) -> None:
    assert_accessible(page)
    assert_fits_a_phone(page)


def test_business_developer_creates_a_company_logs_a_call_and_sees_it_on_my_day(
    page: Page, live_server, reference_data, business_developer
):
    log_in_as(page, live_server, business_developer)
    page.goto("/entreprises/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Entreprises")
    check(page)

    page.get_by_role("link", name="Ajouter une entreprise").click()
    page.get_by_role("textbox", name="Nom").fill("Boulangerie Ducrocq")
    page.get_by_label("SIRET").fill("802 145 730 00024")
    page.get_by_label("Code NAF").fill("10.71C")
    page.locator("#id_commune_search").press_sequentially("Liévin")
    page.locator('#id_commune_results [data-picker-value="62510"]').click()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#id_siret_error")).to_contain_text("Ce SIRET n’existe pas")
    expect(page.get_by_role("textbox", name="Nom")).to_have_value("Boulangerie Ducrocq")
    check(page)
    page.get_by_label("SIRET").fill("802 145 730 00023")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Boulangerie Ducrocq")
    expect(page.locator("main")).to_contain_text("80214573000023")
    expect(page.locator("main")).to_contain_text("62800 Liévin")
    check(page)

    page.get_by_role("link", name="Ajouter un contact").click()
    page.get_by_label("Prénom").fill("Pascal")
    page.get_by_role("textbox", name="Nom", exact=True).fill("Ducrocq")
    page.get_by_label("Téléphone").fill("0321432211")
    check(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#contacts")).to_contain_text("03 21 43 22 11")

    page.get_by_role("link", name="Noter un échange").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noter un échange avec Boulangerie Ducrocq")
    page.get_by_label("Appel").check()
    page.get_by_label("Contact dans l’entreprise").select_option(label="Pascal Ducrocq")
    page.get_by_label("Résumé").fill("Cherche un vendeur ou une vendeuse le week-end.")
    page.get_by_label("Prochaine action", exact=True).fill("Envoyer deux profils")
    page.get_by_label("Date de la prochaine action").fill(timezone.localdate().isoformat())
    check(page)
    page.get_by_role("button", name="Enregistrer l’échange").click()

    expect(page.locator(".company-logged")).to_contain_text("Échange enregistré")
    expect(page.locator("#echanges")).to_contain_text("Envoyer deux profils")
    check(page)

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Ma journée"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma journée")
    expect(page.locator("#actions")).to_contain_text("Boulangerie Ducrocq")
    expect(page.locator("#actions")).to_contain_text("Envoyer deux profils")
    expect(page.locator("[data-today-count]")).to_have_text("1")
    check(page)

    page.get_by_role("button", name="Marquer comme faite (Boulangerie Ducrocq)").click()
    expect(page.locator("#actions")).to_contain_text("Aucune action prévue aujourd’hui")
    check(page)

    company = Company.objects.get()
    assert company.siret == "80214573000023"
    assert company.last_contact_on == timezone.localdate()
    interaction = CompanyInteraction.objects.get()
    assert interaction.next_action_done
    assert interaction.next_action_on - interaction.date == datetime.timedelta(0)
