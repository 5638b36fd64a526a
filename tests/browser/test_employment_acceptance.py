"""Issue 6's acceptance, in one browser, from a hire to the exit.

A placement becomes an 8-month CDD; the follow-up calendar appears; the counsellor records the
employee side of D+7; the employer answers their side through the emailed link (taken from the
real outbox) signalling a transport difficulty; the counsellor turns it into a mobility barrier;
at the exit the suggested category is "emploi durable". Every page passes axe-core.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.core.dates import add_months
from chemin.employments.enums import Side
from chemin.employments.models import CheckInSide
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.services import placement_change_status, placement_create
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.companies.factories import make_company, make_contact
from tests.opportunities.factories import make_opportunity

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://\S+/suivi-employeur/\S+/")


def test_a_hire_is_followed_on_both_sides_until_a_lasting_exit(
    page: Page, browser, live_server, reference_data, counsellor, pathway
):
    today = timezone.localdate()
    participant = pathway.participant
    company = make_company(pathway.territory, name="Propreté de l’Artois")
    contact = make_contact(company, email="k.delcourt@propre-artois.example.fr")
    offer = make_opportunity(
        company, counsellor, title="Agente de propreté", rome="K2204", contact=contact, hours_per_week=30
    )
    placement = placement_create(pathway=pathway, opportunity=offer, created_by=counsellor)
    for status in (
        PlacementStatus.ACCEPTED_BY_PERSON,
        PlacementStatus.SENT_TO_EMPLOYER,
        PlacementStatus.HIRED,
    ):
        placement = placement_change_status(placement=placement, status=status, changed_by=counsellor)

    # The placement becomes an 8-month CDD and its follow-up calendar appears.
    log_in_as(page, live_server, counsellor)
    page.goto(f"/personnes/{participant.pk}/offres/")
    page.get_by_role("link", name="Enregistrer le contrat — Agente de propreté").click()
    start = today - datetime.timedelta(days=10)
    page.locator("#id_contract_type").select_option("cdd")
    page.get_by_label("Date de début").fill(start.isoformat())
    page.get_by_label("Fin prévue (facultatif)").fill(add_months(start, 8).isoformat())
    page.get_by_label("Fin de la période d’essai (facultatif)").fill(
        (start + datetime.timedelta(days=30)).isoformat()
    )
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer le contrat").click()
    expect(page.get_by_role("heading", level=4, name="Calendrier de suivi")).to_be_visible()
    for milestone in ("J+7", "Fin de la période d’essai", "M+1", "M+3", "M+6"):
        expect(page.locator(".check-in__title", has_text=milestone).first).to_be_visible()
    assert_accessible(page)

    # The employee side of D+7, recorded by the counsellor.
    page.get_by_role("link", name="Enregistrer le côté salarié·e de J+7").click()
    page.get_by_label("Date de l’échange").fill(today.isoformat())
    page.get_by_label("Appel").check()
    page.get_by_label("Très bien").check()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer ce volet").click()
    expect(page.get_by_text("J+7, côté salarié·e : enregistré.")).to_be_visible()

    # The employer side: a form sent by email, answered through its link without an account.
    page.get_by_role("button", name="Envoyer le formulaire à l’employeur — J+7").click()
    expect(page.get_by_text("Formulaire envoyé le").first).to_be_visible()
    assert_accessible(page)
    assert [message.to for message in mail.outbox] == [["k.delcourt@propre-artois.example.fr"]]
    link = LINK.search(mail.outbox[0].body).group(0)

    employer_context = browser.new_context(locale="fr-FR")
    employer = employer_context.new_page()
    employer.goto(link)
    expect(employer.get_by_role("heading", level=1)).to_have_text("Suivi d’un recrutement")
    assert_accessible(employer)
    employer.get_by_role("group", name="Comment cela se passe-t-il ?").get_by_label(
        "Plutôt bien dans l’ensemble"
    ).check()
    employer.get_by_label("Trajets pour venir travailler (transport)").check()
    employer.get_by_role("group", name="Souhaitez-vous être rappelé·e ?").get_by_label("Non").check()
    employer.get_by_label("Autre chose à ajouter ?").fill(
        "Elle arrive parfois en retard : le bus passe tard."
    )
    employer.get_by_role("button", name="Envoyer ma réponse").click()
    expect(employer.get_by_role("heading", level=1)).to_have_text("Merci, votre réponse est enregistrée")
    assert_accessible(employer)
    employer_context.close()

    # The counsellor sees the employer's answer and turns the difficulty into a mobility barrier.
    page.reload()
    expect(page.get_by_text("réponse de l’employeur par le lien", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Ouvrir un frein : Transport").click()
    expect(page.get_by_text("Frein ouvert : Mobilité.")).to_be_visible()
    assert_accessible(page)
    employer_side = CheckInSide.objects.get(side=Side.EMPLOYER)
    assert employer_side.recorded_by is None
    assert Barrier.objects.get(pathway=pathway).category == BarrierCategory.MOBILITY

    # At the exit, the category suggested from the contract is "emploi durable".
    page.goto(f"/personnes/{participant.pk}/")
    page.get_by_role("link", name="Clôturer l’accompagnement").click()
    expect(page.locator("#suggestion")).to_contain_text("Emploi durable")
    expect(page.get_by_role("radio", name="Emploi durable", exact=False)).to_be_checked()
    assert_accessible(page)
