"""The participant file's "Employment" section: record contracts, the calendar, both sides, and
turn difficulties into barriers or steps. Permissions, bad input and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.employments.enums import ContractType, Difficulty, Milestone, Side
from chemin.employments.models import CheckInSide, Employment
from chemin.employments.services import SideAnswer, check_in_side_record
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.services import placement_change_status, placement_create
from chemin.pathways.enums import Phase
from chemin.steps.models import Step
from tests.companies.factories import make_company, make_contact
from tests.employments.factories import days_ago, make_employment
from tests.opportunities.factories import make_opportunity
from tests.participants.factories import ParticipantFactory, PathwayFactory


def url(name, participant, **kwargs):
    return reverse(f"participant_employments:{name}", kwargs={"participant_pk": participant.pk, **kwargs})


def hired_placement(pathway, staff, **offer_fields):
    company = make_company(pathway.territory, name="Propreté de l’Artois")
    contact = make_contact(company)
    offer = make_opportunity(
        company,
        staff,
        title="Agent·e de propreté",
        rome="K2204",
        contact=contact,
        hours_per_week=30,
        **offer_fields,
    )
    placement = placement_create(pathway=pathway, opportunity=offer, created_by=staff)
    for status in (
        PlacementStatus.ACCEPTED_BY_PERSON,
        PlacementStatus.SENT_TO_EMPLOYER,
        PlacementStatus.HIRED,
    ):
        placement = placement_change_status(placement=placement, status=status, changed_by=staff)
    return placement


def form_data(company, **overrides):
    data = {
        "company": company.pk,
        "contact": "",
        "job_title": "Agente de propreté",
        "rome_job": "K2204",
        "contract_type": ContractType.CDD,
        "hours_per_week": "30",
        "start_date": days_ago(2).isoformat(),
        "planned_end_date": "",
        "trial_end_date": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestSectionAccess:
    def test_counsellors_and_managers_of_the_territory_see_the_section(
        self, counsellor_client, manager_client, participant
    ):
        assert counsellor_client.get(url("list", participant)).status_code == 200
        assert manager_client.get(url("list", participant)).status_code == 200

    def test_business_developers_are_refused_the_follow_up(self, business_developer_client, participant):
        assert business_developer_client.get(url("list", participant)).status_code == 403
        assert business_developer_client.get(url("create", participant)).status_code == 403

    def test_a_file_of_another_territory_is_not_found(self, other_counsellor_client, pathway):
        employment = make_employment(pathway)
        participant = pathway.participant
        assert other_counsellor_client.get(url("list", participant)).status_code == 404
        check_in = employment.check_ins.first()
        response = other_counsellor_client.get(
            url("record_side", participant, pk=check_in.pk, side=Side.EMPLOYEE)
        )
        assert response.status_code == 404

    def test_a_check_in_of_another_participant_is_not_found_through_this_file(
        self, counsellor_client, pathway, territory, counsellor
    ):
        other = PathwayFactory(participant=ParticipantFactory(), territory=territory, referent=counsellor)
        check_in = make_employment(other).check_ins.first()
        response = counsellor_client.get(
            url("record_side", pathway.participant, pk=check_in.pk, side=Side.EMPLOYEE)
        )
        assert response.status_code == 404


@pytest.mark.django_db
class TestEmploymentCreate:
    def test_records_a_contract_and_its_calendar(self, counsellor_client, pathway):
        company = make_company(pathway.territory)
        start = days_ago(2)
        response = counsellor_client.post(
            url("create", pathway.participant),
            form_data(
                company,
                start_date=start.isoformat(),
                trial_end_date=(start + datetime.timedelta(days=14)).isoformat(),
            ),
        )
        employment = Employment.objects.get()
        assert response.status_code == 302
        assert response.url.endswith(f"#emploi-{employment.pk}")
        assert employment.check_ins.count() == 5
        pathway.refresh_from_db()
        assert pathway.phase == Phase.IN_EMPLOYMENT

    def test_bad_input_gets_french_field_errors_and_keeps_what_was_typed(
        self, counsellor_client, pathway, other_territory
    ):
        company = make_company(pathway.territory)
        other_contact = make_contact(make_company(pathway.territory, name="Autre"))
        response = counsellor_client.post(
            url("create", pathway.participant),
            form_data(
                company,
                job_title="Agente de propreté (nuit)",
                contact=other_contact.pk,
                start_date="2026-05-01",
                planned_end_date="2026-04-01",
                trial_end_date="2026-04-15",
                hours_per_week="50",
            ),
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert set(errors) >= {"hours_per_week"}
        content = response.content.decode()
        assert "entre 1 et 48" in content
        assert "Agente de propreté (nuit)" in content
        assert not Employment.objects.exists()

    def test_dates_out_of_order_are_field_errors(self, counsellor_client, pathway):
        company = make_company(pathway.territory)
        other_contact = make_contact(make_company(pathway.territory, name="Autre"))
        response = counsellor_client.post(
            url("create", pathway.participant),
            form_data(
                company,
                contact=other_contact.pk,
                start_date="2026-05-01",
                planned_end_date="2026-04-01",
                trial_end_date="2026-04-15",
            ),
        )
        errors = response.context["form"].errors
        assert set(errors) == {"planned_end_date", "trial_end_date", "contact"}
        assert "précéder le début" in str(errors["planned_end_date"])
        assert not Employment.objects.exists()

    def test_a_company_of_another_territory_is_refused(self, counsellor_client, pathway, other_territory):
        response = counsellor_client.post(
            url("create", pathway.participant), form_data(make_company(other_territory))
        )
        assert "company" in response.context["form"].errors
        assert not Employment.objects.exists()

    def test_from_a_hired_placement_the_form_is_pre_filled_and_the_contract_linked(
        self, counsellor_client, pathway, counsellor
    ):
        placement = hired_placement(pathway, counsellor, contract_type="temporary")
        page = counsellor_client.get(
            url("create_from_placement", pathway.participant, placement_pk=placement.pk)
        )
        initial = page.context["form"].initial
        offer = placement.opportunity
        assert initial["company"] == offer.company_id
        assert initial["contact"] == offer.contact_id
        assert initial["rome_job"] == "K2204"
        assert initial["job_title"] == "Agent·e de propreté"
        assert initial["contract_type"] == ContractType.INTERIM
        data = form_data(offer.company, contact=offer.contact_id, contract_type=ContractType.CDD)
        response = counsellor_client.post(
            url("create_from_placement", pathway.participant, placement_pk=placement.pk), data
        )
        assert response.status_code == 302
        assert Employment.objects.get().placement == placement
        again = counsellor_client.get(
            url("create_from_placement", pathway.participant, placement_pk=placement.pk)
        )
        assert again.status_code == 302

    def test_the_placements_page_offers_to_record_the_contract_of_a_hire(
        self, counsellor_client, pathway, counsellor
    ):
        placement = hired_placement(pathway, counsellor)
        page = counsellor_client.get(
            reverse("participant_opportunities:list", kwargs={"participant_pk": pathway.participant.pk})
        )
        assert (
            url("create_from_placement", pathway.participant, placement_pk=placement.pk)
            in page.content.decode()
        )

    def test_a_placement_not_hired_cannot_become_a_contract(self, counsellor_client, pathway, counsellor):
        company = make_company(pathway.territory)
        placement = placement_create(
            pathway=pathway, opportunity=make_opportunity(company, counsellor), created_by=counsellor
        )
        response = counsellor_client.get(
            url("create_from_placement", pathway.participant, placement_pk=placement.pk)
        )
        assert response.status_code == 302
        assert not Employment.objects.exists()

    def test_nothing_is_recorded_on_a_closed_pathway(self, counsellor_client, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        company = make_company(territory)
        response = counsellor_client.post(url("create", closed.participant), form_data(company))
        assert response.status_code == 302
        assert not Employment.objects.exists()


@pytest.mark.django_db
class TestEmploymentEnd:
    def test_ends_the_contract_with_a_reason(self, counsellor_client, pathway):
        employment = make_employment(pathway)
        response = counsellor_client.post(
            url("end", pathway.participant, pk=employment.pk),
            {"ended_on": days_ago(1).isoformat(), "end_reason": "resignation", "end_detail": ""},
        )
        assert response.status_code == 302
        employment.refresh_from_db()
        assert employment.end_reason == "resignation"

    def test_refuses_an_end_before_the_start_and_a_missing_reason(self, counsellor_client, pathway):
        employment = make_employment(pathway)
        response = counsellor_client.post(
            url("end", pathway.participant, pk=employment.pk), {"ended_on": days_ago(40).isoformat()}
        )
        assert set(response.context["form"].errors) == {"ended_on", "end_reason"}
        employment.refresh_from_db()
        assert employment.ended_on is None


@pytest.mark.django_db
class TestRecordSide:
    def test_records_the_employee_side_of_day_7(self, counsellor_client, pathway, counsellor):
        employment = make_employment(pathway)
        d7 = employment.check_ins.get(milestone=Milestone.D7)
        response = counsellor_client.post(
            url("record_side", pathway.participant, pk=d7.pk, side=Side.EMPLOYEE),
            {
                "done_on": days_ago(1).isoformat(),
                "channel": "call",
                "how_it_goes": "3",
                "difficulties": ["transport"],
                "actions_agreed": "Chercher un covoiturage",
                "comment": "",
            },
        )
        assert response.status_code == 302
        side = CheckInSide.objects.get()
        assert (side.side, side.how_it_goes, side.difficulties, side.recorded_by) == (
            Side.EMPLOYEE,
            3,
            ["transport"],
            counsellor,
        )
        page = counsellor_client.get(url("list", pathway.participant)).content.decode()
        assert "Ouvrir un frein : Transport" in page

    def test_a_future_date_and_a_missing_scale_are_refused(self, counsellor_client, pathway):
        employment = make_employment(pathway)
        d7 = employment.check_ins.get(milestone=Milestone.D7)
        response = counsellor_client.post(
            url("record_side", pathway.participant, pk=d7.pk, side=Side.EMPLOYER),
            {"done_on": days_ago(-2).isoformat(), "channel": "call", "comment": "Bien"},
        )
        assert set(response.context["form"].errors) == {"done_on", "how_it_goes"}
        assert "Bien" in response.content.decode()
        assert not CheckInSide.objects.exists()

    def test_an_unknown_side_is_not_found(self, counsellor_client, pathway):
        d7 = make_employment(pathway).check_ins.get(milestone=Milestone.D7)
        assert (
            counsellor_client.get(url("record_side", pathway.participant, pk=d7.pk, side="boss")).status_code
            == 404
        )


@pytest.mark.django_db
class TestDifficultyButtons:
    def recorded(self, pathway, counsellor, *difficulties):
        d7 = make_employment(pathway).check_ins.get(milestone=Milestone.D7)
        return check_in_side_record(
            check_in=d7,
            side=Side.EMPLOYEE,
            answer=SideAnswer(
                done_on=days_ago(1), channel="call", how_it_goes=2, difficulties=list(difficulties)
            ),
            recorded_by=counsellor,
        )

    def test_one_click_opens_a_mobility_barrier_and_comes_back(self, counsellor_client, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.TRANSPORT)
        response = counsellor_client.post(
            url("open_barrier", pathway.participant, side_pk=side.pk, difficulty=Difficulty.TRANSPORT)
        )
        assert response.status_code == 302
        assert response.url.endswith(f"#suivi-{side.check_in_id}")
        assert Barrier.objects.get().category == BarrierCategory.MOBILITY
        assert counsellor_client.get(url("list", pathway.participant)).status_code == 200

    def test_health_links_to_the_barrier_form_pre_filled(self, counsellor_client, pathway, counsellor):
        self.recorded(pathway, counsellor, Difficulty.HEALTH)
        page = counsellor_client.get(url("list", pathway.participant))
        [followup] = page.context["rows"][0]["calendar"][0].sides[0].followups
        assert followup.kind == "form"
        form_page = counsellor_client.get(followup.url)
        assert form_page.context["form"].initial["category"] == BarrierCategory.HEALTH
        assert "J+7" in form_page.context["form"].initial["own_words"]
        assert not Barrier.objects.exists()

    def test_tasks_become_a_step(self, counsellor_client, pathway, counsellor):
        side = self.recorded(pathway, counsellor, Difficulty.TASKS)
        counsellor_client.post(
            url("open_step", pathway.participant, side_pk=side.pk), {"difficulty": "tasks"}
        )
        assert Step.objects.filter(pathway=pathway).count() == 1

    def test_buttons_answer_post_only_and_refuse_business_developers(
        self, counsellor_client, business_developer_client, pathway, counsellor
    ):
        side = self.recorded(pathway, counsellor, Difficulty.TRANSPORT)
        target = url("open_barrier", pathway.participant, side_pk=side.pk, difficulty=Difficulty.TRANSPORT)
        assert counsellor_client.get(target).status_code == 405
        assert business_developer_client.post(target).status_code == 403
        assert not Barrier.objects.exists()


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("employments", [2, 6])
    def test_the_section_runs_a_fixed_number_of_queries(
        self, counsellor_client, pathway, counsellor, employments, django_assert_num_queries
    ):
        company = make_company(pathway.territory)
        for index in range(employments):
            employment = make_employment(pathway, company=company, start_date=days_ago(40 + index))
            for check_in in employment.check_ins.all()[: 2 * (index + 1)]:
                check_in_side_record(
                    check_in=check_in,
                    side=Side.EMPLOYEE,
                    answer=SideAnswer(
                        done_on=days_ago(1), channel="call", how_it_goes=3, difficulties=["transport"]
                    ),
                    recorded_by=counsellor,
                )
        # Session, user, memberships; participant, pathway, role; hired placements; contracts,
        # check-ins, sides with who recorded them; the audit trail's read; session save (3).
        with django_assert_num_queries(14):
            response = counsellor_client.get(url("list", pathway.participant))
        assert len(response.context["rows"]) == employments

    def test_the_file_summary_retention_card_does_not_grow_with_contracts(self, counsellor_client, pathway):
        company = make_company(pathway.territory)
        detail = reverse("participants:detail", kwargs={"pk": pathway.participant.pk})

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                response = counsellor_client.get(detail)
            assert "toujours en poste" in response.content.decode()
            return len(captured)

        for index in range(2):
            make_employment(
                pathway, company=make_company(pathway.territory), start_date=days_ago(200 - 30 * index)
            )
        with_two = queries()
        for index in range(4):
            make_employment(pathway, company=company, start_date=days_ago(100 - 10 * index))
        assert queries() == with_two
