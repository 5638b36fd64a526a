import pytest

from chemin.core import timeline
from chemin.notes.timeline import note_events
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db

RESTRICTED_TEXT = "Suivi psychologique en cours, ne pas évoquer en atelier."


@pytest.fixture
def notes(pathway):
    return [
        NoteFactory(pathway=pathway, text="Entretien mensuel : relance de deux employeurs."),
        NoteFactory(pathway=pathway, restricted=True, text=RESTRICTED_TEXT),
        NoteFactory(pathway=pathway, for_prescriber=True, text="Démarrage d'une PMSMP prévu."),
    ]


class TestNoteTimeline:
    def test_is_registered_as_a_timeline_source(self):
        assert note_events in timeline._sources

    def test_the_referent_sees_every_note_as_an_event(self, counsellor, participant, notes):
        events = list(note_events(participant, counsellor))
        assert len(events) == 3
        assert {event.kind for event in events} == {"note"}
        assert any(RESTRICTED_TEXT in event.detail for event in events)
        assert events[0].title == "Note écrite par Alice Martin"

    def test_a_colleague_never_sees_the_restricted_note(self, colleague, participant, notes):
        events = list(note_events(participant, colleague))
        assert len(events) == 2
        assert all(RESTRICTED_TEXT not in event.detail for event in events)
        assert all(event.extra["visibility"] != "restricted" for event in events)

    def test_a_business_developer_sees_no_note(self, business_developer, participant, notes):
        assert list(note_events(participant, business_developer)) == []

    def test_events_carry_the_note_date_and_link_to_the_notes(self, counsellor, participant, notes):
        event = next(iter(note_events(participant, counsellor)))
        assert event.at == notes[0].date
        assert event.url == f"/personnes/{participant.pk}/notes/"

    def test_runs_one_query_whatever_the_number_of_notes(
        self, counsellor, participant, pathway, notes, django_assert_num_queries
    ):
        NoteFactory.create_batch(6, pathway=pathway)
        with django_assert_num_queries(1):
            events = list(note_events(participant, counsellor))
        assert len(events) == 9


class TestTimelinePage:
    """The participant's timeline page gathers every source: the restricted note stays out of it."""

    def url(self, participant) -> str:
        from django.urls import reverse

        return reverse("participants:timeline", kwargs={"pk": participant.pk})

    def test_the_referent_reads_the_restricted_note_on_the_timeline(
        self, counsellor_client, participant, notes
    ):
        content = counsellor_client.get(self.url(participant)).content.decode()
        assert RESTRICTED_TEXT in content

    def test_a_colleague_does_not_find_it_on_the_timeline(self, colleague_client, participant, notes):
        response = colleague_client.get(self.url(participant))
        assert response.status_code == 200
        content = response.content.decode()
        assert RESTRICTED_TEXT not in content
        assert "Entretien mensuel : relance de deux employeurs." in content
        assert sum(event.kind == "note" for event in response.context["events"]) == 2
