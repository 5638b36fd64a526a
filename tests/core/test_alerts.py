"""The alerts registry, the alerts page and the home page's counts (issue 7, "Engagement over time").

Alice (counsellor) and Bob (manager) work in Lens-Liévin, Frank is Alice's colleague there, Charlie
works in Arras and Dana is Lens-Liévin's business developer.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.appointments.enums import AppointmentStatus
from chemin.core import alerts
from chemin.employments import employer_link
from chemin.employments.enums import Milestone
from chemin.pathways.alerts import NO_JOB_PROPOSAL_ALERT, NOT_SEEN_ALERT, pathway_alerts
from chemin.steps.alerts import OVERDUE_STEPS_ALERT, overdue_step_alerts
from tests.accounts.factories import UserFactory
from tests.appointments.factories import AppointmentFactory, at
from tests.companies.factories import log, make_company, make_contact
from tests.employments.factories import make_employment
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.partners.factories import make_barrier, make_partner, make_referral
from tests.steps.factories import StepFactory

ALL_KINDS = [
    "not_seen",
    "no_job_proposal",
    "repeated_no_shows",
    "overdue_steps",
    "partner_referral_overdue",
    "follow_up_overdue",
    "employer_risk",
    "contract_ending",
    "company_next_action",
]
PARTICIPANT_KINDS = ALL_KINDS[:-1]


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def raise_every_kind(pathway, *, partner, company) -> None:
    """A pathway entered 40 days ago, never contacted, no job proposal: add two missed
    appointments, a late step, an
    unanswered partner referral, a contract ending soon whose D+7 check-in is late, and an employer
    answer signalling a risk. Plus a company next action of the referent's own, overdue."""
    StepFactory(pathway=pathway, overdue=True)
    for days in (20, 5):
        AppointmentFactory(pathway=pathway, starts_at=at(-days), status=AppointmentStatus.NO_SHOW)
    make_referral(make_barrier(pathway), partner, days_ago=15)
    employment = make_employment(
        pathway,
        company=company,
        contact=make_contact(company, email="rh@example.org"),
        start_date=days_ago(10),
        planned_end_date=days_ago(-5),
    )
    check_in = employment.check_ins.get(milestone=Milestone.D7)
    request = employer_link.employer_request_send(
        check_in=check_in, sent_by=pathway.referent, site_url="http://testserver"
    )
    employer_link.employer_request_answer(
        request=request, how_it_goes=1, difficulties=["team"], callback_wanted=True, comment=""
    )
    log(company, pathway.referent, days_ago=5, next_action="Rappeler la DRH", next_action_on=days_ago(2))


@pytest.fixture
def partner(territory):
    return make_partner(territories=[territory])


@pytest.fixture
def company(territory):
    return make_company(territory, name="Propreté de l’Artois")


def add_pathways(n: int, *, territory, referent, partner, company) -> list:
    pathways = []
    for _ in range(n):
        pathway = PathwayFactory(participant=ParticipantFactory(), territory=territory, referent=referent)
        raise_every_kind(pathway, partner=partner, company=company)
        pathways.append(pathway)
    return pathways


@pytest.fixture
def restore_registry():
    """Tests that register sources of their own leave the registry as they found it."""
    registrations, kinds = list(alerts._registrations), dict(alerts._kinds)
    yield
    alerts._registrations[:] = registrations
    alerts._kinds.clear()
    alerts._kinds.update(kinds)


@pytest.mark.django_db
class TestRegistry:
    def test_every_source_declares_its_kinds_with_a_french_label_in_a_stable_order(self):
        assert [kind.code for kind in alerts.registered_kinds()] == ALL_KINDS
        assert str(alerts.get_kind("not_seen").label) == "Sans contact récent"
        assert [kind.code for kind in alerts.registered_kinds(about_participants=False)] == [
            "company_next_action"
        ]

    def test_a_source_without_kinds_is_refused(self, restore_registry):
        with pytest.raises(ImproperlyConfigured):
            alerts.register(lambda user: [], kinds=[])

    def test_a_kind_code_cannot_mean_two_things(self, restore_registry):
        with pytest.raises(ImproperlyConfigured):
            alerts.register(lambda user: [], kinds=[alerts.AlertKind("not_seen", "Autre chose")])

    def test_an_alert_of_an_undeclared_kind_fails_loudly(self, restore_registry, counsellor):
        def rogue(user):
            return [alerts.Alert(kind="not_declared", title="x", url="/", since=timezone.localdate())]

        alerts.register(rogue, kinds=[alerts.AlertKind("rogue", "Rogue")])
        with pytest.raises(ImproperlyConfigured):
            alerts.collect(counsellor)

    def test_anonymous_users_have_no_alerts(self):
        assert alerts.collect(AnonymousUser()) == []


@pytest.mark.django_db
class TestNotSeenAlerts:
    def test_a_pathway_whose_last_contact_reaches_the_threshold_is_an_alert(self, pathway, counsellor):
        pathway.last_contact_on = days_ago(30)
        pathway.first_job_proposal_on = days_ago(20)
        pathway.save()
        [alert] = pathway_alerts(counsellor)
        assert alert.kind == NOT_SEEN_ALERT.code
        assert alert.title == "Nadia Benamar : aucun contact depuis 30 jours (dernier le " + (
            days_ago(30).strftime("%d/%m/%Y") + ")"
        )
        assert alert.since == days_ago(30)
        assert alert.url == reverse("participants:detail", kwargs={"pk": pathway.participant_id}) + (
            "#pathway-heading"
        )

    def test_a_contact_within_the_threshold_is_no_alert(self, pathway, counsellor):
        pathway.last_contact_on = days_ago(29)
        pathway.first_job_proposal_on = days_ago(20)
        pathway.save()
        assert pathway_alerts(counsellor) == []

    def test_never_contacted_counts_from_entry(self, pathway, counsellor):
        pathway.first_job_proposal_on = days_ago(20)
        pathway.save()
        [alert] = pathway_alerts(counsellor)
        assert alert.since == pathway.entry_date
        assert "aucun contact enregistré en 40 jours depuis l’entrée" in alert.title

    def test_a_closed_pathway_is_no_alert(self, territory, counsellor):
        PathwayFactory(territory=territory, referent=counsellor, closed=True)
        assert pathway_alerts(counsellor) == []

    def test_each_pathway_follows_the_threshold_of_its_own_territory(self, territory, other_territory):
        # Grace works in both territories; Arras asks for a contact every 10 days.
        other_territory.not_seen_alert_days = 10
        other_territory.save()
        grace = UserFactory(memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.COUNSELLOR)])
        for place in (territory, other_territory):
            PathwayFactory(
                territory=place,
                referent=grace,
                last_contact_on=days_ago(12),
                first_job_proposal_on=days_ago(1),
            )
        [alert] = pathway_alerts(grace)
        assert alert.territory_id == other_territory.pk

    def test_two_queries_whatever_the_number_of_pathways_and_territories(
        self, territory, other_territory, counsellor, django_assert_num_queries
    ):
        for place in (territory, other_territory, territory):
            PathwayFactory(territory=place, referent=counsellor)
        with django_assert_num_queries(2):
            assert len(pathway_alerts(counsellor)) == 6


@pytest.mark.django_db
class TestNoJobProposalAlerts:
    def test_an_open_pathway_without_proposal_n_days_after_entry_is_an_alert(self, pathway, counsellor):
        pathway.last_contact_on = days_ago(1)
        pathway.entry_date = days_ago(30)
        pathway.save()
        [alert] = pathway_alerts(counsellor)
        assert alert.kind == NO_JOB_PROPOSAL_ALERT.code
        assert "aucune proposition d’emploi 30 jours après l’entrée" in alert.title
        assert alert.url == reverse(
            "participant_opportunities:list", kwargs={"participant_pk": pathway.participant_id}
        )
        assert alert.since == days_ago(30)

    def test_a_first_proposal_or_a_recent_entry_is_no_alert(self, pathway, territory, counsellor):
        pathway.last_contact_on = days_ago(1)
        pathway.first_job_proposal_on = days_ago(2)
        pathway.save()
        PathwayFactory(
            territory=territory, referent=counsellor, entry_date=days_ago(29), last_contact_on=days_ago(1)
        )
        assert pathway_alerts(counsellor) == []

    def test_the_delay_is_the_territorys(self, pathway, territory, counsellor):
        pathway.last_contact_on = days_ago(1)
        pathway.entry_date = days_ago(20)
        pathway.save()
        assert pathway_alerts(counsellor) == []
        territory.no_job_proposal_alert_days = 20
        territory.save()
        assert [alert.kind for alert in pathway_alerts(counsellor)] == [NO_JOB_PROPOSAL_ALERT.code]


@pytest.mark.django_db
class TestOverdueStepAlerts:
    def test_one_alert_per_person_leading_to_the_oldest_late_step_without_its_words(
        self, pathway, counsellor
    ):
        StepFactory(pathway=pathway, title="RDV au CMP", due_date=days_ago(2))
        oldest = StepFactory(pathway=pathway, title="Appeler la crèche", due_date=days_ago(6))
        StepFactory(pathway=pathway, due_date=days_ago(9), done=True)
        StepFactory(pathway=pathway)
        [alert] = overdue_step_alerts(counsellor)
        assert alert.kind == OVERDUE_STEPS_ALERT.code
        assert alert.title == (
            f"Nadia Benamar : 2 étapes en retard, la plus ancienne depuis le {days_ago(6):%d/%m/%Y}"
        )
        assert "CMP" not in alert.title and "crèche" not in alert.title
        assert alert.url == (
            reverse("steps:list", kwargs={"participant_pk": pathway.participant_id}) + f"#etape-{oldest.pk}"
        )
        assert alert.since == days_ago(6)

    def test_steps_of_someone_elses_pathway_or_a_closed_one_are_no_alert(
        self, pathway, territory, counsellor, colleague, other_counsellor
    ):
        StepFactory(pathway=pathway, overdue=True)
        StepFactory(
            pathway=PathwayFactory(territory=territory, referent=counsellor, closed=True), overdue=True
        )
        assert len(overdue_step_alerts(counsellor)) == 1
        assert overdue_step_alerts(colleague) == []
        assert overdue_step_alerts(other_counsellor) == []

    def test_one_query_whatever_the_number_of_steps(self, territory, counsellor, django_assert_num_queries):
        for _ in range(4):
            pathway = PathwayFactory(territory=territory, referent=counsellor)
            StepFactory.create_batch(2, pathway=pathway, overdue=True)
        with django_assert_num_queries(1):
            assert len(overdue_step_alerts(counsellor)) == 4


def alerts_page(client, **params):
    return client.get(reverse("core:alerts"), params)


@pytest.mark.django_db
class TestAlertsPage:
    def test_each_kind_has_its_heading_count_and_links_oldest_first(
        self, counsellor_client, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        response = alerts_page(counsellor_client)
        assert response.status_code == 200
        groups = response.context["groups"]
        assert [group.kind.code for group in groups] == ALL_KINDS
        for group in groups:
            assert len(group.items) == 1
        content = response.content.decode()
        participant = pathway.participant_id
        for url in (
            reverse("participants:detail", kwargs={"pk": participant}) + "#pathway-heading",
            reverse("participant_opportunities:list", kwargs={"participant_pk": participant}),
            reverse("steps:list", kwargs={"participant_pk": participant}) + "#etape-",
            reverse("partner_referrals:list", kwargs={"participant_pk": participant}) + "#orientation-",
            reverse("participant_employments:list", kwargs={"participant_pk": participant}) + "#suivi-",
            reverse("participant_employments:list", kwargs={"participant_pk": participant}) + "#emploi-",
            reverse("companies:detail", kwargs={"pk": company.pk}) + "#echange-",
        ):
            assert f'href="{url}' in content
        assert '<h2 id="alerts-not_seen">Sans contact récent <span class="count">(1)</span></h2>' in content
        assert "Étapes en retard" in content
        assert f"depuis le {days_ago(40):%d/%m/%Y}, soit 40 jours" in content

    def test_within_a_kind_the_oldest_comes_first(self, counsellor_client, territory, counsellor):
        recent = PathwayFactory(territory=territory, referent=counsellor, last_contact_on=days_ago(31))
        old = PathwayFactory(territory=territory, referent=counsellor, last_contact_on=days_ago(60))
        response = alerts_page(counsellor_client, type="not_seen")
        [group] = response.context["groups"]
        assert [alert.url for alert, _ in group.items] == [
            reverse("participants:detail", kwargs={"pk": p.participant_id}) + "#pathway-heading"
            for p in (old, recent)
        ]

    def test_the_kind_filter_shows_one_kind_and_keeps_every_count(
        self, counsellor_client, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        response = alerts_page(counsellor_client, type="overdue_steps")
        assert [group.kind.code for group in response.context["groups"]] == ["overdue_steps"]
        assert [entry["code"] for entry in response.context["filters"]] == ALL_KINDS
        content = response.content.decode()
        assert f'href="{reverse("core:alerts")}?type=overdue_steps" aria-current="page"' in content
        assert 'Toutes <span class="count">(9)</span>' in content

    def test_an_unknown_kind_shows_everything(self, counsellor_client, pathway):
        response = alerts_page(counsellor_client, type="n-importe-quoi")
        assert response.context["selected"] is None
        assert [group.kind.code for group in response.context["groups"]] == ["not_seen", "no_job_proposal"]

    def test_nothing_waiting_says_so_in_plain_french(self, counsellor_client):
        content = alerts_page(counsellor_client).content.decode()
        assert "Rien ne vous attend : aucune alerte pour le moment." in content

    def test_an_empty_kind_says_so_and_leads_back_to_all(self, counsellor_client, pathway):
        content = alerts_page(counsellor_client, type="overdue_steps").content.decode()
        assert "Aucune alerte de ce type (« Étapes en retard ») pour le moment." in content
        assert "Voir toutes les alertes" in content

    def test_the_page_is_in_the_main_navigation(self, counsellor_client):
        content = alerts_page(counsellor_client).content.decode()
        assert f'<a href="{reverse("core:alerts")}" aria-current="page">' in content


@pytest.mark.django_db
class TestAlertsPagePerimeter:
    def test_a_manager_sees_their_own_by_default_and_the_whole_territory_on_demand(
        self, manager_client, manager, counsellor, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        mine = alerts_page(manager_client)
        assert mine.context["groups"] == []
        assert "Tout le territoire" in mine.content.decode()
        everyone = alerts_page(manager_client, perimetre="territoire")
        # Alice's company next action is her own work: not in the territory view.
        assert [group.kind.code for group in everyone.context["groups"]] == PARTICIPANT_KINDS
        content = everyone.content.decode()
        assert "Alertes — Lens-Liévin" in content
        assert content.count("référent·e : Alice Martin") == len(PARTICIPANT_KINDS)
        assert "Rappeler la DRH" not in content

    def test_a_managers_own_pathways_are_in_their_view(self, manager_client, manager, territory):
        PathwayFactory(territory=territory, referent=manager)
        response = alerts_page(manager_client)
        assert [group.kind.code for group in response.context["groups"]] == ["not_seen", "no_job_proposal"]

    def test_a_colleague_never_sees_alices_alerts_even_asking_for_the_territory(
        self, colleague_client, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        for params in ({}, {"perimetre": "territoire"}):
            response = alerts_page(colleague_client, **params)
            assert response.context["groups"] == []
            assert "Nadia Benamar" not in response.content.decode()
        assert "Tout le territoire" not in response.content.decode()

    def test_someone_of_another_territory_sees_nothing_of_this_one(
        self, other_counsellor_client, other_territory, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        manager_elsewhere = UserFactory(memberships=[(other_territory, Role.MANAGER)])
        from django.test import Client

        other_manager_client = Client()
        other_manager_client.force_login(manager_elsewhere)
        for client in (other_counsellor_client, other_manager_client):
            for params in ({}, {"perimetre": "territoire"}, {"type": "not_seen"}):
                response = alerts_page(client, **params)
                assert response.context["groups"] == []
                assert "Nadia Benamar" not in response.content.decode()

    def test_a_business_developer_gets_their_company_alerts_and_never_a_participants(
        self, business_developer_client, business_developer, pathway, partner, company, territory
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        log(
            company,
            business_developer,
            days_ago=5,
            next_action="Envoyer les profils",
            next_action_on=days_ago(1),
        )
        for params in ({}, {"type": "not_seen"}, {"perimetre": "territoire"}):
            response = alerts_page(business_developer_client, **params)
            assert [group.kind.code for group in response.context["groups"]] == ["company_next_action"]
            content = response.content.decode()
            assert "Envoyer les profils" in content
            assert "Nadia Benamar" not in content
            assert "Rappeler la DRH" not in content  # Alice's next action, not Dana's

    def test_a_business_developer_asks_only_the_company_source(
        self, business_developer_client, django_assert_num_queries
    ):
        # Session, user, memberships, the company next actions, then the session save (savepoint,
        # UPDATE, release).
        with django_assert_num_queries(7):
            alerts_page(business_developer_client)

    def test_staff_without_territory_see_no_alert(self, client, pathway, counsellor):
        lonely = UserFactory()
        pathway.referent = lonely
        pathway.save()
        client.force_login(lonely)
        response = alerts_page(client)
        assert response.context["groups"] == []
        assert "Vous n’êtes rattaché·e à aucun territoire" in response.content.decode()


@pytest.mark.django_db
class TestAlertsPageQueryCount:
    """Acceptance (issue 7): the alerts page's query count does not grow with the number of participants."""

    def count(self, client, **params) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = alerts_page(client, **params)
        assert response.status_code == 200
        return len(queries), sum(len(group.items) for group in response.context["groups"])

    def test_same_count_with_2_and_12_participants_raising_every_kind(
        self,
        counsellor_client,
        manager_client,
        territory,
        counsellor,
        partner,
        company,
        django_assert_num_queries,
    ):
        add_pathways(2, territory=territory, referent=counsellor, partner=partner, company=company)
        # Session, user, memberships, then the sources: pathways (thresholds, pathways), repeated
        # no-shows (thresholds, pathways), overdue steps, partner referrals, follow-up (check-ins,
        # contracts ending), employer risks, company next actions; then the session save
        # (savepoint, UPDATE, release).
        with django_assert_num_queries(16):
            alerts_page(counsellor_client)
        few = self.count(counsellor_client)
        few_territory = self.count(manager_client, perimetre="territoire")
        add_pathways(10, territory=territory, referent=counsellor, partner=partner, company=company)
        many = self.count(counsellor_client)
        many_territory = self.count(manager_client, perimetre="territoire")
        assert (few[1], many[1]) == (2 * 9, 12 * 9)
        assert few[0] == many[0] == 16
        # The territory view adds one query for the referents' names.
        assert (few_territory[1], many_territory[1]) == (2 * 8, 12 * 8)
        assert few_territory[0] == many_territory[0] == 17


@pytest.mark.django_db
class TestHome:
    def test_counts_by_kind_link_to_the_filtered_alerts_page(
        self, counsellor_client, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        response = counsellor_client.get(reverse("core:home"))
        counts = response.context["alert_counts"]
        assert [(count.kind.code, count.mine) for count in counts] == [(code, 1) for code in ALL_KINDS]
        content = response.content.decode()
        assert (
            f'<a href="{reverse("core:alerts")}?type=overdue_steps">Étapes en retard : <strong>1</strong></a>'
            in (content)
        )
        assert f'href="{reverse("core:alerts")}">Voir toutes les alertes</a>' in content
        assert "Nadia Benamar" not in content

    def test_the_caseload_is_counted(self, counsellor_client, manager_client, territory, counsellor, pathway):
        PathwayFactory(territory=territory, referent=counsellor)
        PathwayFactory(territory=territory, referent=counsellor, closed=True)
        PathwayFactory(territory=territory)
        content = counsellor_client.get(reverse("core:home")).content.decode()
        assert "<strong>2</strong> personnes dont vous êtes référent·e" in content
        assert "personnes accompagnées sur" not in content
        content = manager_client.get(reverse("core:home")).content.decode()
        assert "<strong>0</strong> personne dont vous êtes référent·e" in content
        assert "<strong>3</strong> personnes accompagnées sur Lens-Liévin" in content

    def test_a_manager_sees_their_counts_and_the_territorys(self, manager_client, pathway, partner, company):
        raise_every_kind(pathway, partner=partner, company=company)
        response = manager_client.get(reverse("core:home"))
        counts = response.context["alert_counts"]
        assert [(count.kind.code, count.mine, count.territory) for count in counts] == [
            (code, 0, 1) for code in PARTICIPANT_KINDS
        ]
        content = response.content.decode()
        assert f'href="{reverse("core:alerts")}?perimetre=territoire&amp;type=not_seen"' in content
        assert "Voir les alertes de tout le territoire" in content

    def test_nothing_waiting_says_so(self, counsellor_client):
        assert "Rien ne vous attend." in counsellor_client.get(reverse("core:home")).content.decode()

    def test_a_business_developer_has_no_caseload_and_no_participant_count(
        self, business_developer_client, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        response = business_developer_client.get(reverse("core:home"))
        assert "caseload" not in response.context
        assert response.context["alert_counts"] == []

    def test_someone_of_another_territory_counts_nothing_of_this_one(
        self, other_counsellor_client, pathway, partner, company
    ):
        raise_every_kind(pathway, partner=partner, company=company)
        response = other_counsellor_client.get(reverse("core:home"))
        assert response.context["alert_counts"] == []
        assert response.context["caseload"] == {"mine": 0, "territory": 0}

    def test_the_place_for_todays_appointments_is_ready(self, counsellor_client):
        response = counsellor_client.get(reverse("core:home"))
        assert response.context["todays_appointments"] == []
        assert "core/includes/todays_appointments.html" in [t.name for t in response.templates]

    def test_query_count_does_not_grow_with_participants(
        self, counsellor_client, manager_client, territory, counsellor, partner, company
    ):
        def count(client) -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("core:home")).status_code == 200
            return len(queries)

        add_pathways(2, territory=territory, referent=counsellor, partner=partner, company=company)
        few = count(counsellor_client), count(manager_client)
        add_pathways(10, territory=territory, referent=counsellor, partner=partner, company=company)
        # As the alerts page (16), plus today's appointments and the caseload's size.
        assert (count(counsellor_client), count(manager_client)) == few == (18, 18)
