import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange
from tests.participants.factories import ParticipantFactory, PathwayFactory


def url(name: str, participant) -> str:
    return reverse(f"participants:{name}", kwargs={"pk": participant.pk})


def detail(participant) -> str:
    return url("detail", participant)


@pytest.fixture
def former_participant(territory, counsellor):
    """Rachid, accompanied in Lens-Liévin in 2023; his pathway is closed."""
    person = ParticipantFactory(first_name="Rachid", last_name="Amrani")
    PathwayFactory(
        participant=person,
        territory=territory,
        referent=counsellor,
        closed=True,
        entry_date=datetime.date(2023, 2, 1),
        closed_on=datetime.date(2023, 11, 30),
    )
    return person


@pytest.mark.django_db
class TestEveryActionIsHiddenFromOtherTerritoriesAndAnonymousVisitors:
    @pytest.mark.parametrize("name", ["change_phase", "reassign", "open_pathway", "record_contact"])
    def test_counsellor_of_another_territory_gets_404(self, other_counsellor_client, participant, name):
        assert other_counsellor_client.post(url(name, participant), {"phase": "welcome"}).status_code == 404
        assert PhaseChange.objects.count() == 0

    @pytest.mark.parametrize("name", ["reassign", "open_pathway"])
    def test_their_pages_too(self, other_counsellor_client, former_participant, participant, name):
        target = former_participant if name == "open_pathway" else participant
        assert other_counsellor_client.get(url(name, target)).status_code == 404

    @pytest.mark.parametrize("name", ["change_phase", "reassign", "open_pathway", "record_contact"])
    def test_anonymous_visitor_is_sent_to_login(self, client, participant, name):
        response = client.post(url(name, participant))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
class TestChangePhase:
    def test_a_counsellor_of_the_territory_moves_the_pathway(self, colleague_client, participant, pathway):
        response = colleague_client.post(url("change_phase", participant), {"phase": Phase.IN_EMPLOYMENT})
        pathway.refresh_from_db()
        assert response.status_code == 302
        assert response.url == detail(participant)
        assert pathway.phase == Phase.IN_EMPLOYMENT
        assert PhaseChange.objects.get().new_phase == Phase.IN_EMPLOYMENT

    def test_the_page_says_so(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("change_phase", participant), {"phase": Phase.IN_EMPLOYMENT}, follow=True
        )
        assert "L’accompagnement est maintenant en phase « En emploi »." in response.content.decode()

    def test_closing_is_not_offered_here(self, counsellor_client, participant, pathway):
        response = counsellor_client.post(
            url("change_phase", participant), {"phase": Phase.CLOSED}, follow=True
        )
        pathway.refresh_from_db()
        assert pathway.is_open
        assert "Choisissez une des phases de la liste." in response.content.decode()

    def test_the_same_phase_is_reported(self, counsellor_client, participant):
        response = counsellor_client.post(
            url("change_phase", participant), {"phase": Phase.TOWARDS_EMPLOYMENT}, follow=True
        )
        assert "déjà dans cette phase" in response.content.decode()
        assert not PhaseChange.objects.exists()

    def test_business_developer_may_not(self, business_developer_client, participant):
        response = business_developer_client.post(url("change_phase", participant), {"phase": Phase.WELCOME})
        assert response.status_code == 403
        assert not PhaseChange.objects.exists()

    def test_only_post(self, counsellor_client, participant):
        assert counsellor_client.get(url("change_phase", participant)).status_code == 405


@pytest.mark.django_db
class TestReassign:
    def test_a_manager_hands_the_pathway_over(self, manager_client, manager, participant, pathway, colleague):
        response = manager_client.post(
            url("reassign", participant), {"new_referent": colleague.pk, "reason": "Congé maternité"}
        )
        pathway.refresh_from_db()
        assert response.status_code == 302
        assert response.url == detail(participant)
        assert pathway.referent == colleague
        change = ReferentChange.objects.get()
        assert (change.changed_by, change.reason) == (manager, "Congé maternité")

    def test_the_referent_may_hand_over_and_it_shows_on_the_timeline(
        self, counsellor_client, participant, pathway, colleague
    ):
        counsellor_client.post(url("reassign", participant), {"new_referent": colleague.pk})
        pathway.refresh_from_db()
        assert pathway.referent == colleague
        content = counsellor_client.get(url("timeline", participant)).content.decode()
        assert "Nouveau·elle référent·e : Frank Wojcik" in content
        assert "Auparavant Alice Martin. Changement fait par Alice Martin." in content

    def test_a_counsellor_who_is_not_the_referent_may_not(
        self, colleague_client, colleague, participant, pathway
    ):
        assert colleague_client.get(url("reassign", participant)).status_code == 403
        response = colleague_client.post(url("reassign", participant), {"new_referent": colleague.pk})
        assert response.status_code == 403
        assert not ReferentChange.objects.exists()

    def test_business_developer_may_not(self, business_developer_client, participant, colleague):
        response = business_developer_client.post(
            url("reassign", participant), {"new_referent": colleague.pk}
        )
        assert response.status_code == 403
        assert not ReferentChange.objects.exists()

    def test_the_new_referent_must_be_staff_of_the_territory(
        self, manager_client, participant, pathway, counsellor, other_counsellor, business_developer
    ):
        for outsider in (other_counsellor, business_developer, counsellor):
            response = manager_client.post(url("reassign", participant), {"new_referent": outsider.pk})
            assert response.status_code == 200
            assert response.context["form"].errors["new_referent"]
        pathway.refresh_from_db()
        assert pathway.referent == counsellor
        assert not ReferentChange.objects.exists()

    def test_the_page_offers_the_other_staff_of_the_territory(
        self, manager_client, participant, counsellor, colleague, manager, business_developer
    ):
        response = manager_client.get(url("reassign", participant))
        offered = set(response.context["form"].fields["new_referent"].queryset)
        assert offered == {colleague, manager}

    def test_a_closed_pathway_cannot_be_reassigned(self, manager_client, former_participant, colleague):
        response = manager_client.post(url("reassign", former_participant), {"new_referent": colleague.pk})
        assert response.status_code == 404


@pytest.mark.django_db
class TestOpenPathway:
    def test_opens_a_new_pathway_in_the_current_territory(
        self, counsellor_client, counsellor, territory, former_participant
    ):
        response = counsellor_client.get(url("open_pathway", former_participant))
        assert response.context["form"]["referent"].value() == counsellor.pk
        response = counsellor_client.post(
            url("open_pathway", former_participant),
            {"referent": counsellor.pk, "entry_date": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302
        pathway = Pathway.objects.open().get(participant=former_participant)
        assert (pathway.territory, pathway.referent, pathway.phase) == (territory, counsellor, Phase.WELCOME)

    def test_refuses_an_entry_date_in_the_future(self, counsellor_client, counsellor, former_participant):
        next_week = timezone.localdate() + datetime.timedelta(days=7)
        response = counsellor_client.post(
            url("open_pathway", former_participant),
            {"referent": counsellor.pk, "entry_date": next_week.isoformat()},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["entry_date"] == [
            "La date d’entrée ne peut pas être dans le futur."
        ]
        assert not Pathway.objects.open().filter(participant=former_participant).exists()

    def test_a_person_with_an_open_pathway_is_sent_back_to_their_file(
        self, counsellor_client, counsellor, participant
    ):
        response = counsellor_client.post(
            url("open_pathway", participant),
            {"referent": counsellor.pk, "entry_date": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302
        assert participant.pathways.count() == 1

    def test_business_developer_may_not(self, business_developer_client, counsellor, former_participant):
        response = business_developer_client.post(
            url("open_pathway", former_participant),
            {"referent": counsellor.pk, "entry_date": timezone.localdate().isoformat()},
        )
        assert response.status_code == 403
        assert not Pathway.objects.open().exists()


@pytest.mark.django_db
class TestRecordContact:
    def test_the_latest_contact_is_kept_and_the_caseload_counts_from_it(self, counsellor_client, pathway):
        today = timezone.localdate()
        pathway.entry_date = today - datetime.timedelta(days=60)
        pathway.save()
        response = counsellor_client.post(url("record_contact", pathway.participant), {"contact_on": today})
        assert response.status_code == 302
        pathway.refresh_from_db()
        assert pathway.last_contact_on == today
        # An older contact noted afterwards does not move it back.
        counsellor_client.post(
            url("record_contact", pathway.participant), {"contact_on": today - datetime.timedelta(days=3)}
        )
        pathway.refresh_from_db()
        assert pathway.last_contact_on == today

    @pytest.mark.parametrize(
        ("days", "message"),
        [
            (1, "Un contact ne peut pas être dans le futur."),
            (-90, "Un contact ne peut pas précéder la date d’entrée."),
        ],
    )
    def test_refuses_a_date_in_the_future_or_before_entry(self, counsellor_client, pathway, days, message):
        pathway.entry_date = timezone.localdate() - datetime.timedelta(days=30)
        pathway.save()
        contact_on = timezone.localdate() + datetime.timedelta(days=days)
        response = counsellor_client.post(
            url("record_contact", pathway.participant), {"contact_on": contact_on}, follow=True
        )
        assert message in response.content.decode()
        pathway.refresh_from_db()
        assert pathway.last_contact_on is None

    def test_business_developer_may_not_record_a_contact(self, business_developer_client, pathway):
        response = business_developer_client.post(
            url("record_contact", pathway.participant), {"contact_on": timezone.localdate()}
        )
        assert response.status_code == 403
        pathway.refresh_from_db()
        assert pathway.last_contact_on is None
