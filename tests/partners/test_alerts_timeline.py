import pytest
from django.test import override_settings
from django.urls import reverse

from chemin.barriers.enums import BarrierCategory
from chemin.core import timeline
from chemin.core.alerts import alerts_for
from chemin.partners.enums import PartnerKind, ReferralStatus
from chemin.partners.services import partner_referral_record
from chemin.partners.timeline import OVERDUE_ALERT
from tests.partners.factories import make_barrier, make_partner, make_referral

pytestmark = pytest.mark.django_db

# The pathway fixture entered 40 days ago without a contact: it raises pathway alerts of its own.
KINDS = [OVERDUE_ALERT.code]


class TestOverdueAlerts:
    def test_a_referral_unanswered_for_n_days_is_an_alert_for_the_referent(
        self, pathway, territory, counsellor, colleague, manager, other_counsellor
    ):
        partner = make_partner(territories=[territory])
        make_referral(make_barrier(pathway), partner, days_ago=10)
        make_referral(make_barrier(pathway), partner, days_ago=9)
        [alert] = alerts_for(counsellor, kinds=KINDS)
        assert alert.kind == "partner_referral_overdue"
        assert (alert.territory_id, alert.referent_id) == (territory.pk, counsellor.pk)
        assert alerts_for(manager, kinds=KINDS) == []
        assert alerts_for(manager, territory=territory, kinds=KINDS) == [alert]
        assert alerts_for(colleague, kinds=KINDS) == []
        assert alerts_for(colleague, territory=territory, kinds=KINDS) == []
        assert alerts_for(other_counsellor, territory=territory, kinds=KINDS) == []

    @override_settings(PARTNER_REFERRAL_OVERDUE_DAYS=3)
    def test_the_delay_is_a_setting(self, pathway, territory, counsellor):
        make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=4)
        assert len(alerts_for(counsellor, kinds=KINDS)) == 1

    def test_an_answered_referral_is_no_alert(self, pathway, territory, counsellor):
        referral = make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=20)
        partner_referral_record(referral=referral, status=ReferralStatus.ACCEPTED, recorded_by=counsellor)
        assert alerts_for(counsellor, kinds=KINDS) == []

    def test_the_alerts_page_lists_them_without_naming_the_partner(
        self, counsellor_client, pathway, territory
    ):
        cmp = make_partner(
            territories=[territory], name="CMP de Lens", kind=PartnerKind.HEALTH, categories=["25"]
        )
        make_referral(
            make_barrier(pathway, category=BarrierCategory.HEALTH, situation="15"), cmp, days_ago=12
        )
        content = counsellor_client.get(reverse("core:alerts")).content.decode()
        assert "Nadia Benamar : un partenaire n’a pas répondu à une orientation depuis 12 jours" in content
        assert "CMP" not in content
        assert "CMP" not in counsellor_client.get(reverse("core:home")).content.decode()

    def test_alerts_page_query_count_does_not_grow_with_alerts(self, counsellor_client, pathway, territory):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        partner = make_partner(territories=[territory])

        def count(n: int) -> int:
            for _ in range(n):
                make_referral(make_barrier(pathway), partner, days_ago=15)
            with CaptureQueriesContext(connection) as queries:
                response = counsellor_client.get(reverse("core:alerts"), {"type": OVERDUE_ALERT.code})
            [group] = response.context["groups"]
            return len(queries), len(group.items)

        first, alerts = count(2)
        second, more = count(4)
        assert (alerts, more) == (2, 6)
        assert first == second


class TestTimeline:
    def test_sent_answered_and_done_show_on_the_timeline(self, pathway, territory, counsellor):
        referral = make_referral(make_barrier(pathway), make_partner(territories=[territory]), days_ago=5)
        partner_referral_record(
            referral=referral, status=ReferralStatus.ACCEPTED, recorded_by=counsellor, on=referral.sent_on
        )
        partner_referral_record(
            referral=referral, status=ReferralStatus.DONE, recorded_by=counsellor, outcome="Place obtenue"
        )
        events = timeline.events_for(pathway.participant, counsellor, kinds={"partner_referral"})
        assert len(events) == 3
        assert any(event.is_milestone and event.detail == "Place obtenue" for event in events)

    def test_restricted_barrier_words_stay_hidden(
        self, pathway, territory, counsellor, colleague, business_developer
    ):
        cmp = make_partner(
            territories=[territory], name="CMP de Lens", kind=PartnerKind.HEALTH, categories=["25"]
        )
        make_referral(make_barrier(pathway, category=BarrierCategory.HEALTH, situation="15"), cmp)
        mine = timeline.events_for(pathway.participant, counsellor, kinds={"partner_referral"})
        assert "CMP" in mine[0].title
        theirs = timeline.events_for(pathway.participant, colleague, kinds={"partner_referral"})
        assert len(theirs) == 1 and "CMP" not in theirs[0].title and not theirs[0].detail
        assert timeline.events_for(pathway.participant, business_developer, kinds={"partner_referral"}) == []
