"""The weekly digest: what changed since the last one, nothing when nothing changed."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chemin.jobwishes.models import JobWish
from chemin.prescriber_portal.services import prescriber_digest_send, prescriber_digests_send
from chemin.prescriber_portal.tasks import ensure_digest_scheduled, next_run_after, send_prescriber_digests
from chemin.privacy.enums import SharedItem
from chemin.referrals.services import referral_decline
from tests.jobwishes.factories import JobWishFactory
from tests.notes.factories import NoteFactory
from tests.prescriber_portal.conftest import share
from tests.referrals.factories import ReferralFactory
from tests.steps.factories import StepFactory

SITE_URL = "https://chemin.example.org/"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def last_week(prescriber):
    """The last digest went eight days ago."""
    prescriber.digest_sent_at = timezone.now() - datetime.timedelta(days=8)
    prescriber.save()
    return prescriber


def send(prescriber, capture):
    with capture(execute=True):
        return prescriber_digest_send(prescriber=prescriber, site_url=SITE_URL)


class TestContent:
    def test_tells_the_decisions_and_the_new_milestones_of_people_who_share(
        self,
        last_week,
        accepted_referral,
        counsellor,
        territory,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        prescriber = last_week
        declined = ReferralFactory(
            prescriber=prescriber, territory=territory, first_name="Karim", last_name="Dufour"
        )
        referral_decline(referral=declined, declined_by=counsellor, reason="Hors de notre territoire.")
        from chemin.referrals.models import Referral

        Referral.objects.filter(pk=declined.pk).update(decided_on=days_ago(2))
        pathway = accepted_referral.pathway
        share(accepted_referral.participant)
        StepFactory(pathway=pathway, done=True, done_on=days_ago(3), title="Inscription au code de la route")
        StepFactory(pathway=pathway, done=True, done_on=days_ago(30), title="Étape ancienne")
        JobWishFactory(pathway=pathway, title_in_own_words="travailler avec les chevaux")
        NoteFactory(pathway=pathway, for_prescriber=True, date=days_ago(1), text="Texte de la note partagée")
        NoteFactory(pathway=pathway, restricted=True, date=days_ago(1), text="Secret médical")

        assert send(prescriber, django_capture_on_commit_callbacks) is True

        [email] = mailoutbox
        assert email.to == ["g.vasseur@ft.example.org"]
        assert email.subject == "Les nouvelles de la semaine des personnes que vous avez orientées"
        body = email.body
        assert "Karim D. : refusée (Hors de notre territoire.)" in body
        assert "Nadia B." in body
        assert body.count("Une étape franchie") == 1  # this week's, without its words
        assert "Inscription au code de la route" not in body and "Étape ancienne" not in body
        # Milestones only: no wish; notes are counted, never quoted in an email.
        assert "chevaux" not in body
        assert "1 note partagée avec vous" in body
        assert "Texte de la note partagée" not in body and "Secret médical" not in body
        assert f"{SITE_URL}portail-prescripteur/" in body
        prescriber.refresh_from_db()
        assert timezone.localdate(prescriber.digest_sent_at) == timezone.localdate()

    def test_the_wish_text_when_the_person_shares_it(
        self, last_week, accepted_referral, mailoutbox, django_capture_on_commit_callbacks
    ):
        share(accepted_referral.participant, SharedItem.MILESTONES, SharedItem.JOB_WISHES)
        wish = JobWishFactory(
            pathway=accepted_referral.pathway, title_in_own_words="travailler avec les chevaux"
        )
        # Written yesterday: today's changes wait for the next digest.
        JobWish.objects.filter(pk=wish.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
        send(last_week, django_capture_on_commit_callbacks)
        assert "Nouveau souhait de métier : travailler avec les chevaux" in mailoutbox[0].body

    def test_nothing_of_a_person_who_shares_nothing(
        self, last_week, accepted_referral, mailoutbox, django_capture_on_commit_callbacks
    ):
        StepFactory(pathway=accepted_referral.pathway, done=True, done_on=days_ago(2))
        assert send(last_week, django_capture_on_commit_callbacks) is False
        assert mailoutbox == []


class TestNothingToSay:
    def test_no_email_when_nothing_changed_and_the_period_closes(
        self, last_week, accepted_referral, mailoutbox, django_capture_on_commit_callbacks
    ):
        share(accepted_referral.participant)
        StepFactory(pathway=accepted_referral.pathway, done=True, done_on=days_ago(20))
        assert send(last_week, django_capture_on_commit_callbacks) is False
        assert mailoutbox == []
        last_week.refresh_from_db()
        assert timezone.localdate(last_week.digest_sent_at) == timezone.localdate()

    def test_a_change_is_told_once(
        self, last_week, accepted_referral, mailoutbox, django_capture_on_commit_callbacks
    ):
        share(accepted_referral.participant)
        StepFactory(pathway=accepted_referral.pathway, done=True, done_on=days_ago(2))
        assert send(last_week, django_capture_on_commit_callbacks) is True
        # The same day again: nothing more.
        assert send(last_week, django_capture_on_commit_callbacks) is False
        assert len(mailoutbox) == 1

    def test_none_when_the_digest_is_off_or_without_account(
        self,
        last_week,
        accepted_referral,
        colleague_prescriber,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        share(accepted_referral.participant)
        StepFactory(pathway=accepted_referral.pathway, done=True, done_on=days_ago(2))
        last_week.digest_weekly = False
        last_week.save()
        with django_capture_on_commit_callbacks(execute=True):
            assert prescriber_digests_send(site_url=SITE_URL) == 0
        assert mailoutbox == []


class TestTask:
    def test_the_task_sends_the_digests_and_queues_next_week(
        self, last_week, accepted_referral, mailoutbox, django_capture_on_commit_callbacks
    ):
        share(accepted_referral.participant)
        StepFactory(pathway=accepted_referral.pathway, done=True, done_on=days_ago(2))
        with django_capture_on_commit_callbacks(execute=True):
            result = send_prescriber_digests.call(SITE_URL)
        assert result == "1 digests sent"
        assert len(mailoutbox) == 1
        [queued] = DBTaskResult.objects.filter(
            task_path=send_prescriber_digests.module_path, status=TaskResultStatus.READY
        )
        assert queued.run_after == next_run_after()
        assert queued.args_kwargs["args"] == [SITE_URL]

    @pytest.mark.parametrize(
        ("now", "expected"),
        [
            # Thursday 26 November 2026 → Monday 30, 08:00.
            (
                datetime.datetime(2026, 11, 26, 15, tzinfo=PARIS),
                datetime.datetime(2026, 11, 30, 8, tzinfo=PARIS),
            ),
            (
                datetime.datetime(2026, 11, 30, 7, 59, tzinfo=PARIS),
                datetime.datetime(2026, 11, 30, 8, tzinfo=PARIS),
            ),
            (
                datetime.datetime(2026, 11, 30, 8, tzinfo=PARIS),
                datetime.datetime(2026, 12, 7, 8, tzinfo=PARIS),
            ),
        ],
    )
    def test_it_runs_on_monday_morning(self, now, expected):
        assert next_run_after(now) == expected

    @pytest.mark.django_db
    def test_the_command_queues_one_run_only(self):
        out = io.StringIO()
        call_command("schedule_prescriber_digest", "--site-url", SITE_URL, stdout=out)
        assert "Récapitulatif des prescripteurs programmé pour le" in out.getvalue()
        call_command("schedule_prescriber_digest", stdout=out)
        assert "déjà programmé" in out.getvalue()
        assert ensure_digest_scheduled(site_url=SITE_URL) is None
        assert DBTaskResult.objects.filter(task_path=send_prescriber_digests.module_path).count() == 1
