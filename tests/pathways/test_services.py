import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange
from chemin.pathways.services import pathway_change_phase, pathway_open, pathway_reassign_referent
from tests.accounts.factories import UserFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory


@pytest.mark.django_db
class TestPathwayOpen:
    def test_opens_a_pathway_for_a_person_whose_pathways_are_closed(self, territory, counsellor):
        person = ParticipantFactory()
        PathwayFactory(participant=person, territory=territory, referent=counsellor, closed=True)
        pathway = pathway_open(
            participant=person, territory=territory, referent=counsellor, opened_by=counsellor
        )
        assert pathway.phase == Phase.WELCOME
        assert pathway.entry_date == timezone.localdate()
        assert person.pathways.count() == 2

    def test_refuses_a_second_open_pathway(self, pathway, territory, counsellor):
        with pytest.raises(ValidationError) as error:
            pathway_open(
                participant=pathway.participant,
                territory=territory,
                referent=counsellor,
                opened_by=counsellor,
            )
        assert error.value.messages == ["Cette personne a déjà un accompagnement en cours."]

    def test_the_database_refuses_a_second_open_pathway_too(self, pathway, territory, counsellor):
        with pytest.raises(IntegrityError), transaction.atomic():
            Pathway.objects.create(participant=pathway.participant, territory=territory, referent=counsellor)

    def test_refuses_a_referent_from_elsewhere_or_a_business_developer(
        self, territory, counsellor, other_counsellor, business_developer
    ):
        person = ParticipantFactory()
        for outsider in (other_counsellor, business_developer):
            with pytest.raises(ValidationError) as error:
                pathway_open(participant=person, territory=territory, referent=outsider, opened_by=counsellor)
            assert "referent" in error.value.message_dict
        assert not Pathway.objects.exists()

    def test_refuses_an_entry_date_in_the_future(self, territory, counsellor):
        with pytest.raises(ValidationError):
            pathway_open(
                participant=ParticipantFactory(),
                territory=territory,
                referent=counsellor,
                opened_by=counsellor,
                entry_date=timezone.localdate() + datetime.timedelta(days=2),
            )


@pytest.mark.django_db
class TestPathwayChangePhase:
    def test_moves_the_pathway_and_logs_it(self, pathway, colleague):
        change = pathway_change_phase(pathway=pathway, phase=Phase.IN_EMPLOYMENT, changed_by=colleague)
        pathway.refresh_from_db()
        assert pathway.phase == Phase.IN_EMPLOYMENT
        assert (change.previous_phase, change.new_phase, change.changed_by) == (
            Phase.TOWARDS_EMPLOYMENT,
            Phase.IN_EMPLOYMENT,
            colleague,
        )
        assert change.is_step_forward

    def test_going_back_is_logged_but_not_a_step_forward(self, pathway, counsellor):
        change = pathway_change_phase(pathway=pathway, phase=Phase.WELCOME, changed_by=counsellor)
        assert not change.is_step_forward

    def test_refuses_closing_which_is_the_exits_business(self, pathway, counsellor):
        with pytest.raises(ValidationError):
            pathway_change_phase(pathway=pathway, phase=Phase.CLOSED, changed_by=counsellor)
        pathway.refresh_from_db()
        assert pathway.is_open
        assert not PhaseChange.objects.exists()

    def test_refuses_the_same_phase(self, pathway, counsellor):
        with pytest.raises(ValidationError):
            pathway_change_phase(pathway=pathway, phase=Phase.TOWARDS_EMPLOYMENT, changed_by=counsellor)

    def test_refuses_a_closed_pathway(self, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        with pytest.raises(ValidationError):
            pathway_change_phase(pathway=closed, phase=Phase.WELCOME, changed_by=counsellor)


@pytest.mark.django_db
class TestPathwayReassignReferent:
    def test_hands_over_and_logs_who_why_and_from_whom(self, pathway, counsellor, colleague, manager):
        change = pathway_reassign_referent(
            pathway=pathway, new_referent=colleague, changed_by=manager, reason="  Congé maternité  "
        )
        pathway.refresh_from_db()
        assert pathway.referent == colleague
        assert ReferentChange.objects.get() == change
        assert (change.previous_referent, change.new_referent, change.changed_by, change.reason) == (
            counsellor,
            colleague,
            manager,
            "Congé maternité",
        )

    def test_a_manager_may_be_the_new_referent(self, pathway, manager):
        pathway_reassign_referent(pathway=pathway, new_referent=manager, changed_by=manager)
        pathway.refresh_from_db()
        assert pathway.referent == manager

    def test_refuses_staff_of_another_territory_a_business_developer_or_an_inactive_user(
        self, pathway, counsellor, other_counsellor, business_developer, territory
    ):
        gone = UserFactory(is_active=False, memberships=[(territory, Role.COUNSELLOR)])
        for outsider in (other_counsellor, business_developer, gone):
            with pytest.raises(ValidationError) as error:
                pathway_reassign_referent(pathway=pathway, new_referent=outsider, changed_by=counsellor)
            assert error.value.message_dict["new_referent"] == [
                "Choisissez un·e conseiller·ère ou un·e responsable de ce territoire."
            ]
        pathway.refresh_from_db()
        assert pathway.referent == counsellor
        assert not ReferentChange.objects.exists()

    def test_refuses_the_current_referent(self, pathway, counsellor):
        with pytest.raises(ValidationError):
            pathway_reassign_referent(pathway=pathway, new_referent=counsellor, changed_by=counsellor)

    def test_refuses_a_closed_pathway(self, territory, counsellor, colleague):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        with pytest.raises(ValidationError):
            pathway_reassign_referent(pathway=closed, new_referent=colleague, changed_by=counsellor)
