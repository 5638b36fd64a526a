import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.participants.enums import IncomeSupport
from chemin.participants.models import Participant
from chemin.pathways.enums import Phase
from chemin.pathways.services import pathway_change_phase, pathway_reassign_referent
from tests.participants.factories import ParticipantFactory, PathwayFactory


def detail_url(participant) -> str:
    return reverse("participants:detail", kwargs={"pk": participant.pk})


def edit_url(participant) -> str:
    return reverse("participants:edit", kwargs={"pk": participant.pk})


@pytest.fixture
def nadia(participant):
    participant.income_support = IncomeSupport.RSA
    participant.france_travail_registered = True
    participant.france_travail_id = "7654321B"
    participant.registered_since = timezone.localdate() - datetime.timedelta(days=500)
    participant.address = "3 rue des Acacias"
    participant.commune_id = "62498"
    participant.postal_code = "62300"
    participant.email = "nadia.b@example.org"
    participant.languages = "français, kabyle"
    participant.save()
    return participant


@pytest.mark.django_db
class TestParticipantDetail:
    def test_anonymous_visitor_is_sent_to_login(self, client, participant):
        response = client.get(detail_url(participant))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_counsellor_of_another_territory_gets_404(self, other_counsellor_client, participant):
        assert other_counsellor_client.get(detail_url(participant)).status_code == 404

    def test_counsellor_sees_identity_situation_consent_and_pathway(self, counsellor_client, nadia):
        response = counsellor_client.get(detail_url(nadia))
        content = response.content.decode()
        assert response.status_code == 200
        assert response.context["pathway"].participant == nadia
        assert response.context["job_facing_only"] is False
        for text in (
            "Nadia Benamar",
            "06 12 34 56 78",
            "nadia.b@example.org",
            "3 rue des Acacias",
            "62300 Lens",
            "RSA",
            "7654321B",
            "Demandeur·euse d’emploi de longue durée",
            "français, kabyle",
            "A consenti au traitement de ses données",
            "Lens-Liévin",
            "Alice Martin",
            "Vers l’emploi",
        ):
            assert text in content, text

    def test_not_long_term_unemployed_under_12_months(self, counsellor_client, nadia):
        nadia.registered_since = timezone.localdate() - datetime.timedelta(days=200)
        nadia.save()
        content = counsellor_client.get(detail_url(nadia)).content.decode()
        assert "Inscrit·e" in content
        assert "longue durée" not in content

    def test_business_developer_sees_neither_situation_nor_contact_details(
        self, business_developer_client, nadia
    ):
        response = business_developer_client.get(detail_url(nadia))
        content = response.content.decode()
        assert response.status_code == 200
        assert response.context["job_facing_only"] is True
        assert "Nadia Benamar" in content
        for hidden in (
            "06 12 34 56 78",
            "nadia.b@example.org",
            "3 rue des Acacias",
            "RSA",
            "7654321B",
            "Situation",
        ):
            assert hidden not in content, hidden
        assert reverse("participants:edit", kwargs={"pk": nadia.pk}) not in content
        assert reverse("participants:reassign", kwargs={"pk": nadia.pk}) not in content

    def test_business_developer_is_not_offered_the_sections_closed_to_them(
        self, business_developer_client, counsellor_client, nadia
    ):
        closed = [
            reverse("steps:list", kwargs={"participant_pk": nadia.pk}),
            reverse("notes:list", kwargs={"participant_pk": nadia.pk}),
            reverse("referrals:list"),
        ]
        counsellor_page = counsellor_client.get(detail_url(nadia)).content.decode()
        developer_page = business_developer_client.get(detail_url(nadia)).content.decode()
        for url in closed:
            assert url in counsellor_page, url
            assert url not in developer_page, url
            assert business_developer_client.get(url).status_code == 403, url

    def test_the_referent_may_hand_over_and_change_the_phase(self, counsellor_client, participant):
        content = counsellor_client.get(detail_url(participant)).content.decode()
        assert reverse("participants:reassign", kwargs={"pk": participant.pk}) in content
        assert reverse("participants:change_phase", kwargs={"pk": participant.pk}) in content

    def test_a_colleague_may_change_the_phase_but_not_hand_over(self, colleague_client, participant):
        content = colleague_client.get(detail_url(participant)).content.decode()
        assert reverse("participants:reassign", kwargs={"pk": participant.pk}) not in content
        assert reverse("participants:change_phase", kwargs={"pk": participant.pk}) in content

    def test_lists_earlier_pathways_and_offers_a_new_one_when_all_are_closed(
        self, counsellor_client, territory, counsellor
    ):
        person = ParticipantFactory(first_name="Rachid", last_name="Amrani")
        PathwayFactory(
            participant=person,
            territory=territory,
            referent=counsellor,
            closed=True,
            entry_date=datetime.date(2023, 2, 1),
            closed_on=datetime.date(2023, 11, 30),
        )
        content = counsellor_client.get(detail_url(person)).content.decode()
        assert "Aucun accompagnement en cours" in content
        assert "du 01/02/2023 au 30/11/2023" in content
        assert reverse("participants:open_pathway", kwargs={"pk": person.pk}) in content

    def test_shows_the_latest_five_events(
        self, counsellor_client, participant, pathway, counsellor, colleague
    ):
        for phase in [Phase.WELCOME, Phase.TOWARDS_EMPLOYMENT, Phase.IN_EMPLOYMENT, Phase.TOWARDS_EMPLOYMENT]:
            pathway_change_phase(pathway=pathway, phase=phase, changed_by=counsellor)
        pathway_reassign_referent(pathway=pathway, new_referent=colleague, changed_by=counsellor)
        response = counsellor_client.get(detail_url(participant))
        assert len(response.context["events"]) == 5
        assert "Nouveau·elle référent·e : Frank Wojcik" in response.content.decode()

    def test_query_count_does_not_grow_with_pathways_and_events(
        self,
        counsellor_client,
        participant,
        pathway,
        territory,
        counsellor,
        colleague,
        manager,
        django_assert_num_queries,
        only_pathway_timeline,
    ):
        for index in range(3):
            PathwayFactory(
                participant=participant,
                territory=territory,
                referent=colleague,
                closed=True,
                entry_date=datetime.date(2020 + index, 1, 1),
                closed_on=datetime.date(2020 + index, 6, 1),
            )
        for phase in [Phase.WELCOME, Phase.IN_EMPLOYMENT, Phase.TOWARDS_EMPLOYMENT]:
            pathway_change_phase(pathway=pathway, phase=phase, changed_by=counsellor)
        pathway_reassign_referent(pathway=pathway, new_referent=colleague, changed_by=manager, reason="Congé")
        pathway_reassign_referent(
            pathway=pathway, new_referent=counsellor, changed_by=manager, reason="Retour"
        )
        # Session, user, memberships, participant, pathways, role; timeline: pathways, phase changes,
        # business-developer memberships, referent changes; referent choices; the barriers card's
        # constraints and open barriers count; the retention card's contracts; the audit trail's read;
        # session save (3).
        with django_assert_num_queries(18):
            response = counsellor_client.get(detail_url(participant))
        assert len(response.context["previous_pathways"]) == 3


@pytest.mark.django_db
class TestParticipantEdit:
    def data(self, participant, **overrides) -> dict:
        data = {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "birth_date": participant.birth_date.isoformat(),
            "phone": "+33 6 98 76 54 32",
            "email": "",
            "address": "",
            "commune": "",
            "postal_code": "",
            "income_support": "ass",
            "france_travail_id": "",
            "registered_since": "",
            "education_level": "4",
            "languages": "",
            "has_vehicle": "on",
        }
        data.update(overrides)
        return data

    def test_anonymous_visitor_is_sent_to_login(self, client, participant):
        assert client.get(edit_url(participant)).status_code == 302

    def test_counsellor_of_another_territory_gets_404(self, other_counsellor_client, participant):
        assert other_counsellor_client.get(edit_url(participant)).status_code == 404
        assert other_counsellor_client.post(edit_url(participant), self.data(participant)).status_code == 404

    def test_business_developer_may_not_edit(self, business_developer_client, participant):
        assert business_developer_client.get(edit_url(participant)).status_code == 403
        response = business_developer_client.post(edit_url(participant), self.data(participant))
        assert response.status_code == 403

    def test_a_counsellor_of_the_territory_edits_the_situation(self, colleague_client, participant):
        response = colleague_client.post(edit_url(participant), self.data(participant))
        participant.refresh_from_db()
        assert response.status_code == 302
        assert participant.phone == "06 98 76 54 32"
        assert participant.income_support == IncomeSupport.ASS
        assert participant.has_vehicle is True
        assert participant.education_level == "4"

    def test_renaming_updates_the_search(self, counsellor_client, participant):
        counsellor_client.post(edit_url(participant), self.data(participant, last_name="Benamar-Lefèvre"))
        assert list(Participant.objects.search("lefevre")) == [participant]

    def test_bad_input_is_refused_and_nothing_saved(self, counsellor_client, participant):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = counsellor_client.post(
            edit_url(participant),
            self.data(participant, first_name="Nadège", birth_date=tomorrow.isoformat(), phone="0612"),
        )
        participant.refresh_from_db()
        form = response.context["form"]
        assert response.status_code == 200
        assert set(form.errors) == {"birth_date", "phone"}
        assert participant.first_name == "Nadia"
        content = response.content.decode()
        assert 'value="Nadège"' in content
        # The header keeps the saved name, not the one being typed.
        assert "<h1>Nadia Benamar</h1>" in content

    def test_editing_warns_about_a_duplicate_but_not_about_itself(
        self, counsellor_client, participant, territory
    ):
        twin = PathwayFactory(
            territory=territory, participant__first_name="Nadia", participant__last_name="Benamar"
        )
        same_birth = twin.participant.birth_date.isoformat()
        response = counsellor_client.post(
            edit_url(participant), self.data(participant, birth_date=same_birth)
        )
        assert response.status_code == 200
        assert response.context["form"].duplicates[0].participant == twin.participant
        unchanged = counsellor_client.post(edit_url(participant), self.data(participant))
        assert unchanged.status_code == 302

    def test_the_edit_page_runs_a_fixed_number_of_queries(
        self, counsellor_client, participant, django_assert_num_queries
    ):
        # Session, user, memberships, participant, pathways, role, the audit trail's read; session
        # save (3).
        with django_assert_num_queries(10):
            response = counsellor_client.get(edit_url(participant))
        assert response.status_code == 200
