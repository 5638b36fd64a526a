import datetime

import pytest
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.companies.demo import seed_companies
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.companies.validators import normalize_siret
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_companies_tell_a_story_and_are_idempotent(territory, other_territory):
    julie = UserFactory(
        email="julie.delattre@chemin-faisant.test", memberships=[(territory, Role.BUSINESS_DEVELOPER)]
    )
    UserFactory(
        email="mehdi.haddad@chemin-faisant.test", memberships=[(other_territory, Role.BUSINESS_DEVELOPER)]
    )
    territories = {"lens-lievin": territory, "arras": other_territory}
    seed_companies(territories=territories)
    counts = (Company.objects.count(), CompanyContact.objects.count(), CompanyInteraction.objects.count())
    assert Company.objects.filter(territory=territory).count() == 10
    assert Company.objects.filter(territory=other_territory).count() == 10
    for company in Company.objects.all():
        assert normalize_siret(company.siret) == company.siret
        assert company.naf_sector_id == company.naf_code[:2]
        assert company.commune is not None and company.postal_code in company.commune.postal_code_list
    today = timezone.localdate()
    mine = CompanyInteraction.objects.filter(staff=julie)
    assert mine.filter(date=today).exists()
    assert mine.next_actions_overdue(today).exists()
    stale = Company.objects.filter(territory=territory).not_contacted_since(
        today - datetime.timedelta(days=45)
    )
    assert stale.count() >= 2
    for company in Company.objects.exclude(last_contact_on=None):
        assert company.last_contact_on == company.interactions.order_by("-date").first().date

    seed_companies(territories=territories)
    assert (
        Company.objects.count(),
        CompanyContact.objects.count(),
        CompanyInteraction.objects.count(),
    ) == counts
