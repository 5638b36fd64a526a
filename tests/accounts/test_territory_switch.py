import pytest
from django.urls import reverse

from chemin.accounts.enums import Role
from tests.accounts.factories import UserFactory


@pytest.fixture
def two_territory_counsellor(territory, other_territory):
    return UserFactory(memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.MANAGER)])


@pytest.mark.django_db
class TestTerritorySwitch:
    def test_staff_start_in_their_first_territory_by_name(
        self, client, two_territory_counsellor, other_territory
    ):
        client.force_login(two_territory_counsellor)
        response = client.get(reverse("core:home"))
        # "Arras" sorts before "Lens-Liévin".
        assert response.context["territories"].current == other_territory
        assert response.context["territories"].role == Role.MANAGER

    def test_switching_changes_the_current_territory_and_role(
        self, client, two_territory_counsellor, territory
    ):
        client.force_login(two_territory_counsellor)
        response = client.post(
            reverse("accounts:switch_territory"), {"territory": territory.pk, "next": reverse("core:home")}
        )
        assert response.status_code == 302
        response = client.get(reverse("core:home"))
        assert response.context["territories"].current == territory
        assert response.context["territories"].role == Role.COUNSELLOR
        assert "Lens-Liévin" in response.content.decode()

    def test_someone_of_another_territory_cannot_switch_into_it(self, other_counsellor_client, territory):
        response = other_counsellor_client.post(
            reverse("accounts:switch_territory"), {"territory": territory.pk}
        )
        assert response.status_code == 400
        response = other_counsellor_client.get(reverse("core:home"))
        assert response.context["territories"].current != territory

    def test_switch_ignores_an_off_site_next_url(self, client, two_territory_counsellor, territory):
        client.force_login(two_territory_counsellor)
        response = client.post(
            reverse("accounts:switch_territory"), {"territory": territory.pk, "next": "https://evil.example/"}
        )
        assert response.url == reverse("core:home")

    def test_switch_refuses_get(self, counsellor_client):
        assert counsellor_client.get(reverse("accounts:switch_territory")).status_code == 405

    def test_switcher_is_shown_only_to_staff_of_several_territories(
        self, client, counsellor_client, two_territory_counsellor
    ):
        assert 'id="territory-switch"' not in counsellor_client.get(reverse("core:home")).content.decode()
        client.force_login(two_territory_counsellor)
        assert 'id="territory-switch"' in client.get(reverse("core:home")).content.decode()
