"""The database pre-filter leaves out only pairs the matcher says are "not now" (selectors)."""

import math
import random

import pytest
from django.core.management import call_command

from chemin.accounts.models import User
from chemin.barriers.enums import BarrierCategory, CommuteMeans, ConstraintKind
from chemin.barriers.models import Barrier
from chemin.barriers.services import ConstraintTerms
from chemin.companies.models import Company
from chemin.jobwishes.models import JobWish
from chemin.matching.enums import MatchLevel
from chemin.matching.matcher import evaluate, within_reach
from chemin.matching.rules import MAX_REACH_KM
from chemin.opportunities.models import Opportunity
from chemin.opportunities.profiles import lean_candidate_profiles, lean_job_profiles, partner_hints
from chemin.opportunities.selectors import candidates_within_reach, jobs_within_reach, reach_box
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway
from chemin.referentials.geo import EARTH_RADIUS_KM
from chemin.referentials.models import Commune
from chemin.territories.models import Territory
from tests.opportunities.factories import make_company, make_opportunity, make_wish
from tests.participants.factories import PathwayFactory
from tests.partners.factories import make_barrier, make_partner

CODES = ["D1505", "D1507", "D1101", "N1103", "N4101", "K1304", "K2204", "F1701", "G1602", "H2102", "M1607"]


class TestReachBox:
    @pytest.mark.parametrize("latitude", [0.0, 43.3, 50.4, 63.0, -21.1])
    def test_holds_every_point_at_the_reach_on_every_bearing(self, latitude):
        box = reach_box(latitude, 2.8, 60)
        angular = 60 / EARTH_RADIUS_KM
        lat1 = math.radians(latitude)
        for degrees in range(0, 360, 3):
            bearing = math.radians(degrees)
            lat2 = math.asin(
                math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing)
            )
            lon2 = math.radians(2.8) + math.atan2(
                math.sin(bearing) * math.sin(angular) * math.cos(lat1),
                math.cos(angular) - math.sin(lat1) * math.sin(lat2),
            )
            assert box.min_latitude <= math.degrees(lat2) <= box.max_latitude
            assert box.min_longitude <= math.degrees(lon2) <= box.max_longitude


@pytest.fixture
def random_territory(territory, counsellor, business_developer):
    """People and offers spread over communes near and far, with and without positions."""
    rng = random.Random(5)
    make_partner(territories=[territory], name="Auto-école solidaire", categories=(BarrierCategory.MOBILITY,))
    near = list(Commune.objects.filter(departement="62", latitude__isnull=False).order_by("pk")[:400])
    far = list(
        Commune.objects.filter(departement__in=["75", "13"], latitude__isnull=False).order_by("pk")[:20]
    )
    places = rng.sample(near, 30) + far + [None]
    company = make_company(territory)
    for index in range(40):
        make_opportunity(
            company,
            business_developer,
            rome=rng.choice(CODES),
            title=f"Poste {index}",
            commune=rng.choice(places),
        )
    for _index in range(40):
        pathway = PathwayFactory(territory=territory, referent=counsellor)
        Participant.objects.filter(pk=pathway.participant_id).update(
            commune=rng.choice(places), has_driving_licence=rng.random() < 0.5, has_vehicle=rng.random() < 0.4
        )
        wishes = rng.choice([0, 1, 1, 2])
        for _wish in range(wishes):
            make_wish(pathway, rng.choice(CODES), max_commute_km=rng.choice([None, 10, 30]))
        if rng.random() < 0.4:
            make_barrier(
                pathway,
                category=BarrierCategory.MOBILITY,
                situation="23",
                own_words="Pas de voiture.",
                constraints=[
                    ConstraintTerms(
                        kind=ConstraintKind.MAX_COMMUTE,
                        max_commute_km=rng.choice([5, 20, 90]),
                        commute_means=CommuteMeans.PUBLIC_TRANSPORT,
                    )
                ],
            )
    return territory


class TestPrefilterAgreesWithTheMatcher:
    def test_every_pair_left_out_is_not_now(self, random_territory):
        pathways = Pathway.objects.open().filter(territory=random_territory)
        opportunities = Opportunity.objects.open().filter(territory=random_territory)
        partners = partner_hints(random_territory)
        candidates = lean_candidate_profiles(pathways)
        jobs = lean_job_profiles(opportunities)
        left_out = kept = 0
        for candidate in candidates:
            reachable = set(
                jobs_within_reach(opportunities, candidate, partners).values_list("pk", flat=True)
            )
            for job in jobs:
                match = evaluate(candidate, job, [hint for hints in partners.values() for hint in hints])
                if job.id in reachable:
                    kept += 1
                else:
                    left_out += 1
                    assert match.level == MatchLevel.NOT_NOW, (candidate, job, match.reasons)
        for job in jobs:
            reachable = set(candidates_within_reach(pathways, job).values_list("pk", flat=True))
            for candidate in candidates:
                if candidate.id not in reachable or not within_reach(candidate, job, partners):
                    left_out += 1
                    match = evaluate(candidate, job, [hint for hints in partners.values() for hint in hints])
                    assert match.level == MatchLevel.NOT_NOW, (candidate, job, match.reasons)
        # The test means something only if both sides happen.
        assert left_out > 100 and kept > 100

    def test_reach_profiles_keep_exactly_whom_full_profiles_keep(self, random_territory):
        """Two passes (reach profiles, then full profiles of the people kept) give the very
        profiles one pass and ``within_reach`` on full profiles give, in the same order."""
        pathways = Pathway.objects.open().filter(territory=random_territory)
        partners = partner_hints(random_territory)
        everyone = lean_candidate_profiles(pathways)
        dropped = 0
        for job in lean_job_profiles(Opportunity.objects.open().filter(territory=random_territory)):
            expected = [candidate for candidate in everyone if within_reach(candidate, job, partners)]
            kept = lean_candidate_profiles(
                pathways, keep=lambda profile, job=job: within_reach(profile, job, partners)
            )
            assert kept == expected
            dropped += len(everyone) - len(kept)
        assert dropped > 0

    def test_people_without_a_wish_or_a_position_are_kept(self, territory, counsellor, business_developer):
        job = make_opportunity(make_company(territory), business_developer, rome="N1103")
        nowhere = PathwayFactory(territory=territory, referent=counsellor)
        make_wish(nowhere, "D1505")
        no_wish = PathwayFactory(territory=territory, referent=counsellor)
        far = PathwayFactory(territory=territory, referent=counsellor)
        Participant.objects.filter(pk=far.participant_id).update(commune="13055")
        make_wish(far, "N1103")
        [profile] = lean_job_profiles(Opportunity.objects.filter(pk=job.pk))
        kept = set(candidates_within_reach(Pathway.objects.all(), profile).values_list("pk", flat=True))
        assert no_wish.pk in kept
        assert nowhere.pk not in kept  # another domain
        assert far.pk not in kept  # Marseille is beyond MAX_REACH_KM of Lens
        assert MAX_REACH_KM < 900


class TestBenchmark:
    # Transactional: the benchmark commits its rows to vacuum them (outside any transaction).
    def test_runs_with_tiny_numbers_and_leaves_no_data(self, transactional_db, reference_data, capsys):
        def counts():
            return [
                model.objects.count()
                for model in (Opportunity, Company, Pathway, Participant, JobWish, Barrier, Territory, User)
            ]

        before = counts()
        call_command("bench_matching", opportunities=50, participants=80, samples=3)
        output = capsys.readouterr().out
        assert output.count(" ms") >= 4, output
        assert counts() == before
