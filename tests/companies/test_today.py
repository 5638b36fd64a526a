"""My day and the alerts, on a fixed Wednesday so "this week" is Monday 16 → Wednesday 18."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chemin.companies.alerts import next_action_alerts
from chemin.core.alerts import alerts_for
from tests.companies.factories import ARRAS, log, make_company, make_contact

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime.date(2026, 11, 18)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return WEDNESDAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return WEDNESDAY


def day(offset: int) -> datetime.date:
    return WEDNESDAY + datetime.timedelta(days=offset)


class TestMyDay:
    def test_counts_interactions_of_today_and_this_week_against_the_territory_target(
        self, business_developer_client, business_developer, counsellor, territory
    ):
        territory.weekly_company_contacts_target = 4
        territory.save()
        company = make_company(territory)
        log(company, business_developer, on=day(0))
        log(company, business_developer, on=day(0))
        log(company, business_developer, on=day(-2))  # Monday: this week
        log(company, business_developer, on=day(-3))  # last Sunday: last week
        log(company, counsellor, on=day(0))  # someone else's
        response = business_developer_client.get(reverse("companies:today"))
        progress = response.context["progress"]
        assert (progress.today, progress.week, progress.target, progress.percent) == (2, 3, 4, 75)
        content = response.content.decode()
        assert '<progress id="week-progress" max="4" value="3"' in content
        assert "Objectif de la semaine : 3 sur 4 (75 %)" in content

    def test_a_reached_target_is_celebrated(self, business_developer_client, business_developer, territory):
        territory.weekly_company_contacts_target = 1
        territory.save()
        log(make_company(territory), business_developer, on=day(0))
        log(make_company(territory), business_developer, on=day(-1))
        content = business_developer_client.get(reverse("companies:today")).content.decode()
        assert 'max="1" value="1"' in content
        assert "Objectif atteint" in content

    def test_lists_my_next_actions_due_today_or_overdue_only(
        self, business_developer_client, business_developer, counsellor, territory
    ):
        company = make_company(territory, name="Drive Leclerc Liévin")
        log(
            company, business_developer, on=day(-10), next_action="Relancer en retard", next_action_on=day(-1)
        )
        log(
            company, business_developer, on=day(-5), next_action="Rappeler aujourd'hui", next_action_on=day(0)
        )
        log(company, business_developer, on=day(-5), next_action="Plus tard", next_action_on=day(1))
        done = log(company, business_developer, on=day(-9), next_action="Déjà faite", next_action_on=day(-2))
        done.next_action_done = True
        done.save()
        log(company, counsellor, on=day(-5), next_action="Celle d'Alice", next_action_on=day(-1))
        response = business_developer_client.get(reverse("companies:today"))
        assert [i.next_action for i in response.context["due"]] == [
            "Relancer en retard",
            "Rappeler aujourd'hui",
        ]
        content = response.content.decode()
        assert "En retard" in content
        assert reverse("companies:interaction_create", kwargs={"company_pk": company.pk}) in content

    @override_settings(COMPANY_STALE_AFTER_DAYS=30)
    def test_lists_the_companies_of_the_territory_not_contacted_for_n_days(
        self, business_developer_client, territory, other_territory
    ):
        make_company(territory, name="Contacted recently", days_since_contact=29)
        make_company(territory, name="Forgotten", days_since_contact=45)
        make_company(territory, name="Never called")
        make_company(other_territory, name="Elsewhere", insee=ARRAS)
        response = business_developer_client.get(reverse("companies:today"))
        assert [c.name for c in response.context["stale"]] == ["Never called", "Forgotten"]
        content = response.content.decode()
        assert "Sans contact depuis 30 jours" in content
        assert "il y a 45 jours" in content

    def test_the_week_of_another_territory_is_not_counted(
        self, business_developer_client, business_developer, other_territory
    ):
        log(make_company(other_territory, insee=ARRAS), business_developer, on=day(0))
        assert business_developer_client.get(reverse("companies:today")).context["progress"].week == 0

    def test_query_count_does_not_grow_with_rows(
        self, business_developer_client, business_developer, territory
    ):
        def add(n):
            for index in range(n):
                company = make_company(territory, days_since_contact=60)
                contact = make_contact(company)
                log(company, business_developer, on=day(-(index % 3)), contact=contact)
                log(
                    company,
                    business_developer,
                    on=day(-20),
                    contact=contact,
                    next_action="Rappeler",
                    next_action_on=day(-(index % 2)),
                )
                make_company(territory)

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                response = business_developer_client.get(reverse("companies:today"))
            assert response.status_code == 200
            return len(captured)

        add(2)
        two = queries()
        add(4)
        assert queries() == two


class TestAlerts:
    def test_my_overdue_next_actions_are_alerts_oldest_first(self, business_developer, counsellor, territory):
        company = make_company(territory, name="EHPAD Les Tilleuls")
        log(
            company,
            business_developer,
            on=day(-10),
            next_action="Envoyer les conventions",
            next_action_on=day(-3),
        )
        log(company, business_developer, on=day(-10), next_action="Rappeler", next_action_on=day(-6))
        log(company, business_developer, on=day(-1), next_action="Aujourd'hui", next_action_on=day(0))
        log(company, counsellor, on=day(-10), next_action="Celle d'Alice", next_action_on=day(-3))
        alerts = next_action_alerts(business_developer)
        assert [alert.since for alert in alerts] == [day(-6), day(-3)]
        # Dana's own work, not a participant's: no pathway, never in a manager's territory view.
        assert {(alert.kind, alert.territory_id, alert.referent_id) for alert in alerts} == {
            ("company_next_action", None, None)
        }
        assert alerts[1].title == "EHPAD Les Tilleuls : « Envoyer les conventions » était prévu le 15/11/2026"
        assert alerts[0].url.startswith(reverse("companies:detail", kwargs={"pk": company.pk}) + "#echange-")
        assert [a.title for a in alerts_for(business_developer) if "EHPAD" in a.title] == [
            a.title for a in alerts
        ]

    def test_alerts_take_one_query_whatever_their_number(
        self, business_developer, territory, django_assert_num_queries
    ):
        for index in range(6):
            company = make_company(territory)
            log(
                company,
                business_developer,
                on=day(-10),
                next_action="Rappeler",
                next_action_on=day(-1 - index),
            )
        with django_assert_num_queries(1):
            assert len(next_action_alerts(business_developer)) == 6

    def test_every_overdue_next_action_is_listed_for_honest_counts(self, business_developer, territory):
        company = make_company(territory)
        for index in range(12):
            log(
                company,
                business_developer,
                on=day(-20),
                next_action="Relancer",
                next_action_on=day(-1 - index),
            )
        assert len(next_action_alerts(business_developer)) == 12

    def test_the_alerts_page_shows_them_and_the_home_page_counts_them(
        self, business_developer_client, business_developer, territory
    ):
        company = make_company(territory, name="Menuiserie Caron")
        log(company, business_developer, on=day(-10), next_action="Envoyer le profil", next_action_on=day(-2))
        page = business_developer_client.get(reverse("core:alerts")).content.decode()
        assert "Menuiserie Caron : « Envoyer le profil »" in page
        home = business_developer_client.get(reverse("core:home")).content.decode()
        assert "Actions entreprises en retard : <strong>1</strong>" in home
