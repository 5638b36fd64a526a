import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from chemin.referentials.enums import RomeProximity
from chemin.referentials.models import Commune, NafSector, RomeDomain, RomeJob
from tests.referentials.factories import CommuneFactory, RomeJobFactory


@pytest.mark.django_db
class TestRomeJob:
    def test_knows_its_domain_and_family_from_its_code(self):
        job = RomeJob.objects.get(pk="D1505")
        assert (job.domain_letter, job.family) == ("D", "D15")
        assert str(job) == "D1505 — Hôte / Hôtesse de caisse"
        assert str(job.domain) == "D — Commerce, vente et grande distribution"

    def test_measures_how_close_two_jobs_are(self):
        jobs = RomeJob.objects.in_bulk(["D1505", "D1507", "D1101", "H2913"])
        cashier = jobs["D1505"]
        assert cashier.proximity_to(cashier) == RomeProximity.SAME_JOB
        assert cashier.proximity_to(jobs["D1507"]) == RomeProximity.SAME_FAMILY
        assert cashier.proximity_to(jobs["D1101"]) == RomeProximity.SAME_DOMAIN
        assert cashier.proximity_to(jobs["H2913"]) == RomeProximity.UNRELATED
        assert RomeProximity.SAME_FAMILY > RomeProximity.SAME_DOMAIN

    def test_lists_a_family_and_a_domain(self):
        assert set(RomeJob.objects.in_family("k13").values_list("code", flat=True)) == {
            f"K13{n:02d}" for n in range(1, 15)
        }
        assert RomeJob.objects.in_domain("n").count() == RomeDomain.objects.get(pk="N").jobs.count()

    def test_lists_its_neighbours_same_family_first(self, django_assert_num_queries):
        cashier = RomeJob.objects.get(pk="D1505")
        with django_assert_num_queries(1):
            near = list(RomeJob.objects.near(cashier))
        assert cashier not in near
        family = [job for job in near if job.same_family]
        assert near[: len(family)] == family
        assert {job.code[:3] for job in family} == {"D15"}
        assert {job.domain_id for job in near} == {"D"}

    def test_refuses_a_code_outside_its_domain(self):
        with pytest.raises(IntegrityError):
            RomeJobFactory(code="D9999", domain=RomeDomain.objects.get(pk="N"))

    def test_a_domain_holding_jobs_cannot_be_deleted(self):
        with pytest.raises(ProtectedError):
            RomeDomain.objects.get(pk="N").delete()


@pytest.mark.django_db
class TestNafSector:
    def test_keeps_the_two_digit_naf_code_and_its_jobs(self):
        sector = NafSector.objects.get(pk="01")
        assert str(sector).startswith("01 — Culture et production animale")
        assert sector.rome_jobs.filter(pk="A1101").exists()
        assert RomeJob.objects.get(pk="A1101").naf_sectors.filter(pk="01").exists()


@pytest.mark.django_db
class TestCommune:
    def test_reads_its_postal_codes_and_position(self):
        paris = Commune.objects.get(pk="75056")
        assert str(paris) == "Paris (75)"
        assert paris.main_postal_code == "75001"
        assert "75116" in paris.postal_code_list
        assert paris.has_position
        assert paris.is_position_precise

    def test_an_estimated_position_is_not_precise(self):
        commune = CommuneFactory.build(epci_estimate=True)
        assert commune.has_position
        assert not commune.is_position_precise

    def test_a_commune_without_position_says_so(self):
        commune = CommuneFactory.build(without_position=True)
        assert not commune.has_position
        assert not commune.is_position_precise

    def test_stores_its_name_ready_for_search(self):
        assert Commune.objects.get(pk="94038").search_name == "l hay les roses"
