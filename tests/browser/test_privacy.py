"""RGPD rights on a file, clicked through by a manager: the consent history, the download of all
the person's data, then the erasure she asked for. Every page visited passes axe-core with no
violation and fits a phone."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.participants.models import Participant
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.services import consent_record
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_no_horizontal_overflow
from tests.notes.factories import NoteFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nadia(reference_data, territory, counsellor):
    """Nadia's pathway closed last month; she agreed to the processing, then to a sharing."""
    participant = ParticipantFactory(first_name="Nadia", last_name="Benamar", email="nadia.b@example.org")
    pathway = PathwayFactory(
        participant=participant,
        territory=territory,
        referent=counsellor,
        closed=True,
        entry_date=timezone.localdate() - datetime.timedelta(days=300),
        closed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    NoteFactory(pathway=pathway, text="Nadia préfère être appelée le matin.")
    consent_record(
        participant=participant, purpose=ConsentPurpose.PROCESSING, granted=True, recorded_by=counsellor
    )
    consent_record(
        participant=participant,
        purpose=ConsentPurpose.PRESCRIBER_SHARING,
        granted=True,
        recorded_by=counsellor,
        scope=["milestones", "exit"],
    )
    return participant


def check_page(page: Page) -> None:
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert_no_horizontal_overflow(page)
    page.set_viewport_size({"width": 1280, "height": 800})


class TestPersonalDataRights:
    def test_a_manager_downloads_her_data_then_erases_it_at_her_request(
        self, page: Page, live_server, manager, nadia
    ):
        log_in_as(page, live_server, manager)
        page.goto(reverse("participants:detail", kwargs={"pk": nadia.pk}))
        page.get_by_role("link", name="Historique des consentements et données personnelles").click()
        expect(page.get_by_role("heading", level=2)).to_have_text("Données personnelles")
        expect(page.get_by_role("table")).to_contain_text("Partage avec son prescripteur")
        expect(page.get_by_role("table")).to_contain_text("Jalons, Sortie")
        check_page(page)

        with page.expect_download() as download:
            page.get_by_role("button", name="Télécharger toutes ses données (ZIP : JSON et PDF)").click()
        assert download.value.suggested_filename.startswith(f"donnees-personne-{nadia.pk}-")
        archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert sorted(archive.namelist()) == ["donnees.json", "donnees.pdf"]
        assert "Nadia préfère être appelée le matin." in archive.read("donnees.json").decode()

        page.get_by_role("link", name="Effacer ses données à sa demande").click()
        page.get_by_role("button", name="Effacer les données").click()
        expect(page.locator(".field__errors")).to_have_count(3)
        expect(page.get_by_text("Choisissez pourquoi les données sont effacées.")).to_be_visible()
        check_page(page)

        page.get_by_label("La personne a demandé l’effacement de ses données (RGPD art. 17)").check()
        page.get_by_label("Jour de la demande de la personne").fill(timezone.localdate().isoformat())
        page.get_by_label("Je comprends que les noms", exact=False).check()
        page.get_by_role("button", name="Effacer les données").click()

        expect(page.get_by_role("status")).to_contain_text("Le dossier est anonymisé")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Personne anonymisée n°{nadia.pk}")
        expect(page.locator(".alert--warning")).to_contain_text("Ce dossier a été anonymisé le")
        check_page(page)
        nadia.refresh_from_db()
        assert Participant.objects.get(pk=nadia.pk).email == "" and nadia.anonymised_at is not None
