"""The matcher over hand-built cases (issue 5, first acceptance point, and its edge cases).

No database: profiles are built by hand, commune positions are the real ones of
data/communes/communes.csv, distances from Lens computed by referentials.geo.
"""

from dataclasses import replace
from datetime import time
from itertools import permutations

from django.utils import translation

from chemin.barriers.enums import BarrierCategory, CommuteMeans, ConstraintKind
from chemin.matching.enums import LeverKind, MatchLevel, PhysicalDemand, SchedulePattern
from chemin.matching.matcher import evaluate, rank_candidates, rank_jobs
from chemin.matching.profiles import (
    CandidateProfile,
    Constraint,
    JobProfile,
    OpenBarrier,
    PartnerHint,
    Place,
)
from chemin.participants.enums import EducationLevel

LENS = Place("62498", 50.43302, 2.82791)
SALLAUMINES = Place("62771", 50.41749, 2.86174)  # ≈ 3 km from Lens
LOISON = Place("62523", 50.43796, 2.85322)  # ≈ 2 km, within walking distance
HARNES = Place("62413", 50.44643, 2.90481)  # ≈ 6 km
LESQUIN = Place("59343", 50.58232, 3.119)  # ≈ 26 km
NOWHERE = Place("97501", None, None)  # a commune without a known position

SCHOOL_HOURS_BARRIER = 11
MOBILITY_BARRIER = 12

DRIVING_SCHOOL = PartnerHint(
    partner_id=7, name="Auto-école solidaire de Lens", category=BarrierCategory.MOBILITY
)
CHILDCARE = PartnerHint(partner_id=8, name="Crèche Les Petits Pas", category=BarrierCategory.FAMILY)


def single_parent(**changes) -> CandidateProfile:
    """The issue's case: a single parent in Lens, school hours only, no car, wishing D1505."""
    candidate = CandidateProfile(
        id=1,
        wished_rome_codes=("D1505",),
        place=LENS,
        has_driving_licence=False,
        has_vehicle=False,
        constraints=(
            Constraint(
                kind=ConstraintKind.HOURS_WINDOW,
                earliest_start=time(9, 0),
                latest_end=time(16, 30),
                barrier_id=SCHOOL_HOURS_BARRIER,
            ),
            Constraint(
                kind=ConstraintKind.MAX_COMMUTE,
                max_commute_km=10,
                commute_means=CommuteMeans.PUBLIC_TRANSPORT,
                barrier_id=MOBILITY_BARRIER,
            ),
        ),
        open_barriers=(
            OpenBarrier(SCHOOL_HOURS_BARRIER, BarrierCategory.FAMILY),
            OpenBarrier(MOBILITY_BARRIER, BarrierCategory.MOBILITY),
        ),
        education_level=EducationLevel.LEVEL_3,
    )
    return replace(candidate, **changes)


def three_shift_job_far_away() -> JobProfile:
    return JobProfile(
        id=101,
        rome_code="D1505",
        title="Hôte·sse de caisse en 3x8",
        schedule_patterns=frozenset({SchedulePattern.THREE_SHIFTS}),
        hours_per_week=35,
        place=LESQUIN,
    )


def three_shift_job_on_a_bus_line() -> JobProfile:
    return replace(
        three_shift_job_far_away(),
        id=102,
        place=HARNES,
        on_public_transport_line=True,
        can_adapt_hours=True,
        can_help_with_transport=True,
    )


def day_job_nearby() -> JobProfile:
    return JobProfile(
        id=103,
        rome_code="D1507",
        title="Employé·e de rayon libre-service",
        schedule_patterns=frozenset({SchedulePattern.DAY}),
        start_time=time(9, 0),
        end_time=time(16, 0),
        hours_per_week=24,
        place=SALLAUMINES,
        on_public_transport_line=True,
    )


def job(**changes) -> JobProfile:
    """A plain day job 2 km away in a wished job, which the single parent could take."""
    return replace(day_job_nearby(), **{"id": 200, "rome_code": "D1505", "place": LOISON, **changes})


def kinds(match) -> list[str]:
    return [lever.kind for lever in match.levers]


class TestSingleParentWithoutCar:
    """Acceptance: school hours only, no car, 10 km by public transport, wishes D1505."""

    def test_a_three_shift_job_25_km_away_is_not_for_now_because_of_schedule_and_distance(self):
        with translation.override("fr"):
            match = evaluate(single_parent(), three_shift_job_far_away())

            assert match.level == MatchLevel.NOT_NOW
            assert round(match.distance_km) == 26
            assert (
                "Distance : ≈ 26 km, au-delà des 10 km que la personne peut parcourir sans voiture, en transports en commun."
                in match.reasons
            )
            assert (
                "Organisation du travail : 3x8 ; la personne ne peut travailler que de 09:00 à 16:30."
                in match.reasons
            )
            # Nothing the employer offers opens it, and no partner is known.
            assert match.levers == ()

    def test_b_the_same_job_on_a_bus_line_with_an_employer_ready_to_adapt_is_reachable(self):
        with translation.override("fr"):
            match = evaluate(single_parent(), three_shift_job_on_a_bus_line())

            assert match.level == MatchLevel.REACHABLE
            assert match.distance_km < 10
            assert [(lever.kind, lever.text) for lever in match.levers] == [
                (
                    LeverKind.TRANSPORT,
                    "Demander à l’employeur une aide au transport (navette, covoiturage, frais de trajet).",
                ),
                (LeverKind.ADAPT_HOURS, "Demander à l’employeur des horaires de 09:00 à 16:30."),
            ]
            assert "Le lieu de travail est desservi par les transports en commun." in match.reasons

    def test_c_a_day_job_3_km_away_in_a_wished_family_is_compatible(self):
        with translation.override("fr"):
            match = evaluate(single_parent(), day_job_nearby())

            assert match.level == MatchLevel.COMPATIBLE
            assert (
                "Un métier de la même famille qu’un métier souhaité par la personne (D1505)." in match.reasons
            )
            assert (
                "Les horaires du poste (09:00–16:00) conviennent à la personne (de 09:00 à 16:30)."
                in match.reasons
            )
            # Not the very job named: an immersion is suggested, without making it less compatible.
            assert kinds(match) == [LeverKind.IMMERSION]

    def test_c_is_ranked_first_then_b_then_a(self):
        jobs = [three_shift_job_far_away(), three_shift_job_on_a_bus_line(), day_job_nearby()]

        for order in permutations(jobs):
            ranked = rank_jobs(single_parent(), order)
            assert [match.job_id for match in ranked] == [103, 102, 101]
            assert [match.level for match in ranked] == [
                MatchLevel.COMPATIBLE,
                MatchLevel.REACHABLE,
                MatchLevel.NOT_NOW,
            ]

    def test_a_childcare_partner_opens_the_hours_but_not_the_distance(self):
        match = evaluate(single_parent(), three_shift_job_far_away(), partners=[CHILDCARE])

        assert match.level == MatchLevel.NOT_NOW
        assert [(lever.barrier_id, lever.partner_id) for lever in match.levers] == [(SCHOOL_HOURS_BARRIER, 8)]


class TestRome:
    def test_the_wished_job_itself_scores_above_its_family(self):
        same_job = evaluate(single_parent(), job())
        same_family = evaluate(single_parent(), job(rome_code="D1507"))

        assert same_job.level == same_family.level == MatchLevel.COMPATIBLE
        assert same_job.score > same_family.score
        assert kinds(same_job) == []

    def test_same_domain_only_is_reachable_through_an_immersion(self):
        match = evaluate(single_parent(), job(rome_code="D1106"))

        assert match.level == MatchLevel.REACHABLE
        assert kinds(match) == [LeverKind.IMMERSION]

    def test_a_job_in_another_domain_is_not_for_now(self):
        with translation.override("fr"):
            match = evaluate(single_parent(), job(rome_code="N1103"))

            assert match.level == MatchLevel.NOT_NOW
            assert "Ne fait pas partie des métiers souhaités par la personne." in match.reasons

    def test_a_person_without_wishes_is_not_held_against_any_job(self):
        match = evaluate(single_parent(wished_rome_codes=()), job(rome_code="N1103"))

        assert match.level == MatchLevel.COMPATIBLE


class TestSchedule:
    def test_no_shift_work_fits_a_day_job(self):
        candidate = single_parent(constraints=(Constraint(kind=ConstraintKind.NO_SHIFT_WORK),))

        assert evaluate(candidate, job()).level == MatchLevel.COMPATIBLE

    def test_no_shift_work_clashes_with_two_shifts_unless_the_employer_adapts(self):
        candidate = single_parent(constraints=(Constraint(kind=ConstraintKind.NO_SHIFT_WORK),))
        two_shifts = job(
            schedule_patterns=frozenset({SchedulePattern.TWO_SHIFTS}), start_time=None, end_time=None
        )

        assert evaluate(candidate, two_shifts).level == MatchLevel.NOT_NOW
        adapted = evaluate(candidate, replace(two_shifts, can_adapt_hours=True))
        assert adapted.level == MatchLevel.REACHABLE
        assert kinds(adapted) == [LeverKind.ADAPT_HOURS]

    def test_no_night_work_clashes_with_hours_crossing_midnight(self):
        candidate = single_parent(constraints=(Constraint(kind=ConstraintKind.NO_NIGHT_WORK),))
        night = job(start_time=time(22, 0), end_time=time(5, 0))

        with translation.override("fr"):
            match = evaluate(candidate, night)

            assert match.level == MatchLevel.NOT_NOW
            assert (
                "Le poste comporte du travail de nuit ; la personne ne peut pas travailler la nuit."
                in match.reasons
            )

    def test_no_weekend_clashes_with_weekend_work(self):
        candidate = single_parent(constraints=(Constraint(kind=ConstraintKind.NO_WEEKEND),))
        weekends = job(schedule_patterns=frozenset({SchedulePattern.DAY, SchedulePattern.WEEKENDS}))

        assert evaluate(candidate, weekends).level == MatchLevel.NOT_NOW
        assert evaluate(candidate, job()).level == MatchLevel.COMPATIBLE

    def test_school_hours_possible_fits_an_hours_window(self):
        split = job(
            schedule_patterns=frozenset(
                {SchedulePattern.SPLIT_SHIFTS, SchedulePattern.SCHOOL_HOURS_POSSIBLE}
            ),
            start_time=None,
            end_time=None,
        )

        assert evaluate(single_parent(), split).level == MatchLevel.COMPATIBLE
        assert (
            evaluate(
                single_parent(), replace(split, schedule_patterns=frozenset({SchedulePattern.SPLIT_SHIFTS}))
            ).level
            == MatchLevel.NOT_NOW
        )

    def test_job_hours_ending_after_the_window_clash(self):
        late = job(start_time=time(13, 0), end_time=time(19, 0))

        assert evaluate(single_parent(), late).level == MatchLevel.NOT_NOW

    def test_a_day_job_without_hours_is_to_confirm_not_a_clash(self):
        with translation.override("fr"):
            match = evaluate(single_parent(), job(start_time=None, end_time=None))

            assert match.level == MatchLevel.COMPATIBLE
            assert (
                "Horaires à confirmer avec l’employeur : la personne peut travailler de 09:00 à 16:30."
                in match.reasons
            )

    def test_part_time_only_clashes_with_35_hours(self):
        candidate = single_parent(constraints=(Constraint(kind=ConstraintKind.PART_TIME_ONLY),))

        with translation.override("fr"):
            full_time = evaluate(candidate, job(hours_per_week=35))

            assert full_time.level == MatchLevel.NOT_NOW
            assert (
                "Le poste est à temps plein (35 h par semaine) ; la personne ne peut travailler qu’à temps partiel."
                in full_time.reasons
            )
            assert evaluate(candidate, job(hours_per_week=24)).level == MatchLevel.COMPATIBLE
            assert (
                evaluate(candidate, job(hours_per_week=35, can_adapt_hours=True)).level
                == MatchLevel.REACHABLE
            )


class TestPhysicalDemands:
    def test_no_heavy_loads_clashes_with_heavy_loads(self):
        candidate = single_parent(constraints=(Constraint(kind=ConstraintKind.NO_HEAVY_LOADS),))
        heavy = job(physical_demands=frozenset({PhysicalDemand.HEAVY_LOADS}))

        assert evaluate(candidate, heavy).level == MatchLevel.NOT_NOW
        assert (
            evaluate(candidate, job(physical_demands=frozenset({PhysicalDemand.PROLONGED_STANDING}))).level
            == MatchLevel.COMPATIBLE
        )

    def test_a_health_partner_opens_it_only_when_the_constraint_ends_with_the_barrier(self):
        constraint = Constraint(kind=ConstraintKind.NO_HEAVY_LOADS, barrier_id=30)
        candidate = single_parent(
            constraints=(constraint,), open_barriers=(OpenBarrier(30, BarrierCategory.HEALTH),)
        )
        heavy = job(physical_demands=frozenset({PhysicalDemand.HEAVY_LOADS}))
        health = PartnerHint(partner_id=9, name="Centre de santé", category=BarrierCategory.HEALTH)

        assert evaluate(candidate, heavy, partners=[health]).level == MatchLevel.REACHABLE
        kept = replace(candidate, constraints=(replace(constraint, kept_after_barrier=True),))
        assert evaluate(kept, heavy, partners=[health]).level == MatchLevel.NOT_NOW


class TestDrivingLicenceAndVehicle:
    def test_a_licence_required_without_one_is_not_for_now_without_a_partner(self):
        match = evaluate(single_parent(), job(requires_driving_licence=True))

        assert match.level == MatchLevel.NOT_NOW

    def test_a_driving_school_partner_for_the_mobility_barrier_is_named(self):
        with translation.override("fr"):
            match = evaluate(
                single_parent(), job(requires_driving_licence=True), partners=[DRIVING_SCHOOL, CHILDCARE]
            )

            assert match.level == MatchLevel.REACHABLE
            [lever] = match.levers
            assert lever.kind == LeverKind.LIFT_BARRIER
            assert lever.barrier_id == MOBILITY_BARRIER
            assert lever.partner_id == DRIVING_SCHOOL.partner_id
            assert lever.text == "Lever le frein « Mobilité » avec Auto-école solidaire de Lens."

    def test_a_licence_without_a_mobility_barrier_opens_nothing(self):
        candidate = single_parent(open_barriers=(OpenBarrier(SCHOOL_HOURS_BARRIER, BarrierCategory.FAMILY),))

        match = evaluate(candidate, job(requires_vehicle=True), partners=[DRIVING_SCHOOL])

        assert match.level == MatchLevel.NOT_NOW


class TestCommute:
    def test_a_car_driver_without_a_limit_goes_up_to_the_default_15_km(self):
        driver = CandidateProfile(
            id=2, wished_rome_codes=("D1505",), place=LENS, has_driving_licence=True, has_vehicle=True
        )

        assert (
            evaluate(driver, job(place=HARNES, on_public_transport_line=False)).level == MatchLevel.COMPATIBLE
        )
        assert evaluate(driver, job(place=LESQUIN)).level == MatchLevel.NOT_NOW
        assert evaluate(replace(driver, max_commute_km=30), job(place=LESQUIN)).level == MatchLevel.COMPATIBLE

    def test_without_a_car_a_workplace_off_the_bus_lines_needs_transport_help(self):
        off_the_lines = job(place=HARNES, on_public_transport_line=False)

        assert evaluate(single_parent(), off_the_lines).level == MatchLevel.NOT_NOW
        helped = evaluate(single_parent(), replace(off_the_lines, can_help_with_transport=True))
        assert helped.level == MatchLevel.REACHABLE
        assert kinds(helped) == [LeverKind.TRANSPORT]

    def test_a_maximum_commute_in_minutes_uses_the_speed_of_the_means(self):
        walker = single_parent(
            constraints=(
                Constraint(
                    kind=ConstraintKind.MAX_COMMUTE,
                    max_commute_minutes=30,
                    commute_means=CommuteMeans.ON_FOOT,
                ),
            )
        )

        # 30 minutes on foot is 2.5 km: Sallaumines, 3 km away, is too far.
        assert evaluate(walker, day_job_nearby()).level == MatchLevel.NOT_NOW

    def test_an_unknown_distance_is_to_check_never_zero(self):
        with translation.override("fr"):
            match = evaluate(single_parent(), job(place=NOWHERE))

            assert match.level == MatchLevel.COMPATIBLE
            assert match.distance_km is None
            assert "Distance inconnue : vérifier le trajet avec la personne." in match.reasons
            assert match.score < evaluate(single_parent(), job()).score


class TestQualification:
    def test_a_lower_level_is_opened_by_training_on_the_job(self):
        demanding = job(min_education_level=EducationLevel.LEVEL_4)

        assert evaluate(single_parent(), demanding).level == MatchLevel.NOT_NOW
        trained = evaluate(single_parent(), replace(demanding, can_train_on_the_job=True))
        assert trained.level == MatchLevel.REACHABLE
        assert kinds(trained) == [LeverKind.TRAINING]

    def test_an_unknown_level_is_to_check(self):
        candidate = single_parent(education_level="")

        assert (
            evaluate(candidate, job(min_education_level=EducationLevel.LEVEL_4)).level
            == MatchLevel.COMPATIBLE
        )


class TestJobFacingOutput:
    """Business developers see constraints, never the barriers or partners behind them."""

    def licence_job(self) -> JobProfile:
        return job(requires_driving_licence=True)

    def test_ranked_candidates_hide_barrier_categories_and_partners(self):
        with translation.override("fr"):
            [match] = rank_candidates(
                self.licence_job(), [single_parent()], {BarrierCategory.MOBILITY: [DRIVING_SCHOOL]}
            )
            mobility_label = str(BarrierCategory.MOBILITY.label)

            assert match.job_facing
            assert match.level == MatchLevel.REACHABLE
            assert kinds(match) == [LeverKind.PERSON_SUPPORT]
            assert (
                match.levers[0].text
                == "Une contrainte de la personne peut être travaillée : voir avec son ou sa conseiller·ère."
            )
            texts = [*match.reasons, *(lever.text for lever in match.levers)]
            assert not any(DRIVING_SCHOOL.name in text or mobility_label in text for text in texts)
            assert all(lever.barrier_id is None and lever.partner_id is None for lever in match.levers)

    def test_several_barrier_levers_become_one_support_lever_and_employer_levers_stay(self):
        candidate = single_parent()
        three_shifts = replace(three_shift_job_on_a_bus_line(), requires_driving_licence=True)
        full = evaluate(candidate, three_shifts, partners=[DRIVING_SCHOOL, CHILDCARE])

        facing = full.for_job_facing()

        assert kinds(full).count(LeverKind.LIFT_BARRIER) == 2
        assert kinds(facing) == [LeverKind.TRANSPORT, LeverKind.ADAPT_HOURS, LeverKind.PERSON_SUPPORT]
        assert (facing.level, facing.score, facing.reasons) == (full.level, full.score, full.reasons)

    def test_the_counsellor_side_may_ask_for_the_full_levers(self):
        [match] = rank_candidates(
            self.licence_job(),
            [single_parent()],
            {BarrierCategory.MOBILITY: [DRIVING_SCHOOL]},
            job_facing=False,
        )

        assert kinds(match) == [LeverKind.LIFT_BARRIER]


class TestRanking:
    def test_equal_scores_come_out_by_id_whatever_the_input_order(self):
        twins = [job(), replace(job(), id=199), replace(job(), id=201)]

        for order in permutations(twins):
            assert [match.job_id for match in rank_jobs(single_parent(), order)] == [199, 200, 201]

    def test_candidates_are_ranked_by_level_then_score_then_id(self):
        nearby = single_parent(id=5)
        twin = single_parent(id=4)
        far = single_parent(id=3, place=Place("62041", 50.29301, 2.78186))  # Arras, ≈ 16 km
        family_only = single_parent(id=2, wished_rome_codes=("D1507",))

        ranked = rank_candidates(job(), [far, nearby, family_only, twin])

        assert [match.candidate_id for match in ranked] == [4, 5, 2, 3]


class TestLanguages:
    def test_english_stays_available(self):
        with translation.override("en"):
            match = evaluate(single_parent(), three_shift_job_far_away())

            assert (
                "Working pattern: Three shifts (3x8); the person can only work from 09:00 to 16:30."
                in match.reasons
            )

    def test_a_match_is_worded_in_the_language_active_when_read(self):
        match = evaluate(single_parent(), three_shift_job_on_a_bus_line())

        with translation.override("fr"):
            french = match.levers[-1].text
        with translation.override("en"):
            english = match.levers[-1].text

        assert (french, english) == (
            "Demander à l’employeur des horaires de 09:00 à 16:30.",
            "Ask the employer for hours from 09:00 to 16:30.",
        )


class TestMaxReach:
    def test_a_job_beyond_the_hard_cap_is_not_now_even_by_car_with_a_long_commute(self):
        driver = CandidateProfile(
            id=1,
            wished_rome_codes=("D1505",),
            place=LENS,
            has_driving_licence=True,
            has_vehicle=True,
            constraints=(Constraint(kind=ConstraintKind.MAX_COMMUTE, max_commute_km=200),),
        )
        paris = Place("75056", 48.85341, 2.3488)  # ≈ 170 km
        match = evaluate(driver, JobProfile(id=2, rome_code="D1505", place=paris))
        assert match.level == MatchLevel.NOT_NOW
        with translation.override("fr"):
            assert any("au-delà des 60 km" in reason for reason in match.reasons), match.reasons

    def test_within_the_cap_the_person_s_own_commute_decides(self):
        driver = CandidateProfile(
            id=1,
            wished_rome_codes=("D1505",),
            place=LENS,
            has_driving_licence=True,
            has_vehicle=True,
            constraints=(Constraint(kind=ConstraintKind.MAX_COMMUTE, max_commute_km=40),),
        )
        match = evaluate(driver, JobProfile(id=2, rome_code="D1505", place=LESQUIN))
        assert match.level == MatchLevel.COMPATIBLE
