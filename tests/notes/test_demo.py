import pytest
from django.utils import timezone

from chemin.notes.demo import seed_notes
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathways(territory, counsellor):
    return [PathwayFactory(territory=territory, referent=counsellor) for _ in range(8)]


class TestSeedNotes:
    def test_writes_notes_of_every_visibility_by_the_referent(self, pathways, counsellor):
        seed_notes(pathways=pathways)
        notes = Note.objects.all()
        assert {note.visibility for note in notes} == set(NoteVisibility.values)
        assert all(note.author == counsellor for note in notes)
        assert all(2 <= Note.objects.filter(pathway=pathway).count() <= 4 for pathway in pathways)

    def test_dates_notes_after_the_entry_and_never_in_the_future(self, pathways):
        seed_notes(pathways=pathways)
        for note in Note.objects.select_related("pathway"):
            assert note.pathway.entry_date <= note.date <= timezone.localdate()

    def test_restricted_notes_stay_sober(self, pathways):
        seed_notes(pathways=pathways)
        texts = list(Note.objects.filter(visibility=NoteVisibility.RESTRICTED).values_list("text", flat=True))
        assert "Suivi psychologique en cours, ne pas évoquer en atelier." in texts

    def test_names_the_person_in_the_text(self, pathways):
        seed_notes(pathways=pathways)
        first = sorted(pathways, key=lambda p: p.pk)[0]
        assert any(first.participant.first_name in note.text for note in first.notes.all())

    def test_running_it_twice_adds_nothing(self, pathways):
        seed_notes(pathways=pathways)
        count = Note.objects.count()
        seed_notes(pathways=pathways)
        assert Note.objects.count() == count
