from chemin.jobwishes.demo import PROFILES, seed_job_wishes
from chemin.jobwishes.models import JobWish, JobWishVersion
from chemin.referentials.models import RomeJob
from tests.participants.factories import PathwayFactory


class TestSeedJobWishes:
    def test_every_demo_code_is_a_real_rome_code(self, db):
        codes = {code for profile in PROFILES for spec in profile for code in spec["codes"]}
        codes |= {
            code
            for profile in PROFILES
            for spec in profile
            for code in spec.get("before", {}).get("codes", [])
        }

        assert set(RomeJob.objects.filter(pk__in=codes).values_list("pk", flat=True)) == codes

    def test_gives_open_pathways_one_to_three_wishes_some_with_history_and_is_idempotent(self, db):
        pathways = [PathwayFactory() for _ in range(len(PROFILES))]
        closed = PathwayFactory(closed=True)

        seed_job_wishes(pathways=[*pathways, closed])
        counts = (JobWish.objects.count(), JobWishVersion.objects.count())
        seed_job_wishes(pathways=[*pathways, closed])

        assert (JobWish.objects.count(), JobWishVersion.objects.count()) == counts
        for pathway in pathways:
            assert 1 <= pathway.job_wishes.count() <= 3
            assert list(pathway.job_wishes.values_list("priority", flat=True)) == list(
                range(1, pathway.job_wishes.count() + 1)
            )
        assert not closed.job_wishes.exists()
        assert JobWish.objects.filter(version__gt=1).exists()
        assert JobWish.objects.filter(status="confirmed").exists()
        assert JobWish.objects.filter(title_in_own_words="caissière").exists()
