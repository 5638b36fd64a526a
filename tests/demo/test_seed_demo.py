import pytest
from django.core.management import call_command

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership, User
from chemin.demo.staff import DEMO_PASSWORD
from chemin.employments.enums import Side
from chemin.employments.models import CheckInSide, Employment
from chemin.exits.enums import ExitCategory
from chemin.jobwishes.models import JobWish
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.participants.models import Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.portfolio.models import Experience, Skill
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from chemin.steps.enums import StepStatus
from chemin.steps.models import Step
from chemin.territories.models import Territory


@pytest.mark.django_db
class TestSeedDemo:
    def test_creates_two_territories_with_one_user_per_role_each(self):
        call_command("seed_demo", verbosity=0)
        assert set(Territory.objects.values_list("name", flat=True)) == {"Lens-Liévin", "Arras"}
        for territory in Territory.objects.all():
            roles = set(Membership.objects.filter(territory=territory).values_list("role", flat=True))
            assert roles == set(Role.values)

    def test_running_it_twice_changes_nothing(self):
        call_command("seed_demo", verbosity=0)
        counts = (User.objects.count(), Membership.objects.count(), Territory.objects.count())
        call_command("seed_demo", verbosity=0)
        assert (User.objects.count(), Membership.objects.count(), Territory.objects.count()) == counts

    def test_a_demo_counsellor_works_in_both_territories_with_the_printed_password(self, capsys, settings):
        settings.DEMO_MODE = True
        call_command("seed_demo")
        output = capsys.readouterr().out
        assert "sophie.martin@chemin-faisant.test" in output
        assert DEMO_PASSWORD in output
        sophie = User.objects.get(email="sophie.martin@chemin-faisant.test")
        assert sophie.check_password(DEMO_PASSWORD)
        assert sophie.memberships.count() == 2

    def test_passwords_are_not_printed_outside_demo_mode(self, capsys, settings):
        settings.DEMO_MODE = False
        call_command("seed_demo")
        assert DEMO_PASSWORD not in capsys.readouterr().out

    def test_scale_adds_counsellors_per_territory(self):
        call_command("seed_demo", scale=2, verbosity=0)
        assert Membership.objects.filter(role=Role.COUNSELLOR).count() == 3 + 2 * 10


@pytest.mark.django_db
class TestDemoPathways:
    def test_a_few_dozen_people_in_both_territories_have_started_their_pathway(self):
        call_command("seed_demo", verbosity=0)
        for territory in Territory.objects.all():
            open_pathways = Pathway.objects.filter(territory=territory).exclude(phase=Phase.CLOSED)
            assert open_pathways.count() >= 8
            assert not open_pathways.filter(job_wishes__isnull=True).exists()
            assert not open_pathways.filter(steps__isnull=True).exists()
            assert not open_pathways.filter(notes__isnull=True).exists()
        assert Participant.objects.count() >= 24
        assert not Participant.objects.filter(skills__isnull=True).exists()
        assert Step.objects.filter(status=StepStatus.DONE).exists()
        assert Note.objects.filter(visibility=NoteVisibility.RESTRICTED).exists()
        assert Referral.objects.filter(status=ReferralStatus.DECLINED).exists()

    def test_running_it_twice_adds_no_second_story(self):
        call_command("seed_demo", verbosity=0)
        models = [Referral, Participant, Pathway, JobWish, Step, Note, Experience, Skill]
        counts = [model.objects.count() for model in models]
        call_command("seed_demo", verbosity=0)
        assert [model.objects.count() for model in models] == counts

    def test_people_go_into_employment_and_leave_with_every_exit_category(self):
        call_command("seed_demo", verbosity=0)
        assert Employment.objects.filter(ended_on__isnull=True).count() >= 4
        assert CheckInSide.objects.filter(recorded_by__isnull=True, side=Side.EMPLOYER).exists()
        assert set(Pathway.objects.exclude(exit_category="").values_list("exit_category", flat=True)) == set(
            ExitCategory.values
        )
