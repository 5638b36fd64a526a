import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory
from chemin.partners.enums import IaeKind, PartnerKind, ReferralStatus
from chemin.partners.models import Partner, PartnerReferral
from chemin.partners.services import partner_referral_record
from tests.partners.factories import make_barrier, make_partner, make_referral

pytestmark = pytest.mark.django_db


class TestPartner:
    def test_iae_structure_needs_its_type(self, territory):
        with pytest.raises(IntegrityError), transaction.atomic():
            Partner.objects.create(name="ACI", kind=PartnerKind.IAE)
        partner = make_partner(territories=[territory], kind=PartnerKind.IAE, iae_kind=IaeKind.ACI)
        assert partner.kind_label.startswith("ACI")

    def test_only_iae_structures_have_a_type(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Partner.objects.create(name="Crèche", kind=PartnerKind.CHILDCARE, iae_kind=IaeKind.EI)

    def test_search_ignores_accents_and_case(self, territory):
        make_partner(territories=[territory], name="Crèche Les Petits Pas")
        make_partner(territories=[territory], name="Garage solidaire", kind=PartnerKind.MOBILITY_GARAGE)
        assert [p.name for p in Partner.objects.search("CRECHE petits")] == ["Crèche Les Petits Pas"]

    def test_filters_by_category_and_territory(self, territory, other_territory):
        childcare = make_partner(territories=[territory])
        make_partner(territories=[other_territory], name="Crèche d'Arras")
        make_partner(
            territories=[territory], name="Garage", kind=PartnerKind.MOBILITY_GARAGE, categories=["23"]
        )
        found = Partner.objects.serving(territory).addressing(BarrierCategory.FAMILY)
        assert list(found) == [childcare]

    def test_visible_to_staff_of_the_territories_served(self, territory, counsellor, other_counsellor):
        partner = make_partner(territories=[territory])
        assert partner in Partner.objects.visible_to(counsellor)
        assert partner not in Partner.objects.visible_to(other_counsellor)


class TestReferralLifecycle:
    @pytest.fixture
    def referral(self, pathway, territory):
        return make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=5)

    def test_sent_then_accepted_then_done_keeps_every_date(self, referral, counsellor):
        today = timezone.localdate()
        partner_referral_record(
            referral=referral,
            status=ReferralStatus.ACCEPTED,
            recorded_by=counsellor,
            on=today - datetime.timedelta(days=2),
        )
        referral = partner_referral_record(
            referral=referral,
            status=ReferralStatus.DONE,
            recorded_by=counsellor,
            outcome="Place en crèche obtenue",
        )
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.DONE
        assert referral.answered_on == today - datetime.timedelta(days=2)
        assert referral.closed_on == today
        assert referral.outcome == "Place en crèche obtenue"

    def test_refuses_done_without_outcome(self, referral, counsellor):
        with pytest.raises(ValidationError) as error:
            partner_referral_record(referral=referral, status=ReferralStatus.DONE, recorded_by=counsellor)
        assert "outcome" in error.value.message_dict

    def test_refuses_a_closed_referral_coming_back(self, referral, counsellor):
        partner_referral_record(referral=referral, status=ReferralStatus.REFUSED, recorded_by=counsellor)
        with pytest.raises(ValidationError) as error:
            partner_referral_record(referral=referral, status=ReferralStatus.ACCEPTED, recorded_by=counsellor)
        assert "status" in error.value.message_dict

    def test_refuses_a_date_before_sending(self, referral, counsellor):
        with pytest.raises(ValidationError):
            partner_referral_record(
                referral=referral,
                status=ReferralStatus.ACCEPTED,
                recorded_by=counsellor,
                on=referral.sent_on - datetime.timedelta(days=1),
            )

    def test_database_refuses_a_sent_referral_with_a_closing_date(self, referral):
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnerReferral.objects.filter(pk=referral.pk).update(closed_on=timezone.localdate())

    def test_refuses_a_partner_of_another_territory(self, pathway, other_territory):
        with pytest.raises(ValidationError):
            make_referral(make_barrier(pathway), make_partner(territories=[other_territory]))
