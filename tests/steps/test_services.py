import datetime

import pytest
from django.utils import timezone

from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from chemin.steps.services import PathwayNotOpen, step_create, step_set_status, step_update
from tests.participants.factories import PathwayFactory
from tests.steps.factories import StepFactory


class TestStepCreate:
    def test_writes_a_step_to_do(self, pathway, counsellor):
        step = step_create(
            pathway=pathway, created_by=counsellor, title=" Mettre à jour le CV ", owner=StepOwner.PARTICIPANT
        )

        assert (step.title, step.status, step.done_on, step.created_by) == (
            "Mettre à jour le CV",
            StepStatus.TODO,
            None,
            counsellor,
        )

    def test_drops_a_partner_name_for_another_owner(self, pathway, counsellor):
        step = step_create(
            pathway=pathway, created_by=counsellor, title="CV", owner=StepOwner.COUNSELLOR, owner_name="CCAS"
        )

        assert step.owner_name == ""

    def test_refuses_a_closed_pathway(self, counsellor):
        with pytest.raises(PathwayNotOpen):
            step_create(
                pathway=PathwayFactory(closed=True),
                created_by=counsellor,
                title="CV",
                owner=StepOwner.PARTICIPANT,
            )
        assert not Step.objects.exists()


class TestStepSetStatus:
    def test_done_dates_the_step_today_and_keeps_the_first_date(self, pathway, counsellor):
        step = StepFactory(pathway=pathway)

        step_set_status(step=step, status=StepStatus.DONE, changed_by=counsellor)
        assert step.done_on == timezone.localdate()

        Step.objects.filter(pk=step.pk).update(done_on=timezone.localdate() - datetime.timedelta(days=4))
        step.refresh_from_db()
        step_set_status(step=step, status=StepStatus.DONE, changed_by=counsellor)
        step.refresh_from_db()
        assert step.done_on == timezone.localdate() - datetime.timedelta(days=4)

    def test_leaving_done_clears_the_date(self, pathway, counsellor):
        step = StepFactory(pathway=pathway, done=True)

        step_set_status(step=step, status=StepStatus.DROPPED, changed_by=counsellor)

        step.refresh_from_db()
        assert (step.status, step.done_on) == (StepStatus.DROPPED, None)

    def test_refuses_a_closed_pathway(self, counsellor, territory):
        pathway = PathwayFactory(territory=territory)
        step = StepFactory(pathway=pathway)
        pathway.phase, pathway.closed_on = "closed", timezone.localdate()
        pathway.exit_category, pathway.exit_reason = "other", "no_news"
        pathway.save()
        step.refresh_from_db()

        with pytest.raises(PathwayNotOpen):
            step_set_status(step=step, status=StepStatus.DONE, changed_by=counsellor)


class TestStepUpdate:
    def test_marking_done_through_an_update_dates_it(self, pathway, counsellor):
        step = StepFactory(pathway=pathway)

        step_update(
            step=step,
            changed_by=counsellor,
            title="CV à jour",
            owner=StepOwner.PARTICIPANT,
            status=StepStatus.DONE,
        )

        step.refresh_from_db()
        assert (step.title, step.status, step.done_on) == ("CV à jour", StepStatus.DONE, timezone.localdate())
