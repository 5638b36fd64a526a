import pytest

from chemin.partners.demo import seed_partner_referrals, seed_partners
from chemin.partners.models import Partner, PartnerReferral
from tests.partners.factories import make_barrier

pytestmark = pytest.mark.django_db


def test_demo_partners_and_referrals_are_idempotent(territory, other_territory, pathway):
    territories = {"lens-lievin": territory, "arras": other_territory}
    seed_partners(territories=territories)
    count = Partner.objects.count()
    assert count >= 20
    assert Partner.objects.filter(commune__isnull=True).count() == 0
    seed_partners(territories=territories)
    assert Partner.objects.count() == count

    make_barrier(pathway)
    seed_partner_referrals(pathways=[pathway])
    seed_partner_referrals(pathways=[pathway])
    referral = PartnerReferral.objects.get()
    assert referral.is_overdue
