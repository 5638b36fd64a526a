"""Personas of the prescriber portal: Grégoire Vasseur (France Travail Lens) has a portal account;
his colleague Inès Roussel works in the same agency; Mission Locale d'Arras is another
organisation. Nadia Benamar, referred by Grégoire, has an open pathway in Lens-Liévin."""

import pytest
from django.test import Client

from chemin.accounts.enums import AccountKind
from chemin.prescribers.enums import OrganisationKind
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.services import consent_record
from tests.accounts.factories import UserFactory
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory
from tests.referrals.factories import ReferralFactory


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def organisation(db):
    return PrescriberOrganisationFactory(name="France Travail Lens", kind=OrganisationKind.FRANCE_TRAVAIL)


@pytest.fixture
def prescriber_user(db):
    return UserFactory(
        first_name="Grégoire",
        last_name="Vasseur",
        email="g.vasseur@ft.example.org",
        kind=AccountKind.PRESCRIBER,
    )


@pytest.fixture
def prescriber(organisation, prescriber_user):
    return PrescriberFactory(
        organisation=organisation,
        first_name="Grégoire",
        last_name="Vasseur",
        email="g.vasseur@ft.example.org",
        user=prescriber_user,
    )


@pytest.fixture
def colleague_prescriber(organisation):
    return PrescriberFactory(organisation=organisation, first_name="Inès", last_name="Roussel")


@pytest.fixture
def outsider_prescriber(db):
    organisation = PrescriberOrganisationFactory(
        name="Mission Locale d’Arras", kind=OrganisationKind.MISSION_LOCALE
    )
    return PrescriberFactory(organisation=organisation, first_name="Paul", last_name="Lemaire")


@pytest.fixture
def prescriber_client(prescriber) -> Client:
    client = Client()
    client.force_login(prescriber.user)
    return client


@pytest.fixture
def accepted_referral(pathway, prescriber, counsellor, territory):
    """Nadia Benamar's referral, accepted: it opened her pathway."""
    return ReferralFactory(
        accepted=True,
        territory=territory,
        prescriber=prescriber,
        recorded_by=counsellor,
        first_name="Nadia",
        last_name="Benamar",
        pathway=pathway,
        participant=pathway.participant,
        first_meeting_on=pathway.entry_date,
        referred_on=pathway.entry_date,
    )


def share(participant, *items, by=None, granted=True):
    """Record what the person shares with their prescriber (no items: the default scope)."""
    return consent_record(
        participant=participant,
        purpose=ConsentPurpose.PRESCRIBER_SHARING,
        granted=granted,
        recorded_by=by or participant.pathways.first().referent,
        scope=list(items) if items else None,
    )
