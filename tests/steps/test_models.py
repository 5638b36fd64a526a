import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from chemin.steps.enums import StepStatus
from chemin.steps.models import Step
from tests.steps.factories import StepFactory


class TestStepConstraints:
    def test_a_done_step_has_the_day_it_was_done(self, pathway):
        with pytest.raises(IntegrityError), transaction.atomic():
            StepFactory(pathway=pathway, status=StepStatus.DONE, done_on=None)

    @pytest.mark.parametrize("status", [StepStatus.TODO, StepStatus.IN_PROGRESS, StepStatus.DROPPED])
    def test_only_a_done_step_has_a_done_date(self, pathway, status):
        with pytest.raises(IntegrityError), transaction.atomic():
            StepFactory(pathway=pathway, status=status, done_on=timezone.localdate())

    def test_a_partner_name_goes_with_a_partner_owner(self, pathway):
        with pytest.raises(IntegrityError), transaction.atomic():
            StepFactory(pathway=pathway, owner="participant", owner_name="CCAS de Lens")

    def test_unknown_status_or_owner_are_refused(self, pathway):
        step = StepFactory(pathway=pathway)
        with pytest.raises(IntegrityError), transaction.atomic():
            Step.objects.filter(pk=step.pk).update(status="finished")
        with pytest.raises(IntegrityError), transaction.atomic():
            Step.objects.filter(pk=step.pk).update(owner="employer")

    def test_a_pathway_with_steps_cannot_be_deleted(self, pathway):
        StepFactory(pathway=pathway)

        with pytest.raises(ProtectedError):
            pathway.delete()


class TestStepOverdue:
    def test_an_active_step_past_its_date_is_overdue(self, pathway):
        step = StepFactory(pathway=pathway, overdue=True)

        assert step.is_overdue
        assert step.days_overdue == 3
        assert list(Step.objects.overdue()) == [step]

    def test_done_dropped_undated_or_future_steps_are_not(self, pathway):
        past = timezone.localdate() - datetime.timedelta(days=2)
        steps = [
            StepFactory(pathway=pathway, done=True, due_date=past),
            StepFactory(pathway=pathway, dropped=True, due_date=past),
            StepFactory(pathway=pathway, due_date=None),
            StepFactory(pathway=pathway),
        ]

        assert not any(step.is_overdue for step in steps)
        assert not Step.objects.overdue().exists()
