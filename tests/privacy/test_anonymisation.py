import datetime
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from chemin.audit.models import ChangeEntry
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier, BarrierTransition
from chemin.core.dates import add_months
from chemin.documents.models import Document
from chemin.employments.models import CheckInSide
from chemin.jobwishes.models import JobWishVersion
from chemin.notes.models import Note
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway
from chemin.privacy.anonymisation import anonymise_expired, anonymise_participant, expired_files
from chemin.privacy.enums import AnonymisationReason
from chemin.privacy.models import AnonymisationRecord, ConsentRecord
from chemin.referentials.text import normalize
from chemin.referrals.models import Referral, ReferralAttachment
from tests.accounts.factories import UserFactory
from tests.notes.factories import NoteFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.privacy.people import rich_person

TODAY = datetime.date(2026, 11, 23)


def closed_pathway(territory, referent, *, closed_on, participant=None):
    return PathwayFactory(
        participant=participant or ParticipantFactory(),
        territory=territory,
        referent=referent,
        closed=True,
        entry_date=closed_on - datetime.timedelta(days=300),
        closed_on=closed_on,
    )


@pytest.mark.django_db
class TestAnonymiseParticipant:
    def test_names_contact_and_texts_go_dates_codes_and_rows_stay(self, zephyrine, manager):
        participant = zephyrine.participant
        born = participant.birth_date
        counts = {
            model: model.objects.count() for model in [Pathway, Note, Barrier, BarrierTransition, Referral]
        }
        consents = list(ConsentRecord.objects.filter(participant=participant).values_list("pk", "granted"))

        anonymise_participant(
            participant,
            reason=AnonymisationReason.ERASURE_REQUEST,
            by=manager,
            requested_on=TODAY - datetime.timedelta(days=2),
        )

        participant.refresh_from_db()
        assert participant.full_name == f"Personne anonymisée n°{participant.pk}"
        assert participant.search_name == normalize(participant.full_name)
        assert (participant.email, participant.phone, participant.address, participant.france_travail_id) == (
            "",
            "",
            "",
            "",
        )
        assert participant.birth_date == born.replace(day=1)
        assert (participant.income_support, participant.qpv_resident) == ("rsa", True)
        assert participant.anonymised_at is not None
        pathway = participant.pathways.get()
        assert pathway.exit_detail == "[effacé]" and pathway.exit_category == "other"
        assert {note.text for note in Note.objects.filter(pathway=pathway)} == {"[effacé]"}
        assert set(Note.objects.filter(pathway=pathway).values_list("search_text", flat=True)) == {""}
        health = Barrier.objects.get(pathway=pathway, category=BarrierCategory.HEALTH)
        assert (health.own_words, health.situation, health.status) == ("[effacé]", "15", "lifted")
        assert set(BarrierTransition.objects.filter(barrier=health).values_list("comment", flat=True)) == {
            "",
            "[effacé]",
        }
        referral = Referral.objects.get(participant=participant)
        assert (referral.first_name, referral.email, referral.reason) == (
            "Personne anonymisée",
            "",
            "[effacé]",
        )
        assert set(
            JobWishVersion.objects.filter(job_wish__pathway=pathway).values_list(
                "title_in_own_words", flat=True
            )
        ) == {"[effacé]"}
        side = CheckInSide.objects.filter(check_in__employment__pathway=pathway).first()
        assert (side.comment, side.difficulties, side.how_it_goes) == ("[effacé]", ["health"], 3)
        assert {model: model.objects.count() for model in counts} == counts
        assert (
            list(ConsentRecord.objects.filter(participant=participant).values_list("pk", "granted"))
            == consents
        )

    def test_documents_go_with_their_files(self, zephyrine, manager, django_capture_on_commit_callbacks):
        document = Document.objects.get(participant=zephyrine.participant)
        storage, name = document.file.storage, document.file.name
        attachment = ReferralAttachment.objects.get(referral__participant=zephyrine.participant)
        attachment_name = attachment.file.name
        assert storage.exists(name) and storage.exists(attachment_name)
        with django_capture_on_commit_callbacks(execute=True):
            anonymise_participant(
                zephyrine.participant, reason=AnonymisationReason.OBJECTION, by=manager, requested_on=TODAY
            )
        assert not Document.objects.exists()
        assert not storage.exists(name)
        # The files the prescriber sent with the referral go too.
        assert not ReferralAttachment.objects.exists()
        assert not storage.exists(attachment_name)

    def test_the_change_history_and_the_admin_log_lose_her_values(self, zephyrine, manager):
        participant = zephyrine.participant
        assert any(
            "Quorvath" in str(entry.changes)
            for entry in ChangeEntry.objects.filter(participant_id=participant.pk)
        )
        anonymise_participant(
            participant, reason=AnonymisationReason.OBJECTION, by=manager, requested_on=TODAY
        )
        for entry in ChangeEntry.objects.filter(participant_id=participant.pk):
            assert "Quorvath" not in str(entry.changes) and "Quorvath" not in entry.object_repr
        log = LogEntry.objects.get(object_id=str(participant.pk))
        assert "Quorvath" not in log.object_repr

    def test_it_is_done_once_and_recorded(self, zephyrine, manager):
        participant = zephyrine.participant
        anonymise_participant(participant, reason=AnonymisationReason.RETENTION)
        with pytest.raises(ValidationError) as error:
            anonymise_participant(participant, reason=AnonymisationReason.RETENTION)
        assert error.value.code == "already_anonymised"
        record = AnonymisationRecord.objects.get(participant=participant)
        assert record.performed_by is None
        assert record.last_closed_on == participant.pathways.get().closed_on

    def test_the_personal_space_account_is_closed_and_names_nobody(self, zephyrine, client):
        participant = zephyrine.participant
        participant.user = UserFactory(
            kind=AccountKind.PARTICIPANT, email="zephyrine.quorvath@example.org", last_name="Quorvath"
        )
        participant.save(update_fields=["user"])
        client.force_login(participant.user)
        anonymise_participant(participant, reason=AnonymisationReason.RETENTION)
        account = User.objects.get(pk=participant.user_id)
        assert not account.is_active
        assert not account.has_usable_password()
        assert "quorvath" not in f"{account.email} {account.get_full_name()}".lower()
        # Signed out on the spot: the session no longer matches the account.
        assert client.get(reverse("space:home")).status_code == 302

    def test_an_open_pathway_is_refused(self, pathway):
        NoteFactory(pathway=pathway, text="Rien à effacer encore")
        with pytest.raises(ValidationError) as error:
            anonymise_participant(pathway.participant, reason=AnonymisationReason.RETENTION)
        assert error.value.code == "pathway_open"
        assert Note.objects.get().text == "Rien à effacer encore"


@pytest.mark.django_db
class TestExpiredFiles:
    def test_people_whose_pathways_all_closed_more_than_two_years_ago(self, territory, counsellor, settings):
        settings.RETENTION_CLOSED_PATHWAY_DAYS = 730
        expired = closed_pathway(territory, counsellor, closed_on=TODAY - datetime.timedelta(days=731))
        just_in_time = closed_pathway(territory, counsellor, closed_on=TODAY - datetime.timedelta(days=730))
        came_back = closed_pathway(territory, counsellor, closed_on=TODAY - datetime.timedelta(days=1000))
        PathwayFactory(participant=came_back.participant, territory=territory, referent=counsellor)
        older_and_newer = closed_pathway(
            territory, counsellor, closed_on=TODAY - datetime.timedelta(days=2000)
        )
        closed_pathway(
            territory,
            counsellor,
            participant=older_and_newer.participant,
            closed_on=TODAY - datetime.timedelta(days=20),
        )
        files = expired_files(today=TODAY)
        assert [(f.participant_id, f.last_closed_on) for f in files] == [
            (expired.participant_id, expired.closed_on)
        ]
        assert just_in_time.participant_id not in {f.participant_id for f in files}

    def test_the_period_is_a_setting(self, territory, counsellor, settings):
        pathway = closed_pathway(territory, counsellor, closed_on=TODAY - datetime.timedelta(days=400))
        assert expired_files(today=TODAY) == []
        settings.RETENTION_CLOSED_PATHWAY_DAYS = 365
        assert [f.participant_id for f in expired_files(today=TODAY)] == [pathway.participant_id]

    def test_anonymised_people_are_not_listed_again(self, territory, counsellor):
        pathway = closed_pathway(territory, counsellor, closed_on=TODAY - datetime.timedelta(days=800))
        assert [f.participant_id for f in anonymise_expired(dry_run=False, today=TODAY)] == [
            pathway.participant_id
        ]
        assert expired_files(today=TODAY) == []

    def test_a_dry_run_changes_nothing(self, territory, counsellor, django_assert_num_queries):
        pathway = closed_pathway(territory, counsellor, closed_on=TODAY - datetime.timedelta(days=800))
        name = pathway.participant.full_name
        with django_assert_num_queries(1):
            files = anonymise_expired(dry_run=True, today=TODAY)
        assert [f.participant_id for f in files] == [pathway.participant_id]
        assert Participant.objects.get().full_name == name
        assert not AnonymisationRecord.objects.exists()


@pytest.mark.django_db
class TestAnonymiseExpiredCommand:
    def test_the_dry_run_lists_ids_and_closing_dates_without_names(self, territory, counsellor):
        old = add_months(timezone.localdate(), -25)
        pathway = closed_pathway(territory, counsellor, closed_on=old)
        out = io.StringIO()
        call_command("anonymise_expired", "--dry-run", stdout=out)
        output = out.getvalue()
        assert f"personne {pathway.participant_id} — dernier parcours clos le {old:%d/%m/%Y}" in output
        assert "1 dossier(s) seraient anonymisés ; rien n’a été modifié." in output
        assert pathway.participant.last_name not in output
        assert Participant.objects.get().anonymised_at is None

    def test_without_dry_run_it_anonymises(self, territory, counsellor):
        closed_pathway(territory, counsellor, closed_on=add_months(timezone.localdate(), -25))
        out = io.StringIO()
        call_command("anonymise_expired", stdout=out)
        assert "1 dossier(s) anonymisé(s)." in out.getvalue()
        assert Participant.objects.get().anonymised_at is not None


@pytest.mark.django_db
class TestRichPersonFixture:
    def test_she_has_something_in_every_declared_model(self, territory, counsellor, manager):
        from chemin.privacy.registry import PERSONAL_DATA

        person = rich_person(
            territory=territory,
            referent=counsellor,
            manager=manager,
            closed_on=TODAY - datetime.timedelta(days=90),
        )
        empty = [d.model._meta.label for d in PERSONAL_DATA if not d.rows(person.participant.pk).exists()]
        # The anonymisation record is written by the anonymisation itself.
        assert empty == ["privacy.AnonymisationRecord"]
