import pytest
from django.utils import timezone

from chemin.core import timeline
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.models import ExitReview
from chemin.exits.services import exit_review_save, exit_review_send, pathway_close
from chemin.exits.timeline import exit_events
from tests.participants.factories import PathwayFactory


def close(pathway, counsellor, category=ExitCategory.SUSTAINABLE_EMPLOYMENT, **fields):
    return pathway_close(
        pathway=pathway, category=category, closed_on=timezone.localdate(), closed_by=counsellor, **fields
    )


@pytest.mark.django_db
class TestExitTimeline:
    def test_is_registered(self):
        assert exit_events in timeline._sources

    def test_a_favourable_exit_is_a_milestone(self, participant, pathway, counsellor):
        close(pathway, counsellor)
        (event,) = exit_events(participant, counsellor)
        assert event.title == "Sortie : Emploi durable"
        assert event.is_milestone

    def test_an_other_exit_is_not_a_milestone_and_its_reason_stays_with_the_staff(
        self, participant, pathway, counsellor, business_developer
    ):
        close(pathway, counsellor, ExitCategory.OTHER, reason=ExitReason.MOVED, detail="Parti à Lyon")
        (event,) = exit_events(participant, counsellor)
        assert not event.is_milestone
        assert event.detail == "Motif : Déménagement — Parti à Lyon"
        (developer_view,) = exit_events(participant, business_developer)
        assert "Lyon" not in developer_view.detail
        assert developer_view.url == ""

    def test_the_review_sent_is_kept_on_the_timeline(
        self,
        participant,
        pathway,
        counsellor,
        referral,
        business_developer,
        django_capture_on_commit_callbacks,
    ):
        close(pathway, counsellor)
        review = exit_review_save(
            pathway=pathway,
            achievements="CDI obtenu",
            remaining_barriers="",
            next_steps="",
            read_with_person_on=timezone.localdate(),
            written_by=counsellor,
        )
        with django_capture_on_commit_callbacks(execute=True):
            exit_review_send(review=review, sent_by=counsellor)
        titles = [event.title for event in exit_events(participant, counsellor)]
        assert (
            "Bilan de fin d’accompagnement envoyé à Sabrina Mortier (Maison du Département Solidarité de l’Artois)"
            in titles
        )
        assert len(exit_events(participant, business_developer)) == 1

    def test_other_territories_see_nothing(self, participant, pathway, counsellor, other_counsellor):
        close(pathway, counsellor)
        assert exit_events(participant, other_counsellor) == []

    def test_runs_three_queries_whatever_the_number_of_exits(
        self, participant, pathway, territory, counsellor, referral, django_assert_num_queries
    ):
        close(pathway, counsellor)
        for _index in range(3):
            earlier = PathwayFactory(
                participant=participant, territory=territory, referent=counsellor, closed=True
            )
            ExitReview.objects.create(
                pathway=earlier,
                achievements="x",
                read_with_person_on=earlier.entry_date,
                sent_at=timezone.now(),
                sent_to=referral.prescriber,
                sent_to_email="a@example.org",
                sent_by=counsellor,
                written_by=counsellor,
            )
        with django_assert_num_queries(3):
            events = exit_events(participant, counsellor)
        assert len(events) == 7
