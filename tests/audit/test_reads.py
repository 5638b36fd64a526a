"""Every read of a participant file, restricted notes, an export or a document is recorded: who,
when, which file — after a successful response, and only then."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, resolve, reverse

from chemin.audit.enums import ReadKind
from chemin.audit.models import ReadEntry
from chemin.audit.reads import READS, read_of
from tests.audit.conftest import client_for
from tests.notes.factories import NoteFactory
from tests.reporting.conftest import build_dataset

pytestmark = pytest.mark.django_db


def detail_url(participant) -> str:
    return reverse("participants:detail", kwargs={"pk": participant.pk})


class TestFileReads:
    def test_a_manager_reading_a_file_is_recorded(self, manager, manager_client, participant):
        assert manager_client.get(detail_url(participant)).status_code == 200
        read = ReadEntry.objects.get()
        assert (read.user, read.participant_id, read.kind, read.url_name) == (
            manager,
            participant.pk,
            ReadKind.PARTICIPANT_FILE,
            "participants:detail",
        )

    def test_a_business_developer_s_job_facing_view_is_recorded_too(
        self, business_developer, business_developer_client, participant
    ):
        assert business_developer_client.get(detail_url(participant)).status_code == 200
        assert list(ReadEntry.objects.values_list("user", "participant", "kind")) == [
            (business_developer.pk, participant.pk, ReadKind.PARTICIPANT_FILE)
        ]

    def test_every_section_of_the_file_is_a_read_of_the_file(self, counsellor_client, participant):
        for url in (
            reverse("participants:timeline", kwargs={"pk": participant.pk}),
            reverse("participants:edit", kwargs={"pk": participant.pk}),
            reverse("jobwishes:list", kwargs={"participant_pk": participant.pk}),
            reverse("barriers:list", kwargs={"participant_pk": participant.pk}),
        ):
            assert counsellor_client.get(url).status_code == 200, url
        assert list(ReadEntry.objects.order_by("pk").values_list("url_name", "participant", "kind")) == [
            ("participants:timeline", participant.pk, ReadKind.PARTICIPANT_FILE),
            ("participants:edit", participant.pk, ReadKind.PARTICIPANT_FILE),
            ("jobwishes:list", participant.pk, ReadKind.PARTICIPANT_FILE),
            ("barriers:list", participant.pk, ReadKind.PARTICIPANT_FILE),
        ]

    def test_a_read_costs_one_insert_and_nothing_else(self, manager_client, participant):
        manager_client.get(detail_url(participant))  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            manager_client.get(detail_url(participant))
        audit_queries = [query["sql"] for query in queries if "audit_" in query["sql"]]
        assert len(audit_queries) == 1
        assert audit_queries[0].startswith("INSERT")


class TestNothingIsRecordedWithoutARead:
    def test_someone_of_another_territory_gets_a_404_and_no_read(self, other_counsellor_client, participant):
        assert other_counsellor_client.get(detail_url(participant)).status_code == 404
        assert not ReadEntry.objects.exists()

    def test_a_refused_section_403_records_nothing(self, business_developer_client, participant):
        url = reverse("notes:list", kwargs={"participant_pk": participant.pk})
        assert business_developer_client.get(url).status_code == 403
        assert not ReadEntry.objects.exists()

    def test_an_anonymous_visitor_sent_to_sign_in_records_nothing(self, client, participant):
        assert client.get(detail_url(participant)).status_code == 302
        assert not ReadEntry.objects.exists()

    def test_a_write_answered_by_a_redirect_records_no_read(self, counsellor_client, participant):
        url = reverse("participants:record_contact", kwargs={"pk": participant.pk})
        assert counsellor_client.post(url, {"contact_on": "2026-01-05"}).status_code == 302
        assert not ReadEntry.objects.exists()

    def test_pages_that_are_not_about_one_person_are_not_reads(self, counsellor_client, participant):
        assert counsellor_client.get(reverse("participants:caseload")).status_code == 200
        assert not ReadEntry.objects.exists()


class TestRestrictedNotes:
    def test_a_notes_page_showing_a_restricted_note_is_recorded_as_such(
        self, manager, manager_client, pathway
    ):
        NoteFactory(pathway=pathway, restricted=True)
        manager_client.get(reverse("notes:list", kwargs={"participant_pk": pathway.participant_id}))
        read = ReadEntry.objects.get()
        assert (read.user, read.kind) == (manager, ReadKind.RESTRICTED_NOTES)

    def test_a_colleague_who_sees_no_restricted_note_reads_the_file_only(self, colleague_client, pathway):
        NoteFactory(pathway=pathway, restricted=True)
        NoteFactory(pathway=pathway)
        colleague_client.get(reverse("notes:list", kwargs={"participant_pk": pathway.participant_id}))
        assert ReadEntry.objects.get().kind == ReadKind.PARTICIPANT_FILE

    def test_the_author_editing_a_restricted_note_reads_it(self, counsellor, counsellor_client, pathway):
        note = NoteFactory(pathway=pathway, restricted=True, author=counsellor)
        url = reverse("notes:edit", kwargs={"participant_pk": pathway.participant_id, "pk": note.pk})
        assert counsellor_client.get(url).status_code == 200
        assert ReadEntry.objects.get().kind == ReadKind.RESTRICTED_NOTES


class TestExports:
    def test_the_cv_is_an_export_of_the_file(self, counsellor_client, participant):
        response = counsellor_client.get(reverse("portfolio:cv", kwargs={"participant_pk": participant.pk}))
        assert response.status_code == 200
        read = ReadEntry.objects.get()
        assert (read.kind, read.participant_id) == (ReadKind.EXPORT, participant.pk)

    def test_a_people_export_records_its_filters_and_no_participant(
        self, territory, other_territory, counsellor, colleague, other_counsellor, manager
    ):
        dataset = build_dataset(territory, other_territory, counsellor, colleague, other_counsellor, manager)
        query = {
            "perimetre": f"convention-{dataset.agreement.pk}",
            "du": "2025-01-01",
            "au": "2025-09-30",
            "indicateur": "entries",
        }
        url = reverse("reporting:people_export", kwargs={"fmt": "csv"})
        assert client_for(manager).get(url, query).status_code == 200
        read = ReadEntry.objects.get()
        assert (read.kind, read.participant_id, read.user) == (ReadKind.EXPORT, None, manager)
        assert read.filters == query

    def test_a_document_download_names_the_document(self):
        request = RequestFactory().get("/personnes/12/documents/34/telecharger/")
        request.resolver_match = resolve(request.path)
        read = read_of(request)
        assert (read.kind, read.participant_id, read.object_id) == (ReadKind.DOCUMENT, 12, 34)

    def test_filters_are_kept_within_bounds(self):
        request = RequestFactory().get(reverse("reporting:people"), {f"k{n}": "x" * 500 for n in range(40)})
        request.resolver_match = resolve(request.path)
        filters = read_of(request).filters
        assert len(filters) == 20
        assert all(len(value) == 200 for value in filters.values())

    def test_filters_lose_nul_characters_postgresql_would_refuse(self):
        request = RequestFactory().get(reverse("reporting:people"), {"cle": "a\x00b"})
        request.resolver_match = resolve(request.path)
        assert read_of(request).filters == {"cle": "ab"}


def url_names(patterns=None, namespace: str | None = None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            )
            yield from url_names(pattern.url_patterns, inner or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


class TestTheMapping:
    def test_every_url_name_it_declares_exists(self):
        missing = sorted(set(READS) - set(url_names()))
        assert missing == [], f"chemin/audit/reads.py names URLs that no longer exist: {missing}"
