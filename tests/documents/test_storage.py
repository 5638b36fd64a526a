"""Documents live outside any public URL, and no file is ever left on disk without its row."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.static import serve
from pypdf import PdfReader

from chemin.documents.demo import minimal_pdf, seed_documents
from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document
from chemin.documents.services import document_create
from chemin.documents.storage import private_storage
from config import settings as production_settings
from tests.documents import samples
from tests.documents.factories import DocumentFactory
from tests.documents.samples import files_on_disk, upload
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


def all_patterns(patterns=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


class TestPrivateStorage:
    def test_has_no_url(self):
        assert private_storage.base_url is None
        with pytest.raises(ValueError):
            private_storage.url("documents/anything.pdf")

    def test_keeps_the_files_in_the_private_folder_readable_by_the_application_only(
        self, pathway, private_media
    ):
        document = DocumentFactory(pathway=pathway)
        path = private_media / document.file.name
        assert document.file.path == str(path)
        assert path.stat().st_mode & 0o777 == 0o600

    def test_no_url_pattern_serves_files_from_a_folder(self):
        for pattern in all_patterns():
            assert pattern.callback is not serve, pattern
            assert "document_root" not in (pattern.default_args or {}), pattern

    def test_the_default_private_folder_is_apart_from_the_folders_served(self):
        private = production_settings.PRIVATE_MEDIA_ROOT.resolve()
        assert private == (production_settings.BASE_DIR / "var" / "private").resolve()
        served = [production_settings.STATIC_ROOT, *production_settings.STATICFILES_DIRS]
        for folder in (Path(folder).resolve() for folder in served):
            assert not private.is_relative_to(folder) and not folder.is_relative_to(private)
        assert not getattr(production_settings, "MEDIA_ROOT", "")

    @pytest.mark.parametrize("prefix", ["/media/", "/private/", "/static/", "/var/private/", "/"])
    def test_a_stored_file_cannot_be_reached_by_its_path(self, counsellor_client, pathway, prefix):
        document = DocumentFactory(pathway=pathway)
        response = counsellor_client.get(f"{prefix}{document.file.name}")
        assert response.status_code == 404


class TestDocumentCreate:
    def test_removes_the_written_file_when_the_row_cannot_be_saved(self, pathway, private_media):
        with pytest.raises(IntegrityError):
            document_create(
                participant=pathway.participant,
                pathway=pathway,
                uploaded_by=pathway.referent,
                kind="not-a-kind",
                title="CV",
                file=upload("cv.pdf", samples.PDF),
            )
        assert files_on_disk(private_media) == []

    def test_checks_the_file_whoever_calls(self, pathway, private_media):
        with pytest.raises(ValidationError) as caught:
            document_create(
                participant=pathway.participant,
                pathway=pathway,
                uploaded_by=pathway.referent,
                kind=DocumentKind.CV,
                title="CV",
                file=upload("cv.pdf", samples.EXE),
            )
        assert caught.value.message_dict["file"][0].startswith("Ce fichier n’est ni un PDF")
        assert files_on_disk(private_media) == []
        assert not Document.objects.exists()


class TestDemoDocuments:
    def test_the_demo_pdf_is_a_real_pdf(self):
        reader = PdfReader(io.BytesIO(minimal_pdf(["Nadia Benamar", "Employé·e libre-service"])), strict=True)
        assert reader.pages[0].extract_text().splitlines() == ["Nadia Benamar", "Employé·e libre-service"]

    def test_adds_cvs_and_agreements_once(self, territory, private_media):
        pathways = PathwayFactory.create_batch(6, territory=territory)
        seed_documents(pathways=pathways)
        seed_documents(pathways=pathways)
        documents = Document.objects.order_by("pk")
        assert [document.kind for document in documents] == ["cv", "agreement", "cv"]
        assert len(files_on_disk(private_media)) == 3
        first = documents[0]
        assert first.uploaded_by == first.pathway.referent
        with first.file.open("rb") as pdf:
            text = PdfReader(pdf).pages[0].extract_text()
        assert first.participant.last_name in text
