import pytest

from chemin.barriers.enums import BarrierCategory, ConstraintKind
from chemin.matching.enums import MatchLevel
from chemin.matching.matcher import rank_candidates
from chemin.opportunities.models import Opportunity
from chemin.opportunities.profiles import candidate_profiles, job_profiles, partner_hints
from chemin.pathways.models import Pathway
from tests.opportunities.factories import make_opportunity, make_wish
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db


class TestCandidateProfiles:
    def test_carries_wishes_constraints_and_open_barriers_ids_and_categories(self, nadia):
        [profile] = candidate_profiles(Pathway.objects.filter(pk=nadia.pk))
        assert profile.id == nadia.pk
        assert profile.wished_rome_codes == ("D1505",)
        assert profile.place.code_insee == "62510"
        assert {constraint.kind for constraint in profile.constraints} == {
            ConstraintKind.HOURS_WINDOW,
            ConstraintKind.NO_HEAVY_LOADS,
        }
        assert {barrier.category for barrier in profile.open_barriers} == {
            BarrierCategory.FAMILY,
            BarrierCategory.HEALTH,
        }
        assert all(constraint.barrier_id for constraint in profile.constraints)

    def test_runs_a_fixed_number_of_queries(self, territory, counsellor, nadia, django_assert_num_queries):
        for _index in range(5):
            make_wish(
                PathwayFactory(territory=territory, referent=counsellor), "D1505", "N1103", max_commute_km=12
            )
        # Pathways, wishes with their ROME codes, constraints, open barriers.
        with django_assert_num_queries(4):
            profiles = candidate_profiles(Pathway.objects.filter(territory=territory))
        assert len(profiles) == 6
        assert {profile.max_commute_km for profile in profiles} == {None, 12}


class TestJobProfiles:
    def test_reads_the_requirements_in_one_query(
        self, shift_job, company, business_developer, django_assert_num_queries
    ):
        make_opportunity(
            company, business_developer, title="Autre", requires_vehicle=True, requires_driving_licence=True
        )
        with django_assert_num_queries(1):
            profiles = job_profiles(Opportunity.objects.order_by("pk"))
        assert profiles[0].schedule_patterns == frozenset({"2x8"})
        assert profiles[0].physical_demands == frozenset({"heavy_loads"})
        assert profiles[1].requires_vehicle


class TestPartnerHints:
    def test_groups_active_partners_of_the_territory_by_category(
        self, territory, partners, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            hints = partner_hints(territory)
        assert [hint.name for hint in hints[BarrierCategory.FAMILY]] == ["Crèche Les Petits Pas"]
        assert [hint.name for hint in hints[BarrierCategory.HEALTH]] == ["Centre de santé du Bassin"]


def test_the_clash_is_reachable_with_the_partner_but_job_facing_names_none(
    nadia, shift_job, partners, territory
):
    # Public transport hardly runs for 2x8: the employer's help with transport opens that clash.
    shift_job.can_help_with_transport = True
    [match] = rank_candidates(
        job_profiles([shift_job])[0], candidate_profiles(Pathway.objects.all()), partner_hints(territory)
    )
    assert match.level == MatchLevel.REACHABLE
    assert all(lever.barrier_id is None and lever.partner_id is None for lever in match.levers)
