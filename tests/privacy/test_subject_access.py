import io
import json
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from chemin.privacy.registry import PERSONAL_DATA
from tests.notes.factories import NoteFactory
from tests.privacy.people import EMAIL, FIRST_NAME, LAST_NAME

# Session, user, participant, current pathway, role (5); one per declared model (34); the
# timeline's sources (30); the audit trail's read and the session's save (4).
QUERIES = 73


def export_url(participant) -> str:
    return reverse("participant_privacy:export", kwargs={"participant_pk": participant.pk})


def unzip(response) -> tuple[dict, str, list[str]]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("donnees.json"))
    reader = PdfReader(io.BytesIO(archive.read("donnees.pdf")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return data, text, archive.namelist()


@pytest.mark.django_db
class TestSubjectAccessExport:
    def test_one_post_gives_a_zip_of_json_and_pdf_named_without_the_person(self, manager_client, zephyrine):
        response = manager_client.post(export_url(zephyrine.participant))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        disposition = response["Content-Disposition"]
        assert f"donnees-personne-{zephyrine.participant.pk}-" in disposition
        assert "Quorvath" not in disposition
        _data, _text, names = unzip(response)
        assert sorted(names) == ["donnees.json", "donnees.pdf"]

    def test_the_json_holds_everything_about_her_restricted_notes_included(self, manager_client, zephyrine):
        data, _text, _names = unzip(manager_client.post(export_url(zephyrine.participant)))
        assert data["participant"][0]["first_name"] == FIRST_NAME
        assert data["participant"][0]["email"] == EMAIL
        assert {note["visibility"] for note in data["notes"]} == {"team", "restricted"}
        assert {note["text"] for note in data["notes"]} == {
            zephyrine.texts["team note"],
            zephyrine.texts["restricted note"],
        }
        assert "search_text" not in data["notes"][0]
        assert data["notes"][0]["author_label"] == "Alice Martin"
        # Every section of the registry is there, and each declared text of hers is found in it.
        for declaration in PERSONAL_DATA:
            assert declaration.key in data
        serialised = json.dumps(data, ensure_ascii=False)
        for where, text in zephyrine.texts.items():
            if where != "document file name":
                assert text in serialised, where
        assert [row["to_status"] for row in data["barrier_transitions"]].count("lifted") == 1
        assert data["documents"][0]["original_filename"] == "CV_Zephyrine_Quorvath.pdf"
        assert "file" not in data["documents"][0]
        assert {row["purpose"] for row in data["consents"]} == {"processing", "special_category"}
        assert data["employments"][0]["contract_type"] == "cdi"
        assert data["check_in_answers"][0]["difficulties"] == ["health"]
        assert data["timeline"], "the timeline of her pathway"

    def test_the_pdf_reads_in_french_with_her_name_and_her_words(self, manager_client, zephyrine):
        _data, text, _names = unzip(manager_client.post(export_url(zephyrine.participant)))
        flat = " ".join(text.split())
        assert "Vos données personnelles" in flat
        assert FIRST_NAME in flat and LAST_NAME in flat
        assert "Notes (toutes, y compris les notes restreintes)" in flat
        assert "Confie un suivi psychiatrique" in flat
        assert "Santé" in flat  # the barrier's category, as read on screen
        assert "Accompagnements" in flat and "Fil du parcours" in flat

    def test_the_query_count_does_not_grow_with_her_rows(
        self, manager_client, zephyrine, django_assert_num_queries
    ):
        pathway = zephyrine.participant.pathways.get()
        with django_assert_num_queries(QUERIES):
            manager_client.post(export_url(zephyrine.participant))
        NoteFactory.create_batch(4, pathway=pathway)
        NoteFactory.create_batch(2, pathway=pathway, restricted=True)
        with django_assert_num_queries(QUERIES):
            manager_client.post(export_url(zephyrine.participant))
