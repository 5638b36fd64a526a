import pytest
from django.urls import reverse

from chemin.accounts.enums import Role
from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document
from tests.accounts.factories import UserFactory
from tests.documents import samples
from tests.documents.factories import DocumentFactory
from tests.documents.samples import files_on_disk, upload
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


def list_url(participant) -> str:
    return reverse("documents:list", kwargs={"participant_pk": participant.pk})


def upload_url(participant) -> str:
    return reverse("documents:upload", kwargs={"participant_pk": participant.pk})


def download_url(document, participant=None) -> str:
    participant_pk = (participant or document.participant).pk
    return reverse("documents:download", kwargs={"participant_pk": participant_pk, "pk": document.pk})


def delete_url(document, participant=None) -> str:
    participant_pk = (participant or document.participant).pk
    return reverse("documents:delete", kwargs={"participant_pk": participant_pk, "pk": document.pk})


@pytest.fixture
def cv(pathway):
    return DocumentFactory(pathway=pathway, kind=DocumentKind.CV, title="CV 2026")


@pytest.fixture
def identity(pathway):
    return DocumentFactory(pathway=pathway, kind=DocumentKind.IDENTITY, title="Carte d’identité")


@pytest.fixture
def agreement(pathway):
    return DocumentFactory(pathway=pathway, kind=DocumentKind.AGREEMENT, title="Convention de PMSMP")


@pytest.fixture
def stranger_document(territory):
    """A document of another participant of the same territory."""
    return DocumentFactory(pathway=PathwayFactory(territory=territory), title="Autre personne")


@pytest.fixture
def elsewhere_client(client, territory, other_territory, pathway):
    """Grace, a counsellor of Arras, where Nadia had an earlier, closed pathway."""
    grace = UserFactory(first_name="Grace", memberships=[(other_territory, Role.COUNSELLOR)])
    PathwayFactory(participant=pathway.participant, territory=other_territory, referent=grace, closed=True)
    client.force_login(grace)
    return client


def download(client, url):
    """GET a download and read it, as a browser would: the test client closes the file once the
    content is read."""
    response = client.get(url)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


def post_upload(client, participant, file, kind="cv", title=""):
    return client.post(upload_url(participant), {"file": file, "kind": kind, "title": title})


class TestDocumentList:
    def test_the_referent_sees_every_document_newest_first(
        self, counsellor_client, pathway, cv, identity, agreement
    ):
        response = counsellor_client.get(list_url(pathway.participant))
        assert response.status_code == 200
        assert list(response.context["documents"]) == [agreement, identity, cv]
        content = response.content.decode()
        assert "Carte d’identité" in content and "Pièce d’identité" in content
        assert download_url(cv) in content
        assert delete_url(cv) in content
        assert upload_url(pathway.participant) in content

    def test_a_manager_sees_the_identity_documents(self, manager_client, pathway, identity):
        assert list(manager_client.get(list_url(pathway.participant)).context["documents"]) == [identity]

    def test_a_colleague_sees_neither_the_identity_documents_nor_their_kind_in_the_form(
        self, colleague_client, pathway, cv, identity
    ):
        response = colleague_client.get(list_url(pathway.participant))
        assert list(response.context["documents"]) == [cv]
        content = response.content.decode()
        assert "Carte d’identité" not in content
        assert 'value="identity"' not in content
        assert 'value="cv"' in content

    def test_a_business_developer_sees_the_cvs_only_and_no_form(
        self, business_developer_client, pathway, cv, identity, agreement
    ):
        response = business_developer_client.get(list_url(pathway.participant))
        assert response.status_code == 200
        assert list(response.context["documents"]) == [cv]
        content = response.content.decode()
        assert "Vous ne voyez que les CV de ce dossier." in content
        assert upload_url(pathway.participant) not in content
        assert delete_url(cv) not in content
        assert download_url(cv) in content

    def test_says_when_there_is_no_document(self, counsellor_client, pathway):
        assert (
            "Aucun document pour l’instant."
            in counsellor_client.get(list_url(pathway.participant)).content.decode()
        )

    def test_is_linked_from_the_file_navigation(self, counsellor_client, pathway):
        content = counsellor_client.get(
            reverse("notes:list", kwargs={"participant_pk": pathway.participant_id})
        )
        assert f'href="{list_url(pathway.participant)}"' in content.content.decode()

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, pathway, cv):
        assert other_counsellor_client.get(list_url(pathway.participant)).status_code == 404

    def test_staff_of_an_earlier_pathway_territory_are_refused(self, elsewhere_client, pathway, cv):
        assert elsewhere_client.get(list_url(pathway.participant)).status_code == 403

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, pathway):
        response = client.get(list_url(pathway.participant))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_runs_the_same_number_of_queries_whatever_the_number_of_documents(
        self, counsellor_client, counsellor, colleague, pathway, django_assert_num_queries
    ):
        for kind in DocumentKind:
            DocumentFactory(pathway=pathway, kind=kind)
        with django_assert_num_queries(11):
            response = counsellor_client.get(list_url(pathway.participant))
        assert len(response.context["documents"]) == 5
        for kind in DocumentKind:
            DocumentFactory.create_batch(2, pathway=pathway, kind=kind, uploaded_by=colleague)
        with django_assert_num_queries(11):
            response = counsellor_client.get(list_url(pathway.participant))
        assert len(response.context["documents"]) == 15


class TestDocumentUpload:
    def test_stores_the_file_under_a_random_name_with_the_detected_type(
        self, counsellor_client, counsellor, pathway, private_media
    ):
        file = upload("CV Nadia Benamar.pdf", samples.PDF, content_type="text/html")
        response = post_upload(counsellor_client, pathway.participant, file, title="  CV à jour  ")
        assert response.status_code == 302
        assert response.url == list_url(pathway.participant)
        document = Document.objects.get()
        assert document.participant == pathway.participant
        assert document.pathway == pathway
        assert document.kind == DocumentKind.CV
        assert document.title == "CV à jour"
        assert document.original_filename == "CV Nadia Benamar.pdf"
        assert document.content_type == "application/pdf"
        assert document.size == len(samples.PDF)
        assert document.uploaded_by == counsellor
        assert "Nadia" not in document.file.name and "Benamar" not in document.file.name
        assert files_on_disk(private_media) == [document.file.name]
        assert (private_media / document.file.name).read_bytes() == samples.PDF
        assert (
            "Document «\u00a0CV à jour\u00a0» ajouté." in counsellor_client.get(response.url).content.decode()
        )

    def test_names_the_document_after_its_file_when_no_title_is_given(self, counsellor_client, pathway):
        post_upload(
            counsellor_client, pathway.participant, upload("convention.docx", samples.DOCX), "agreement"
        )
        assert Document.objects.get().title == "convention"

    def test_a_colleague_may_add_a_cv(self, colleague_client, pathway):
        response = post_upload(colleague_client, pathway.participant, upload("cv.pdf", samples.PDF))
        assert response.status_code == 302
        assert Document.objects.count() == 1

    def test_a_colleague_may_not_add_an_identity_document(self, colleague_client, pathway, private_media):
        response = post_upload(
            colleague_client, pathway.participant, upload("cni.png", samples.PNG), "identity"
        )
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in response.context["form"].errors["kind"][0]
        assert not Document.objects.exists()
        assert files_on_disk(private_media) == []

    def test_the_referent_may_add_an_identity_document(self, counsellor_client, pathway):
        post_upload(counsellor_client, pathway.participant, upload("cni.jpg", samples.JPEG), "identity")
        assert Document.objects.get().content_type == "image/jpeg"

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("cv.pdf", b"", "Ce fichier est vide."),
            ("cv.pdf", samples.PDF + b"%" * (10 * 1024 * 1024), "Ce fichier dépasse 10 Mo."),
            ("cv.pdf", samples.EXE, "Ce fichier n’est ni un PDF, ni une image JPEG ou PNG"),
            ("cv.png", samples.PDF, "Le nom de ce fichier ne correspond pas à son contenu (PDF)"),
        ],
        ids=["empty", "too-large", "exe-renamed-pdf", "pdf-renamed-png"],
    )
    def test_a_refused_file_leaves_nothing_behind_and_says_why_on_the_field(
        self, counsellor_client, pathway, private_media, name, data, message
    ):
        response = post_upload(counsellor_client, pathway.participant, upload(name, data, "application/pdf"))
        assert response.status_code == 200
        errors = response.context["form"].errors["file"]
        assert len(errors) == 1 and errors[0].startswith(message)
        content = response.content.decode()
        assert 'class="field field--error"' in content
        assert message in content.replace("&#x27;", "’")
        assert not Document.objects.exists()
        assert files_on_disk(private_media) == []

    def test_asks_for_a_file_and_a_kind(self, counsellor_client, pathway):
        response = counsellor_client.post(upload_url(pathway.participant), {"kind": "", "title": "CV"})
        errors = response.context["form"].errors
        assert errors["file"] == ["Choisissez le fichier à ajouter."]
        assert errors["kind"] == ["Choisissez le type de document."]

    def test_a_business_developer_is_refused(self, business_developer_client, pathway, private_media):
        response = post_upload(business_developer_client, pathway.participant, upload("cv.pdf", samples.PDF))
        assert response.status_code == 403
        assert files_on_disk(private_media) == []

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, pathway):
        response = post_upload(other_counsellor_client, pathway.participant, upload("cv.pdf", samples.PDF))
        assert response.status_code == 404
        assert not Document.objects.exists()

    def test_only_accepts_a_post(self, counsellor_client, pathway):
        assert counsellor_client.get(upload_url(pathway.participant)).status_code == 405


class TestDocumentDownload:
    def test_serves_the_file_as_an_attachment_with_its_detected_type(self, counsellor_client, cv):
        response = download(counsellor_client, download_url(cv))
        assert response.status_code == 200
        assert response.body == samples.PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="CV Nadia.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["Content-Length"] == str(len(samples.PDF))

    def test_gives_a_safe_name_with_the_extension_of_the_content(self, counsellor_client, pathway):
        document = DocumentFactory(pathway=pathway, original_filename='../"évaluation"\r\n\u202egpj.exe')
        response = download(counsellor_client, download_url(document))
        assert response["Content-Disposition"] == "attachment; filename*=utf-8''%C3%A9valuation_gpj.pdf"

    def test_a_manager_downloads_an_identity_document(self, manager_client, identity):
        assert download(manager_client, download_url(identity)).status_code == 200

    def test_a_colleague_gets_a_404_for_an_identity_document(self, colleague_client, identity, cv):
        assert download(colleague_client, download_url(identity)).status_code == 404
        assert download(colleague_client, download_url(cv)).status_code == 200

    def test_a_business_developer_downloads_a_cv_and_nothing_else(
        self, business_developer_client, cv, agreement, identity
    ):
        assert download(business_developer_client, download_url(cv)).status_code == 200
        assert download(business_developer_client, download_url(agreement)).status_code == 404
        assert download(business_developer_client, download_url(identity)).status_code == 404

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, cv):
        assert download(other_counsellor_client, download_url(cv)).status_code == 404

    def test_another_participants_document_under_this_file_is_a_404(
        self, counsellor_client, pathway, stranger_document
    ):
        assert (
            download(counsellor_client, download_url(stranger_document, pathway.participant)).status_code
            == 404
        )

    def test_staff_of_an_earlier_pathway_territory_are_refused(self, elsewhere_client, cv):
        assert download(elsewhere_client, download_url(cv)).status_code == 403

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, cv):
        response = download(client, download_url(cv))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_a_file_missing_from_the_disk_is_a_404(self, counsellor_client, cv, private_media):
        (private_media / cv.file.name).unlink()
        assert download(counsellor_client, download_url(cv)).status_code == 404


class TestDocumentDelete:
    def test_asks_for_confirmation_first(self, counsellor_client, cv):
        response = counsellor_client.get(delete_url(cv))
        assert response.status_code == 200
        assert "Supprimer le document «\u00a0CV 2026\u00a0» ?" in response.content.decode()
        assert Document.objects.filter(pk=cv.pk).exists()

    def test_deletes_the_row_and_then_the_file(
        self, colleague_client, pathway, cv, agreement, private_media, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = colleague_client.post(delete_url(cv))
        assert response.status_code == 302
        assert response.url == list_url(pathway.participant)
        assert list(Document.objects.all()) == [agreement]
        assert files_on_disk(private_media) == [agreement.file.name]
        assert (
            "Document «\u00a0CV 2026\u00a0» supprimé." in colleague_client.get(response.url).content.decode()
        )

    def test_a_business_developer_is_refused(self, business_developer_client, cv):
        assert business_developer_client.get(delete_url(cv)).status_code == 403
        assert business_developer_client.post(delete_url(cv)).status_code == 403
        assert Document.objects.filter(pk=cv.pk).exists()

    def test_a_colleague_gets_a_404_for_an_identity_document(self, colleague_client, identity):
        assert colleague_client.post(delete_url(identity)).status_code == 404
        assert Document.objects.filter(pk=identity.pk).exists()

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, cv):
        assert other_counsellor_client.post(delete_url(cv)).status_code == 404
        assert Document.objects.filter(pk=cv.pk).exists()

    def test_another_participants_document_under_this_file_is_a_404(
        self, counsellor_client, pathway, stranger_document
    ):
        assert counsellor_client.post(delete_url(stranger_document, pathway.participant)).status_code == 404
        assert Document.objects.filter(pk=stranger_document.pk).exists()
