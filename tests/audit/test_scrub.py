"""The RGPD anonymisation's one exception: blanking a person's values in the change log."""

import json

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType

from chemin.audit.models import ChangeEntry, ReadEntry
from chemin.audit.services import SCRUBBED, scrub_participant_history
from chemin.participants.models import Participant
from chemin.participants.services import participant_update
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def participant_entries(participant):
    return ChangeEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant), object_id=participant.pk
    ).order_by("pk")


def stored_text(entry) -> str:
    return json.dumps(entry.changes, ensure_ascii=False) + entry.changes_text + entry.object_repr


class TestScrubParticipantHistory:
    def test_blanks_the_values_and_keeps_who_when_what_and_which_fields(self, participant, counsellor):
        with set_actor(counsellor):
            participant_update(
                participant=participant, data={"phone": "07 11 22 33 44"}, updated_by=counsellor
            )
        before = list(participant_entries(participant))
        assert any("Benamar" in stored_text(entry) for entry in before)

        scrubbed = scrub_participant_history(participant_ids=[participant.pk])

        after = list(participant_entries(participant))
        assert len(after) == len(before) == 2
        # The pathway's entries are scrubbed too (its printed name holds the person's).
        assert scrubbed == 3
        for old, new in zip(before, after, strict=True):
            assert (new.actor_id, new.timestamp, new.action, new.object_id, new.participant_id) == (
                old.actor_id,
                old.timestamp,
                old.action,
                old.object_id,
                old.participant_id,
            )
            assert set(new.changes) == set(old.changes)
            assert "Benamar" not in stored_text(new) and "07 11 22 33 44" not in stored_text(new)
            assert new.object_repr == f"#{participant.pk}"
        update = after[1]
        assert update.actor == counsellor
        assert update.changes == {"phone": [SCRUBBED, SCRUBBED]}

    def test_scrubs_the_rows_of_the_file_and_a_referral_logged_before_its_acceptance(self, pathway):
        referral = ReferralFactory(last_name="Benamar")
        created = ChangeEntry.objects.get(object_id=referral.pk, content_type__model="referral")
        assert created.participant_id is None  # logged while it named nobody
        referral.participant = pathway.participant
        referral.save()

        scrub_participant_history(participant_ids=[pathway.participant_id])

        for entry in ChangeEntry.objects.filter(content_type__model__in=["referral", "pathway"]):
            assert "Benamar" not in stored_text(entry)

    def test_leaves_other_people_and_the_reads_alone(self, participant, counsellor):
        other = ParticipantFactory(last_name="Kowalski")
        PathwayFactory(participant=other)
        read = ReadEntry.objects.create(
            user=counsellor, participant=participant, kind="participant_file", url_name="participants:detail"
        )
        scrub_participant_history(participant_ids=[participant.pk])
        assert "Kowalski" in participant_entries(other).get().object_repr
        assert ReadEntry.objects.get() == read

    def test_does_nothing_without_anyone_to_scrub(self, participant):
        assert scrub_participant_history(participant_ids=[]) == 0
        assert "Benamar" in participant_entries(participant).get().object_repr
