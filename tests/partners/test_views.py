import pytest
from django.urls import reverse

from chemin.barriers.enums import BarrierCategory
from chemin.partners.enums import PartnerKind, ReferralStatus
from chemin.partners.models import Partner, PartnerReferral
from chemin.referentials.models import Commune
from tests.partners.factories import (
    ARRAS,
    AVION,
    BRUAY,
    HENIN,
    LENS,
    LIEVIN,
    make_barrier,
    make_partner,
    make_referral,
)

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [item.partner.name for item in response.context["ranked"]]


class TestDirectory:
    def test_lists_the_partners_of_the_current_territory(self, counsellor_client, territory, other_territory):
        make_partner(territories=[territory], name="Crèche de Lens")
        make_partner(territories=[other_territory], name="Crèche d'Arras", insee=ARRAS)
        content = counsellor_client.get(reverse("partners:list")).content.decode()
        assert "Crèche de Lens" in content
        assert "Crèche d&#x27;Arras" not in content and "Crèche d'Arras" not in content

    def test_searches_by_text_category_and_kind(self, counsellor_client, territory):
        make_partner(territories=[territory], name="Crèche Les Petits Pas")
        make_partner(
            territories=[territory],
            name="Garage solidaire",
            kind=PartnerKind.MOBILITY_GARAGE,
            categories=["23"],
        )
        url = reverse("partners:list")
        page = counsellor_client.get(url, {"q": "creche"}).context["page"]
        assert [item.partner.name for item in page.object_list] == ["Crèche Les Petits Pas"]
        page = counsellor_client.get(url, {"category": BarrierCategory.MOBILITY}).context["page"]
        assert [item.partner.name for item in page.object_list] == ["Garage solidaire"]
        page = counsellor_client.get(url, {"kind": PartnerKind.CHILDCARE}).context["page"]
        assert [item.partner.name for item in page.object_list] == ["Crèche Les Petits Pas"]

    def test_sorts_by_distance_from_a_commune_and_shows_it(self, counsellor_client, territory):
        make_partner(territories=[territory], name="A Bruay", insee=BRUAY)
        make_partner(territories=[territory], name="B Lens", insee=LENS)
        make_partner(territories=[territory], name="C Hénin", insee=HENIN)
        make_partner(territories=[territory], name="D nowhere", insee=None)
        response = counsellor_client.get(reverse("partners:list"), {"near": LIEVIN})
        names = [item.partner.name for item in response.context["page"].object_list]
        assert names == ["B Lens", "C Hénin", "A Bruay", "D nowhere"]
        assert "km" in response.content.decode()

    def test_query_count_does_not_grow_with_partners(
        self, counsellor_client, territory, django_assert_num_queries
    ):
        def count(n: int) -> int:
            Partner.objects.all().delete()
            for index in range(n):
                make_partner(territories=[territory], name=f"Partenaire {index}", services=["Accueil"])
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert counsellor_client.get(reverse("partners:list"), {"near": LENS}).status_code == 200
            return len(queries)

        assert count(2) == count(6)

    def test_partner_of_another_territory_is_a_404(self, other_counsellor_client, territory):
        partner = make_partner(territories=[territory])
        assert (
            other_counsellor_client.get(reverse("partners:detail", kwargs={"pk": partner.pk})).status_code
            == 404
        )
        assert (
            other_counsellor_client.get(reverse("partners:update", kwargs={"pk": partner.pk})).status_code
            == 404
        )

    def test_counsellor_creates_a_partner_and_adds_a_service(self, counsellor_client, territory):
        response = counsellor_client.post(
            reverse("partners:create"),
            {
                "name": "Garage solidaire",
                "kind": PartnerKind.MOBILITY_GARAGE,
                "commune": LENS,
                "categories": ["23", "28"],
                "territories": [territory.pk],
                "phone": "+33 3 21 00 00 00",
                "is_active": "on",
            },
        )
        partner = Partner.objects.get()
        assert response.status_code == 302
        assert partner.phone == "03 21 00 00 00"
        assert partner.category_codes == ["23", "28"]
        response = counsellor_client.post(
            reverse("partners:service_create", kwargs={"pk": partner.pk}),
            {"title": "Réparations", "cost": "Pièces au prix coûtant"},
        )
        assert response.status_code == 302
        assert partner.services.get().title == "Réparations"

    def test_iae_structure_without_its_type_is_refused(self, counsellor_client, territory):
        response = counsellor_client.post(
            reverse("partners:create"),
            {"name": "ACI", "kind": PartnerKind.IAE, "categories": ["23"], "territories": [territory.pk]},
        )
        assert response.status_code == 200
        assert "iae_kind" in response.context["form"].errors

    def test_business_developer_reads_but_may_not_write(self, business_developer_client, territory):
        partner = make_partner(territories=[territory])
        assert (
            business_developer_client.get(reverse("partners:detail", kwargs={"pk": partner.pk})).status_code
            == 200
        )
        assert business_developer_client.get(reverse("partners:create")).status_code == 403
        assert (
            business_developer_client.get(reverse("partners:update", kwargs={"pk": partner.pk})).status_code
            == 403
        )


class TestSuggestions:
    @pytest.fixture
    def barrier(self, pathway):
        participant = pathway.participant
        participant.commune = Commune.objects.get(pk=LIEVIN)
        participant.save()
        return make_barrier(pathway)

    def _url(self, barrier):
        return reverse(
            "partner_referrals:suggestions",
            kwargs={"participant_pk": barrier.pathway.participant_id, "barrier_pk": barrier.pk},
        )

    def test_suggests_partners_of_the_category_nearest_first(
        self, counsellor_client, barrier, territory, other_territory
    ):
        make_partner(territories=[territory], name="RPE Bruay", insee=BRUAY)
        make_partner(territories=[territory], name="Crèche Avion", insee=AVION)
        make_partner(territories=[territory], name="Crèche Liévin", insee=LIEVIN)
        make_partner(
            territories=[territory], name="Garage", kind=PartnerKind.MOBILITY_GARAGE, categories=["23"]
        )
        make_partner(territories=[other_territory], name="Crèche Arras", insee=ARRAS)
        make_partner(territories=[territory], name="Crèche fermée", is_active=False)
        response = counsellor_client.get(self._url(barrier))
        assert response.status_code == 200
        assert _names(response) == ["Crèche Liévin", "Crèche Avion", "RPE Bruay"]

    def test_one_click_refers_the_person(self, counsellor_client, barrier, territory, counsellor):
        partner = make_partner(territories=[territory], services=["Place AVIP"])
        service = partner.services.get()
        response = counsellor_client.post(self._url(barrier), {"partner": partner.pk, "service": service.pk})
        assert response.status_code == 302 and response.url == self._url(barrier)
        referral = PartnerReferral.objects.get()
        assert (referral.partner, referral.service, referral.barrier, referral.status) == (
            partner,
            service,
            barrier,
            ReferralStatus.SENT,
        )
        assert referral.created_by == counsellor

    def test_refuses_a_partner_not_suggested(self, counsellor_client, barrier, other_territory):
        partner = make_partner(territories=[other_territory])
        assert counsellor_client.post(self._url(barrier), {"partner": partner.pk}).status_code == 404
        assert not PartnerReferral.objects.exists()

    def test_only_for_barriers_whose_detail_the_user_reads(
        self, pathway, colleague_client, counsellor_client, manager_client
    ):
        health = make_barrier(pathway, category=BarrierCategory.HEALTH, situation="15")
        assert colleague_client.get(self._url(health)).status_code == 404
        assert counsellor_client.get(self._url(health)).status_code == 200
        assert manager_client.get(self._url(health)).status_code == 200

    def test_hidden_from_business_developers_and_other_territories(
        self, barrier, business_developer_client, other_counsellor_client
    ):
        assert business_developer_client.get(self._url(barrier)).status_code == 404
        assert other_counsellor_client.get(self._url(barrier)).status_code == 404

    def test_query_count_does_not_grow_with_partners(self, counsellor_client, barrier, territory):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def count(n: int) -> int:
            Partner.objects.all().delete()
            for index in range(n):
                make_partner(territories=[territory], name=f"Crèche {index}", services=["Accueil", "Place"])
            with CaptureQueriesContext(connection) as queries:
                response = counsellor_client.get(self._url(barrier))
            assert len(response.context["ranked"]) == n
            return len(queries)

        assert count(2) == count(6)


class TestReferrals:
    def _list(self, participant):
        return reverse("partner_referrals:list", kwargs={"participant_pk": participant.pk})

    def test_lists_referrals_with_status_and_dates(self, counsellor_client, pathway, territory):
        make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=12)
        response = counsellor_client.get(self._list(pathway.participant))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Crèche Les Petits Pas" in content
        assert len(response.context["referrals"]) == 1

    def test_records_the_outcome(self, counsellor_client, pathway, territory):
        referral = make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=3)
        url = reverse(
            "partner_referrals:update", kwargs={"participant_pk": pathway.participant_id, "pk": referral.pk}
        )
        response = counsellor_client.post(
            url, {"status": ReferralStatus.DONE, "on": referral.sent_on.isoformat(), "outcome": ""}
        )
        assert response.status_code == 400
        assert "outcome" in response.context["form"].errors
        response = counsellor_client.post(
            url,
            {"status": ReferralStatus.DONE, "on": referral.sent_on.isoformat(), "outcome": "Place obtenue"},
        )
        assert response.status_code == 302
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.DONE and referral.outcome == "Place obtenue"

    def test_another_territory_gets_a_404(self, other_counsellor_client, pathway, territory):
        referral = make_referral(make_barrier(pathway), make_partner(territories=[territory]))
        assert other_counsellor_client.get(self._list(pathway.participant)).status_code == 404
        url = reverse(
            "partner_referrals:update", kwargs={"participant_pk": pathway.participant_id, "pk": referral.pk}
        )
        assert other_counsellor_client.get(url).status_code == 404

    def test_business_developer_cannot_see_referrals(self, business_developer_client, pathway, territory):
        referral = make_referral(make_barrier(pathway), make_partner(territories=[territory]))
        assert business_developer_client.get(self._list(pathway.participant)).status_code == 403
        url = reverse(
            "partner_referrals:update", kwargs={"participant_pk": pathway.participant_id, "pk": referral.pk}
        )
        assert business_developer_client.get(url).status_code == 403

    def test_colleague_sees_no_detail_of_a_restricted_barrier(self, colleague_client, pathway, territory):
        health = make_barrier(pathway, category=BarrierCategory.HEALTH, situation="15")
        cmp = make_partner(
            territories=[territory], name="CMP de Lens", kind=PartnerKind.HEALTH, categories=["25"]
        )
        referral = make_referral(health, cmp)
        content = colleague_client.get(self._list(pathway.participant)).content.decode()
        assert "CMP" not in content and "Santé" not in content and "Health" not in content
        url = reverse(
            "partner_referrals:update", kwargs={"participant_pk": pathway.participant_id, "pk": referral.pk}
        )
        assert colleague_client.get(url).status_code == 403

    def test_query_count_does_not_grow_with_referrals(self, counsellor_client, pathway, territory):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        partner = make_partner(territories=[territory])

        def count(n: int) -> int:
            PartnerReferral.objects.all().delete()
            for _ in range(n):
                make_referral(make_barrier(pathway), partner, days_ago=15)
            with CaptureQueriesContext(connection) as queries:
                response = counsellor_client.get(self._list(pathway.participant))
            assert len(response.context["referrals"]) == n
            return len(queries)

        assert count(2) == count(6)
