import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chemin.companies.enums import Relationship
from chemin.companies.models import Company
from tests.companies.factories import ARRAS, LIEVIN, SIRETS, log, make_company, make_contact

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "name": "Boulangerie Ducrocq",
        "siret": "802 145 730 00023",
        "naf_code": "1071c",
        "size_band": "1-9",
        "relationship": Relationship.PROSPECT,
        "address": "3 place de la République",
        "commune": LIEVIN,
        "postal_code": "62800",
        "hosts_immersions": "on",
        "followed_by": "",
    }
    data.update(overrides)
    return data


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


class TestCompanyList:
    def test_lists_the_companies_of_the_current_territory_only(
        self, business_developer_client, territory, other_territory
    ):
        make_company(territory, name="Drive Leclerc Liévin")
        make_company(other_territory, name="EHPAD Saint-Vaast", insee=ARRAS)
        content = business_developer_client.get(reverse("companies:list")).content.decode()
        assert "Drive Leclerc Liévin" in content
        assert "Saint-Vaast" not in content

    def test_searches_by_name_without_accents_and_by_siret_or_siren(self, counsellor_client, territory):
        make_company(territory, name="Pâtisserie Lemaire", siret=SIRETS[0])
        make_company(territory, name="Menuiserie Caron", siret=SIRETS[1])
        url = reverse("companies:list")

        def names(**params):
            return [c.name for c in counsellor_client.get(url, params).context["page"].object_list]

        assert names(q="patisserie") == ["Pâtisserie Lemaire"]
        assert names(q="MENUISERIE car") == ["Menuiserie Caron"]
        assert names(q="802 145 730 00023") == ["Pâtisserie Lemaire"]
        assert names(q="413879206") == ["Menuiserie Caron"]

    def test_filters_by_relationship_and_days_without_contact(self, counsellor_client, territory):
        make_company(
            territory, name="A recent partner", relationship=Relationship.PARTNER, days_since_contact=3
        )
        make_company(
            territory, name="B forgotten partner", relationship=Relationship.PARTNER, days_since_contact=40
        )
        make_company(territory, name="C never called")
        url = reverse("companies:list")
        page = counsellor_client.get(url, {"relationship": Relationship.PARTNER}).context["page"]
        assert [c.name for c in page.object_list] == ["A recent partner", "B forgotten partner"]
        page = counsellor_client.get(url, {"not_contacted_for": 30}).context["page"]
        assert [c.name for c in page.object_list] == ["B forgotten partner", "C never called"]

    def test_sorts_by_last_contact_oldest_first_and_shows_the_days(self, counsellor_client, territory):
        make_company(territory, name="A", days_since_contact=3)
        make_company(territory, name="B", days_since_contact=40)
        make_company(territory, name="C")
        response = counsellor_client.get(reverse("companies:list"), {"sort": "last_contact"})
        assert [c.name for c in response.context["page"].object_list] == ["C", "B", "A"]
        content = response.content.decode()
        assert "Jamais contactée" in content
        assert "il y a 40 jours" in content

    def test_an_invalid_filter_is_ignored(self, counsellor_client, territory):
        make_company(territory, name="A")
        response = counsellor_client.get(reverse("companies:list"), {"not_contacted_for": "abc"})
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == 1

    def test_query_count_does_not_grow_with_companies(self, counsellor_client, territory):
        url = reverse("companies:list")
        for _ in range(2):
            make_company(territory, days_since_contact=10)
        two = _queries(counsellor_client, url)
        for _ in range(4):
            make_company(territory, days_since_contact=50)
        assert _queries(counsellor_client, url) == two
        assert _queries(counsellor_client, url, {"sort": "last_contact", "q": "entreprise"}) == two


class TestCompanyCreate:
    def test_business_developer_creates_a_company_with_siret_typed_with_spaces(
        self, business_developer_client, business_developer, territory
    ):
        response = business_developer_client.post(reverse("companies:create"), _form_data())
        company = Company.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("companies:detail", kwargs={"pk": company.pk})
        assert company.territory == territory
        assert company.siret == SIRETS[0]
        assert company.siren == "802145730"
        assert company.naf_code == "10.71C"
        assert company.naf_sector_id == "10"
        assert company.commune_id == LIEVIN and company.postal_code == "62800"
        assert company.hosts_immersions is True

    def test_postal_code_is_filled_when_the_commune_has_only_one(self, counsellor_client):
        counsellor_client.post(reverse("companies:create"), _form_data(postal_code=""))
        assert Company.objects.get().postal_code == "62800"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("siret", "802 145 730 00024", "Ce SIRET n’existe pas"),
            ("siret", "80214573", "Un SIRET a 14 chiffres"),
            ("naf_code", "34.10Z", "Code NAF inconnu"),
            ("naf_code", "boulangerie", "Un code NAF s’écrit comme 47.11F"),
            ("postal_code", "62300", "ne correspond pas à la commune choisie"),
            ("commune", "99999", "Code de commune inconnu"),
        ],
    )
    def test_refuses_bad_input_with_a_french_error_on_the_field_and_keeps_what_was_typed(
        self, business_developer_client, field, value, message
    ):
        response = business_developer_client.post(reverse("companies:create"), _form_data(**{field: value}))
        assert response.status_code == 400
        form = response.context["form"]
        assert list(form.errors) == [field]
        assert message in " ".join(form.errors[field])
        content = response.content.decode()
        assert 'value="Boulangerie Ducrocq"' in content
        assert f'value="{value}"' in content
        assert not Company.objects.exists()

    def test_a_postal_code_without_commune_is_refused(self, business_developer_client):
        response = business_developer_client.post(reverse("companies:create"), _form_data(commune=""))
        assert response.status_code == 400
        assert "Choisissez la commune" in " ".join(response.context["form"].errors["commune"])

    def test_a_duplicate_siret_in_the_territory_links_to_the_existing_company(
        self, business_developer_client, territory
    ):
        existing = make_company(territory, name="Drive Leclerc Liévin", siret=SIRETS[0])
        response = business_developer_client.post(reverse("companies:create"), _form_data())
        assert response.status_code == 400
        content = response.content.decode()
        assert "Une entreprise de ce territoire a déjà ce SIRET" in content
        assert (
            f'<a href="{reverse("companies:detail", kwargs={"pk": existing.pk})}">Drive Leclerc Liévin</a>'
            in content
        )
        assert Company.objects.count() == 1

    def test_the_same_siret_may_exist_in_another_territory(self, business_developer_client, other_territory):
        make_company(other_territory, siret=SIRETS[0], insee=ARRAS)
        assert business_developer_client.post(reverse("companies:create"), _form_data()).status_code == 302
        assert Company.objects.count() == 2

    def test_a_company_may_be_created_without_siret_nor_address(self, counsellor_client):
        data = _form_data(siret="", naf_code="", commune="", postal_code="", address="")
        assert counsellor_client.post(reverse("companies:create"), data).status_code == 302
        company = Company.objects.get()
        assert company.siret == "" and company.naf_sector is None


class TestCompanyUpdate:
    def test_edits_the_company_and_keeps_its_own_siret(self, manager_client, territory):
        company = make_company(territory, name="Boulangerie", siret=SIRETS[0], insee=LIEVIN)
        data = _form_data(name="Boulangerie Ducrocq et fils", relationship=Relationship.PARTNER)
        response = manager_client.post(reverse("companies:update", kwargs={"pk": company.pk}), data)
        assert response.status_code == 302
        company.refresh_from_db()
        assert company.name == "Boulangerie Ducrocq et fils"
        assert company.search_name == "boulangerie ducrocq et fils"
        assert company.relationship == Relationship.PARTNER

    def test_refuses_the_siret_of_another_company_of_the_territory(self, manager_client, territory):
        make_company(territory, name="Other", siret=SIRETS[0])
        company = make_company(territory, name="Mine", siret=SIRETS[1])
        response = manager_client.post(reverse("companies:update", kwargs={"pk": company.pk}), _form_data())
        assert response.status_code == 400
        company.refresh_from_db()
        assert company.siret == SIRETS[1] and company.name == "Mine"


class TestCompanyDetail:
    def test_shows_facts_commitments_contacts_and_interactions_newest_first(
        self, business_developer_client, business_developer, territory
    ):

        company = make_company(
            territory,
            name="EHPAD Les Tilleuls",
            siret=SIRETS[2],
            naf_code="87.10A",
            inclusive_hiring_charter=True,
        )
        contact = make_contact(company, first_name="Fatima", last_name="Haddou", phone="03 21 78 45 12")
        log(company, business_developer, days_ago=10, summary="Première visite.")
        log(company, business_developer, days_ago=1, summary="Rappel du besoin.", contact=contact)
        response = business_developer_client.get(reverse("companies:detail", kwargs={"pk": company.pk}))
        content = response.content.decode()
        assert "776 512 089" not in content and "776512089" in content  # SIREN shown
        assert "87.10A" in content
        assert "charte" in content.lower()
        assert "Fatima Haddou" in content
        assert content.index("Rappel du besoin.") < content.index("Première visite.")

    def test_query_count_does_not_grow_with_contacts_and_interactions(
        self, business_developer_client, business_developer, territory
    ):

        company = make_company(territory)
        url = reverse("companies:detail", kwargs={"pk": company.pk})

        def add(n):
            for index in range(n):
                contact = make_contact(company, first_name=f"P{index}")
                log(
                    company,
                    business_developer,
                    days_ago=index,
                    contact=contact,
                    next_action="Rappeler",
                    next_action_on=company.created_at.date(),
                )

        add(2)
        two = _queries(business_developer_client, url)
        add(4)
        assert _queries(business_developer_client, url) == two


class TestPermissions:
    @pytest.fixture
    def company(self, territory, business_developer):

        company = make_company(territory, name="Drive Leclerc Liévin")
        contact = make_contact(company)
        log(
            company,
            business_developer,
            contact=contact,
            next_action="Rappeler",
            next_action_on=company.created_at.date(),
        )
        return company

    def _urls(self, company):
        contact = company.contacts.get()
        interaction = company.interactions.get()
        return [
            ("get", reverse("companies:detail", kwargs={"pk": company.pk})),
            ("get", reverse("companies:update", kwargs={"pk": company.pk})),
            ("post", reverse("companies:update", kwargs={"pk": company.pk})),
            ("get", reverse("companies:contact_create", kwargs={"company_pk": company.pk})),
            ("get", reverse("companies:contact_update", kwargs={"pk": contact.pk})),
            ("post", reverse("companies:contact_deactivate", kwargs={"pk": contact.pk})),
            ("get", reverse("companies:interaction_create", kwargs={"company_pk": company.pk})),
            ("post", reverse("companies:interaction_create", kwargs={"company_pk": company.pk})),
            ("post", reverse("companies:next_action_done", kwargs={"pk": interaction.pk})),
        ]

    def test_another_territory_gets_a_404_on_every_company_url(self, other_counsellor_client, company):
        for method, url in self._urls(company):
            assert getattr(other_counsellor_client, method)(url).status_code == 404, url
        company.refresh_from_db()
        assert company.contacts.get().is_active
        assert not company.interactions.get().next_action_done

    def test_anonymous_people_are_sent_to_the_login_page(self, client, company):
        urls = [
            ("get", reverse("companies:list")),
            ("get", reverse("companies:today")),
            ("get", reverse("companies:create")),
            *self._urls(company),
        ]
        for method, url in urls:
            response = getattr(client, method)(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login")), url

    def test_someone_without_territory_gets_the_403_page(self, client, company):
        from tests.accounts.factories import UserFactory

        client.force_login(UserFactory())
        assert client.get(reverse("companies:list")).status_code == 403
        assert client.get(reverse("companies:today")).status_code == 403
        assert client.get(reverse("companies:detail", kwargs={"pk": company.pk})).status_code == 403

    @pytest.mark.parametrize("persona", ["counsellor", "manager", "business_developer", "colleague"])
    def test_every_staff_role_of_the_territory_may_open_and_edit(self, persona, request, company):
        from django.test import Client

        client = Client()
        client.force_login(request.getfixturevalue(persona))
        for method, url in self._urls(company)[:2]:
            assert getattr(client, method)(url).status_code == 200, url
