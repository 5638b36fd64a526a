import pytest
from django.conf import settings
from django.urls import reverse

from chemin.accounts.enums import Role
from tests.accounts.factories import UserFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.referrals.factories import ReferralFactory


def url_for(referral) -> str:
    return reverse("referrals:detail", kwargs={"pk": referral.pk})


@pytest.fixture
def twin(referral, territory, colleague):
    """Samira Haddouche's existing file in Lens-Liévin: a closed pathway from last year."""
    participant = ParticipantFactory(
        first_name="SAMIRA", last_name="Haddouche", birth_date=referral.birth_date, email=""
    )
    PathwayFactory(participant=participant, territory=territory, referent=colleague, closed=True)
    return participant


@pytest.mark.django_db
class TestReferralDetail:
    def test_is_at_the_french_address(self, referral):
        assert url_for(referral) == f"/orientations/{referral.pk}/"

    def test_sends_anonymous_visitors_to_the_login_page(self, client, referral):
        response = client.get(url_for(referral))
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))

    def test_is_a_404_for_a_counsellor_of_another_territory(self, other_counsellor_client, referral):
        assert other_counsellor_client.get(url_for(referral)).status_code == 404

    def test_is_a_404_for_a_business_developer_of_the_territory(self, business_developer_client, referral):
        assert business_developer_client.get(url_for(referral)).status_code == 404

    def test_shows_the_referral_and_both_decisions(self, counsellor_client, referral):
        response = counsellor_client.get(url_for(referral))
        content = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Orientation de Samira Haddouche</h1>" in content
        assert "mère isolée de 2 enfants" in content
        assert "Grégoire Vasseur" in content
        assert "France Travail Lens" in content
        assert f'action="/orientations/{referral.pk}/accepter/"' in content
        assert f'action="/orientations/{referral.pk}/refuser/"' in content
        assert "version 2026-11" in content

    def test_a_manager_of_the_territory_sees_it(self, manager_client, referral):
        assert manager_client.get(url_for(referral)).status_code == 200

    def test_proposes_the_counsellors_and_managers_of_the_territory_as_referent(
        self,
        counsellor_client,
        referral,
        counsellor,
        colleague,
        manager,
        business_developer,
        other_counsellor,
    ):
        form = counsellor_client.get(url_for(referral)).context["accept_form"]
        assert set(form.fields["referent"].queryset) == {counsellor, colleague, manager}
        assert form["referent"].value() == counsellor.pk

    def test_query_count_is_fixed(self, counsellor_client, referral, django_assert_num_queries):
        # Session, user, memberships (header and role), the referral with its prescriber, territory and
        # people, its attachments, files with the same identity the user may open, others elsewhere, referent choices,
        # session save (3).
        with django_assert_num_queries(11):
            response = counsellor_client.get(url_for(referral))
        assert response.status_code == 200

    def test_shows_an_accepted_referral_with_its_delay_and_a_link_to_the_file(
        self, counsellor_client, territory, counsellor, django_assert_num_queries
    ):
        accepted = ReferralFactory(territory=territory, accepted=True, recorded_by=counsellor)
        with django_assert_num_queries(8):
            response = counsellor_client.get(url_for(accepted))
        content = response.content.decode()
        assert f'href="/personnes/{accepted.participant_id}/"' in content
        assert "6 jours après l’orientation" in content
        assert "accepter/" not in content


@pytest.mark.django_db
class TestDuplicateWarning:
    def test_warns_of_a_file_with_the_same_identity_and_links_to_it(self, counsellor_client, referral, twin):
        response = counsellor_client.get(url_for(referral))
        content = response.content.decode()
        assert "Une fiche existe déjà sous cette identité" in content
        assert f'href="/personnes/{twin.pk}/"' in content
        form = response.context["accept_form"]
        assert form["person"].value() == str(twin.pk)
        assert [value for value, _label in form.fields["person"].choices] == [str(twin.pk), "new"]

    def test_query_count_stays_fixed_with_duplicates(
        self, counsellor_client, referral, twin, django_assert_num_queries
    ):
        # …plus the open pathways of the files found.
        with django_assert_num_queries(12):
            counsellor_client.get(url_for(referral))

    def test_says_only_that_a_file_exists_elsewhere(self, counsellor_client, referral, other_territory):
        elsewhere = ParticipantFactory(
            first_name="Samira", last_name="Haddouche", birth_date=referral.birth_date
        )
        karim = UserFactory(
            first_name="Karim", last_name="Benali", memberships=[(other_territory, Role.COUNSELLOR)]
        )
        PathwayFactory(participant=elsewhere, territory=other_territory, referent=karim)
        response = counsellor_client.get(url_for(referral))
        content = response.content.decode()
        assert "Une fiche existe sous cette identité sur un autre territoire." in content
        assert f"/personnes/{elsewhere.pk}/" not in content
        assert "Arras" not in content
        assert "Karim" not in content
        assert "person" not in response.context["accept_form"].fields

    def test_does_not_warn_for_a_namesake_born_another_day(self, counsellor_client, referral, territory):
        namesake = ParticipantFactory(first_name="Samira", last_name="Haddouche", birth_date="1990-01-01")
        PathwayFactory(participant=namesake, territory=territory)
        content = counsellor_client.get(url_for(referral)).content.decode()
        assert "Une fiche existe déjà" not in content
