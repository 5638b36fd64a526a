"""Start the consent history from what the files recorded before it existed: the processing
consent of each participant (Participant.consent_given_at / consent_text_version) and the consent
given for each special-category barrier (Barrier.consent_given_on)."""

from django.db import migrations
from django.utils import timezone

# The notice in force when the history started (participants.models.CONSENT_TEXT_VERSION then),
# for the barriers of a file without a version of its own.
NOTICE_VERSION_THEN = "2026-11"


def forward(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    Barrier = apps.get_model("barriers", "Barrier")
    ConsentRecord = apps.get_model("privacy", "ConsentRecord")
    versions = {}
    records = []
    for pk, given_at, version in Participant.objects.filter(consent_given_at__isnull=False).values_list(
        "pk", "consent_given_at", "consent_text_version"
    ):
        versions[pk] = version
        records.append(
            ConsentRecord(
                participant_id=pk,
                purpose="processing",
                granted=True,
                scope=[],
                notice_version=version or NOTICE_VERSION_THEN,
                given_on=timezone.localtime(given_at).date(),
                recorded_at=given_at,
                channel="earlier_record",
            )
        )
    # Only the columns needed: the barriers' text columns may be encrypted by then.
    for participant_id, given_on, created_at in (
        Barrier.objects.filter(consent_given_on__isnull=False)
        .order_by("pk")
        .values_list("pathway__participant_id", "consent_given_on", "created_at")
    ):
        records.append(
            ConsentRecord(
                participant_id=participant_id,
                purpose="special_category",
                granted=True,
                scope=[],
                notice_version=versions.get(participant_id) or NOTICE_VERSION_THEN,
                given_on=given_on,
                recorded_at=created_at,
                channel="earlier_record",
            )
        )
    ConsentRecord.objects.bulk_create(records, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_consent_and_anonymisation_records"),
        ("barriers", "0001_create_barriers"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
