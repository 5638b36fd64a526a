import pytest

from chemin.core import timeline
from chemin.referrals.services import referral_accept
from chemin.referrals.timeline import referral_timeline_events
from tests.referrals.factories import ReferralFactory, days_ago


@pytest.fixture
def accepted(referral, counsellor):
    referral_accept(
        referral=referral, accepted_by=counsellor, first_meeting_on=days_ago(3), referent=counsellor
    )
    referral.refresh_from_db()
    return referral


@pytest.mark.django_db
class TestReferralTimeline:
    def test_is_registered_with_the_timeline(self):
        assert referral_timeline_events in timeline._sources

    def test_tells_who_referred_the_person_and_celebrates_the_first_meeting(self, accepted, counsellor):
        events = referral_timeline_events(accepted.participant, counsellor)
        referred, meeting = sorted(events, key=lambda event: event.sort_key)
        assert referred.kind == meeting.kind == "referral"
        assert referred.kind_label == "Orientation"
        assert referred.title == "Orienté·e par Grégoire Vasseur (France Travail Lens)"
        assert referred.at == days_ago(10)
        assert "mère isolée" in referred.detail
        assert not referred.is_milestone
        assert meeting.title == "Premier rendez-vous"
        assert meeting.at == days_ago(3)
        assert meeting.is_milestone
        assert meeting.detail == "Accompagnement ouvert sur Lens-Liévin, avec Alice Martin comme référent·e."
        assert meeting.url == referred.url == f"/orientations/{accepted.pk}/"

    def test_feeds_the_participants_timeline(self, accepted, counsellor):
        titles = [
            event.title for event in timeline.events_for(accepted.participant, counsellor, kinds={"referral"})
        ]
        assert titles == ["Premier rendez-vous", "Orienté·e par Grégoire Vasseur (France Travail Lens)"]

    def test_shows_nothing_to_a_counsellor_of_another_territory(self, accepted, other_counsellor):
        assert referral_timeline_events(accepted.participant, other_counsellor) == []

    def test_shows_nothing_to_a_business_developer(self, accepted, business_developer):
        # The prescriber's words describe the person's situation, which is not job-facing.
        assert referral_timeline_events(accepted.participant, business_developer) == []

    def test_runs_one_query_whatever_the_number_of_referrals(
        self, accepted, counsellor, territory, django_assert_num_queries
    ):
        participant = accepted.participant
        for _ in range(3):
            ReferralFactory(territory=territory, participant=participant, declined=True)
        with django_assert_num_queries(1):
            events = referral_timeline_events(participant, counsellor)
        assert len(events) == 5
