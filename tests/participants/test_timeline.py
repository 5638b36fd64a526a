import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.core import timeline
from chemin.core.timeline import TimelineEvent
from chemin.pathways.enums import Phase
from chemin.pathways.services import pathway_change_phase, pathway_reassign_referent
from chemin.pathways.timeline import pathway_events
from tests.participants.factories import PathwayFactory


def timeline_url(participant) -> str:
    return reverse("participants:timeline", kwargs={"pk": participant.pk})


def wish_written_by_the_person(participant, user):
    """A stand-in for another app's source: one event the person wrote themselves."""
    yield TimelineEvent(
        at=timezone.now(),
        kind="wish",
        kind_label="Projet",
        title="Aide à domicile",
        by_participant=True,
    )


@pytest.fixture
def two_sources(monkeypatch):
    monkeypatch.setattr(timeline, "_sources", [pathway_events, wish_written_by_the_person])


@pytest.mark.django_db
class TestTimelineAccess:
    def test_anonymous_visitor_is_sent_to_login(self, client, participant):
        response = client.get(timeline_url(participant))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_counsellor_of_another_territory_gets_404(self, other_counsellor_client, participant):
        assert other_counsellor_client.get(timeline_url(participant)).status_code == 404

    def test_business_developer_sees_it(self, business_developer_client, participant):
        response = business_developer_client.get(timeline_url(participant))
        assert response.status_code == 200
        assert response.context["job_facing_only"] is True


@pytest.mark.django_db
class TestTimelinePage:
    def test_celebrates_milestones_in_words_and_marks_what_the_person_did(
        self, counsellor_client, participant, two_sources
    ):
        content = counsellor_client.get(timeline_url(participant)).content.decode()
        assert "Début de l’accompagnement sur Lens-Liévin" in content
        assert "Bravo ! Un pas de plus" in content
        assert "par la personne" in content

    def test_lists_events_newest_first(
        self, counsellor_client, participant, pathway, counsellor, two_sources
    ):
        pathway_change_phase(pathway=pathway, phase=Phase.IN_EMPLOYMENT, changed_by=counsellor)
        events = counsellor_client.get(timeline_url(participant)).context["events"]
        assert [event.sort_key for event in events] == sorted((e.sort_key for e in events), reverse=True)
        assert events[-1].title == "Début de l’accompagnement sur Lens-Liévin"

    def test_filters_by_kind(self, counsellor_client, participant, two_sources):
        response = counsellor_client.get(timeline_url(participant), {"kind": "wish"})
        assert [event.kind for event in response.context["events"]] == ["wish"]
        assert response.context["selected_kinds"] == ["wish"]
        assert 'value="wish" id="kind-wish" checked' in response.content.decode()

    def test_offers_the_kinds_present_and_ignores_unknown_ones(
        self, counsellor_client, participant, two_sources
    ):
        response = counsellor_client.get(timeline_url(participant), {"kind": "nonsense"})
        assert dict(response.context["kinds"]) == {"pathway": "Accompagnement", "wish": "Projet"}
        assert len(response.context["events"]) == 2

    def test_htmx_request_gets_only_the_events(self, counsellor_client, participant, two_sources):
        response = counsellor_client.get(
            timeline_url(participant),
            {"kind": "pathway"},
            headers={"HX-Request": "true", "HX-Target": "timeline-events"},
        )
        content = response.content.decode()
        assert "<h1" not in content
        assert "Début de l’accompagnement" in content
        assert "Aide à domicile" not in content
        assert '<p id="timeline-count" hx-swap-oob="innerHTML">1 événement</p>' in content

    def test_query_count_does_not_grow_with_events(
        self,
        counsellor_client,
        participant,
        pathway,
        territory,
        counsellor,
        colleague,
        manager,
        django_assert_num_queries,
        only_pathway_timeline,
    ):
        for index in range(3):
            PathwayFactory(
                participant=participant,
                territory=territory,
                referent=colleague,
                closed=True,
                entry_date=datetime.date(2020 + index, 1, 1),
                closed_on=datetime.date(2020 + index, 6, 1),
            )
        for phase in [Phase.WELCOME, Phase.IN_EMPLOYMENT, Phase.TOWARDS_EMPLOYMENT]:
            pathway_change_phase(pathway=pathway, phase=phase, changed_by=counsellor)
        for referent in [colleague, counsellor, colleague]:
            pathway_reassign_referent(pathway=pathway, new_referent=referent, changed_by=manager)
        # Session, user, memberships, participant, pathways, role; the pathway source's four;
        # the audit trail's read; session save (3).
        with django_assert_num_queries(14):
            response = counsellor_client.get(timeline_url(participant))
        # 4 openings, 3 closings, 3 phase changes, 3 referent changes.
        assert len(response.context["events"]) == 13
