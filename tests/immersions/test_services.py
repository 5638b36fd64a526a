import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chemin.immersions.enums import Attendance, ImmersionObjective, ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.immersions.services import (
    ImmersionAssessment,
    ImmersionData,
    PathwayNotOpen,
    immersion_assess,
    immersion_create,
)
from chemin.jobwishes.enums import ContractType, JobWishStatus
from chemin.referentials.models import RomeJob
from tests.immersions.factories import CompanyContactFactory, CompanyFactory, ImmersionFactory
from tests.jobwishes.factories import JobWishFactory
from tests.participants.factories import PathwayFactory

TODAY = timezone.localdate()


def plan(company, start=TODAY, days=5, **extra) -> ImmersionData:
    return ImmersionData(
        company=company,
        objective=ImmersionObjective.DISCOVER_JOB,
        rome_job=RomeJob.objects.get(pk="N1103"),
        job_title="Préparateur de commandes",
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        **extra,
    )


class TestImmersionCreate:
    def test_plans_thirty_days_at_most(self, pathway):
        company = CompanyFactory(territory=pathway.territory)
        immersion = immersion_create(
            pathway=pathway, created_by=pathway.referent, data=plan(company, days=30)
        )
        assert immersion.days == 30

    @pytest.mark.parametrize("days", [31, 45])
    def test_refuses_more_than_thirty_days(self, pathway, days):
        company = CompanyFactory(territory=pathway.territory)
        with pytest.raises(ValidationError) as error:
            immersion_create(pathway=pathway, created_by=pathway.referent, data=plan(company, days=days))
        assert "end_date" in error.value.message_dict
        assert not Immersion.objects.exists()

    def test_refuses_an_end_before_the_start(self, pathway):
        company = CompanyFactory(territory=pathway.territory)
        with pytest.raises(ValidationError) as error:
            immersion_create(pathway=pathway, created_by=pathway.referent, data=plan(company, days=0))
        assert "end_date" in error.value.message_dict

    def test_refuses_a_company_of_another_territory(self, pathway, other_territory):
        company = CompanyFactory(territory=other_territory)
        with pytest.raises(ValidationError) as error:
            immersion_create(pathway=pathway, created_by=pathway.referent, data=plan(company))
        assert "company" in error.value.message_dict

    def test_refuses_a_tutor_of_another_company(self, pathway):
        company = CompanyFactory(territory=pathway.territory)
        tutor = CompanyContactFactory(company=CompanyFactory(territory=pathway.territory))
        with pytest.raises(ValidationError) as error:
            immersion_create(pathway=pathway, created_by=pathway.referent, data=plan(company, tutor=tutor))
        assert "tutor" in error.value.message_dict

    def test_refuses_the_wish_of_another_pathway(self, pathway):
        company = CompanyFactory(territory=pathway.territory)
        wish = JobWishFactory(pathway=PathwayFactory(territory=pathway.territory))
        with pytest.raises(ValidationError) as error:
            immersion_create(pathway=pathway, created_by=pathway.referent, data=plan(company, job_wish=wish))
        assert "job_wish" in error.value.message_dict

    def test_refuses_a_closed_pathway(self, territory, counsellor):
        pathway = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        with pytest.raises(PathwayNotOpen):
            immersion_create(
                pathway=pathway, created_by=counsellor, data=plan(CompanyFactory(territory=territory))
            )


class TestDatabaseConstraints:
    def test_database_refuses_more_than_thirty_days(self, pathway):
        immersion = ImmersionFactory(pathway=pathway)
        with pytest.raises(IntegrityError), transaction.atomic():
            Immersion.objects.filter(pk=immersion.pk).update(
                end_date=immersion.start_date + datetime.timedelta(days=30)
            )

    def test_database_accepts_exactly_thirty_days(self, pathway):
        immersion = ImmersionFactory(pathway=pathway)
        Immersion.objects.filter(pk=immersion.pk).update(
            end_date=immersion.start_date + datetime.timedelta(days=29)
        )

    def test_database_refuses_an_end_before_the_start(self, pathway):
        immersion = ImmersionFactory(pathway=pathway)
        with pytest.raises(IntegrityError), transaction.atomic():
            Immersion.objects.filter(pk=immersion.pk).update(
                end_date=immersion.start_date - datetime.timedelta(days=1)
            )


class TestImmersionAssess:
    def test_completed_immersion_confirms_the_wish_keeping_its_history(self, pathway, counsellor):
        wish = JobWishFactory(pathway=pathway, rome_codes=["N1103"])
        immersion = ImmersionFactory(pathway=pathway, job_wish=wish)

        immersion_assess(
            immersion=immersion,
            assessed_by=counsellor,
            assessment=ImmersionAssessment(
                attendance=Attendance.COMPLETED,
                job_offer=True,
                contract_type_offered=ContractType.CDD,
                confirms_job=True,
            ),
        )

        immersion.refresh_from_db()
        wish.refresh_from_db()
        assert immersion.status == ImmersionStatus.ASSESSED
        assert immersion.confirmed_wish and immersion.job_offer
        assert wish.status == JobWishStatus.CONFIRMED
        assert wish.version == 2
        assert list(wish.versions.order_by("version").values_list("status", flat=True)) == [
            JobWishStatus.EXPLORING,
            JobWishStatus.CONFIRMED,
        ]
        assert wish.versions.get(version=2).changed_by == counsellor

    def test_partial_immersion_cannot_confirm_the_wish(self, pathway, counsellor):
        wish = JobWishFactory(pathway=pathway)
        immersion = ImmersionFactory(pathway=pathway, job_wish=wish)
        with pytest.raises(ValidationError):
            immersion_assess(
                immersion=immersion,
                assessed_by=counsellor,
                assessment=ImmersionAssessment(attendance=Attendance.PARTIAL, confirms_job=True),
            )
        wish.refresh_from_db()
        assert wish.status == JobWishStatus.EXPLORING
        assert Immersion.objects.get().status == ImmersionStatus.PLANNED

    def test_an_assessed_immersion_is_not_assessed_twice(self, pathway, counsellor):
        immersion = ImmersionFactory(pathway=pathway)
        assessment = ImmersionAssessment(attendance=Attendance.NO_SHOW)
        immersion_assess(immersion=immersion, assessed_by=counsellor, assessment=assessment)
        with pytest.raises(ValidationError):
            immersion_assess(immersion=immersion, assessed_by=counsellor, assessment=assessment)
