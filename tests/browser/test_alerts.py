"""Alerts in a real browser: Alice goes from her home page's counts to the alerts of one kind, then to
the action that clears it; Bob, her manager, looks at the whole territory. Every page passes axe and
fits a phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.partners.factories import make_barrier, make_partner, make_referral
from tests.steps.factories import StepFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def waiting(reference_data, pathway, territory):
    """Nadia, never contacted since her entry 40 days ago, with a late step and an unanswered referral."""
    StepFactory(pathway=pathway, title="Déposer le dossier de la CAF", overdue=True)
    make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=15)
    return pathway


def test_from_the_home_counts_to_the_step_that_clears_the_alert(page: Page, live_server, counsellor, waiting):
    log_in_as(page, live_server, counsellor)
    page.goto("/")
    alerts = page.get_by_role("region", name="Mes alertes")
    expect(alerts).to_contain_text("Étapes en retard : 1")
    expect(page.get_by_role("region", name="File active")).to_contain_text(
        "1 personne dont vous êtes référent·e"
    )
    assert_accessible(page)

    alerts.get_by_role("link", name="Étapes en retard : 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes alertes")
    expect(page.get_by_role("heading", level=2)).to_have_text("Étapes en retard (1)")
    expect(page.get_by_role("link", name="Étapes en retard (1)")).to_have_attribute("aria-current", "page")
    assert_accessible(page)
    assert_fits_a_phone(page)

    page.get_by_role("link", name="Toutes (4)").click()
    expect(page.get_by_role("heading", level=2)).to_have_count(4)
    assert_accessible(page)

    page.get_by_role("link", name="Nadia Benamar : 1 étape en retard").click()
    expect(page.get_by_role("heading", name="Déposer le dossier de la CAF")).to_be_visible()
    page.get_by_role("button", name="Marquer comme franchie : Déposer le dossier de la CAF").click()
    expect(page.locator(".step--done")).to_have_count(1)
    page.goto("/alertes/?type=overdue_steps")
    expect(
        page.get_by_text("Aucune alerte de ce type (« Étapes en retard ») pour le moment.")
    ).to_be_visible()


def test_a_manager_switches_to_the_whole_territory(page: Page, live_server, manager, waiting):
    log_in_as(page, live_server, manager)
    page.goto("/alertes/")
    expect(page.get_by_text("Rien ne vous attend : aucune alerte pour le moment.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Tout le territoire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alertes — Lens-Liévin")
    expect(page.get_by_text("référent·e : Alice Martin").first).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_have_count(4)
    assert_accessible(page)
    assert_fits_a_phone(page)
