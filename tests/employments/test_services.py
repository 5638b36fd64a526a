"""Contracts and their follow-up calendar, side recording, difficulties turned into barriers or steps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.employments.enums import Channel, Difficulty, EndReason, HowItGoes, Milestone, Side
from chemin.employments.models import CheckIn, CheckInSide
from chemin.employments.services import (
    AlreadyOpen,
    SideAnswer,
    check_in_side_record,
    difficulty_open_barrier,
    employment_end,
    employment_update,
    follow_up_schedule,
    side_open_step,
)
from chemin.pathways.enums import Phase
from chemin.steps.models import Step
from tests.companies.factories import make_company
from tests.employments.factories import days_ago, make_employment, terms

D = datetime.date


def calendar(employment) -> list[tuple[str, datetime.date]]:
    return list(employment.check_ins.order_by("due_on", "pk").values_list("milestone", "due_on"))


class TestFollowUpSchedule:
    def test_the_default_calendar_counts_from_the_start(self):
        schedule = follow_up_schedule(
            milestones=["d7", "trial_end", "m1", "m3", "m6"], start=D(2026, 3, 2), trial_end=D(2026, 4, 1)
        )
        assert schedule == [
            ("d7", D(2026, 3, 9)),
            ("trial_end", D(2026, 4, 1)),
            ("m1", D(2026, 4, 2)),
            ("m3", D(2026, 6, 2)),
            ("m6", D(2026, 9, 2)),
        ]
        assert [milestone for milestone, _due in schedule] == ["d7", "trial_end", "m1", "m3", "m6"]

    def test_months_end_on_the_last_day_of_a_shorter_month(self):
        schedule = dict(follow_up_schedule(milestones=["m1", "m3"], start=D(2026, 1, 31), trial_end=None))
        assert schedule == {"m1": D(2026, 2, 28), "m3": D(2026, 4, 30)}

    def test_no_trial_end_check_in_without_a_trial_end_date(self):
        schedule = follow_up_schedule(
            milestones=["d7", "trial_end", "m1"], start=D(2026, 3, 2), trial_end=None
        )
        assert [milestone for milestone, _due in schedule] == ["d7", "m1"]


@pytest.mark.django_db
class TestEmploymentCreate:
    def test_generates_the_territory_calendar_and_moves_the_pathway_into_employment(self, pathway):
        start = days_ago(3)
        employment = make_employment(
            pathway, start_date=start, trial_end_date=start + datetime.timedelta(days=30)
        )
        assert [milestone for milestone, _due in calendar(employment)] == [
            "d7",
            "trial_end",
            "m1",
            "m3",
            "m6",
        ]
        pathway.refresh_from_db()
        assert pathway.phase == Phase.IN_EMPLOYMENT

    def test_follows_the_schedule_the_territory_chose(self, pathway):
        pathway.territory.follow_up_milestones = ["d7", "m3"]
        pathway.territory.save()
        employment = make_employment(pathway, trial_end_date=days_ago(1))
        assert [milestone for milestone, _due in calendar(employment)] == ["d7", "m3"]

    def test_refuses_the_dates_and_hours_the_law_refuses(self, pathway):
        company = make_company(pathway.territory)
        from chemin.employments.services import employment_create

        with pytest.raises(ValidationError) as error:
            employment_create(
                pathway=pathway,
                created_by=pathway.referent,
                terms=terms(
                    company,
                    start_date=D(2026, 5, 1),
                    planned_end_date=D(2026, 4, 1),
                    trial_end_date=D(2026, 4, 30),
                    hours_per_week=49,
                ),
            )
        assert set(error.value.message_dict) == {"planned_end_date", "trial_end_date", "hours_per_week"}
        assert not CheckIn.objects.exists()

    def test_refuses_a_company_of_another_territory(self, pathway, other_territory):
        with pytest.raises(ValidationError) as error:
            make_employment(pathway, company=make_company(other_territory))
        assert "company" in error.value.message_dict


@pytest.mark.django_db
class TestCalendarRegeneration:
    def test_a_new_trial_end_moves_its_check_in_and_keeps_what_was_recorded(self, pathway, counsellor):
        start = days_ago(20)
        employment = make_employment(
            pathway, start_date=start, trial_end_date=start + datetime.timedelta(days=10)
        )
        d7 = employment.check_ins.get(milestone=Milestone.D7)
        check_in_side_record(check_in=d7, side=Side.EMPLOYEE, answer=answer(), recorded_by=counsellor)
        employment_update(
            employment=employment,
            changed_by=counsellor,
            terms=terms(
                employment.company, start_date=start, trial_end_date=start + datetime.timedelta(days=60)
            ),
        )
        assert dict(calendar(employment))["trial_end"] == start + datetime.timedelta(days=60)
        assert CheckInSide.objects.filter(check_in=d7).count() == 1

    def test_removing_the_trial_end_drops_its_blank_check_in_but_not_a_recorded_one(
        self, pathway, counsellor
    ):
        start = days_ago(20)
        employment = make_employment(
            pathway, start_date=start, trial_end_date=start + datetime.timedelta(days=10)
        )
        employment_update(
            employment=employment, changed_by=counsellor, terms=terms(employment.company, start_date=start)
        )
        assert "trial_end" not in dict(calendar(employment))

        other = make_employment(pathway, start_date=start, trial_end_date=start + datetime.timedelta(days=10))
        trial = other.check_ins.get(milestone=Milestone.TRIAL_END)
        check_in_side_record(check_in=trial, side=Side.EMPLOYER, answer=answer(), recorded_by=counsellor)
        employment_update(
            employment=other, changed_by=counsellor, terms=terms(other.company, start_date=start)
        )
        assert "trial_end" in dict(calendar(other))


def answer(**overrides) -> SideAnswer:
    values = {"done_on": days_ago(1), "channel": Channel.CALL, "how_it_goes": HowItGoes.RATHER_WELL}
    values.update(overrides)
    return SideAnswer(**values)


@pytest.mark.django_db
class TestSides:
    def test_each_side_is_recorded_apart_and_can_be_corrected(self, pathway, counsellor):
        employment = make_employment(pathway)
        d7 = employment.check_ins.get(milestone=Milestone.D7)
        check_in_side_record(check_in=d7, side=Side.EMPLOYEE, answer=answer(), recorded_by=counsellor)
        check_in_side_record(
            check_in=d7,
            side=Side.EMPLOYEE,
            answer=answer(
                difficulties=[Difficulty.PAY, Difficulty.TRANSPORT], how_it_goes=HowItGoes.DIFFICULT
            ),
            recorded_by=counsellor,
        )
        check_in_side_record(check_in=d7, side=Side.EMPLOYER, answer=answer(), recorded_by=counsellor)
        employee = d7.sides.get(side=Side.EMPLOYEE)
        # Stored in the list's order, whatever the ticking order.
        assert employee.difficulties == [Difficulty.TRANSPORT, Difficulty.PAY]
        assert employee.how_it_goes == HowItGoes.DIFFICULT
        assert d7.sides.count() == 2

    def test_refuses_a_date_in_the_future(self, pathway, counsellor):
        employment = make_employment(pathway)
        d7 = employment.check_ins.get(milestone=Milestone.D7)
        tomorrow = days_ago(-1)
        with pytest.raises(ValidationError) as error:
            check_in_side_record(
                check_in=d7, side=Side.EMPLOYEE, answer=answer(done_on=tomorrow), recorded_by=counsellor
            )
        assert "done_on" in error.value.message_dict
        assert not CheckInSide.objects.exists()


@pytest.mark.django_db
class TestDifficultyFollowUps:
    def recorded(self, pathway, counsellor, *difficulties):
        employment = make_employment(pathway)
        d7 = employment.check_ins.get(milestone=Milestone.D7)
        return check_in_side_record(
            check_in=d7,
            side=Side.EMPLOYEE,
            answer=answer(difficulties=list(difficulties)),
            recorded_by=counsellor,
        )

    def test_transport_opens_a_mobility_barrier_whose_words_name_the_check_in(self, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.TRANSPORT)
        barrier = difficulty_open_barrier(side=side, difficulty=Difficulty.TRANSPORT, opened_by=counsellor)
        assert barrier.category == BarrierCategory.MOBILITY
        assert "Day 7" in barrier.own_words or "J+7" in barrier.own_words
        assert "Propreté de l’Artois" in barrier.own_words

    def test_hours_open_a_family_barrier_with_time_constraints(self, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.HOURS)
        barrier = difficulty_open_barrier(side=side, difficulty=Difficulty.HOURS, opened_by=counsellor)
        assert (barrier.category, barrier.situation) == (BarrierCategory.FAMILY, "10")

    def test_a_second_click_does_not_open_a_second_barrier(self, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.PAY)
        difficulty_open_barrier(side=side, difficulty=Difficulty.PAY, opened_by=counsellor)
        with pytest.raises(AlreadyOpen):
            difficulty_open_barrier(side=side, difficulty=Difficulty.PAY, opened_by=counsellor)
        assert Barrier.objects.count() == 1

    def test_health_is_never_opened_in_one_click(self, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.HEALTH)
        with pytest.raises(ValidationError):
            difficulty_open_barrier(side=side, difficulty=Difficulty.HEALTH, opened_by=counsellor)
        assert not Barrier.objects.exists()

    def test_refuses_a_difficulty_not_raised(self, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.PAY)
        with pytest.raises(ValidationError):
            difficulty_open_barrier(side=side, difficulty=Difficulty.TRANSPORT, opened_by=counsellor)

    def test_team_becomes_a_step_for_the_counsellor(self, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.TEAM)
        step = side_open_step(side=side, opened_by=counsellor, difficulty=Difficulty.TEAM)
        assert step.pathway == pathway
        assert Step.objects.count() == 1
        with pytest.raises(ValidationError):
            side_open_step(side=side, opened_by=counsellor, difficulty=Difficulty.TEAM)


@pytest.mark.django_db
class TestEmploymentEnd:
    def test_records_the_end_with_its_reason(self, pathway, counsellor):
        employment = make_employment(pathway)
        employment_end(
            employment=employment,
            ended_on=days_ago(1),
            reason=EndReason.TRIAL_ENDED_BY_EMPLOYEE,
            ended_by=counsellor,
        )
        employment.refresh_from_db()
        assert (employment.ended_on, employment.end_reason) == (
            days_ago(1),
            EndReason.TRIAL_ENDED_BY_EMPLOYEE,
        )

    def test_refuses_an_end_before_the_start_or_without_a_reason(self, pathway, counsellor):
        employment = make_employment(pathway)
        with pytest.raises(ValidationError) as error:
            employment_end(employment=employment, ended_on=days_ago(30), reason="", ended_by=counsellor)
        assert set(error.value.message_dict) == {"ended_on", "end_reason"}
