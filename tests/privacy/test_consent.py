import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory
from chemin.participants.models import CONSENT_TEXT_VERSION
from chemin.participants.services import participant_create
from chemin.privacy.enums import ConsentChannel, ConsentPurpose
from chemin.privacy.models import ConsentRecord, ImmutableRecordError
from chemin.privacy.selectors import consent_history, current_consents, has_consent
from chemin.privacy.services import consent_record
from chemin.referrals.services import referral_accept
from tests.barriers.factories import BarrierFactory
from tests.partners.factories import make_barrier
from tests.referrals.factories import ReferralFactory


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.mark.django_db
class TestConsentRecordIsImmutable:
    def test_a_saved_record_cannot_be_changed(self, participant, counsellor):
        record = consent_record(
            participant=participant, purpose=ConsentPurpose.PROCESSING, granted=True, recorded_by=counsellor
        )
        record.granted = False
        with pytest.raises(ImmutableRecordError):
            record.save()
        record.refresh_from_db()
        assert record.granted is True

    def test_neither_a_record_nor_a_queryset_can_be_deleted_or_updated(self, participant, counsellor):
        record = consent_record(
            participant=participant, purpose=ConsentPurpose.PROCESSING, granted=True, recorded_by=counsellor
        )
        with pytest.raises(ImmutableRecordError):
            record.delete()
        with pytest.raises(ImmutableRecordError):
            ConsentRecord.objects.filter(pk=record.pk).delete()
        with pytest.raises(ImmutableRecordError):
            ConsentRecord.objects.filter(pk=record.pk).update(granted=False)
        with pytest.raises(ImmutableRecordError):
            ConsentRecord.objects.bulk_update([record], ["granted"])
        assert ConsentRecord.objects.filter(pk=record.pk, granted=True).exists()


@pytest.mark.django_db
class TestConsentHistory:
    def test_the_current_state_of_a_purpose_is_its_latest_record(self, participant, counsellor):
        consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=True,
            recorded_by=counsellor,
            scope=["exit", "milestones"],
        )
        withdrawn = consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=False,
            recorded_by=counsellor,
            channel=ConsentChannel.PHONE,
        )
        current = current_consents(participant)
        assert current[ConsentPurpose.PRESCRIBER_SHARING] == withdrawn
        assert current[ConsentPurpose.SPECIAL_CATEGORY] is None
        assert not has_consent(participant, ConsentPurpose.PRESCRIBER_SHARING)
        assert [record.granted for record in consent_history(participant)] == [False, True]

    def test_sharing_with_the_prescriber_is_the_milestones_only_unless_the_person_chooses(
        self, participant, counsellor
    ):
        default = consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=True,
            recorded_by=counsellor,
        )
        chosen = consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=True,
            recorded_by=None,
            by_participant=True,
            channel=ConsentChannel.PARTICIPANT_SPACE,
            scope=["exit", "appointments_kept", "exit"],
        )
        assert default.scope == ["milestones"]
        assert chosen.scope == ["appointments_kept", "exit"]
        assert chosen.scope_labels == ["Rendez-vous honorés", "Sortie"]

    def test_only_the_prescriber_sharing_takes_a_scope_of_known_items(self, participant, counsellor):
        with pytest.raises(ValueError):
            consent_record(
                participant=participant,
                purpose=ConsentPurpose.PROCESSING,
                granted=True,
                recorded_by=counsellor,
                scope=["milestones"],
            )
        with pytest.raises(ValueError):
            consent_record(
                participant=participant,
                purpose=ConsentPurpose.PRESCRIBER_SHARING,
                granted=True,
                recorded_by=counsellor,
                scope=["health"],
            )


@pytest.mark.django_db
class TestConsentIsRecordedWhereItIsGiven:
    def test_creating_a_file_records_the_consent_to_the_current_notice(self, territory, counsellor):
        pathway = participant_create(
            data={"first_name": "Inès", "last_name": "Roussel", "birth_date": datetime.date(1990, 2, 3)},
            territory=territory,
            referent=counsellor,
            created_by=counsellor,
        )
        record = ConsentRecord.objects.get(participant=pathway.participant)
        assert (record.purpose, record.granted, record.notice_version) == (
            ConsentPurpose.PROCESSING,
            True,
            CONSENT_TEXT_VERSION,
        )
        assert (record.recorded_by, record.channel, record.given_on) == (
            counsellor,
            ConsentChannel.IN_PERSON,
            timezone.localdate(),
        )

    def test_accepting_a_referral_records_it_each_time(self, territory, counsellor):
        referral = ReferralFactory(territory=territory, referred_on=days_ago(10))
        pathway = referral_accept(
            referral=referral, accepted_by=counsellor, first_meeting_on=days_ago(2), referent=counsellor
        )
        assert pathway.participant.consent_records.get().recorded_by == counsellor

    def test_a_sensitive_barrier_records_the_consent_on_its_day_an_ordinary_one_does_not(self, pathway):
        make_barrier(pathway, category=BarrierCategory.FAMILY)
        make_barrier(pathway, category=BarrierCategory.HEALTH, situation="15", consent_given_on=days_ago(12))
        record = ConsentRecord.objects.get(participant=pathway.participant)
        assert (record.purpose, record.given_on, record.recorded_by) == (
            ConsentPurpose.SPECIAL_CATEGORY,
            days_ago(12),
            pathway.referent,
        )


@pytest.mark.django_db
class TestHistoryStartsFromEarlierConsents:
    def test_the_migration_writes_a_record_per_file_consent_and_per_sensitive_barrier(self, pathway):
        from tests.participants.factories import ParticipantFactory

        # Written by factories, past the services: as before the history existed.
        ParticipantFactory(consent_given_at=None, consent_text_version="")
        barrier = BarrierFactory(pathway=pathway, health=True)
        assert not ConsentRecord.objects.exists()
        migration = importlib.import_module("chemin.privacy.migrations.0002_backfill_consent_records")

        migration.forward(apps, None)

        processing, special = ConsentRecord.objects.order_by("purpose").filter(
            participant=pathway.participant
        )
        assert processing.purpose == ConsentPurpose.PROCESSING
        assert processing.recorded_at == pathway.participant.consent_given_at
        assert processing.channel == ConsentChannel.EARLIER_RECORD and processing.recorded_by is None
        assert special.purpose == ConsentPurpose.SPECIAL_CATEGORY
        assert special.given_on == barrier.consent_given_on
        assert ConsentRecord.objects.count() == 2
