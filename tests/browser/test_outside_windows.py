"""Issue 10's acceptance, on a 375 px phone for the people outside the organisation: a prescriber
refers a person on the portal; the counsellor accepts; the person signs in with the link from the
real outbox, writes a job wish in their words and ticks a step; the counsellor sees both on the
timeline as the person's; the prescriber sees "pathway opened" but not the wish, until the person
shares it. Every page visited passes axe-core."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from chemin.accounts.enums import AccountKind, Role
from chemin.appointments.models import Appointment
from chemin.participant_space.tokens import make_token
from chemin.participants.models import Participant
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import Prescriber
from chemin.referrals.models import Referral
from chemin.steps.enums import StepOwner
from chemin.steps.services import step_create
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import HTTP_STATUS_MESSAGE, log_in_as
from tests.browser.layout import assert_no_horizontal_overflow
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
WISH = "Aide à domicile auprès des personnes âgées, le matin"


@pytest.fixture
def karim(territory):
    return UserFactory(first_name="Karim", last_name="Benali", memberships=[(territory, Role.COUNSELLOR)])


@pytest.fixture
def celine(db):
    organisation = PrescriberOrganisationFactory(
        name="France Travail Arras", kind=OrganisationKind.FRANCE_TRAVAIL
    )
    account = UserFactory(
        kind=AccountKind.PRESCRIBER, first_name="Céline", last_name="Delcourt", email="celine@ft.example.org"
    )
    return PrescriberFactory(
        organisation=organisation,
        first_name="Céline",
        last_name="Delcourt",
        email=account.email,
        user=account,
    )


@pytest.fixture
def phone_page(browser: Browser, live_server, no_console_error):
    """Opens a new phone-sized browser of its own (another person, another device), whose console
    errors fail the test like the main page's. Each is closed with the test, before the live
    server moves on to the next one."""
    contexts = []

    def open_one() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                no_console_error.append(message.text)
                if message.type == "error" and not message.text.startswith(HTTP_STATUS_MESSAGE)
                else None
            ),
        )
        page.on("pageerror", lambda error: no_console_error.append(f"Uncaught: {error}"))
        return page

    yield open_one
    for context in contexts:
        context.close()


def check(page: Page) -> None:
    assert_accessible(page)
    assert_no_horizontal_overflow(page)


def test_a_referral_online_becomes_a_pathway_the_person_writes_and_the_prescriber_follows(
    page: Page, phone_page, live_server, territory, karim, celine
):
    # The prescriber signs in on her phone and refers Samira, with a PDF.
    prescriber = phone_page()
    prescriber.goto(reverse("accounts:login"))
    prescriber.get_by_label("Adresse e-mail").fill(celine.email)
    prescriber.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    prescriber.get_by_role("button", name="Se connecter").click()
    expect(prescriber.get_by_role("heading", level=1)).to_have_text("Personnes orientées")
    check(prescriber)
    prescriber.get_by_role("link", name="Orienter une personne").first.click()
    check(prescriber)
    prescriber.get_by_label("Territoire qui accueillera la personne").select_option(label=territory.name)
    prescriber.get_by_label("Pourquoi vous orientez la personne").fill(
        "Mme Haddouche, 37 ans, mère isolée, RSA depuis 2022 ; souhaite travailler dans l’aide à domicile."
    )
    prescriber.get_by_label("Prénom de la personne").fill("Samira")
    prescriber.get_by_role("textbox", name="Nom de la personne", exact=True).fill("Haddouche")
    prescriber.get_by_label("Date de naissance de la personne").fill("1989-04-12")
    prescriber.get_by_label("E-mail de la personne").fill("samira.haddouche@example.org")
    prescriber.get_by_label("Pièces jointes").set_input_files(
        files=[{"name": "synthese.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    prescriber.get_by_label("La personne est d’accord pour être orientée").check()
    prescriber.get_by_role("button", name="Envoyer l’orientation").click()
    expect(prescriber.get_by_role("status")).to_contain_text("l’orientation de Samira Haddouche est envoyée")
    expect(prescriber.get_by_text("Reçue : en attente du premier rendez-vous").first).to_be_visible()
    check(prescriber)
    referral = Referral.objects.get()
    assert referral.attachments.count() == 1

    # The counsellor accepts it after the first meeting; Samira agreed to share her milestones.
    log_in_as(page, live_server, karim)
    page.goto(reverse("referrals:detail", kwargs={"pk": referral.pk}))
    expect(page.get_by_role("link", name="synthese.pdf")).to_be_visible()
    page.get_by_label("Date du premier rendez-vous").fill(timezone.localdate().isoformat())
    page.get_by_label("La personne a donné son accord").check()
    sharing = page.get_by_label("La personne accepte que son prescripteur suive")
    expect(sharing).not_to_be_checked()
    sharing.check()
    page.get_by_role("button", name="Accepter et ouvrir l’accompagnement").click()
    referral.refresh_from_db()
    participant = referral.participant
    expect(page).to_have_url(f"/personnes/{participant.pk}/")
    step_create(
        pathway=referral.pathway, created_by=karim, title="Mettre à jour mon CV", owner=StepOwner.PARTICIPANT
    )
    page.get_by_role("button", name="Ouvrir l’espace personnel").click()
    expect(page.get_by_role("status")).to_contain_text("un lien de connexion a été envoyé")

    # Samira signs in on her phone with the link of the email she received.
    (message,) = [message for message in mail.outbox if message.to == ["samira.haddouche@example.org"]]
    link = re.search(r"https?://\S+/mon-espace/connexion/lien/\S+/", message.body).group(0)
    person = phone_page()
    person.goto(link)
    expect(person.get_by_role("heading", level=1)).to_have_text("Bonjour Samira !")
    check(person)
    person.get_by_role("button", name="Se connecter").click()
    check(person)

    # She writes the job she wants, in her words…
    person.get_by_role("link", name="Mes métiers").first.click()
    check(person)
    person.get_by_role("link", name="Ajouter un métier").click()
    person.get_by_role("button", name="Enregistrer").click()
    expect(person.get_by_text("Écrivez le métier que vous voulez faire.")).to_be_visible()
    check(person)
    person.get_by_label("Le métier que vous voulez faire").fill(WISH)
    person.get_by_role("button", name="Enregistrer").click()
    expect(person.get_by_text(WISH)).to_be_visible()

    # …and ticks the step she did, with the keyboard.
    person.get_by_role("link", name="Mes étapes").first.click()
    done = person.get_by_role("button", name="C’est fait : Mettre à jour mon CV")
    done.focus()
    person.keyboard.press("Enter")
    expect(person.locator(".card--milestone")).to_contain_text("Mettre à jour mon CV")
    check(person)

    # The counsellor sees both on the timeline, as the person's.
    page.goto(reverse("participants:timeline", kwargs={"pk": participant.pk}))
    for text in (WISH, "Mettre à jour mon CV"):
        event = page.locator(".timeline__event", has_text=text).first
        expect(event.locator(".tag--person")).to_have_text("par la personne")

    # The prescriber sees the pathway opened, not the wish: Samira shares the milestones only.
    prescriber.goto(reverse("portal:home"))
    prescriber.get_by_role("link", name="Suivre le parcours de Samira").click()
    expect(prescriber.get_by_text("Parcours ouvert").first).to_be_visible()
    expect(prescriber.get_by_text(WISH)).to_have_count(0)
    check(prescriber)

    # Once Samira shares her job wishes, the prescriber reads them.
    person.get_by_role("link", name="Partage").first.click()
    check(person)
    person.get_by_label("Les métiers que vous voulez faire").check()
    person.get_by_role("button", name="Enregistrer mon choix").click()
    expect(person.get_by_role("status")).to_contain_text("Votre choix est enregistré")
    prescriber.reload()
    expect(prescriber.get_by_text(WISH)).to_be_visible()


def test_an_expired_sign_in_link_offers_a_new_one_and_the_accessibility_statement_is_open(
    page: Page, live_server, participant, settings
):
    participant.email = "zoe@example.org"
    participant.user = UserFactory(kind=AccountKind.PARTICIPANT, email=participant.email, first_name="Zoé")
    participant.save(update_fields=["email", "user"])
    link = reverse("space:link_sign_in", kwargs={"token": make_token(participant.user)})
    settings.PARTICIPANT_LINK_MAX_AGE = -1  # already out of date
    page.set_viewport_size(PHONE)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce lien ne marche plus")
    expect(page.get_by_text("Le lien n’est plus à jour")).to_be_visible()
    check(page)
    page.get_by_label("Votre adresse email").fill("zoe@example.org")
    page.get_by_role("button", name="Envoyez-moi un lien").click()
    check(page)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [["zoe@example.org"]]

    page.get_by_role("link", name="Accessibilité : partiellement conforme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d’accessibilité")
    check(page)


# --- Every page of both windows, on the demo's Céline and Anthony, at phone width ---


@pytest.fixture
def demo(reference_data):
    call_command("seed_demo", verbosity=0)


def _walk(page: Page, pages: list[tuple[str, dict]]) -> None:
    page.set_viewport_size(PHONE)
    for name, kwargs in pages:
        response = page.goto(reverse(name, kwargs=kwargs))
        assert response.status == 200, f"{name}: {response.status}"
        check(page)


def test_every_page_of_the_prescriber_portal_is_accessible_on_a_phone(page: Page, live_server, demo):
    celine = Prescriber.objects.select_related("user").get(user__isnull=False)
    log_in_as(page, live_server, celine.user)
    followed = Referral.objects.get(participant__user__isnull=False)
    waiting = Referral.objects.filter(
        prescriber__organisation=celine.organisation, participant__isnull=True
    ).first()
    _walk(
        page,
        [
            ("portal:home", {}),
            ("portal:referral_create", {}),
            ("portal:referral_detail", {"pk": followed.pk}),
            ("portal:referral_detail", {"pk": waiting.pk}),
            ("portal:follow", {"pk": followed.pk}),
            ("portal:activations", {}),
            ("portal:settings", {}),
            ("portal:access_request", {}),
            ("portal:access_request_sent", {}),
        ],
    )


def test_every_page_of_the_personal_space_is_accessible_on_a_phone(page: Page, live_server, demo):
    anthony = Participant.objects.select_related("user").get(user__isnull=False)
    log_in_as(page, live_server, anthony.user)
    skill = anthony.skills.order_by("pk").first()
    appointment = Appointment.objects.filter(
        pathway__participant=anthony, starts_at__gt=timezone.now()
    ).first()
    _walk(
        page,
        [
            ("space:home", {}),
            ("space:wishes", {}),
            ("space:wish_create", {}),
            ("space:steps", {}),
            ("space:step_create", {}),
            ("space:skills", {}),
            ("space:skill_assess", {"pk": skill.pk}),
            ("space:experience_create", {}),
            ("space:appointments", {}),
            ("space:appointment_reschedule", {"pk": appointment.pk}),
            ("space:notes", {}),
            ("space:sharing", {}),
            ("space:password", {}),
            ("space:data", {}),
        ],
    )
