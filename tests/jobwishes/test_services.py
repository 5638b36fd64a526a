import pytest

from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish, JobWishVersion
from chemin.jobwishes.services import (
    JobWishConflict,
    JobWishData,
    JobWishError,
    PathwayNotOpen,
    job_wish_create,
    job_wish_set_status,
    job_wish_update,
)
from chemin.referentials.models import RomeJob
from tests.jobwishes.factories import JobWishFactory, change_wish
from tests.participants.factories import PathwayFactory


def rome(*codes: str) -> list[RomeJob]:
    return [RomeJob.objects.get(pk=code) for code in codes]


class TestJobWishData:
    def test_needs_a_rome_job(self):
        with pytest.raises(JobWishError):
            JobWishData(title_in_own_words="caissière", rome_jobs=[])

    def test_refuses_more_than_three_or_repeated_codes(self, db):
        with pytest.raises(JobWishError):
            JobWishData(title_in_own_words="x", rome_jobs=rome("D1505", "D1507", "N1103", "N1105"))
        with pytest.raises(JobWishError):
            JobWishData(title_in_own_words="x", rome_jobs=rome("D1505", "D1505"))


class TestJobWishCreate:
    def test_writes_the_codes_in_order_and_a_first_snapshot(self, pathway, counsellor):
        wish = job_wish_create(
            pathway=pathway,
            created_by=counsellor,
            data=JobWishData(title_in_own_words="  aide à domicile ", rome_jobs=rome("K1304", "K1302")),
        )

        assert wish.title_in_own_words == "aide à domicile"
        assert [job.code for job in wish.rome_job_list] == ["K1304", "K1302"]
        snapshot = JobWishVersion.objects.get(job_wish=wish)
        assert snapshot.rome_jobs == [
            {"code": "K1304", "label": "Employé familial / Employée familiale"},
            {"code": "K1302", "label": "Assistant / Assistante de vie dépendance"},
        ]
        assert (snapshot.version, snapshot.changed_by, snapshot.by_participant) == (1, counsellor, False)

    def test_refuses_a_closed_pathway(self, counsellor):
        pathway = PathwayFactory(closed=True)

        with pytest.raises(PathwayNotOpen):
            job_wish_create(
                pathway=pathway,
                created_by=counsellor,
                data=JobWishData(title_in_own_words="x", rome_jobs=rome("D1505")),
            )
        assert not JobWish.objects.exists()

    def test_records_a_change_by_the_participant(self, pathway):
        wish = job_wish_create(
            pathway=pathway,
            created_by=None,
            by_participant=True,
            data=JobWishData(title_in_own_words="caissière", rome_jobs=rome("D1505")),
        )

        assert wish.by_participant is True
        assert wish.versions.get().by_participant is True


class TestJobWishUpdate:
    def test_increments_the_version_and_keeps_the_previous_snapshot(self, pathway, colleague):
        wish = JobWishFactory(pathway=pathway, rome_codes=["D1505"])

        job_wish_update(
            job_wish=wish,
            changed_by=colleague,
            expected_version=1,
            data=JobWishData(title_in_own_words="mise en rayon", rome_jobs=rome("D1507"), max_commute_km=10),
        )

        wish.refresh_from_db()
        assert (wish.version, wish.title_in_own_words, wish.max_commute_km) == (2, "mise en rayon", 10)
        assert list(wish.rome_links.values_list("rome_job_id", flat=True)) == ["D1507"]
        snapshots = list(wish.versions.order_by("version"))
        assert [(s.version, s.title_in_own_words, s.rome_codes) for s in snapshots] == [
            (1, "caissière", ["D1505"]),
            (2, "mise en rayon", ["D1507"]),
        ]
        assert snapshots[1].changed_by == colleague

    def test_a_stale_version_raises_a_conflict_and_writes_nothing(self, pathway, colleague, counsellor):
        wish = JobWishFactory(pathway=pathway)
        stale = JobWish.objects.get(pk=wish.pk)
        job_wish_update(
            job_wish=wish,
            changed_by=colleague,
            expected_version=1,
            data=JobWishData(title_in_own_words="premier", rome_jobs=rome("D1505")),
        )

        with pytest.raises(JobWishConflict) as raised:
            job_wish_update(
                job_wish=stale,
                changed_by=counsellor,
                expected_version=1,
                data=JobWishData(title_in_own_words="second", rome_jobs=rome("N1103")),
            )

        assert raised.value.current.version == 2
        assert raised.value.current.updated_by == colleague
        wish.refresh_from_db()
        assert wish.title_in_own_words == "premier"
        assert list(wish.rome_links.values_list("rome_job_id", flat=True)) == ["D1505"]
        assert wish.versions.count() == 2


class TestJobWishSetStatus:
    def test_writes_a_new_version(self, pathway, colleague):
        wish = JobWishFactory(pathway=pathway, rome_codes=["K1302", "K1304"])

        job_wish_set_status(job_wish=wish, status=JobWishStatus.CONFIRMED, changed_by=colleague)

        wish.refresh_from_db()
        assert (wish.status, wish.version, wish.updated_by) == (JobWishStatus.CONFIRMED, 2, colleague)
        latest = wish.versions.get(version=2)
        assert (latest.status, latest.rome_codes, latest.changed_by) == (
            "confirmed",
            ["K1302", "K1304"],
            colleague,
        )

    def test_the_same_status_writes_nothing(self, pathway, colleague):
        wish = JobWishFactory(pathway=pathway)

        job_wish_set_status(job_wish=wish, status=JobWishStatus.EXPLORING, changed_by=colleague)

        wish.refresh_from_db()
        assert wish.version == 1
        assert wish.versions.count() == 1


def _summary(pathway):
    pathway.refresh_from_db()
    return pathway.wished_rome_domains, pathway.shortest_wish_commute_km


@pytest.mark.django_db
def test_every_write_keeps_the_pathways_wish_summary_in_step():
    """The matching pre-filter reads the summary instead of the wishes: it must never lag."""
    pathway = PathwayFactory()
    assert _summary(pathway) == ("", None)

    cashier = JobWishFactory(pathway=pathway, rome_codes=["D1505"], max_commute_km=20)
    assert _summary(pathway) == ("D", 20)

    carer = JobWishFactory(pathway=pathway, rome_codes=["K1302", "D1507"], max_commute_km=10, priority=2)
    assert _summary(pathway) == ("DK", 10)

    change_wish(carer, rome_codes=["K1302"], max_commute_km=30)
    assert _summary(pathway) == ("DK", 20)

    job_wish_set_status(job_wish=cashier, status=JobWishStatus.SET_ASIDE, changed_by=pathway.referent)
    assert _summary(pathway) == ("K", 30)

    job_wish_set_status(job_wish=carer, status=JobWishStatus.SET_ASIDE, changed_by=pathway.referent)
    assert _summary(pathway) == ("", None)
