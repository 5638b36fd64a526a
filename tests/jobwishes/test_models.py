import pytest
from django.db import IntegrityError, transaction

from chemin.jobwishes.models import JobWish, JobWishRomeJob, JobWishVersion
from tests.jobwishes.factories import JobWishFactory


class TestJobWishConstraints:
    @pytest.mark.parametrize(
        "field, value",
        [
            ("priority", 0),
            ("max_commute_km", 0),
            ("max_hours_per_week", 0),
            ("max_hours_per_week", 49),
            ("status", "hired"),
            ("working_hours", "nights"),
        ],
    )
    def test_the_database_refuses_values_out_of_range(self, pathway, field, value):
        wish = JobWishFactory(pathway=pathway)

        with pytest.raises(IntegrityError), transaction.atomic():
            JobWish.objects.filter(pk=wish.pk).update(**{field: value})

    def test_a_staff_change_names_its_author(self, pathway):
        wish = JobWishFactory(pathway=pathway)

        with pytest.raises(IntegrityError), transaction.atomic():
            JobWish.objects.filter(pk=wish.pk).update(updated_by=None, by_participant=False)
        JobWish.objects.filter(pk=wish.pk).update(updated_by=None, by_participant=True)

    def test_a_rome_code_appears_once_per_wish(self, pathway):
        wish = JobWishFactory(pathway=pathway, rome_codes=["D1505"])

        with pytest.raises(IntegrityError), transaction.atomic():
            JobWishRomeJob.objects.create(job_wish=wish, rome_job_id="D1505", position=2)

    def test_at_most_three_rome_codes(self, pathway):
        wish = JobWishFactory(pathway=pathway, rome_codes=["D1505"])

        with pytest.raises(IntegrityError), transaction.atomic():
            JobWishRomeJob.objects.create(job_wish=wish, rome_job_id="D1507", position=4)

    def test_a_version_number_is_written_once(self, pathway):
        wish = JobWishFactory(pathway=pathway)
        snapshot = wish.versions.get()

        with pytest.raises(IntegrityError), transaction.atomic():
            JobWishVersion.objects.create(
                job_wish=wish,
                version=1,
                title_in_own_words="autre",
                priority=1,
                working_hours="either",
                status="exploring",
                changed_by=snapshot.changed_by,
            )

    def test_a_pathway_with_wishes_cannot_be_deleted(self, pathway):
        from django.db.models import ProtectedError

        JobWishFactory(pathway=pathway)

        with pytest.raises(ProtectedError):
            pathway.delete()


class TestJobWishDisplay:
    def test_contract_labels_are_in_french(self, pathway):
        wish = JobWishFactory(pathway=pathway, contract_types=["cddi", "pec"])

        assert wish.contract_type_labels == ["CDDI (IAE)", "PEC (contrat aidé)"]
        assert wish.versions.get().contract_type_labels == ["CDDI (IAE)", "PEC (contrat aidé)"]
