import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from chemin.accounts.enums import Role
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.referentials.text import normalize
from tests.accounts.factories import UserFactory
from tests.notes.factories import NoteFactory
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(pathway):
    """One note of each visibility on Nadia's pathway, all written by Alice, her referent."""
    return {
        "team": NoteFactory(pathway=pathway),
        "restricted": NoteFactory(pathway=pathway, restricted=True),
        "prescriber": NoteFactory(pathway=pathway, for_prescriber=True),
        "participant": NoteFactory(pathway=pathway, for_participant=True),
    }


def visible(user) -> set[int]:
    return set(Note.objects.visible_to(user).values_list("pk", flat=True))


def pks(notes, *names) -> set[int]:
    return {notes[name].pk for name in names}


class TestNoteVisibility:
    def test_the_referent_reads_every_note_including_restricted_ones(self, counsellor, notes):
        assert visible(counsellor) == pks(notes, "team", "restricted", "prescriber", "participant")

    def test_a_manager_of_the_territory_reads_restricted_notes(self, manager, notes):
        assert visible(manager) == pks(notes, "team", "restricted", "prescriber", "participant")

    def test_an_administrator_of_the_territory_reads_restricted_notes(self, territory, notes):
        administrator = UserFactory(memberships=[(territory, Role.ADMIN)])
        assert notes["restricted"].pk in visible(administrator)

    def test_a_superuser_reads_every_note(self, admin_user, notes):
        assert visible(admin_user) == pks(notes, "team", "restricted", "prescriber", "participant")

    def test_a_colleague_of_the_same_territory_does_not_read_restricted_notes(self, colleague, notes):
        assert visible(colleague) == pks(notes, "team", "prescriber", "participant")

    def test_the_author_of_a_restricted_note_keeps_reading_it(self, colleague, pathway, notes):
        own = NoteFactory(pathway=pathway, author=colleague, restricted=True)
        assert visible(colleague) == pks(notes, "team", "prescriber", "participant") | {own.pk}

    def test_the_author_loses_it_when_leaving_the_territory(self, colleague, pathway):
        own = NoteFactory(pathway=pathway, author=colleague, restricted=True)
        colleague.memberships.all().delete()
        assert own.pk not in visible(colleague)

    def test_a_business_developer_reads_no_note_at_all(self, business_developer, notes):
        assert visible(business_developer) == set()

    def test_a_counsellor_of_another_territory_reads_no_note(self, other_counsellor, notes):
        assert visible(other_counsellor) == set()

    def test_an_anonymous_user_reads_nothing(self, notes):
        assert visible(AnonymousUser()) == set()

    def test_notes_of_an_earlier_pathway_elsewhere_stay_with_that_territory(
        self, counsellor, other_counsellor, other_territory, pathway
    ):
        # Nadia was followed in Arras before: Arras's team notes are Arras's.
        earlier = PathwayFactory(
            participant=pathway.participant, territory=other_territory, referent=other_counsellor, closed=True
        )
        arras_note = NoteFactory(pathway=earlier)
        lens_note = NoteFactory(pathway=pathway)
        assert visible(counsellor) == {lens_note.pk}
        assert visible(other_counsellor) == {arras_note.pk}

    def test_a_manager_of_another_territory_does_not_read_restricted_notes_here(self, other_territory, notes):
        other_manager = UserFactory(memberships=[(other_territory, Role.MANAGER)])
        assert visible(other_manager) == set()


class TestNoteSearch:
    def test_ignores_accents_and_case(self, pathway):
        note = NoteFactory(pathway=pathway, text="Mme Benamar a relancé deux EMPLOYEURS à Liévin.")
        NoteFactory(pathway=pathway, text="Atelier CV prévu jeudi.")
        assert list(Note.objects.search("releve employeurs lievin")) == []  # "relancé" ≠ "releve"
        assert list(Note.objects.search("relance Employeurs LIEVIN")) == [note]

    def test_every_word_must_appear(self, pathway):
        NoteFactory(pathway=pathway, text="Atelier CV prévu jeudi.")
        assert list(Note.objects.search("atelier vendredi")) == []

    def test_empty_words_filter_nothing(self, pathway):
        NoteFactory.create_batch(2, pathway=pathway)
        assert Note.objects.search("  ").count() == 2

    def test_the_search_text_follows_an_edit(self, pathway):
        note = NoteFactory(pathway=pathway, text="Premier texte")
        note.text = "Relance employeur"
        note.save(update_fields=["text"])
        assert list(Note.objects.search("employeur")) == [note]


def stored_search_text(note) -> str:
    """The searchable copy as the database holds it, read past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_text FROM notes_note WHERE id = %s", [note.pk])
        return cursor.fetchone()[0]


class TestRestrictedNoteSearch:
    """A restricted note's text is encrypted and it keeps no searchable copy in the database."""

    TEXT = "Suivi au CSAPA, sevrage en cours."

    def test_a_restricted_note_leaves_no_words_in_the_search_column(self, pathway):
        note = NoteFactory(pathway=pathway, restricted=True, text=self.TEXT)
        team = NoteFactory(pathway=pathway, text="Relance employeur")
        assert stored_search_text(note) == ""
        assert stored_search_text(team) == "relance employeur"
        assert not Note.objects.filter(search_text__contains="csapa").exists()

    def test_the_search_still_finds_it_for_those_who_read_it(self, counsellor, pathway):
        note = NoteFactory(pathway=pathway, restricted=True, text=self.TEXT)
        NoteFactory(pathway=pathway, restricted=True, text="Rendez-vous CMP jeudi")
        NoteFactory(pathway=pathway, text="Atelier CV : sevrage du téléphone en entretien")
        assert list(Note.objects.visible_to(counsellor).search("csapa SEVRAGE")) == [note]

    def test_the_search_does_not_find_it_for_a_colleague(self, colleague, pathway):
        NoteFactory(pathway=pathway, restricted=True, text=self.TEXT)
        assert list(Note.objects.visible_to(colleague).search("csapa")) == []

    def test_making_a_note_restricted_drops_its_searchable_copy_and_back(self, pathway):
        note = NoteFactory(pathway=pathway, text=self.TEXT)
        assert stored_search_text(note) == normalize(self.TEXT)
        note.visibility = NoteVisibility.RESTRICTED
        note.save(update_fields=["visibility"])
        assert stored_search_text(note) == ""
        note.visibility = NoteVisibility.TEAM
        note.save(update_fields=["visibility"])
        assert stored_search_text(note) == normalize(self.TEXT)

    def test_the_text_is_encrypted_in_the_database(self, pathway):
        note = NoteFactory(pathway=pathway, text=self.TEXT)
        with connection.cursor() as cursor:
            cursor.execute("SELECT text FROM notes_note WHERE id = %s", [note.pk])
            stored = cursor.fetchone()[0]
        assert "CSAPA" not in stored
        assert Note.objects.get(pk=note.pk).text == self.TEXT
