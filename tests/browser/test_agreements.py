"""Bob, a manager, adds the Département's agreement (an end before the start is refused first);
Alice, a counsellor, puts Nadia — outside its target public — under it after the warning, then
checks her IAE eligibility for an ACI. Every page is scanned with axe-core and checked on a phone."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.agreements.models import Agreement, IaeEligibilityCheck
from chemin.participants.enums import EducationLevel
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


def check_page(page: Page) -> None:
    assert_accessible(page)
    assert_fits_a_phone(page)


class TestAgreements:
    def test_manager_adds_an_agreement_counsellor_attaches_a_person_and_checks_iae_eligibility(
        self, page: Page, live_server, reference_data, manager, counsellor, pathway
    ):
        today = timezone.localdate()
        starts_on = today - datetime.timedelta(days=60)
        participant = pathway.participant
        participant.birth_date = today.replace(year=today.year - 40, day=1)
        participant.qpv_resident = True
        participant.education_level = EducationLevel.INFRA_3
        participant.save()

        # Bob adds the agreement.
        log_in_as(page, live_server, manager)
        page.goto("/")
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Conventions"
        ).click()
        expect(page.get_by_role("heading", level=1, name="Financeurs et conventions")).to_be_visible()
        check_page(page)
        page.get_by_role("link", name="Ajouter une convention").click()
        expect(page.get_by_role("heading", level=1, name="Ajouter une convention")).to_be_visible()
        check_page(page)
        page.get_by_label("Nouveau financeur : nom").fill("Département du Pas-de-Calais")
        page.get_by_label("Nouveau financeur : type").select_option(label="Département (RSA)")
        page.get_by_label("Référence").fill("CD62-RSA-2026")
        page.get_by_label("Titre").fill("Accompagnement renforcé des allocataires du RSA")
        page.get_by_label("Date de début").fill(starts_on.isoformat())
        page.get_by_label("Date de fin").fill((starts_on - datetime.timedelta(days=1)).isoformat())
        page.get_by_role("checkbox", name="Lens-Liévin").check()
        page.get_by_role("checkbox", name="Allocataires du RSA").check()
        page.get_by_label("Entrées prévues").fill("120")
        page.get_by_label("Objectif de sorties en emploi (%)").fill("40")
        page.get_by_label("Objectif de maintien en poste à M+6 (%)").fill("60")
        page.get_by_role("button", name="Enregistrer la convention").click()

        # Refused on its field, in French, nothing saved and nothing lost.
        expect(page.locator("#id_ends_on_error")).to_have_text(
            "La convention ne peut pas finir avant de commencer."
        )
        expect(page.get_by_label("Titre")).to_have_value("Accompagnement renforcé des allocataires du RSA")
        expect(page.get_by_role("checkbox", name="Allocataires du RSA")).to_be_checked()
        assert not Agreement.objects.exists()
        check_page(page)

        page.get_by_label("Date de fin").fill((starts_on + datetime.timedelta(days=365)).isoformat())
        page.get_by_role("button", name="Enregistrer la convention").click()
        expect(
            page.get_by_role("heading", level=1, name="Accompagnement renforcé des allocataires du RSA")
        ).to_be_visible()
        expect(page.get_by_text("Convention enregistrée : CD62-RSA-2026")).to_be_visible()
        check_page(page)
        agreement = Agreement.objects.get()
        assert (agreement.funder.name, agreement.target_public, agreement.target_retention_m6_rate) == (
            "Département du Pas-de-Calais",
            ["rsa"],
            60,
        )

        # Alice puts Nadia under it: she is not an RSA recipient, so she is asked to confirm.
        page.context.clear_cookies()
        log_in_as(page, live_server, counsellor)
        page.goto(f"/personnes/{participant.pk}/")
        page.get_by_role("link", name="Rattacher à une convention").click()
        expect(page.get_by_role("heading", level=2, name="Convention de l’accompagnement")).to_be_visible()
        check_page(page)
        page.get_by_role("radio", name=re.compile("CD62-RSA-2026")).check()
        page.get_by_role("button", name="Enregistrer la convention de l’accompagnement").click()
        warning = page.get_by_role("alert")
        expect(warning).to_contain_text(
            "Nadia Benamar ne remplit aucun des critères de public cible de cette convention (Allocataires du RSA)."
        )
        expect(page.get_by_role("radio", name=re.compile("CD62-RSA-2026"))).to_be_checked()
        pathway.refresh_from_db()
        assert pathway.agreement is None
        check_page(page)
        page.get_by_role("checkbox", name="Rattacher quand même").check()
        page.get_by_role("button", name="Enregistrer la convention de l’accompagnement").click()
        expect(
            page.get_by_text("L’accompagnement est désormais rattaché à la convention CD62-RSA-2026")
        ).to_be_visible()
        expect(
            page.get_by_role("link", name="CD62-RSA-2026 — Accompagnement renforcé des allocataires du RSA")
        ).to_be_visible()
        check_page(page)
        pathway.refresh_from_db()
        assert pathway.agreement == agreement

        # Then her IAE eligibility for an ACI: two level-2 criteria come from the file, a third by hand.
        page.get_by_role("link", name="Éligibilité IAE").click()
        expect(page.get_by_role("heading", level=2, name="Éligibilité IAE")).to_be_visible()
        expect(page.get_by_role("checkbox", name=re.compile("Niveau d'étude 3"))).to_be_checked()
        expect(page.get_by_role("checkbox", name=re.compile("quartier prioritaire"))).to_be_checked()
        check_page(page)
        page.get_by_role("radio", name="ACI (atelier et chantier d’insertion)").check()
        page.get_by_role("button", name="Vérifier la règle").click()
        expect(page.locator("#iae-result")).to_contain_text("La règle n’est pas respectée.")
        assert not IaeEligibilityCheck.objects.exists()
        check_page(page)
        page.get_by_role("checkbox", name="Parent isolé").check()
        page.get_by_role("button", name="Vérifier la règle").click()
        expect(page.locator("#iae-result")).to_contain_text("La règle est respectée.")
        page.get_by_role("button", name="Enregistrer la vérification").click()
        expect(page.get_by_text("Vérification enregistrée : la règle est respectée.")).to_be_visible()
        expect(
            page.get_by_role(
                "heading", level=3, name=f"ACI (atelier et chantier d’insertion), vérifié le {today:%d/%m/%Y}"
            )
        ).to_be_visible()
        check_page(page)
        check = IaeEligibilityCheck.objects.get()
        assert (check.structure_kind, check.criteria, check.is_eligible) == (
            "aci",
            ["NIV_3_INFRA", "PI", "QPV"],
            True,
        )
        assert check.checked_by == counsellor and check.checked_on == today
