"""Issue 6, point 3, end to end: the counsellor sends the employer's follow-up form, the employer
answers it through the emailed link without an account (signalling a transport difficulty), and
the link cannot be answered twice. Every public page passes axe-core and fits a 360px phone.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, expect

from chemin.employments.enums import Channel, Difficulty, Milestone, Side
from chemin.employments.models import CheckInSide, EmployerRequest
from tests.browser.axe import assert_accessible
from tests.browser.layout import assert_no_horizontal_overflow
from tests.employments.test_employer_link import make_employment

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://\S+/suivi-employeur/\S+/")


@pytest.fixture
def check_in(reference_data, pathway, counsellor):
    return make_employment(pathway, counsellor).check_ins.get(milestone=Milestone.D7)


def send_through_the_staff_endpoint(live_server, counsellor, check_in) -> str:
    """The counsellor's POST (the file page's button is another piece of work); returns the link."""
    client = Client()
    client.force_login(counsellor)
    url = reverse(
        "employer_requests:send",
        kwargs={"participant_pk": check_in.employment.pathway.participant_id, "check_in_pk": check_in.pk},
    )
    response = client.post(url, HTTP_HOST=urlsplit(live_server.url).netloc)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["k.delcourt@propre-artois.example.fr"]
    return LINK.search(mail.outbox[0].body).group(0)


class TestEmployerLink:
    def test_the_employer_answers_once_through_the_emailed_link(
        self, browser: Browser, live_server, counsellor, check_in
    ):
        link = send_through_the_staff_endpoint(live_server, counsellor, check_in)
        assert link.startswith(live_server.url)

        # The employer has no account: a fresh browser, not logged in.
        context = browser.new_context(locale="fr-FR")
        employer = context.new_page()
        employer.goto(link)
        expect(employer.get_by_role("heading", level=1)).to_have_text("Suivi d’un recrutement")
        expect(
            employer.get_by_text(re.compile("accompagne Nadia B., recruté·e comme Agente de propreté"))
        ).to_be_visible()
        assert_accessible(employer)

        # Sending nothing: clear errors, nothing recorded.
        employer.get_by_role("button", name="Envoyer ma réponse").click()
        expect(employer.get_by_text("Dites comment cela se passe.")).to_be_visible()
        assert_accessible(employer)
        assert not CheckInSide.objects.exists()

        employer.get_by_role("group", name="Comment cela se passe-t-il ?").get_by_label(
            "Plutôt bien dans l’ensemble"
        ).check()
        employer.get_by_label("Trajets pour venir travailler (transport)").check()
        employer.get_by_role("group", name="Souhaitez-vous être rappelé·e ?").get_by_label("Oui").check()
        employer.get_by_label("Autre chose à ajouter ?").fill(
            "Le premier bus arrive après la prise de poste de 6 h."
        )
        employer.get_by_role("button", name="Envoyer ma réponse").click()
        expect(employer.get_by_role("heading", level=1)).to_have_text("Merci, votre réponse est enregistrée")
        expect(
            employer.get_by_text("Votre réponse au sujet de Nadia B. a été transmise à Alice Martin.")
        ).to_be_visible()
        assert_accessible(employer)

        side = CheckInSide.objects.get()
        assert side.check_in == check_in
        assert side.side == Side.EMPLOYER
        assert side.channel == Channel.ONLINE_FORM
        assert side.recorded_by is None
        assert side.difficulties == [Difficulty.TRANSPORT]
        request = EmployerRequest.objects.get()
        assert request.is_answered
        assert request.callback_wanted

        # The same link again: already answered, nothing more recorded.
        employer.goto(link)
        expect(employer.get_by_role("heading", level=1)).to_have_text("Déjà répondu, merci")
        expect(employer.get_by_role("button", name="Envoyer ma réponse")).to_have_count(0)
        assert_accessible(employer)

        # A tampered link: a clear page.
        employer.goto(link[:-4] + "xyz/")
        expect(employer.get_by_role("heading", level=1)).to_have_text("Ce lien ne fonctionne pas")
        assert_accessible(employer)
        context.close()
        assert CheckInSide.objects.count() == 1

    def test_the_public_pages_fit_a_phone(self, browser: Browser, live_server, counsellor, check_in):
        link = send_through_the_staff_endpoint(live_server, counsellor, check_in)
        context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
        phone = context.new_page()
        phone.goto(link)
        expect(phone.get_by_role("heading", level=1)).to_have_text("Suivi d’un recrutement")
        assert_no_horizontal_overflow(phone)
        phone.get_by_label("Mal : l’emploi risque de s’arrêter").check()
        phone.get_by_label("Non", exact=True).check()
        phone.get_by_role("button", name="Envoyer ma réponse").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Merci, votre réponse est enregistrée")
        assert_no_horizontal_overflow(phone)
        phone.goto(link)
        expect(phone.get_by_role("heading", level=1)).to_have_text("Déjà répondu, merci")
        assert_no_horizontal_overflow(phone)
        phone.goto(link[:-4] + "xyz/")
        assert_no_horizontal_overflow(phone)
        context.close()
        assert EmployerRequest.objects.get().risk_signalled
