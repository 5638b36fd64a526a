import pytest
from django.core.management import call_command

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership, User
from chemin.demo.staff import DEMO_PASSWORD
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
