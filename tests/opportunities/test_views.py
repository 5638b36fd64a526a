import pytest
from django.urls import reverse

from chemin.opportunities.enums import OpportunityStatus, PlacementStatus
from chemin.opportunities.models import Opportunity, Placement
from chemin.opportunities.services import opportunity_set_status, placement_create
from tests.opportunities.factories import make_company, make_interaction, make_opportunity, make_wish
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db

BARRIER_WORDS = [
    "Contraintes familiales",
    "Santé",
    "Mes enfants",
    "Mal de dos",
    "Crèche Les Petits Pas",
    "Centre de santé du Bassin",
]


def _form_data(**overrides):
    data = {
        "rome_job": "D1505",
        "title": "Hôte de caisse en drive",
        "contract_type": "cdd",
        "hours_per_week": "24",
        "schedule_patterns": ["day"],
        "start_time": "09:00",
        "end_time": "16:00",
        "commune": "",
        "positions": "2",
        "on_public_transport_line": "on",
    }
    data.update(overrides)
    return data


class TestCreate:
    def test_a_business_developer_creates_an_offer_from_a_call_in_one_step(
        self, business_developer_client, business_developer, company
    ):
        interaction = make_interaction(company, business_developer)
        url = reverse("opportunities:create_from_interaction", kwargs={"interaction_pk": interaction.pk})
        page = business_developer_client.get(url)
        assert page.status_code == 200
        assert "Karine Delcourt" in page.content.decode()
        response = business_developer_client.post(url, _form_data(contact=interaction.contact_id))
        opportunity = Opportunity.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("opportunities:candidates", kwargs={"pk": opportunity.pk})
        assert opportunity.from_interaction == interaction
        assert opportunity.company == company
        assert opportunity.commune == company.commune
        assert opportunity.schedule_patterns == ["day"]
        assert opportunity.created_by == business_developer

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"commune": "99999"}, "Code de commune inconnu"),
            ({"start_time": "17:00", "end_time": "08:00"}, "ne peut pas finir avant"),
            ({"positions": "0"}, "au moins un poste"),
            ({"rome_job": ""}, "Choisissez le métier ROME"),
        ],
    )
    def test_refuses_bad_input_with_a_french_error_and_keeps_the_rest(
        self, counsellor_client, company, overrides, message
    ):
        url = reverse("opportunities:create", kwargs={"company_pk": company.pk})
        response = counsellor_client.post(url, _form_data(**overrides))
        assert response.status_code == 400
        content = response.content.decode()
        assert message in content
        assert "Hôte de caisse en drive" in content
        assert not Opportunity.objects.exists()

    def test_another_territory_cannot_create_on_a_company_or_interaction(
        self, other_counsellor_client, company, business_developer
    ):
        interaction = make_interaction(company, business_developer)
        for url in [
            reverse("opportunities:create", kwargs={"company_pk": company.pk}),
            reverse("opportunities:create_from_interaction", kwargs={"interaction_pk": interaction.pk}),
        ]:
            assert other_counsellor_client.get(url).status_code == 404
            assert other_counsellor_client.post(url, _form_data()).status_code == 404


class TestListAndDetail:
    def test_lists_the_open_offers_of_the_current_territory(
        self, counsellor_client, company, business_developer, other_territory, django_assert_num_queries
    ):
        make_opportunity(company, business_developer, title="Caissière")
        closed = make_opportunity(company, business_developer, title="Employé de rayon")
        opportunity_set_status(
            opportunity=closed, status=OpportunityStatus.CLOSED, changed_by=business_developer
        )
        make_opportunity(make_company(other_territory), business_developer, title="Poste à Arras")
        content = counsellor_client.get(reverse("opportunities:list")).content.decode()
        assert "Caissière" in content
        assert "Employé de rayon" not in content
        assert "Poste à Arras" not in content
        content = counsellor_client.get(reverse("opportunities:list"), {"status": "closed"}).content.decode()
        assert "Employé de rayon" in content
        content = counsellor_client.get(
            reverse("opportunities:list"), {"search": "D1505", "status": ""}
        ).content.decode()
        assert "Caissière" in content

    def test_list_query_count_does_not_grow(
        self, counsellor_client, company, business_developer, django_assert_num_queries
    ):
        for index in range(2):
            make_opportunity(company, business_developer, title=f"Poste {index}")
        with django_assert_num_queries(8) as first:
            counsellor_client.get(reverse("opportunities:list"))
        for index in range(4):
            make_opportunity(company, business_developer, title=f"Autre {index}")
        with django_assert_num_queries(len(first.captured_queries)):
            counsellor_client.get(reverse("opportunities:list"))

    def test_another_territory_gets_a_404_everywhere(
        self, other_counsellor_client, shift_job, nadia, counsellor
    ):
        placement = placement_create(pathway=nadia, opportunity=shift_job, created_by=counsellor)
        gets = [
            reverse("opportunities:detail", kwargs={"pk": shift_job.pk}),
            reverse("opportunities:update", kwargs={"pk": shift_job.pk}),
            reverse("opportunities:candidates", kwargs={"pk": shift_job.pk}),
            reverse("participant_opportunities:list", kwargs={"participant_pk": nadia.participant_id}),
        ]
        for url in gets:
            assert other_counsellor_client.get(url).status_code == 404, url
        posts = [
            (reverse("opportunities:set_status", kwargs={"pk": shift_job.pk}), {"status": "closed"}),
            (reverse("opportunities:propose", kwargs={"pk": shift_job.pk}), {"pathway": nadia.pk}),
            (reverse("opportunities:placement_status", kwargs={"pk": placement.pk}), {"status": "withdrawn"}),
        ]
        for url, data in posts:
            assert other_counsellor_client.post(url, data).status_code == 404, url
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.PROPOSED
        shift_job.refresh_from_db()
        assert shift_job.status == OpportunityStatus.OPEN

    def test_close_then_fill(self, business_developer_client, shift_job):
        url = reverse("opportunities:set_status", kwargs={"pk": shift_job.pk})
        business_developer_client.post(url, {"status": "filled"})
        shift_job.refresh_from_db()
        assert shift_job.status == OpportunityStatus.FILLED


class TestCandidates:
    def test_a_business_developer_sees_the_job_facing_profile_only(
        self, business_developer_client, shift_job, nadia, partners
    ):
        response = business_developer_client.get(
            reverse("opportunities:candidates", kwargs={"pk": shift_job.pk})
        )
        content = response.content.decode()
        assert "Nadia Benamar" in content
        assert "Seulement dans une plage horaire : de 09:00 à 16:30" in content
        assert "Travailler en caisse" in content
        for word in BARRIER_WORDS:
            assert word not in content, word
        # The lever tells there is something to work on, without saying what.
        assert "voir avec son ou sa conseillère" in content or "conseill" in content

    def test_ranks_compatible_first_and_keeps_not_now_collapsed(
        self, counsellor_client, shift_job, nadia, territory, counsellor
    ):
        other = PathwayFactory(territory=territory, referent=counsellor, participant__first_name="Zoé")
        make_wish(other, "D1505")
        content = counsellor_client.get(
            reverse("opportunities:candidates", kwargs={"pk": shift_job.pk})
        ).content.decode()
        assert content.index("Zoé") < content.index("Nadia Benamar")
        assert "<details" in content

    def test_proposing_creates_a_placement_and_the_first_job_proposal(
        self, business_developer_client, shift_job, nadia
    ):
        url = reverse("opportunities:propose", kwargs={"pk": shift_job.pk})
        response = business_developer_client.post(url, {"pathway": nadia.pk})
        assert response.status_code == 302
        placement = Placement.objects.get()
        assert placement.pathway == nadia
        nadia.refresh_from_db()
        assert nadia.first_job_proposal_on is not None

    def test_proposing_on_a_closed_offer_is_refused_with_the_reason(
        self, business_developer_client, business_developer, shift_job, nadia
    ):
        opportunity_set_status(
            opportunity=shift_job, status=OpportunityStatus.CLOSED, changed_by=business_developer
        )
        url = reverse("opportunities:propose", kwargs={"pk": shift_job.pk})
        response = business_developer_client.post(url, {"pathway": nadia.pk}, follow=True)
        assert "Cette offre est fermée" in response.content.decode()
        assert not Placement.objects.exists()

    def test_query_count_does_not_grow_with_candidates(
        self, counsellor_client, shift_job, nadia, territory, counsellor, partners, django_assert_num_queries
    ):
        def add(count):
            for _index in range(count):
                make_wish(PathwayFactory(territory=territory, referent=counsellor), "D1505", "N1103")

        add(1)
        url = reverse("opportunities:candidates", kwargs={"pk": shift_job.pk})
        # Pre-filter, reach rows, lean ranking rows of the people within reach, then full rows
        # for display only (the people, their wishes, their constraints): a constant 18.
        with django_assert_num_queries(18) as two:
            counsellor_client.get(url)
        add(4)
        with django_assert_num_queries(len(two.captured_queries)):
            response = counsellor_client.get(url)
        content = response.content.decode()
        assert content.count('class="match"') == 6
        # Each person's wish, in their words, with its ROME codes in order.
        assert content.count("Travailler en caisse (D1505) (N1103)") == 5


class TestParticipantOffers:
    def test_the_referent_sees_levers_naming_barriers_and_partners(
        self, counsellor_client, shift_job, nadia, partners
    ):
        content = counsellor_client.get(
            reverse("participant_opportunities:list", kwargs={"participant_pk": nadia.participant_id})
        ).content.decode()
        assert "Hôte de caisse en 2x8" in content
        assert "Crèche Les Petits Pas" in content
        assert "Centre de santé du Bassin" in content

    def test_a_colleague_does_not_see_the_health_barrier_behind_a_lever(
        self, colleague_client, shift_job, nadia, partners
    ):
        content = colleague_client.get(
            reverse("participant_opportunities:list", kwargs={"participant_pk": nadia.participant_id})
        ).content.decode()
        assert "Crèche Les Petits Pas" in content
        assert "Centre de santé du Bassin" not in content
        assert "Santé" not in content
        assert "frein à accès restreint" in content

    def test_a_business_developer_sees_the_job_facing_version(
        self, business_developer_client, shift_job, nadia, partners
    ):
        content = business_developer_client.get(
            reverse("participant_opportunities:list", kwargs={"participant_pk": nadia.participant_id})
        ).content.decode()
        assert "Hôte de caisse en 2x8" in content
        for word in BARRIER_WORDS:
            assert word not in content, word

    def test_query_count_does_not_grow_with_offers(
        self, counsellor_client, company, business_developer, nadia, partners, django_assert_num_queries
    ):
        url = reverse("participant_opportunities:list", kwargs={"participant_pk": nadia.participant_id})
        for index in range(2):
            job = make_opportunity(company, business_developer, title=f"Poste {index}")
        placement_create(pathway=nadia, opportunity=job, created_by=business_developer)
        with django_assert_num_queries(20) as two:
            counsellor_client.get(url)
        for index in range(4):
            make_opportunity(company, business_developer, title=f"Autre {index}")
        with django_assert_num_queries(len(two.captured_queries)):
            response = counsellor_client.get(url)
        assert response.content.decode().count('class="match"') == 6

    def test_changing_a_placement_status(self, counsellor_client, shift_job, nadia, counsellor):
        placement = placement_create(pathway=nadia, opportunity=shift_job, created_by=counsellor)
        url = reverse("opportunities:placement_status", kwargs={"pk": placement.pk})
        counsellor_client.post(url, {"status": "accepted_by_person"})
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.ACCEPTED_BY_PERSON
        response = counsellor_client.post(url, {"status": "hired"}, follow=True)
        assert "ne peut pas passer" in response.content.decode()
        response = counsellor_client.post(url, {"status": "refused"}, follow=True)
        assert "Dites pourquoi" in response.content.decode()
        counsellor_client.post(url, {"status": "refused", "refusal_reason": "barrier_incompatible"})
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.REFUSED


class TestFirstProposalFigures:
    def test_the_caseload_and_the_file_show_the_days_to_the_first_proposal(
        self, counsellor_client, shift_job, nadia, counsellor
    ):
        placement_create(pathway=nadia, opportunity=shift_job, created_by=counsellor)
        caseload = counsellor_client.get(reverse("participants:caseload")).content.decode()
        assert "1re proposition : J+40" in caseload
        detail = counsellor_client.get(
            reverse("participants:detail", kwargs={"pk": nadia.participant_id})
        ).content.decode()
        assert "40 jours (proposition le" in detail


class TestUpdate:
    def test_edits_the_offer_and_keeps_the_company_commune_when_left_empty(
        self, counsellor_client, shift_job, company
    ):
        url = reverse("opportunities:update", kwargs={"pk": shift_job.pk})
        assert counsellor_client.get(url).status_code == 200
        response = counsellor_client.post(url, _form_data(title="Hôte de caisse, journée"))
        assert response.status_code == 302
        shift_job.refresh_from_db()
        assert shift_job.title == "Hôte de caisse, journée"
        assert shift_job.commune == company.commune
