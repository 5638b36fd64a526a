import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory, BarrierStatus, ConstraintKind
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from chemin.barriers.services import (
    ConstraintTerms,
    barrier_change_status,
    barrier_create,
    job_constraint_create,
    job_constraint_end,
)
from tests.barriers.factories import BarrierFactory, JobConstraintFactory

SCHOOL_HOURS = ConstraintTerms(
    kind=ConstraintKind.HOURS_WINDOW, earliest_start=datetime.time(9), latest_end=datetime.time(16, 30)
)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.mark.django_db
class TestBarrierCreate:
    def test_records_the_barrier_its_first_transition_and_its_constraints(self, pathway, counsellor):
        barrier = barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.FAMILY,
            situation="x-school",
            own_words="Personne pour récupérer mes enfants à 16 h 30.",
            identified_on=days_ago(3),
            constraints=[
                SCHOOL_HOURS,
                ConstraintTerms(kind=ConstraintKind.NO_NIGHT_WORK, kept_after_barrier=True),
            ],
        )

        assert (barrier.status, barrier.status_changed_on, barrier.consent_given_on) == (
            BarrierStatus.IDENTIFIED,
            days_ago(3),
            None,
        )
        transition = barrier.transitions.get()
        assert (transition.from_status, transition.to_status, transition.on, transition.by) == (
            "",
            BarrierStatus.IDENTIFIED,
            days_ago(3),
            counsellor,
        )
        hours, night = barrier.constraints.order_by("kind")
        assert (hours.kind, hours.earliest_start, hours.latest_end, hours.started_on, hours.pathway) == (
            ConstraintKind.HOURS_WINDOW,
            datetime.time(9),
            datetime.time(16, 30),
            days_ago(3),
            pathway,
        )
        assert night.kept_after_barrier

    @pytest.mark.parametrize("category", [BarrierCategory.HEALTH, BarrierCategory.JUSTICE])
    def test_a_special_category_needs_the_persons_consent(self, pathway, counsellor, category):
        with pytest.raises(ValidationError) as error:
            barrier_create(pathway=pathway, identified_by=counsellor, category=category, own_words="…")

        assert "consent_given_on" in error.value.message_dict
        assert not Barrier.objects.exists()

    def test_a_health_barrier_with_consent_is_recorded(self, pathway, counsellor):
        barrier = barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.HEALTH,
            situation="15",
            consent_given_on=days_ago(1),
        )
        assert barrier.consent_given_on == days_ago(1)
        assert barrier.is_special

    def test_consent_is_not_kept_for_an_ordinary_barrier(self, pathway, counsellor):
        barrier = barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.HOUSING,
            situation="27",
            consent_given_on=days_ago(1),
        )
        assert barrier.consent_given_on is None

    def test_the_database_refuses_a_health_barrier_without_consent(self, pathway, counsellor):
        with pytest.raises(IntegrityError):
            Barrier.objects.create(
                pathway=pathway,
                identified_by=counsellor,
                category=BarrierCategory.HEALTH,
                situation="15",
                identified_on=days_ago(1),
                status_changed_on=days_ago(1),
            )

    def test_a_bad_constraint_saves_nothing(self, pathway, counsellor):
        bad = ConstraintTerms(
            kind=ConstraintKind.HOURS_WINDOW, earliest_start=datetime.time(17), latest_end=datetime.time(9)
        )
        with pytest.raises(ValidationError):
            barrier_create(
                pathway=pathway,
                identified_by=counsellor,
                category=BarrierCategory.FAMILY,
                situation="13",
                constraints=[bad],
            )
        assert not Barrier.objects.exists()
        assert not JobConstraint.objects.exists()


@pytest.mark.django_db
class TestBarrierChangeStatus:
    def test_lifting_ends_the_constraints_except_those_kept(self, pathway, counsellor):
        barrier = barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.FAMILY,
            situation="13",
            identified_on=days_ago(20),
            constraints=[
                SCHOOL_HOURS,
                ConstraintTerms(kind=ConstraintKind.NO_NIGHT_WORK, kept_after_barrier=True),
            ],
        )
        unrelated = JobConstraintFactory(pathway=pathway, kind=ConstraintKind.NO_HEAVY_LOADS)

        barrier_change_status(
            barrier=barrier, status=BarrierStatus.BEING_ADDRESSED, changed_by=counsellor, on=days_ago(10)
        )
        barrier = barrier_change_status(
            barrier=barrier,
            status=BarrierStatus.LIFTED,
            changed_by=counsellor,
            on=days_ago(2),
            comment="Place en crèche.",
        )

        assert (barrier.status, barrier.status_changed_on) == (BarrierStatus.LIFTED, days_ago(2))
        assert list(barrier.transitions.values_list("from_status", "to_status", "on", "comment")) == [
            ("", BarrierStatus.IDENTIFIED, days_ago(20), ""),
            (BarrierStatus.IDENTIFIED, BarrierStatus.BEING_ADDRESSED, days_ago(10), ""),
            (BarrierStatus.BEING_ADDRESSED, BarrierStatus.LIFTED, days_ago(2), "Place en crèche."),
        ]
        ended = {c.kind: c.ended_on for c in JobConstraint.objects.all()}
        assert ended == {
            ConstraintKind.HOURS_WINDOW: days_ago(2),
            ConstraintKind.NO_NIGHT_WORK: None,
            unrelated.kind: None,
        }

    def test_dropping_ends_the_constraints_too(self, pathway, counsellor):
        barrier = barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.FAMILY,
            situation="13",
            constraints=[SCHOOL_HOURS],
        )
        barrier_change_status(barrier=barrier, status=BarrierStatus.DROPPED, changed_by=counsellor)
        assert not JobConstraint.objects.current().exists()

    def test_a_persistent_barrier_keeps_its_constraints(self, pathway, counsellor):
        barrier = barrier_create(
            pathway=pathway,
            identified_by=counsellor,
            category=BarrierCategory.FAMILY,
            situation="13",
            constraints=[SCHOOL_HOURS],
        )
        barrier_change_status(barrier=barrier, status=BarrierStatus.PERSISTENT, changed_by=counsellor)
        assert JobConstraint.objects.current().count() == 1

    def test_refuses_a_transition_not_allowed_and_saves_nothing(self, counsellor):
        barrier = BarrierFactory(lifted=True)
        with pytest.raises(ValidationError) as error:
            barrier_change_status(barrier=barrier, status=BarrierStatus.PERSISTENT, changed_by=counsellor)
        assert "status" in error.value.message_dict
        assert BarrierTransition.objects.filter(barrier=barrier).count() == 2

    def test_refuses_a_date_before_the_last_change(self, counsellor):
        barrier = BarrierFactory(identified_on=days_ago(5))
        with pytest.raises(ValidationError) as error:
            barrier_change_status(
                barrier=barrier, status=BarrierStatus.LIFTED, changed_by=counsellor, on=days_ago(6)
            )
        assert "on" in error.value.message_dict
        barrier.refresh_from_db()
        assert barrier.status == BarrierStatus.IDENTIFIED

    def test_a_lifted_barrier_can_come_back(self, counsellor):
        barrier = BarrierFactory(lifted=True)
        barrier = barrier_change_status(
            barrier=barrier, status=BarrierStatus.BEING_ADDRESSED, changed_by=counsellor
        )
        assert barrier.is_open


@pytest.mark.django_db
class TestJobConstraints:
    def test_a_max_commute_needs_a_limit(self, pathway, counsellor):
        with pytest.raises(ValidationError) as error:
            job_constraint_create(
                pathway=pathway, created_by=counsellor, terms=ConstraintTerms(kind=ConstraintKind.MAX_COMMUTE)
            )
        assert "max_commute_km" in error.value.message_dict

    def test_figures_of_another_kind_are_not_kept(self, pathway, counsellor):
        constraint = job_constraint_create(
            pathway=pathway,
            created_by=counsellor,
            terms=ConstraintTerms(
                kind=ConstraintKind.NO_WEEKEND, max_commute_km=12, earliest_start=datetime.time(8)
            ),
        )
        assert (constraint.max_commute_km, constraint.earliest_start) == (None, None)

    def test_ending_a_constraint(self, pathway, counsellor):
        constraint = JobConstraintFactory(pathway=pathway)
        job_constraint_end(constraint=constraint, ended_by=counsellor)
        constraint.refresh_from_db()
        assert constraint.ended_on == timezone.localdate()
        with pytest.raises(ValidationError):
            job_constraint_end(constraint=constraint, ended_by=counsellor)

    def test_a_constraint_cannot_end_before_it_started(self, pathway, counsellor):
        constraint = JobConstraintFactory(pathway=pathway, started_on=days_ago(2))
        with pytest.raises(ValidationError):
            job_constraint_end(constraint=constraint, ended_by=counsellor, on=days_ago(3))

    def test_describes_itself_in_french(self, pathway):
        from django.utils import translation

        hours = JobConstraintFactory(pathway=pathway, school_hours=True)
        commute = JobConstraintFactory(
            pathway=pathway,
            kind=ConstraintKind.MAX_COMMUTE,
            max_commute_km=15,
            max_commute_minutes=40,
            commute_means="public_transport",
        )
        with translation.override("fr"):
            assert hours.description == "Seulement dans une plage horaire : de 09:00 à 16:30"
            assert commute.description == "Trajet maximum : 15 km ou 40 min (transports en commun)"


@pytest.mark.django_db
class TestVisibility:
    def test_detail_of_a_health_barrier_for_the_referent_and_managers_only(
        self, pathway, counsellor, colleague, manager, business_developer, other_counsellor
    ):
        health = BarrierFactory(pathway=pathway, health=True)
        mobility = BarrierFactory(pathway=pathway)

        assert set(Barrier.objects.detail_visible_to(counsellor)) == {health, mobility}
        assert set(Barrier.objects.detail_visible_to(manager)) == {health, mobility}
        assert set(Barrier.objects.visible_to(colleague)) == {health, mobility}
        assert set(Barrier.objects.detail_visible_to(colleague)) == {mobility}
        assert not Barrier.objects.visible_to(business_developer).exists()
        assert not Barrier.objects.visible_to(other_counsellor).exists()
        annotated = {b.pk: b.detail_visible for b in Barrier.objects.with_detail_visible(colleague)}
        assert annotated == {health.pk: False, mobility.pk: True}

    def test_constraints_are_seen_by_business_developers_not_by_another_territory(
        self, pathway, business_developer, other_counsellor
    ):
        constraint = JobConstraintFactory(pathway=pathway)
        assert list(JobConstraint.objects.visible_to(business_developer)) == [constraint]
        assert not JobConstraint.objects.visible_to(other_counsellor).exists()
