"""Follow-up alerts ("Mes alertes") and contracts on the participant timeline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chemin.employments.alerts import follow_up_alerts
from chemin.employments.enums import Channel, Difficulty, EndReason, HowItGoes, Milestone, Side
from chemin.employments.services import SideAnswer, check_in_side_record, employment_end
from chemin.employments.timeline import employment_events
from tests.companies.factories import make_company
from tests.employments.factories import days_ago, make_employment
from tests.participants.factories import ParticipantFactory, PathwayFactory


def record(employment, milestone, side, by, **overrides):
    values = {"done_on": days_ago(0), "channel": Channel.CALL, "how_it_goes": HowItGoes.RATHER_WELL}
    values.update(overrides)
    check_in = employment.check_ins.get(milestone=milestone)
    return check_in_side_record(check_in=check_in, side=side, answer=SideAnswer(**values), recorded_by=by)


@pytest.mark.django_db
class TestFollowUpAlerts:
    def test_a_check_in_past_due_with_a_side_missing_is_an_alert_naming_that_side(self, pathway, counsellor):
        employment = make_employment(pathway, start_date=days_ago(10))
        record(employment, Milestone.D7, Side.EMPLOYEE, counsellor)
        [alert] = follow_up_alerts(counsellor)
        assert alert.kind == "follow_up_overdue"
        assert (alert.territory_id, alert.referent_id) == (pathway.territory_id, counsellor.pk)
        assert "J+7" in alert.title
        assert "côté employeur" in alert.title
        assert "salarié" not in alert.title
        assert alert.since == days_ago(3)

    def test_both_sides_recorded_or_not_yet_due_is_no_alert(self, pathway, counsellor):
        employment = make_employment(pathway, start_date=days_ago(10))
        record(employment, Milestone.D7, Side.EMPLOYEE, counsellor)
        record(employment, Milestone.D7, Side.EMPLOYER, counsellor)
        make_employment(pathway, start_date=days_ago(3))
        assert follow_up_alerts(counsellor) == []

    def test_a_check_in_after_the_end_of_the_contract_is_no_alert(self, pathway, counsellor):
        employment = make_employment(pathway, start_date=days_ago(40))
        employment_end(
            employment=employment, ended_on=days_ago(36), reason=EndReason.RESIGNATION, ended_by=counsellor
        )
        assert [alert.title for alert in follow_up_alerts(counsellor) if "M+1" in alert.title] == []

    def test_contracts_ending_within_15_days_are_alerts(self, pathway, counsellor):
        make_employment(pathway, start_date=days_ago(3), planned_end_date=days_ago(-15))
        make_employment(pathway, start_date=days_ago(3), planned_end_date=days_ago(-16))
        ending = [alert for alert in follow_up_alerts(counsellor) if "se termine" in alert.title]
        assert [alert.kind for alert in ending] == ["contract_ending"]

    def test_managers_see_their_territory_colleagues_and_others_nothing(
        self, pathway, counsellor, manager, colleague, other_counsellor
    ):
        make_employment(pathway, start_date=days_ago(10))
        assert len(follow_up_alerts(manager)) == 1
        assert follow_up_alerts(colleague) == []
        assert follow_up_alerts(other_counsellor) == []

    def test_two_queries_whatever_the_number_of_alerts(self, pathway, counsellor, territory):
        def count() -> int:
            with CaptureQueriesContext(connection) as captured:
                follow_up_alerts(counsellor)
            return len(captured)

        make_employment(pathway, start_date=days_ago(40), planned_end_date=days_ago(-5))
        few = count()
        for _ in range(3):
            other = PathwayFactory(participant=ParticipantFactory(), territory=territory, referent=counsellor)
            make_employment(other, start_date=days_ago(100), planned_end_date=days_ago(-5))
        assert len(follow_up_alerts(counsellor)) > 5
        assert count() == few == 2

    def test_the_alerts_page_lists_them_and_the_home_page_counts_them(self, counsellor_client, pathway):
        make_employment(pathway, start_date=days_ago(10))
        assert "suivi J+7 en retard" in counsellor_client.get(reverse("core:alerts")).content.decode()
        home = counsellor_client.get(reverse("core:home")).content.decode()
        assert "Suivis dans l’emploi en retard : <strong>1</strong>" in home


@pytest.mark.django_db
class TestTimeline:
    def test_start_sides_and_end_appear_for_the_counsellor(self, pathway, counsellor):
        employment = make_employment(
            pathway, start_date=days_ago(30), company=make_company(pathway.territory, name="Propreté Nord")
        )
        record(employment, Milestone.D7, Side.EMPLOYEE, counsellor, difficulties=[Difficulty.TRANSPORT])
        employment_end(
            employment=employment,
            ended_on=days_ago(1),
            reason=EndReason.TRIAL_ENDED_BY_EMPLOYEE,
            ended_by=counsellor,
        )
        events = employment_events(pathway.participant, counsellor)
        titles = [event.title for event in events]
        assert "Démarrage de contrat : Agente de propreté chez Propreté Nord" in titles
        assert "Suivi J+7 — côté salarié·e : plutôt bien" in titles
        assert "Fin du contrat : Agente de propreté chez Propreté Nord" in titles
        start = next(event for event in events if event.title.startswith("Démarrage"))
        assert start.is_milestone
        end = next(event for event in events if event.title.startswith("Fin du contrat"))
        assert end.detail == "Rupture de la période d’essai par la personne"

    def test_business_developers_see_only_the_start_and_end(self, pathway, counsellor, business_developer):
        employment = make_employment(pathway, start_date=days_ago(30))
        record(employment, Milestone.D7, Side.EMPLOYEE, counsellor, comment="Fatiguée")
        events = employment_events(pathway.participant, business_developer)
        assert [event.title.split(" :")[0] for event in events] == ["Démarrage de contrat"]
        assert events[0].url == ""

    def test_another_territory_sees_nothing(self, pathway, other_counsellor):
        make_employment(pathway)
        assert employment_events(pathway.participant, other_counsellor) == []

    def test_a_fixed_number_of_queries(self, pathway, counsellor):
        def count() -> int:
            with CaptureQueriesContext(connection) as captured:
                employment_events(pathway.participant, counsellor)
            return len(captured)

        employment = make_employment(pathway, start_date=days_ago(40))
        record(employment, Milestone.D7, Side.EMPLOYEE, counsellor)
        few = count()
        for index in range(3):
            other = make_employment(pathway, start_date=days_ago(40 + index))
            record(other, Milestone.D7, Side.EMPLOYEE, counsellor)
            record(other, Milestone.M1, Side.EMPLOYER, counsellor)
        assert count() == few == 3


@pytest.mark.django_db
class TestTerritorySchedule:
    def test_the_admin_form_stores_the_milestones_in_calendar_order_and_refuses_none(self, territory):
        from chemin.territories.admin import TerritoryAdminForm

        data = {
            "name": territory.name,
            "slug": territory.slug,
            "departement": "62",
            "is_active": True,
            "weekly_company_contacts_target": 10,
            "follow_up_milestones": ["m6", "d7"],
            "not_seen_alert_days": 30,
            "no_job_proposal_alert_days": 30,
            "no_show_alert_count": 2,
            "no_show_lookback_days": 90,
        }
        form = TerritoryAdminForm(data, instance=territory)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["follow_up_milestones"] == ["d7", "m6"]
        form = TerritoryAdminForm({**data, "follow_up_milestones": []}, instance=territory)
        assert not form.is_valid()

    def test_the_model_refuses_unknown_or_repeated_milestones(self, territory):
        from django.core.exceptions import ValidationError

        for value in (["d7", "y2"], ["d7", "d7"], []):
            territory.follow_up_milestones = value
            with pytest.raises(ValidationError):
                territory.full_clean()

    def test_new_territories_follow_the_default_calendar(self, territory):
        assert territory.follow_up_milestones == ["d7", "trial_end", "m1", "m3", "m6"]
