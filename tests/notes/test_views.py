import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db

RESTRICTED_TEXT = "Suivi psychologique en cours, ne pas évoquer en atelier."


def list_url(participant) -> str:
    return reverse("notes:list", kwargs={"participant_pk": participant.pk})


def create_url(participant) -> str:
    return reverse("notes:create", kwargs={"participant_pk": participant.pk})


def edit_url(note) -> str:
    return reverse("notes:edit", kwargs={"participant_pk": note.pathway.participant_id, "pk": note.pk})


@pytest.fixture
def restricted_note(pathway):
    return NoteFactory(pathway=pathway, restricted=True, text=RESTRICTED_TEXT)


@pytest.fixture
def team_note(pathway):
    return NoteFactory(pathway=pathway, text="Entretien mensuel : Nadia a relancé deux employeurs.")


def several_notes(pathway, per_visibility: int) -> None:
    for visibility in NoteVisibility:
        NoteFactory.create_batch(per_visibility, pathway=pathway, visibility=visibility)


class TestNoteList:
    def test_shows_the_notes_newest_first(self, counsellor_client, pathway):
        today = timezone.localdate()
        NoteFactory(pathway=pathway, date=today - datetime.timedelta(days=10), text="Ancienne note")
        NoteFactory(pathway=pathway, date=today, text="Note du jour")
        response = counsellor_client.get(list_url(pathway.participant))
        assert response.status_code == 200
        assert [note.text for note in response.context["page"]] == ["Note du jour", "Ancienne note"]
        content = response.content.decode()
        assert content.index("Note du jour") < content.index("Ancienne note")
        assert "2 notes" in content

    def test_the_referent_sees_a_restricted_note_and_its_label(
        self, counsellor_client, pathway, restricted_note
    ):
        content = counsellor_client.get(list_url(pathway.participant)).content.decode()
        assert RESTRICTED_TEXT in content
        assert "Restreinte : référent·e et responsables" in content

    def test_a_manager_sees_a_restricted_note(self, manager_client, pathway, restricted_note):
        assert RESTRICTED_TEXT in manager_client.get(list_url(pathway.participant)).content.decode()

    def test_a_colleague_sees_neither_the_restricted_note_nor_its_count(
        self, colleague_client, pathway, team_note, restricted_note
    ):
        response = colleague_client.get(list_url(pathway.participant))
        content = response.content.decode()
        assert response.status_code == 200
        assert RESTRICTED_TEXT not in content
        assert "Nadia a relancé deux employeurs" in content
        assert "1 note" in content and "2 notes" not in content
        assert response.context["page"].paginator.count == 1

    def test_a_colleague_cannot_find_a_restricted_note_by_searching(
        self, colleague_client, pathway, team_note, restricted_note
    ):
        response = colleague_client.get(list_url(pathway.participant), {"q": "psychologique"})
        content = response.content.decode()
        assert RESTRICTED_TEXT not in content
        assert "0 note" in content
        assert "Aucune note ne correspond à ces filtres." in content

    def test_the_referent_finds_a_restricted_note_by_searching(
        self, counsellor_client, pathway, team_note, restricted_note
    ):
        # Restricted notes keep no searchable copy in the database: they are matched once decrypted.
        response = counsellor_client.get(list_url(pathway.participant), {"q": "PSYCHOLOGIQUE atelier"})
        assert list(response.context["page"]) == [restricted_note]

    def test_a_search_costs_one_query_more_whatever_the_number_of_restricted_notes(
        self, counsellor_client, pathway
    ):
        several_notes(pathway, per_visibility=2)
        NoteFactory(pathway=pathway, text="Rendez-vous à France Travail.")
        NoteFactory(pathway=pathway, restricted=True, text="Rendez-vous au CSAPA.")

        def queries(params: dict) -> int:
            with CaptureQueriesContext(connection) as captured:
                assert counsellor_client.get(list_url(pathway.participant), params).status_code == 200
            return len(captured)

        without_search = queries({})
        with_search = queries({"q": "rendez-vous"})
        NoteFactory.create_batch(5, pathway=pathway, restricted=True, text="Rendez-vous au CMP.")
        assert with_search == without_search + 1
        assert queries({"q": "rendez-vous"}) == with_search

    def test_a_colleague_filtering_on_restricted_notes_finds_none(
        self, colleague_client, pathway, restricted_note
    ):
        response = colleague_client.get(list_url(pathway.participant), {"visibility": "restricted"})
        assert list(response.context["page"]) == []
        assert RESTRICTED_TEXT not in response.content.decode()

    def test_the_search_ignores_accents_and_keeps_the_words_typed(
        self, counsellor_client, pathway, team_note
    ):
        NoteFactory(pathway=pathway, text="Atelier CV prévu jeudi.")
        response = counsellor_client.get(list_url(pathway.participant), {"q": "RELANCE employeurs"})
        assert list(response.context["page"]) == [team_note]
        assert 'value="RELANCE employeurs"' in response.content.decode()

    def test_filters_on_a_visibility(self, counsellor_client, pathway, team_note):
        shared = NoteFactory(pathway=pathway, for_prescriber=True)
        response = counsellor_client.get(list_url(pathway.participant), {"visibility": "prescriber"})
        assert list(response.context["page"]) == [shared]

    def test_an_htmx_request_gets_the_results_and_the_count_only(self, counsellor_client, pathway, team_note):
        response = counsellor_client.get(
            list_url(pathway.participant), {"q": "employeurs"}, HTTP_HX_REQUEST="true"
        )
        content = response.content.decode()
        assert "<html" not in content
        assert 'hx-swap-oob="true"' in content
        assert "Nadia a relancé deux employeurs" in content

    def test_offers_the_add_form_to_the_territory_staff(self, colleague_client, pathway):
        content = colleague_client.get(list_url(pathway.participant)).content.decode()
        assert create_url(pathway.participant) in content

    def test_a_business_developer_is_refused(self, business_developer_client, pathway, team_note):
        assert business_developer_client.get(list_url(pathway.participant)).status_code == 403

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, pathway):
        assert other_counsellor_client.get(list_url(pathway.participant)).status_code == 404

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, pathway):
        response = client.get(list_url(pathway.participant))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_runs_the_same_number_of_queries_whatever_the_number_of_notes(
        self, colleague_client, colleague, pathway, django_assert_num_queries
    ):
        several_notes(pathway, per_visibility=2)
        NoteFactory(pathway=pathway, author=colleague, restricted=True)
        with django_assert_num_queries(12):
            response = colleague_client.get(list_url(pathway.participant))
        assert response.context["page"].paginator.count == 7
        several_notes(pathway, per_visibility=4)
        with django_assert_num_queries(12):
            response = colleague_client.get(list_url(pathway.participant))
        assert response.context["page"].paginator.count == 19


class TestNoteCreate:
    def test_records_the_note_on_the_current_pathway(self, colleague_client, colleague, pathway):
        response = colleague_client.post(
            create_url(pathway.participant),
            {
                "date": timezone.localdate().isoformat(),
                "visibility": "team",
                "text": "  Appel de l'employeur.  ",
            },
        )
        assert response.status_code == 302
        assert response.url == list_url(pathway.participant)
        note = Note.objects.get()
        assert (note.pathway, note.author, note.text, note.visibility) == (
            pathway,
            colleague,
            "Appel de l'employeur.",
            NoteVisibility.TEAM,
        )
        assert "Note ajoutée." in colleague_client.get(response.url).content.decode()

    def test_refuses_a_date_in_the_future_and_keeps_what_was_typed(self, counsellor_client, pathway):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = counsellor_client.post(
            create_url(pathway.participant),
            {"date": tomorrow.isoformat(), "visibility": "restricted", "text": "Rendez-vous prévu"},
        )
        assert response.status_code == 200
        assert not Note.objects.exists()
        content = response.content.decode()
        assert "Une note ne peut pas être datée dans le futur." in content
        assert "Rendez-vous prévu" in content
        assert '<option value="restricted" selected>' in content

    def test_refuses_an_empty_text(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant),
            {"date": timezone.localdate().isoformat(), "visibility": "team", "text": " "},
        )
        assert response.status_code == 200
        assert "Écrivez la note." in response.content.decode()
        assert not Note.objects.exists()

    def test_refuses_an_unknown_visibility(self, counsellor_client, pathway):
        response = counsellor_client.post(
            create_url(pathway.participant),
            {"date": timezone.localdate().isoformat(), "visibility": "everyone", "text": "Texte"},
        )
        assert response.status_code == 200
        assert not Note.objects.exists()

    def test_a_business_developer_cannot_write_a_note(self, business_developer_client, pathway):
        response = business_developer_client.post(
            create_url(pathway.participant),
            {"date": timezone.localdate().isoformat(), "visibility": "team", "text": "Texte"},
        )
        assert response.status_code == 403
        assert not Note.objects.exists()

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, pathway):
        response = other_counsellor_client.post(
            create_url(pathway.participant),
            {"date": timezone.localdate().isoformat(), "visibility": "team", "text": "Texte"},
        )
        assert response.status_code == 404
        assert not Note.objects.exists()

    def test_only_accepts_post(self, counsellor_client, pathway):
        assert counsellor_client.get(create_url(pathway.participant)).status_code == 405

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, pathway):
        response = client.post(create_url(pathway.participant), {"text": "Texte"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        assert not Note.objects.exists()


class TestNoteEdit:
    def test_the_author_changes_the_note(self, counsellor_client, team_note):
        response = counsellor_client.post(
            edit_url(team_note),
            {"date": team_note.date.isoformat(), "visibility": "restricted", "text": "Texte corrigé"},
        )
        assert response.status_code == 302
        team_note.refresh_from_db()
        assert (team_note.text, team_note.visibility) == ("Texte corrigé", NoteVisibility.RESTRICTED)

    def test_shows_the_form_filled_in(self, counsellor_client, team_note):
        response = counsellor_client.get(edit_url(team_note))
        assert response.status_code == 200
        assert "Nadia a relancé deux employeurs" in response.content.decode()

    def test_refuses_a_date_in_the_future(self, counsellor_client, team_note):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = counsellor_client.post(
            edit_url(team_note), {"date": tomorrow.isoformat(), "visibility": "team", "text": "Autre texte"}
        )
        assert response.status_code == 200
        assert "Une note ne peut pas être datée dans le futur." in response.content.decode()
        team_note.refresh_from_db()
        assert team_note.text == "Entretien mensuel : Nadia a relancé deux employeurs."

    def test_a_colleague_who_reads_the_note_may_not_change_it(self, colleague_client, team_note):
        assert colleague_client.get(edit_url(team_note)).status_code == 403
        response = colleague_client.post(
            edit_url(team_note), {"date": team_note.date.isoformat(), "visibility": "team", "text": "Réécrit"}
        )
        assert response.status_code == 403
        team_note.refresh_from_db()
        assert team_note.text != "Réécrit"

    def test_a_colleague_does_not_even_learn_a_restricted_note_exists(
        self, colleague_client, restricted_note
    ):
        assert colleague_client.get(edit_url(restricted_note)).status_code == 404

    def test_a_business_developer_is_refused(self, business_developer_client, team_note):
        assert business_developer_client.get(edit_url(team_note)).status_code == 403

    def test_a_counsellor_of_another_territory_gets_a_404(self, other_counsellor_client, team_note):
        assert other_counsellor_client.get(edit_url(team_note)).status_code == 404

    def test_a_note_of_another_participant_is_a_404(
        self, counsellor_client, counsellor, territory, team_note
    ):
        from tests.participants.factories import PathwayFactory

        someone_else = PathwayFactory(territory=territory, referent=counsellor)
        url = reverse(
            "notes:edit", kwargs={"participant_pk": someone_else.participant_id, "pk": team_note.pk}
        )
        assert counsellor_client.get(url).status_code == 404

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, team_note):
        response = client.get(edit_url(team_note))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
