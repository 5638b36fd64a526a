import datetime

import pytest

from chemin.accounts.enums import Role
from chemin.core import timeline
from chemin.pathways.enums import Phase
from chemin.pathways.services import pathway_change_phase, pathway_reassign_referent
from chemin.pathways.timeline import pathway_events
from tests.accounts.factories import UserFactory
from tests.participants.factories import PathwayFactory


@pytest.mark.django_db
class TestPathwayTimelineSource:
    def test_is_registered(self):
        assert pathway_events in timeline._sources

    def test_the_opening_is_a_milestone(self, participant, counsellor):
        (opening,) = pathway_events(participant, counsellor)
        assert opening.kind == "pathway"
        assert opening.is_milestone
        assert opening.title == "Début de l’accompagnement sur Lens-Liévin"
        assert opening.detail == "Conseiller·ère référent·e : Alice Martin"

    def test_steps_forward_are_milestones_and_steps_back_are_not(self, participant, pathway, counsellor):
        pathway_change_phase(pathway=pathway, phase=Phase.IN_EMPLOYMENT, changed_by=counsellor)
        pathway_change_phase(pathway=pathway, phase=Phase.WELCOME, changed_by=counsellor)
        changes = {
            event.extra["phase"]: event for event in pathway_events(participant, counsellor) if event.extra
        }
        assert changes[Phase.IN_EMPLOYMENT].is_milestone
        assert changes[Phase.IN_EMPLOYMENT].title == "Passage en phase « En emploi »"
        assert not changes[Phase.WELCOME].is_milestone

    def test_a_closed_pathway_shows_its_end(self, territory, counsellor):
        closed = PathwayFactory(
            territory=territory,
            referent=counsellor,
            closed=True,
            entry_date=datetime.date(2024, 1, 8),
            closed_on=datetime.date(2024, 9, 30),
        )
        titles = {event.at: event.title for event in pathway_events(closed.participant, counsellor)}
        assert titles[datetime.date(2024, 9, 30)] == "Fin de l’accompagnement sur Lens-Liévin"

    def test_the_handover_reason_is_kept_from_business_developers(
        self, participant, pathway, counsellor, colleague, business_developer
    ):
        pathway_reassign_referent(
            pathway=pathway, new_referent=colleague, changed_by=counsellor, reason="Congé"
        )
        staff_view = [e for e in pathway_events(participant, counsellor) if "référent·e :" in e.title]
        developer_view = [
            e for e in pathway_events(participant, business_developer) if "référent·e :" in e.title
        ]
        assert "Motif : Congé" in staff_view[0].detail
        assert "Congé" not in developer_view[0].detail

    def test_pathways_of_other_territories_are_left_out(self, participant, other_territory, territory):
        PathwayFactory(
            participant=participant,
            territory=other_territory,
            closed=True,
            entry_date=datetime.date(2022, 3, 1),
            closed_on=datetime.date(2022, 12, 1),
        )
        arras_staff = UserFactory(memberships=[(other_territory, Role.COUNSELLOR)])
        lens_staff = UserFactory(memberships=[(territory, Role.COUNSELLOR)])
        assert {e.title for e in pathway_events(participant, arras_staff) if e.is_milestone} == {
            "Début de l’accompagnement sur Arras"
        }
        assert {e.title for e in pathway_events(participant, lens_staff) if e.is_milestone} == {
            "Début de l’accompagnement sur Lens-Liévin"
        }

    def test_runs_four_queries_whatever_the_number_of_events(
        self, participant, pathway, counsellor, colleague, django_assert_num_queries
    ):
        for phase in [Phase.WELCOME, Phase.IN_EMPLOYMENT, Phase.TOWARDS_EMPLOYMENT]:
            pathway_change_phase(pathway=pathway, phase=phase, changed_by=counsellor)
        for referent in [colleague, counsellor]:
            pathway_reassign_referent(pathway=pathway, new_referent=referent, changed_by=counsellor)
        with django_assert_num_queries(4):
            events = list(pathway_events(participant, counsellor))
        assert len(events) == 6
