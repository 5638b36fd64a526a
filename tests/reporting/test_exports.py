"""CSV and XLSX exports, the PDF report, and the background jobs run by the real worker."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from chemin.referentials.models import RomeJob
from chemin.reporting.enums import ExportKind, ExportStatus
from chemin.reporting.forms import ReportForm
from chemin.reporting.indicators import report
from chemin.reporting.models import ExportJob
from chemin.reporting.pdf import render_report_pdf

QUERY_DATES = {"du": "2025-01-01", "au": "2025-09-30"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def agreement_query(dataset, **extra):
    return {"perimetre": f"convention-{dataset.agreement.pk}", **QUERY_DATES, **extra}


def sheet_rows(content: bytes, sheet=None):
    workbook = load_workbook(io.BytesIO(content))
    worksheet = workbook[sheet] if sheet else workbook.active
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
class TestIndicatorExports:
    def test_the_xlsx_holds_every_figure_with_its_target_and_definition(self, dataset):
        response = client_for(dataset.manager).get(
            reverse("reporting:export", kwargs={"fmt": "xlsx"}), agreement_query(dataset)
        )
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="indicateurs-20250101-20250930.xlsx"'
        rows = sheet_rows(response.content)
        assert rows[0][:4] == ["Rubrique", "Indicateur", "Valeur", "Unité"]
        by_label = {row[1]: row for row in rows[1:]}
        durable = by_label["Sorties en emploi durable"]
        assert durable[2:8] == [33.3, "pourcentage", 1, 3, 30, 3.3]
        assert durable[8].startswith("Parmi les sorties de la période, la part en emploi durable")
        assert by_label["Entrées"][2] == 4
        assert by_label["Sorties — Emploi durable"][2] == 1
        months = sheet_rows(response.content, "Par mois")
        assert months[0] == ["Mois", "Entrées", "Sorties"] and len(months) == 10

    def test_the_csv_is_semicolon_separated_for_french_spreadsheets(self, dataset):
        response = client_for(dataset.manager).get(
            reverse("reporting:export", kwargs={"fmt": "csv"}), agreement_query(dataset)
        )
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        by_label = {row[1]: row for row in rows[1:]}
        assert by_label["Sorties en emploi durable"][2] == "33,3"
        assert by_label["Délai entre orientation et premier rendez-vous (médiane)"][2] == "11"

    def test_an_unknown_format_or_someone_else_s_scope_is_a_404(self, dataset, other_manager):
        assert (
            client_for(dataset.manager).get("/indicateurs/export.pdf", agreement_query(dataset)).status_code
            == 404
        )
        url = reverse("reporting:export", kwargs={"fmt": "xlsx"})
        assert client_for(other_manager).get(url, agreement_query(dataset)).status_code == 404


@pytest.mark.django_db
class TestPeopleExports:
    def test_the_xlsx_of_a_list_holds_names_and_dates_only(self, dataset):
        url = reverse("reporting:people_export", kwargs={"fmt": "xlsx"})
        response = client_for(dataset.manager).get(url, agreement_query(dataset, indicateur="exits"))
        rows = sheet_rows(response.content)
        assert rows[0] == [
            "Nom",
            "Prénom",
            "Territoire",
            "Conseiller·ère référent·e",
            "Date d’entrée",
            "Date de sortie",
            "Catégorie",
        ]
        assert [row[:2] for row in rows[1:]] == [["Benamar", "Nadia"], ["Haddad", "Karim"], ["Martin", "Léa"]]
        assert rows[1][5].date().isoformat() == "2025-05-31" and rows[1][6] == "Emploi durable"

    def test_a_barrier_list_never_holds_the_barrier_s_detail(self, dataset):
        url = reverse("reporting:people_export", kwargs={"fmt": "csv"})
        response = client_for(dataset.manager).get(
            url, agreement_query(dataset, indicateur="barriers_raised")
        )
        text = response.content.decode("utf-8-sig")
        assert "Benamar;Nadia" in text and "Petit;Yanis" in text
        assert "dos" not in text and "voiture" not in text and "Santé" not in text

    def test_someone_without_access_to_the_territory_gets_a_404_not_its_people(self, dataset, other_manager):
        url = reverse("reporting:people_export", kwargs={"fmt": "csv"})
        response = client_for(other_manager).get(url, agreement_query(dataset, indicateur="entries"))
        assert response.status_code == 404


@pytest.mark.django_db
class TestPdf:
    def test_the_report_names_the_organisation_the_agreement_and_its_figures(self, dataset, settings):
        settings.ORGANISATION_NAME = "PLIE de Lens-Liévin"
        form = ReportForm(agreement_query(dataset), user=dataset.manager)
        assert form.is_valid()
        text = pdf_text(render_report_pdf(form.choice, report(form.scope, form.start, form.end)))
        assert "PLIE DE LENS-LIÉVIN" in text.upper()
        assert "CD62-2025-014" in text and "Département du Pas-de-Calais" in text
        assert "01/01/2025 – 30/09/2025" in text
        assert "Sorties en emploi durable" in text and "33,3 %" in text and "+3,3 pts" in text
        assert "Annexe : définitions des indicateurs" in text
        assert "Entrées et sorties par mois" in text


@pytest.mark.django_db(transaction=True)
class TestBackgroundJobs:
    @pytest.fixture(autouse=True)
    def reference_data(self, transactional_db):
        """Transactional tests empty every table after they run, reference data included."""
        if not RomeJob.objects.exists():
            call_command("load_referentials", verbosity=0)

    def run_worker(self):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    def test_the_pdf_is_prepared_by_the_worker_and_downloaded_by_its_owner_only(self, dataset, other_manager):
        client = client_for(dataset.manager)
        response = client.post(
            reverse("reporting:job_create"), agreement_query(dataset, kind=ExportKind.REPORT_PDF)
        )
        job = ExportJob.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "reporting:job", kwargs={"pk": job.pk}
        )
        page = client.get(response["Location"]).content.decode()
        assert "En attente de traitement" in page and 'hx-trigger="every 2s"' in page
        download = reverse("reporting:job_download", kwargs={"pk": job.pk})
        assert client.get(download).status_code == 404  # not ready yet

        self.run_worker()
        job.refresh_from_db()
        assert (job.status, job.progress, job.filename) == (
            ExportStatus.DONE,
            100,
            "rapport-CD62-2025-014-20250101-20250930.pdf",
        )
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
        page = client.get(reverse("reporting:job", kwargs={"pk": job.pk})).content.decode()
        assert "Télécharger rapport-CD62-2025-014" in page and "every 2s" not in page
        response = client.get(download)
        assert response["Content-Type"] == "application/pdf"
        assert "CD62-2025-014" in pdf_text(response.content)

        other = client_for(other_manager)
        assert other.get(download).status_code == 404
        assert other.get(reverse("reporting:job", kwargs={"pk": job.pk})).status_code == 404

    def test_a_job_asked_for_a_territory_the_owner_no_longer_manages_holds_none_of_its_people(self, dataset):
        client = client_for(dataset.manager)
        client.post(
            reverse("reporting:job_create"), agreement_query(dataset, kind=ExportKind.INDICATORS_XLSX)
        )
        dataset.manager.memberships.update(role="counsellor")
        self.run_worker()
        job = ExportJob.objects.get()
        assert (job.status, job.error, job.content) == (ExportStatus.FAILED, "PermissionError", None)

    def test_someone_who_is_no_longer_a_manager_cannot_download_their_earlier_export(self, dataset):
        client = client_for(dataset.manager)
        client.post(
            reverse("reporting:job_create"), agreement_query(dataset, kind=ExportKind.INDICATORS_XLSX)
        )
        self.run_worker()
        job = ExportJob.objects.get()
        download = reverse("reporting:job_download", kwargs={"pk": job.pk})
        assert client.get(download).status_code == 200
        dataset.manager.memberships.update(role="counsellor")
        assert client.get(download).status_code == 403
        assert client.get(reverse("reporting:job", kwargs={"pk": job.pk})).status_code == 403

    def test_the_workbook_is_prepared_in_the_background(self, dataset):
        client = client_for(dataset.manager)
        client.post(
            reverse("reporting:job_create"), agreement_query(dataset, kind=ExportKind.INDICATORS_XLSX)
        )
        self.run_worker()
        job = ExportJob.objects.get()
        rows = sheet_rows(client.get(reverse("reporting:job_download", kwargs={"pk": job.pk})).content)
        assert {row[1]: row[2] for row in rows[1:]}["Entrées"] == 4

    def test_a_job_for_someone_else_s_scope_is_refused(self, dataset, other_manager):
        response = client_for(other_manager).post(
            reverse("reporting:job_create"), agreement_query(dataset, kind=ExportKind.REPORT_PDF)
        )
        assert response.status_code == 404 and not ExportJob.objects.exists()
