import pytest
from django.test import Client

from chemin.accounts.enums import Role
from tests.accounts.factories import UserFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_user_client(admin_user) -> Client:
    return client_for(admin_user)


@pytest.fixture
def territory_admin(territory):
    """Grace, administrator of Lens-Liévin through her membership, not a superuser."""
    return UserFactory(first_name="Grace", last_name="Hopper", memberships=[(territory, Role.ADMIN)])


@pytest.fixture
def territory_admin_client(territory_admin) -> Client:
    return client_for(territory_admin)


@pytest.fixture
def other_manager(other_territory):
    """Hugo, manager in Arras."""
    return UserFactory(first_name="Hugo", last_name="Dumont", memberships=[(other_territory, Role.MANAGER)])
