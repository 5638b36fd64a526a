import pytest

from chemin.accounts.models import User
from chemin.demo.staff import seed_staff
from chemin.participants.enums import IncomeSupport
from chemin.participants.models import Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from chemin.referrals.demo import seed_referrals
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral


@pytest.fixture
def seeded(db):
    territories, _logins = seed_staff()
    staff = {user.email: user for user in User.objects.all()}
    seed_referrals(territories=territories, staff=staff)
    return territories, staff


def counts() -> tuple[int, ...]:
    return (
        PrescriberOrganisation.objects.count(),
        Prescriber.objects.count(),
        Referral.objects.count(),
        Participant.objects.count(),
        Pathway.objects.count(),
    )


class TestReferralsDemo:
    def test_adds_prescribers_and_referrals_in_both_territories(self, seeded):
        territories, _staff = seeded
        assert 6 <= PrescriberOrganisation.objects.count() <= 8
        assert Prescriber.objects.count() >= PrescriberOrganisation.objects.count()
        for territory in territories.values():
            referrals = Referral.objects.filter(territory=territory)
            assert referrals.filter(status=ReferralStatus.ACCEPTED).count() >= 10
            assert referrals.filter(status=ReferralStatus.RECEIVED).count() >= 2
            assert referrals.filter(status=ReferralStatus.DECLINED).count() == 1
        assert 28 <= Referral.objects.count() <= 32

    def test_accepted_referrals_opened_pathways_with_their_referents(self, seeded):
        territories, staff = seeded
        accepted = Referral.objects.filter(status=ReferralStatus.ACCEPTED).select_related("pathway")
        assert all(referral.pathway.phase == Phase.WELCOME for referral in accepted)
        assert all(referral.pathway.entry_date == referral.first_meeting_on for referral in accepted)
        assert all(referral.decided_on == referral.first_meeting_on for referral in accepted)
        sophie, karim = staff["sophie.martin@chemin-faisant.test"], staff["karim.benali@chemin-faisant.test"]
        lens_referents = set(
            Pathway.objects.filter(territory=territories["lens-lievin"]).values_list("referent", flat=True)
        )
        arras_referents = set(
            Pathway.objects.filter(territory=territories["arras"]).values_list("referent", flat=True)
        )
        assert lens_referents == {sophie.pk}
        assert arras_referents == {sophie.pk, karim.pk}
        entry_dates = sorted(Pathway.objects.values_list("entry_date", flat=True))
        assert (entry_dates[-1] - entry_dates[0]).days > 180

    def test_participants_have_a_situation_and_an_address(self, seeded):
        nadege = Participant.objects.get(last_name="Wojciechowski")
        assert nadege.income_support == IncomeSupport.RSA
        assert nadege.qpv_resident
        assert nadege.commune.name == "Liévin"
        assert nadege.postal_code == "62800"
        assert nadege.consent_text_version

    def test_declined_referrals_say_why(self, seeded):
        for referral in Referral.objects.filter(status=ReferralStatus.DECLINED):
            assert len(referral.decline_reason) > 40
            assert referral.decided_by is not None

    def test_running_it_twice_changes_nothing(self, seeded):
        territories, staff = seeded
        before = counts()
        seed_referrals(territories=territories, staff=staff)
        assert counts() == before
