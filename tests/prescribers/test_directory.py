import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from tests.accounts.factories import UserFactory
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory

LIST_URL = reverse("prescribers:list")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def mission_locale(db) -> PrescriberOrganisation:
    organisation = PrescriberOrganisationFactory(
        name="Mission Locale de Lens-Liévin", kind=OrganisationKind.MISSION_LOCALE
    )
    PrescriberFactory(organisation=organisation, first_name="Hélène", last_name="Dupré")
    return organisation


@pytest.fixture
def departement(db) -> PrescriberOrganisation:
    organisation = PrescriberOrganisationFactory(
        name="Maison du Département Solidarité de l’Artois", kind=OrganisationKind.DEPARTEMENT
    )
    PrescriberFactory(organisation=organisation, first_name="Jérôme", last_name="Lefèvre")
    return organisation


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


@pytest.mark.django_db
class TestDirectoryAccess:
    def test_is_at_the_french_address(self):
        assert LIST_URL == "/prescripteurs/"

    def test_sends_anonymous_visitors_to_the_login_page(self, client):
        response = client.get(LIST_URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))

    def test_refuses_people_without_a_territory(self, client):
        client.force_login(UserFactory())
        assert client.get(LIST_URL).status_code == 403
        assert client.get(reverse("prescribers:organisation_create")).status_code == 403

    def test_is_shared_by_every_territory(self, counsellor_client, other_counsellor_client, mission_locale):
        # Organisations refer people to several antennas: Arras sees what Lens recorded.
        assert names(counsellor_client.get(LIST_URL)) == ["Mission Locale de Lens-Liévin"]
        assert names(other_counsellor_client.get(LIST_URL)) == ["Mission Locale de Lens-Liévin"]

    def test_business_developers_may_look_it_up_too(self, business_developer_client, mission_locale):
        assert business_developer_client.get(LIST_URL).status_code == 200


@pytest.mark.django_db
class TestDirectorySearch:
    def test_finds_an_organisation_without_accents_or_capitals(
        self, counsellor_client, mission_locale, departement
    ):
        assert names(counsellor_client.get(LIST_URL, {"q": "departement artois"})) == [departement.name]
        assert names(counsellor_client.get(LIST_URL, {"q": "LIEVIN"})) == [mission_locale.name]

    def test_finds_an_organisation_by_the_name_of_its_referent(
        self, counsellor_client, mission_locale, departement
    ):
        assert names(counsellor_client.get(LIST_URL, {"q": "helene dupre"})) == [mission_locale.name]
        assert names(counsellor_client.get(LIST_URL, {"q": "Lefevre"})) == [departement.name]

    def test_mixes_organisation_and_referent_words(self, counsellor_client, mission_locale, departement):
        assert names(counsellor_client.get(LIST_URL, {"q": "mission dupré"})) == [mission_locale.name]
        assert names(counsellor_client.get(LIST_URL, {"q": "mission lefèvre"})) == []

    def test_filters_by_kind(self, counsellor_client, mission_locale, departement):
        response = counsellor_client.get(LIST_URL, {"kind": OrganisationKind.DEPARTEMENT})
        assert names(response) == [departement.name]

    def test_says_when_nothing_matches(self, counsellor_client, mission_locale):
        response = counsellor_client.get(LIST_URL, {"q": "zzz"})
        assert "Aucun organisme ni aucun·e référent·e ne correspond à « zzz »." in response.content.decode()

    def test_answers_htmx_with_the_results_and_the_count(
        self, counsellor_client, mission_locale, departement
    ):
        response = counsellor_client.get(LIST_URL, {"q": "mission"}, headers=HTMX)
        content = response.content.decode()
        assert "<h1>" not in content
        assert 'hx-swap-oob="true"' in content
        assert "1 organisme" in content
        assert "Mission Locale de Lens-Liévin" in content
        assert response["Vary"].count("HX-Request") == 1

    def test_paginates_by_twenty(self, counsellor_client):
        PrescriberOrganisationFactory.create_batch(23)
        first = counsellor_client.get(LIST_URL)
        assert len(first.context["page"].object_list) == 20
        assert "Page 1 sur 2" in first.content.decode()
        second = counsellor_client.get(LIST_URL, {"page": 2})
        assert len(second.context["page"].object_list) == 3

    def test_query_count_does_not_grow_with_organisations_and_referents(
        self, counsellor_client, django_assert_num_queries
    ):
        for organisation in PrescriberOrganisationFactory.create_batch(3):
            PrescriberFactory.create_batch(2, organisation=organisation)
        # Session, user, memberships (header), count, organisations, their référents, session save (3).
        with django_assert_num_queries(9):
            response = counsellor_client.get(LIST_URL)
        assert len(response.context["page"].object_list) == 3
        for organisation in PrescriberOrganisationFactory.create_batch(10):
            PrescriberFactory.create_batch(3, organisation=organisation)
        with django_assert_num_queries(9):
            response = counsellor_client.get(LIST_URL)
        assert len(response.context["page"].object_list) == 13
        assert response.content.decode().count("<tr>") == 14


@pytest.mark.django_db
class TestPrescriberSearchForThePicker:
    url = reverse("prescribers:search")

    def test_lists_referents_as_buttons_holding_their_id(
        self, counsellor_client, mission_locale, departement
    ):
        helene = Prescriber.objects.get(last_name="Dupré")
        response = counsellor_client.get(self.url, {"q": "dupre"}, headers=HTMX)
        content = response.content.decode()
        assert response.status_code == 200
        assert f'data-picker-value="{helene.pk}"' in content
        assert 'type="button"' in content
        assert "Mission Locale de Lens-Liévin" in content
        assert "Lefèvre" not in content

    def test_finds_referents_by_their_organisation(self, counsellor_client, mission_locale, departement):
        response = counsellor_client.get(self.url, {"q": "mission locale"}, headers=HTMX)
        assert [p.last_name for p in response.context["prescribers"]] == ["Dupré"]

    def test_says_when_nobody_matches(self, counsellor_client, mission_locale):
        response = counsellor_client.get(self.url, {"q": "personne"}, headers=HTMX)
        assert "Aucun·e référent·e ne correspond à « personne »" in response.content.decode()

    def test_runs_a_fixed_number_of_queries(self, counsellor_client, django_assert_num_queries):
        organisation = PrescriberOrganisationFactory(name="France Travail Lens")
        PrescriberFactory.create_batch(15, organisation=organisation)
        # Session, user, memberships (staff check), référents with their organisation, session save (3).
        with django_assert_num_queries(7):
            response = counsellor_client.get(self.url, {"q": "france travail"}, headers=HTMX)
        assert len(response.context["prescribers"]) == 10

    def test_a_plain_visit_lands_on_the_directory(self, counsellor_client):
        response = counsellor_client.get(self.url, {"q": "mission"})
        assert response.status_code == 302
        assert response.url == "/prescripteurs/?q=mission"

    def test_sends_anonymous_visitors_to_the_login_page(self, client):
        response = client.get(self.url, {"q": "mission"}, headers=HTMX)
        # An HTMX request is sent to the login page as a whole page, not swapped into the picker.
        assert response["HX-Redirect"].startswith(reverse(settings.LOGIN_URL))
        assert "data-picker-value" not in response.content.decode()


@pytest.mark.django_db
class TestOrganisationPages:
    def test_shows_an_organisation_with_its_referents(self, other_counsellor_client, mission_locale):
        response = other_counsellor_client.get(
            reverse("prescribers:organisation_detail", kwargs={"pk": mission_locale.pk})
        )
        content = response.content.decode()
        assert "<h1>Mission Locale de Lens-Liévin</h1>" in content
        assert "Hélène Dupré" in content

    def test_detail_of_an_unknown_organisation_is_a_404(self, counsellor_client):
        response = counsellor_client.get(reverse("prescribers:organisation_detail", kwargs={"pk": 999999}))
        assert response.status_code == 404

    def test_creates_an_organisation_with_a_normalised_phone(self, counsellor_client):
        response = counsellor_client.post(
            reverse("prescribers:organisation_create"),
            {
                "name": "CCAS d’Arras",
                "kind": OrganisationKind.CCAS,
                "commune": "62041",
                "email": "accueil@ccas-arras.example.org",
                "phone": "+33 3 21 50 50 50",
            },
        )
        organisation = PrescriberOrganisation.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("prescribers:organisation_detail", kwargs={"pk": organisation.pk})
        assert organisation.phone == "03 21 50 50 50"
        assert organisation.commune.name == "Arras"
        assert organisation.search_name == "ccas d arras"

    def test_refuses_a_bad_phone_and_keeps_what_was_typed(self, counsellor_client):
        response = counsellor_client.post(
            reverse("prescribers:organisation_create"),
            {"name": "CCAS d’Arras", "kind": OrganisationKind.CCAS, "phone": "12345"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["phone"] == [
            "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78."
        ]
        assert "CCAS d’Arras" in response.content.decode()
        assert not PrescriberOrganisation.objects.exists()

    def test_refuses_a_twin_of_an_organisation_of_the_same_kind(self, counsellor_client, mission_locale):
        response = counsellor_client.post(
            reverse("prescribers:organisation_create"),
            {"name": "mission locale de lens lievin", "kind": OrganisationKind.MISSION_LOCALE},
        )
        assert response.context["form"].errors["name"] == [
            "« Mission Locale de Lens-Liévin » figure déjà dans l’annuaire avec ce type."
        ]
        assert PrescriberOrganisation.objects.count() == 1

    def test_edits_an_organisation(self, counsellor_client, mission_locale):
        url = reverse("prescribers:organisation_update", kwargs={"pk": mission_locale.pk})
        response = counsellor_client.post(
            url, {"name": "Mission Locale Lens-Liévin", "kind": OrganisationKind.MISSION_LOCALE}
        )
        assert response.status_code == 302
        mission_locale.refresh_from_db()
        assert mission_locale.name == "Mission Locale Lens-Liévin"
        assert mission_locale.search_name == "mission locale lens lievin"

    def test_editing_keeps_its_own_name_without_calling_it_a_twin(self, counsellor_client, mission_locale):
        url = reverse("prescribers:organisation_update", kwargs={"pk": mission_locale.pk})
        response = counsellor_client.post(url, {"name": mission_locale.name, "kind": mission_locale.kind})
        assert response.status_code == 302

    def test_adds_a_referent_to_an_organisation(self, counsellor_client, mission_locale):
        url = reverse("prescribers:prescriber_create", kwargs={"organisation_pk": mission_locale.pk})
        response = counsellor_client.post(
            url,
            {
                "first_name": "Amandine",
                "last_name": "Caudron",
                "job_title": "Conseillère",
                "email": "a.caudron@ml-lens.example.org",
                "phone": "0321000001",
            },
        )
        assert response.status_code == 302
        amandine = mission_locale.prescribers.get(last_name="Caudron")
        assert amandine.phone == "03 21 00 00 01"
        assert amandine.search_name == "amandine caudron"

    def test_refuses_a_referent_without_a_name(self, counsellor_client, mission_locale):
        url = reverse("prescribers:prescriber_create", kwargs={"organisation_pk": mission_locale.pk})
        response = counsellor_client.post(url, {"first_name": "", "last_name": "", "email": "pas-un-email"})
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["first_name"] == ["Ce champ est obligatoire."]
        assert errors["email"] == ["Saisissez une adresse de courriel valide."]
        assert mission_locale.prescribers.count() == 1

    def test_edits_a_referent(self, counsellor_client, mission_locale):
        helene = mission_locale.prescribers.get()
        url = reverse("prescribers:prescriber_update", kwargs={"pk": helene.pk})
        response = counsellor_client.post(
            url, {"first_name": "Hélène", "last_name": "Dupré-Martel", "email": "", "phone": ""}
        )
        assert response.status_code == 302
        helene.refresh_from_db()
        assert helene.last_name == "Dupré-Martel"

    def test_changes_need_a_post(self, counsellor_client, mission_locale):
        url = reverse("prescribers:organisation_update", kwargs={"pk": mission_locale.pk})
        assert counsellor_client.put(url).status_code == 405

    def test_pages_speak_english_when_asked(self, counsellor_client):
        with translation.override("en"):
            response = counsellor_client.get(LIST_URL, headers={"Accept-Language": "en"})
        assert response.status_code == 200
