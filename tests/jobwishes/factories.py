import factory

from chemin.jobwishes.enums import JobWishStatus, WorkingHours
from chemin.jobwishes.models import JobWish
from chemin.jobwishes.services import JobWishData, job_wish_create, job_wish_update
from chemin.referentials.models import RomeJob
from tests.participants.factories import PathwayFactory


class JobWishFactory(factory.django.DjangoModelFactory):
    """A wish written through the service, so it has its ROME codes and its first snapshot.

    ``JobWishFactory(pathway=…, rome_codes=["K1302", "K1304"])``; the real ROME data is loaded once
    per test session.
    """

    class Meta:
        model = JobWish

    pathway = factory.SubFactory(PathwayFactory)
    title_in_own_words = "caissière"
    rome_codes = factory.LazyFunction(lambda: ["D1505"])
    priority = 1
    contract_types = factory.LazyFunction(list)
    working_hours = WorkingHours.EITHER
    max_hours_per_week = None
    max_commute_km = None
    status = JobWishStatus.EXPLORING

    @classmethod
    def _create(cls, model_class, *, pathway, rome_codes, **fields) -> JobWish:
        data = JobWishData(rome_jobs=[RomeJob.objects.get(pk=code) for code in rome_codes], **fields)
        return job_wish_create(pathway=pathway, created_by=pathway.referent, data=data)


def change_wish(job_wish: JobWish, *, by=None, rome_codes: list[str] | None = None, **changes) -> JobWish:
    """Save a new version of the wish through the service (a history row), changing some fields."""
    job_wish.refresh_from_db()
    current_codes = [link.rome_job_id for link in job_wish.rome_links.order_by("position")]
    fields = {
        "title_in_own_words": job_wish.title_in_own_words,
        "priority": job_wish.priority,
        "contract_types": job_wish.contract_types,
        "working_hours": job_wish.working_hours,
        "max_hours_per_week": job_wish.max_hours_per_week,
        "max_commute_km": job_wish.max_commute_km,
        "status": job_wish.status,
        **changes,
    }
    data = JobWishData(
        rome_jobs=[RomeJob.objects.get(pk=code) for code in rome_codes or current_codes], **fields
    )
    return job_wish_update(
        job_wish=job_wish,
        changed_by=by or job_wish.pathway.referent,
        data=data,
        expected_version=job_wish.version,
    )
