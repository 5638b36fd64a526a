import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.immersions.enums import ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.jobwishes.enums import JobWishStatus
from tests.immersions.factories import CompanyContactFactory, CompanyFactory, ImmersionFactory
from tests.jobwishes.factories import JobWishFactory
from tests.participants.factories import PathwayFactory
from tests.referrals.factories import ReferralFactory

TODAY = timezone.localdate()


def file_url(name: str, participant, **kwargs) -> str:
    return reverse(f"participant_immersions:{name}", kwargs={"participant_pk": participant.pk, **kwargs})


def form_data(company, *, days=5, start=TODAY, **extra) -> dict:
    return {
        "company": company.pk,
        "objective": "discover_job",
        "job_title": "Cariste en entrepôt",
        "rome_job": "N1101",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=days - 1)).isoformat(),
        **extra,
    }


@pytest.fixture
def company(territory):
    return CompanyFactory(territory=territory, name="Entrepôts du Bassin minier")


class TestImmersionCreate:
    def test_counsellor_plans_an_immersion(self, counsellor_client, participant, company):
        tutor = CompanyContactFactory(company=company)
        response = counsellor_client.post(file_url("create", participant), form_data(company, tutor=tutor.pk))
        immersion = Immersion.objects.get()
        assert response.status_code == 302
        assert response.url == file_url("list", participant) + f"#immersion-{immersion.pk}"
        assert immersion.tutor == tutor
        assert immersion.status == ImmersionStatus.PLANNED

    def test_refuses_45_days_in_french_on_the_field_keeping_what_was_typed(
        self, counsellor_client, participant, company
    ):
        response = counsellor_client.post(
            file_url("create", participant), form_data(company, days=45), headers={"accept-language": "fr"}
        )
        assert response.status_code == 200
        assert not Immersion.objects.exists()
        form = response.context["form"]
        assert form.errors["end_date"] == [
            "Une immersion (PMSMP) dure au plus 30 jours calendaires ; celle-ci dure 45 jours."
        ]
        assert 'value="Cariste en entrepôt"' in response.content.decode()

    def test_refuses_an_end_before_the_start(self, counsellor_client, participant, company):
        data = form_data(company)
        data["end_date"] = (TODAY - datetime.timedelta(days=2)).isoformat()
        response = counsellor_client.post(file_url("create", participant), data)
        assert (
            "La fin de l’immersion ne peut pas précéder son début."
            in response.context["form"].errors["end_date"][0]
        )
        assert not Immersion.objects.exists()

    def test_refuses_a_tutor_of_another_company(self, counsellor_client, participant, company, territory):
        stranger = CompanyContactFactory(company=CompanyFactory(territory=territory))
        response = counsellor_client.post(
            file_url("create", participant), form_data(company, tutor=stranger.pk)
        )
        assert response.status_code == 200
        assert "tutor" in response.context["form"].errors
        assert not Immersion.objects.exists()

    def test_prefills_the_referring_prescriber(self, counsellor_client, territory, counsellor):
        referral = ReferralFactory(territory=territory, accepted=True, recorded_by=counsellor)
        response = counsellor_client.get(file_url("create", referral.pathway.participant))
        assert response.context["form"].initial["prescriber"] == referral.prescriber_id

    def test_business_developer_plans_too(self, business_developer_client, participant, company):
        response = business_developer_client.post(file_url("create", participant), form_data(company))
        assert response.status_code == 302
        assert Immersion.objects.count() == 1


class TestImmersionAssess:
    def test_assessment_confirms_the_wish(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway, rome_codes=["N1103"])
        immersion = ImmersionFactory(pathway=pathway, job_wish=wish)
        response = counsellor_client.post(
            file_url("assess", pathway.participant, pk=immersion.pk),
            {
                "attendance": "completed",
                "job_offer": "on",
                "contract_type_offered": "cdd",
                "confirms_job": "on",
            },
        )
        assert response.status_code == 302
        wish.refresh_from_db()
        assert wish.status == JobWishStatus.CONFIRMED
        assert wish.versions.count() == 2

    def test_cannot_confirm_after_a_no_show(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway)
        immersion = ImmersionFactory(pathway=pathway, job_wish=wish)
        response = counsellor_client.post(
            file_url("assess", pathway.participant, pk=immersion.pk),
            {"attendance": "no_show", "confirms_job": "on", "participant_comments": "Malade"},
        )
        assert response.status_code == 200
        assert "confirms_job" in response.context["form"].errors
        assert Immersion.objects.get().status == ImmersionStatus.PLANNED

    def test_business_developer_cannot_assess(self, business_developer_client, pathway):
        immersion = ImmersionFactory(pathway=pathway)
        response = business_developer_client.get(file_url("assess", pathway.participant, pk=immersion.pk))
        assert response.status_code == 403

    def test_a_future_immersion_is_not_assessed_yet(self, counsellor_client, pathway):
        immersion = ImmersionFactory(pathway=pathway, start_date=TODAY + datetime.timedelta(days=3))
        response = counsellor_client.get(file_url("assess", pathway.participant, pk=immersion.pk))
        assert response.status_code == 302


class TestImmersionEdit:
    def test_edit_refuses_too_long_and_keeps_the_old_dates(self, counsellor_client, pathway):
        immersion = ImmersionFactory(pathway=pathway)
        data = form_data(immersion.company, days=31, status="planned")
        response = counsellor_client.post(file_url("edit", pathway.participant, pk=immersion.pk), data)
        assert response.status_code == 200
        assert "end_date" in response.context["form"].errors
        assert Immersion.objects.get().days == 5

    def test_cancels_an_immersion(self, counsellor_client, pathway):
        immersion = ImmersionFactory(pathway=pathway)
        data = form_data(immersion.company, status="cancelled")
        counsellor_client.post(file_url("edit", pathway.participant, pk=immersion.pk), data)
        assert Immersion.objects.get().status == ImmersionStatus.CANCELLED


class TestPermissions:
    @pytest.mark.parametrize("name", ["list", "create"])
    def test_another_territory_gets_404(self, other_counsellor_client, participant, name):
        assert other_counsellor_client.get(file_url(name, participant)).status_code == 404

    @pytest.mark.parametrize("name", ["edit", "assess"])
    def test_another_territory_gets_404_on_an_immersion(self, other_counsellor_client, pathway, name):
        immersion = ImmersionFactory(pathway=pathway)
        response = other_counsellor_client.get(file_url(name, pathway.participant, pk=immersion.pk))
        assert response.status_code == 404

    def test_another_territory_does_not_see_it_in_its_list(self, other_counsellor_client, pathway):
        ImmersionFactory(pathway=pathway, job_title="Cariste secret")
        response = other_counsellor_client.get(reverse("immersions:list"))
        assert "Cariste secret" not in response.content.decode()

    def test_an_immersion_of_another_person_is_404(self, counsellor_client, pathway, territory):
        other = ImmersionFactory(pathway=PathwayFactory(territory=territory))
        response = counsellor_client.get(file_url("edit", pathway.participant, pk=other.pk))
        assert response.status_code == 404

    def test_anonymous_is_sent_to_login(self, client, participant):
        for url in (file_url("list", participant), reverse("immersions:list")):
            response = client.get(url)
            assert response.status_code == 302
            assert "/compte/connexion/" in response.url


class TestLists:
    @pytest.mark.parametrize("rows", [2, 6])
    def test_file_list_query_count_is_flat(self, counsellor_client, pathway, django_assert_num_queries, rows):
        for _ in range(rows):
            company = CompanyFactory(territory=pathway.territory)
            ImmersionFactory(
                pathway=pathway,
                company=company,
                tutor=CompanyContactFactory(company=company),
                job_wish=JobWishFactory(pathway=pathway),
            )
        with django_assert_num_queries(11):
            response = counsellor_client.get(file_url("list", pathway.participant))
        assert response.content.decode().count('class="card immersion"') == rows

    @pytest.mark.parametrize("rows", [2, 6])
    def test_territory_list_query_count_is_flat(
        self, counsellor_client, territory, django_assert_num_queries, rows
    ):
        for index in range(rows):
            ImmersionFactory(
                pathway=PathwayFactory(territory=territory),
                start_date=TODAY + datetime.timedelta(days=index - 3),
            )
        with django_assert_num_queries(7):
            response = counsellor_client.get(reverse("immersions:list"))
        assert response.content.decode().count('class="card immersion-row"') == rows

    def test_territory_list_sorts_under_way_coming_and_to_assess(self, counsellor_client, territory):
        ImmersionFactory(pathway=PathwayFactory(territory=territory), job_title="En cours")
        ImmersionFactory(
            pathway=PathwayFactory(territory=territory),
            job_title="A venir",
            start_date=TODAY + datetime.timedelta(days=10),
        )
        ImmersionFactory(
            pathway=PathwayFactory(territory=territory),
            job_title="Finie",
            start_date=TODAY - datetime.timedelta(days=20),
        )
        ImmersionFactory(
            pathway=PathwayFactory(territory=territory), job_title="Annulée", status=ImmersionStatus.CANCELLED
        )
        context = counsellor_client.get(reverse("immersions:list")).context
        assert [i.job_title for i in context["under_way"]] == ["En cours"]
        assert [i.job_title for i in context["upcoming"]] == ["A venir"]
        assert [i.job_title for i in context["to_assess"]] == ["Finie"]


class TestPages:
    def test_edit_and_assess_pages_show_the_immersion(self, counsellor_client, pathway):
        immersion = ImmersionFactory(pathway=pathway, job_wish=JobWishFactory(pathway=pathway))
        edit = counsellor_client.get(file_url("edit", pathway.participant, pk=immersion.pk))
        assert edit.context["form"].initial["rome_job"] == "N1103"
        assert 'value="Préparatrice de commandes"' in edit.content.decode()
        assess = counsellor_client.get(file_url("assess", pathway.participant, pk=immersion.pk))
        assert "confirms_job" in assess.context["form"].fields
