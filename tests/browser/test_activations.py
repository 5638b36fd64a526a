"""Issue 4's prescriber activation, end to end: a counsellor asks the referring prescriber about a
barrier, the prescriber answers through the emailed link without an account, and the answer and
its delay come back to the counsellor. Every page visited passes axe-core with no violation.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.services import barrier_create
from chemin.prescribers.enums import OrganisationKind
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_no_horizontal_overflow
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def barrier(reference_data, pathway, counsellor, territory):
    organisation = PrescriberOrganisationFactory(
        name="Maison du Département Solidarité de l’Artois", kind=OrganisationKind.DEPARTEMENT
    )
    prescriber = PrescriberFactory(
        organisation=organisation,
        first_name="Sabrina",
        last_name="Mortier",
        email="mortier.sabrina@pasdecalais.example.org",
    )
    ReferralFactory(
        accepted=True,
        territory=territory,
        prescriber=prescriber,
        recorded_by=counsellor,
        first_name="Nadia",
        last_name="Benamar",
        pathway=pathway,
        participant=pathway.participant,
    )
    return barrier_create(
        pathway=pathway, identified_by=counsellor, category=BarrierCategory.MOBILITY, situation="x-licence"
    )


class TestPrescriberActivation:
    def test_prescriber_answers_through_the_emailed_link_and_the_counsellor_sees_it(
        self, page: Page, browser: Browser, live_server, counsellor, participant, barrier
    ):
        log_in_as(page, live_server, counsellor)
        page.goto(reverse("activations:list", kwargs={"participant_pk": participant.pk}))
        expect(page.get_by_role("heading", level=2)).to_have_text("Sollicitations du prescripteur")
        expect(page.get_by_text("Aucune demande envoyée au prescripteur pour l’instant.")).to_be_visible()
        assert_accessible(page)

        page.get_by_role(
            "link", name=re.compile("Solliciter le prescripteur.*Pas de permis de conduire")
        ).click()
        expect(page.get_by_role("heading", level=2)).to_have_text("Solliciter le prescripteur")
        request = page.get_by_label("Votre demande au prescripteur")
        expect(request).to_have_value(re.compile("^Nadia B. rencontre une difficulté"))
        assert_accessible(page)
        request.fill("Le Département peut-il financer le permis B de Nadia B. ?")
        page.get_by_role("button", name="Envoyer la demande").click()
        expect(page.get_by_role("status")).to_contain_text("Demande envoyée à Sabrina Mortier")
        expect(page.get_by_text("En attente de réponse")).to_be_visible()
        assert_accessible(page)

        # The email, from Django's outbox (the test email backend), carries the link.
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["mortier.sabrina@pasdecalais.example.org"]
        link = re.search(r"https?://\S+/reponse/\S+/", message.body).group(0)

        # The prescriber has no account: a fresh browser, not logged in.
        prescriber_context = browser.new_context(locale="fr-FR")
        prescriber_page = prescriber_context.new_page()
        prescriber_page.goto(link)
        expect(prescriber_page.get_by_role("heading", level=1)).to_have_text("Répondre à une demande")
        expect(
            prescriber_page.get_by_text("Le Département peut-il financer le permis B de Nadia B. ?")
        ).to_be_visible()
        assert_accessible(prescriber_page)
        prescriber_page.get_by_label("Accepté : je m’en occupe").check()
        prescriber_page.get_by_label("Précisions").fill("Oui : je monte le dossier d’aide à la mobilité.")
        prescriber_page.get_by_role("button", name="Envoyer ma réponse").click()
        expect(prescriber_page.get_by_role("heading", level=1)).to_have_text(
            "Merci, votre réponse est enregistrée"
        )
        expect(
            prescriber_page.get_by_text("Votre réponse « Accepté » a été transmise à Alice Martin.")
        ).to_be_visible()
        assert_accessible(prescriber_page)

        # A tampered link: a clear page, nothing recorded.
        prescriber_page.goto(link[:-4] + "xyz/")
        expect(prescriber_page.get_by_role("heading", level=1)).to_have_text("Ce lien ne fonctionne pas")
        assert_accessible(prescriber_page)
        prescriber_context.close()

        activation = PrescriberActivation.objects.get()
        assert activation.status == ActivationStatus.ACCEPTED
        assert activation.answer_count == 1

        # Back to the counsellor: the answer and its delay, on the list and on the timeline.
        page.goto(reverse("activations:list", kwargs={"participant_pk": participant.pk}))
        entry = page.locator(f"#sollicitation-{activation.pk}")
        expect(entry).to_contain_text("Accepté")
        expect(entry).to_contain_text("Délai de réponse")
        expect(entry).to_contain_text("0 jour")
        expect(entry).to_contain_text("Oui : je monte le dossier d’aide à la mobilité.")
        assert_accessible(page)
        page.goto(reverse("participants:timeline", kwargs={"pk": participant.pk}))
        expect(page.get_by_text("Réponse du prescripteur : Accepté (en 0 jour)")).to_be_visible()
        expect(page.get_by_text(re.compile("Prescripteur sollicité : Sabrina Mortier"))).to_be_visible()
        assert_accessible(page)

    def test_the_answer_page_fits_a_phone(self, browser: Browser, live_server, barrier, counsellor):
        from chemin.activations import services

        activation = services.activation_send(
            pathway=barrier.pathway,
            barrier=barrier,
            request_text="Le Département peut-il financer le permis B ? " * 8,
            sent_by=counsellor,
            site_url=live_server.url,
        )
        link = services.answer_url(activation, site_url=live_server.url)
        context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
        phone = context.new_page()
        phone.goto(link)
        expect(phone.get_by_role("heading", level=1)).to_have_text("Répondre à une demande")
        assert_no_horizontal_overflow(phone)
        assert_accessible(phone)
        phone.goto(link[:-4] + "xyz/")
        assert_no_horizontal_overflow(phone)
        context.close()
