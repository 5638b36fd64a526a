"""The portal's pages for the prescriber, and who else is kept out (a 404 everywhere)."""

import pytest
from django.urls import reverse

from chemin.privacy.enums import SharedItem
from tests.prescriber_portal.conftest import share
from tests.referrals.factories import ReferralFactory


@pytest.fixture
def received(prescriber, territory):
    return ReferralFactory(
        prescriber=prescriber, territory=territory, first_name="Samira", last_name="Haddouche"
    )


@pytest.fixture
def declined(colleague_prescriber, territory):
    return ReferralFactory(
        declined=True,
        prescriber=colleague_prescriber,
        territory=territory,
        first_name="Karim",
        last_name="Dufour",
        decline_reason="La personne habite hors de notre territoire.",
    )


class TestHome:
    def test_lists_the_organisations_referrals_newest_first_with_their_status(
        self, prescriber_client, accepted_referral, received, declined, outsider_prescriber, territory
    ):
        ReferralFactory(
            prescriber=outsider_prescriber, territory=territory, first_name="Zoé", last_name="Autre"
        )
        share(accepted_referral.participant)
        response = prescriber_client.get(reverse("portal:home"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Zoé" not in content
        assert [r.pk for r in response.context["referrals"]] == [
            declined.pk,
            received.pk,
            accepted_referral.pk,
        ]
        assert "Acceptée : parcours ouvert" in content
        assert "Reçue : en attente du premier rendez-vous" in content
        assert "La personne habite hors de notre territoire." in content
        assert reverse("portal:follow", kwargs={"pk": accepted_referral.pk}) in content

    def test_no_follow_link_for_a_person_who_shares_nothing(self, prescriber_client, accepted_referral):
        response = prescriber_client.get(reverse("portal:home"))
        assert reverse("portal:follow", kwargs={"pk": accepted_referral.pk}) not in response.content.decode()

    def test_query_count_is_fixed(
        self, prescriber_client, prescriber, colleague_prescriber, territory, django_assert_num_queries
    ):
        for _ in range(3):
            ReferralFactory(prescriber=prescriber, territory=territory)
            ReferralFactory(prescriber=colleague_prescriber, territory=territory, declined=True)
            referral = ReferralFactory(prescriber=prescriber, territory=territory, accepted=True)
            share(referral.participant)
        # Session, user, the prescriber, count, the page of referrals, the consents, session save (3).
        with django_assert_num_queries(9):
            response = prescriber_client.get(reverse("portal:home"))
        assert len(response.context["referrals"]) == 9


class TestReferralDetail:
    def test_shows_what_was_sent_and_the_decision(self, prescriber_client, declined):
        response = prescriber_client.get(reverse("portal:referral_detail", kwargs={"pk": declined.pk}))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Karim Dufour" in content and "La personne habite hors de notre territoire." in content
        assert declined.reason[:30] in content

    def test_links_to_the_pathway_only_when_the_person_shares(self, prescriber_client, accepted_referral):
        url = reverse("portal:referral_detail", kwargs={"pk": accepted_referral.pk})
        follow_url = reverse("portal:follow", kwargs={"pk": accepted_referral.pk})
        assert follow_url not in prescriber_client.get(url).content.decode()
        share(accepted_referral.participant)
        assert follow_url in prescriber_client.get(url).content.decode()

    def test_query_count_is_fixed(self, prescriber_client, accepted_referral, django_assert_num_queries):
        share(accepted_referral.participant)
        # Session, user, prescriber, referral, attachments, consents, session save (3).
        with django_assert_num_queries(9):
            prescriber_client.get(reverse("portal:referral_detail", kwargs={"pk": accepted_referral.pk}))

    def test_another_organisations_referral_is_a_404(self, prescriber_client, outsider_prescriber, territory):
        other = ReferralFactory(prescriber=outsider_prescriber, territory=territory, accepted=True)
        share(other.participant)
        for name in ("portal:referral_detail", "portal:follow"):
            assert prescriber_client.get(reverse(name, kwargs={"pk": other.pk})).status_code == 404


class TestFollowAccess:
    def test_a_person_who_shares_nothing_is_a_404(self, prescriber_client, accepted_referral):
        url = reverse("portal:follow", kwargs={"pk": accepted_referral.pk})
        assert prescriber_client.get(url).status_code == 404
        share(accepted_referral.participant, granted=False)
        assert prescriber_client.get(url).status_code == 404

    def test_a_withdrawn_sharing_closes_it_again(self, prescriber_client, accepted_referral):
        url = reverse("portal:follow", kwargs={"pk": accepted_referral.pk})
        share(accepted_referral.participant)
        assert prescriber_client.get(url).status_code == 200
        share(accepted_referral.participant, granted=False)
        assert prescriber_client.get(url).status_code == 404

    def test_a_referral_not_accepted_is_a_404(self, prescriber_client, received):
        assert prescriber_client.get(reverse("portal:follow", kwargs={"pk": received.pk})).status_code == 404


class TestWindows:
    @pytest.mark.parametrize(
        ("name", "kwargs"),
        [
            ("portal:home", {}),
            ("portal:referral_create", {}),
            ("portal:activations", {}),
            ("portal:settings", {}),
        ],
    )
    def test_staff_get_a_404_on_the_portal(self, counsellor_client, name, kwargs):
        assert counsellor_client.get(reverse(name, kwargs=kwargs)).status_code == 404

    def test_staff_get_a_404_on_a_referral_of_the_portal(self, counsellor_client, accepted_referral):
        share(accepted_referral.participant, SharedItem.MILESTONES)
        for name in ("portal:referral_detail", "portal:follow"):
            assert (
                counsellor_client.get(reverse(name, kwargs={"pk": accepted_referral.pk})).status_code == 404
            )

    def test_a_prescriber_gets_a_404_on_staff_pages(self, prescriber_client, accepted_referral):
        assert (
            prescriber_client.get(
                reverse("referrals:detail", kwargs={"pk": accepted_referral.pk})
            ).status_code
            == 404
        )
        assert prescriber_client.get(reverse("prescribers:list")).status_code == 404

    def test_the_home_page_sends_a_prescriber_to_the_portal(self, prescriber_client):
        response = prescriber_client.get(reverse("core:home"))
        assert response.status_code == 302 and response.url == reverse("portal:home")

    def test_a_prescriber_account_without_a_referent_gets_a_404(self, client, prescriber_user):
        client.force_login(prescriber_user)
        assert client.get(reverse("portal:home")).status_code == 404

    def test_anonymous_visitors_go_to_the_login_page(self, client):
        response = client.get(reverse("portal:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


class TestSettings:
    def test_turns_the_weekly_digest_off_and_on(self, prescriber_client, prescriber):
        url = reverse("portal:settings")
        assert prescriber_client.get(url).status_code == 200
        response = prescriber_client.post(url, {})
        assert response.status_code == 302
        prescriber.refresh_from_db()
        assert prescriber.digest_weekly is False
        prescriber_client.post(url, {"digest_weekly": "on"})
        prescriber.refresh_from_db()
        assert prescriber.digest_weekly is True
