import pytest
from django.conf import settings
from django.urls import reverse

from chemin.referrals.enums import ReferralStatus
from tests.referrals.factories import ReferralFactory, days_ago

URL = reverse("referrals:list")


@pytest.mark.django_db
class TestReferralList:
    def test_is_at_the_french_address(self):
        assert URL == "/orientations/"

    def test_sends_anonymous_visitors_to_the_login_page(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))

    def test_shows_only_the_current_territorys_referrals(
        self, counsellor_client, other_counsellor_client, territory, other_territory, prescriber
    ):
        ReferralFactory(territory=territory, prescriber=prescriber, last_name="Lensois")
        ReferralFactory(territory=other_territory, prescriber=prescriber, last_name="Arrageois")
        lens = counsellor_client.get(URL)
        assert [r.last_name for r in lens.context["page"].object_list] == ["Lensois"]
        assert "Arrageois" not in lens.content.decode()
        arras = other_counsellor_client.get(URL)
        assert [r.last_name for r in arras.context["page"].object_list] == ["Arrageois"]

    def test_lists_the_newest_first(self, counsellor_client, territory, prescriber):
        ReferralFactory(
            territory=territory, prescriber=prescriber, last_name="Ancienne", referred_on=days_ago(30)
        )
        ReferralFactory(
            territory=territory, prescriber=prescriber, last_name="Récente", referred_on=days_ago(2)
        )
        ReferralFactory(
            territory=territory, prescriber=prescriber, last_name="Moyenne", referred_on=days_ago(9)
        )
        response = counsellor_client.get(URL)
        assert [r.last_name for r in response.context["page"].object_list] == [
            "Récente",
            "Moyenne",
            "Ancienne",
        ]

    def test_filters_by_status_and_counts_each(self, counsellor_client, territory, prescriber, counsellor):
        ReferralFactory(territory=territory, prescriber=prescriber, last_name="Attente")
        ReferralFactory(territory=territory, prescriber=prescriber, last_name="Refus", declined=True)
        ReferralFactory(
            territory=territory,
            prescriber=prescriber,
            last_name="Accord",
            accepted=True,
            recorded_by=counsellor,
        )
        response = counsellor_client.get(URL, {"status": ReferralStatus.DECLINED})
        assert [r.last_name for r in response.context["page"].object_list] == ["Refus"]
        content = response.content.decode()
        assert 'Toutes <span class="count">(3)</span>' in content
        assert 'aria-current="page">Refusée <span class="count">(1)</span>' in content
        response = counsellor_client.get(URL, {"status": ReferralStatus.RECEIVED})
        assert [r.last_name for r in response.context["page"].object_list] == ["Attente"]

    def test_ignores_an_unknown_status(self, counsellor_client, territory, prescriber):
        ReferralFactory.create_batch(2, territory=territory, prescriber=prescriber)
        response = counsellor_client.get(URL, {"status": "n-importe-quoi"})
        assert len(response.context["page"].object_list) == 2

    def test_shows_the_delay_to_the_first_meeting_and_the_wait(
        self, counsellor_client, territory, prescriber
    ):
        ReferralFactory(territory=territory, prescriber=prescriber, accepted=True, referred_on=days_ago(30))
        ReferralFactory(territory=territory, prescriber=prescriber, referred_on=days_ago(4))
        content = counsellor_client.get(URL).content.decode()
        assert "6 jours après l’orientation" in content
        assert "En attente depuis 4 jours" in content

    def test_is_refused_to_business_developers(self, business_developer_client, territory, prescriber):
        ReferralFactory(territory=territory, prescriber=prescriber)
        assert business_developer_client.get(URL).status_code == 403

    def test_query_count_does_not_grow_with_the_rows(
        self, counsellor_client, territory, django_assert_num_queries
    ):
        ReferralFactory.create_batch(3, territory=territory)
        ReferralFactory(territory=territory, accepted=True)
        # Session, user, memberships (header and role), counts by status, page count, page of referrals
        # with prescriber and organisation, session save (3).
        with django_assert_num_queries(9):
            response = counsellor_client.get(URL)
        assert len(response.context["page"].object_list) == 4
        ReferralFactory.create_batch(8, territory=territory)
        ReferralFactory.create_batch(3, territory=territory, declined=True)
        with django_assert_num_queries(9):
            response = counsellor_client.get(URL)
        assert len(response.context["page"].object_list) == 15

    def test_paginates(self, counsellor_client, territory, prescriber):
        ReferralFactory.create_batch(27, territory=territory, prescriber=prescriber)
        response = counsellor_client.get(URL, {"page": 2})
        assert len(response.context["page"].object_list) == 2
