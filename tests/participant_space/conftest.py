"""Personas of the participant space: Nadia (Alice's participant, tests/conftest.py) with her space
open, and Omar, another person of the same territory with his own space."""

import pytest
from django.test import Client

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from chemin.participants.models import Participant
from tests.accounts.factories import UserFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory


def open_space_for(participant: Participant, email: str) -> User:
    user = UserFactory(
        kind=AccountKind.PARTICIPANT,
        email=email,
        first_name=participant.first_name,
        last_name=participant.last_name,
    )
    participant.email = email
    participant.user = user
    participant.save(update_fields=["email", "user"])
    return user


@pytest.fixture
def person(participant) -> User:
    """Nadia's own account."""
    return open_space_for(participant, "nadia.benamar@example.org")


@pytest.fixture
def person_client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def other_pathway(territory, counsellor):
    participant = ParticipantFactory(first_name="Omar", last_name="Kaci")
    return PathwayFactory(participant=participant, territory=territory, referent=counsellor)


@pytest.fixture
def other_person(other_pathway) -> User:
    return open_space_for(other_pathway.participant, "omar.kaci@example.org")
