import pytest

from chemin.prescribers.enums import OrganisationKind
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory
from tests.referrals.factories import ReferralFactory, days_ago


@pytest.fixture
def prescriber(db):
    """Grégoire Vasseur, conseiller at France Travail Lens."""
    organisation = PrescriberOrganisationFactory(
        name="France Travail Lens", kind=OrganisationKind.FRANCE_TRAVAIL
    )
    return PrescriberFactory(organisation=organisation, first_name="Grégoire", last_name="Vasseur")


@pytest.fixture
def referral(territory, prescriber, counsellor):
    """Samira Haddouche, referred to Lens-Liévin ten days ago, waiting for her first meeting."""
    return ReferralFactory(
        territory=territory,
        prescriber=prescriber,
        recorded_by=counsellor,
        referred_on=days_ago(10),
        first_name="Samira",
        last_name="Haddouche",
        birth_date="1989-04-12",
        email="samira.h@example.org",
        phone="06 11 22 33 44",
        reason="Mme Haddouche, 37 ans, mère isolée de 2 enfants, bénéficiaire du RSA ; souhaite travailler dans l’aide à domicile.",
    )
