"""Every write on personal data is in the change log (django-auditlog): who, when, what changed."""

import json

import pytest
from auditlog import get_logentry_model
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from chemin.audit.apps import AUDITED_MODELS
from chemin.audit.models import ChangeEntry
from chemin.audit.tracking import participant_id_of
from chemin.notes.models import Note
from chemin.participants.models import Participant
from chemin.participants.services import participant_update
from chemin.pathways.models import Pathway
from tests.barriers.factories import BarrierFactory
from tests.participants.factories import ParticipantFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db

NOTE_TEXT = "Suivi psychologique en cours, ne pas évoquer en atelier."


def entries_for(model, pk):
    return ChangeEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)


class TestRegistration:
    def test_auditlog_writes_its_entries_in_the_audit_app(self):
        assert get_logentry_model() is ChangeEntry

    def test_every_listed_model_is_registered_and_the_list_has_no_duplicate(self):
        labels = [label for label, _path, _left_out in AUDITED_MODELS]
        assert len(labels) == len(set(labels))
        for label in labels:
            assert auditlog.contains(apps.get_model(label)), label

    def test_derived_search_copies_and_timestamps_are_left_out(self):
        assert "search_name" in auditlog.get_model_fields(Participant)["exclude_fields"]
        assert "search_text" in auditlog.get_model_fields(Note)["exclude_fields"]
        assert "updated_at" in auditlog.get_model_fields(Pathway)["exclude_fields"]


class TestWritesThroughTheApplication:
    def test_a_note_written_by_a_counsellor_is_logged_with_its_author_and_participant(
        self, counsellor, counsellor_client, pathway
    ):
        response = counsellor_client.post(
            reverse("notes:create", kwargs={"participant_pk": pathway.participant_id}),
            {"date": timezone.localdate().isoformat(), "visibility": "restricted", "text": NOTE_TEXT},
        )
        assert response.status_code == 302
        note = Note.objects.get()
        entry = entries_for(Note, note.pk).get()
        assert entry.action == ChangeEntry.Action.CREATE
        assert entry.actor == counsellor
        assert entry.participant_id == pathway.participant_id
        assert "visibility" in entry.changes and "text" in entry.changes
        assert "search_text" not in entry.changes

    def test_an_encrypted_field_is_logged_as_changed_never_with_its_words(self, counsellor_client, pathway):
        counsellor_client.post(
            reverse("notes:create", kwargs={"participant_pk": pathway.participant_id}),
            {"date": timezone.localdate().isoformat(), "visibility": "team", "text": NOTE_TEXT},
        )
        entry = entries_for(Note, Note.objects.get().pk).get()
        stored = json.dumps(entry.changes, ensure_ascii=False) + entry.changes_text + entry.object_repr
        assert "psychologique" not in stored

    def test_a_recorded_contact_names_the_field_and_who_changed_it(
        self, counsellor, counsellor_client, pathway
    ):
        day = timezone.localdate()
        counsellor_client.post(
            reverse("participants:record_contact", kwargs={"pk": pathway.participant_id}),
            {"contact_on": day.isoformat()},
        )
        entry = entries_for(Pathway, pathway.pk).filter(action=ChangeEntry.Action.UPDATE).get()
        assert entry.actor == counsellor
        assert entry.participant_id == pathway.participant_id
        assert entry.changes["last_contact_on"][1] == day.isoformat()


class TestWritesOutsideARequest:
    def test_a_service_call_without_a_user_is_logged_without_an_actor(self, participant, counsellor):
        participant_update(
            participant=participant,
            data={"phone": "07 11 22 33 44"},
            updated_by=counsellor,
        )
        entry = entries_for(Participant, participant.pk).filter(action=ChangeEntry.Action.UPDATE).get()
        assert entry.actor is None
        assert entry.participant_id == participant.pk
        assert set(entry.changes) == {"phone"}

    def test_a_deleted_row_keeps_its_entries_and_gets_one_more(self):
        person = ParticipantFactory()
        pk = person.pk
        person.delete()
        actions = list(entries_for(Participant, pk).order_by("pk").values_list("action", "participant_id"))
        assert actions == [(ChangeEntry.Action.CREATE, pk), (ChangeEntry.Action.DELETE, pk)]


class TestParticipantOfARow:
    def test_a_row_two_steps_away_names_its_participant(self, pathway):
        barrier = BarrierFactory(pathway=pathway)
        transition = barrier.transitions.get()
        assert participant_id_of(transition) == pathway.participant_id
        entry = ChangeEntry.objects.get(
            content_type=ContentType.objects.get_for_model(transition), object_id=transition.pk
        )
        assert entry.participant_id == pathway.participant_id

    def test_a_referral_names_nobody_until_it_is_accepted(self):
        waiting = ReferralFactory()
        accepted = ReferralFactory(accepted=True)
        assert participant_id_of(waiting) is None
        assert participant_id_of(accepted) == accepted.participant_id
