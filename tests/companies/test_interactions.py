import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.companies.enums import Channel
from chemin.companies.models import CompanyContact, CompanyInteraction
from tests.companies.factories import log, make_company, make_contact

pytestmark = pytest.mark.django_db


def _days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


class TestContacts:
    def test_adds_a_contact_with_a_french_phone_number(self, business_developer_client, territory):
        company = make_company(territory)
        url = reverse("companies:contact_create", kwargs={"company_pk": company.pk})
        data = {"first_name": "Karine", "last_name": "Delcourt", "job_title": "RH", "phone": "+33321203040"}
        response = business_developer_client.post(url, {**data, "email": "k.delcourt@example.org"})
        assert response.status_code == 302
        contact = CompanyContact.objects.get()
        assert contact.phone == "03 21 20 30 40" and contact.company == company

    def test_refuses_a_bad_phone_or_email_and_keeps_what_was_typed(
        self, business_developer_client, territory
    ):
        company = make_company(territory)
        url = reverse("companies:contact_create", kwargs={"company_pk": company.pk})
        data = {"first_name": "Karine", "last_name": "Delcourt", "phone": "12 34", "email": "karine@"}
        response = business_developer_client.post(url, data)
        assert response.status_code == 400
        errors = response.context["form"].errors
        assert "numéro" in errors["phone"][0] and "adresse" in errors["email"][0].lower()
        assert 'value="Delcourt"' in response.content.decode()
        assert not CompanyContact.objects.exists()

    def test_edits_then_deactivates_a_contact_kept_for_history(
        self, counsellor_client, counsellor, territory
    ):
        company = make_company(territory)
        contact = make_contact(company)
        log(company, counsellor, contact=contact)
        url = reverse("companies:contact_update", kwargs={"pk": contact.pk})
        data = {"first_name": "Karine", "last_name": "Delcourt-Petit", "phone": "06 11 22 33 44"}
        assert counsellor_client.post(url, data).status_code == 302
        assert counsellor_client.get(url).status_code == 200
        response = counsellor_client.post(reverse("companies:contact_deactivate", kwargs={"pk": contact.pk}))
        assert response.status_code == 302
        contact.refresh_from_db()
        assert contact.last_name == "Delcourt-Petit" and not contact.is_active
        form_page = counsellor_client.get(
            reverse("companies:interaction_create", kwargs={"company_pk": company.pk})
        )
        assert list(form_page.context["form"].fields["contact"].queryset) == []

    def test_deactivating_needs_a_post(self, counsellor_client, territory):
        contact = make_contact(make_company(territory))
        url = reverse("companies:contact_deactivate", kwargs={"pk": contact.pk})
        assert counsellor_client.get(url).status_code == 405


class TestInteractionLog:
    def _post(self, client, company, **overrides):
        data = {
            "date": _days(0),
            "channel": Channel.CALL,
            "contact": "",
            "summary": "Besoin de deux préparateurs de commandes.",
            "outcome": "Deux postes en CDD.",
            "next_action": "Envoyer deux profils",
            "next_action_on": _days(3),
        }
        data.update(overrides)
        return client.post(reverse("companies:interaction_create", kwargs={"company_pk": company.pk}), data)

    def test_logs_a_call_and_moves_the_last_contact_forward(
        self, business_developer_client, business_developer, territory
    ):
        company = make_company(territory, days_since_contact=20)
        contact = make_contact(company)
        response = self._post(business_developer_client, company, contact=contact.pk)
        interaction = CompanyInteraction.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"?echange={interaction.pk}#echange-{interaction.pk}")
        assert interaction.staff == business_developer and interaction.contact == contact
        company.refresh_from_db()
        assert company.last_contact_on == timezone.localdate()

    def test_an_older_interaction_does_not_move_the_last_contact_back(self, counsellor_client, territory):
        company = make_company(territory, days_since_contact=2)
        assert (
            self._post(counsellor_client, company, date=_days(-10), next_action_on=_days(-5)).status_code
            == 302
        )
        company.refresh_from_db()
        assert company.last_contact_on == timezone.localdate() - datetime.timedelta(days=2)

    def test_the_page_after_logging_offers_to_create_an_offer_when_that_page_exists(
        self, business_developer_client, territory
    ):
        from django.urls import NoReverseMatch

        company = make_company(territory)
        response = self._post(business_developer_client, company)
        content = business_developer_client.get(response["Location"]).content.decode()
        assert "Échange enregistré" in content
        interaction = CompanyInteraction.objects.get()
        try:
            url = reverse("opportunities:create_from_interaction", kwargs={"interaction_pk": interaction.pk})
        except NoReverseMatch:
            assert "Créer une offre à partir de cet échange" not in content
        else:
            assert f'href="{url}"' in content

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"date": _days(1), "next_action_on": _days(2)}, "date", "ne peut pas être dans le futur"),
            ({"next_action_on": _days(-1)}, "next_action_on", "avant l’échange"),
            ({"next_action_on": ""}, "next_action_on", "Indiquez la date"),
            ({"next_action": ""}, "next_action", "Précisez"),
            ({"summary": ""}, "summary", "obligatoire"),
            ({"channel": "fax"}, "channel", "valide"),
        ],
    )
    def test_refuses_bad_input_and_saves_nothing(
        self, counsellor_client, territory, overrides, field, message
    ):
        company = make_company(territory)
        response = self._post(counsellor_client, company, **overrides)
        assert response.status_code == 400
        errors = response.context["form"].errors
        assert list(errors) == [field]
        assert message in errors[field][0]
        assert not CompanyInteraction.objects.exists()
        company.refresh_from_db()
        assert company.last_contact_on is None

    def test_refuses_a_contact_of_another_company(self, counsellor_client, territory):
        company = make_company(territory)
        stranger = make_contact(make_company(territory), first_name="Other")
        response = self._post(counsellor_client, company, contact=stranger.pk)
        assert response.status_code == 400
        assert "contact" in response.context["form"].errors
        assert not CompanyInteraction.objects.exists()

    def test_marks_a_next_action_done_and_goes_back_to_my_day(self, counsellor_client, counsellor, territory):
        company = make_company(territory)
        interaction = log(
            company, counsellor, days_ago=5, next_action="Rappeler", next_action_on=timezone.localdate()
        )
        url = reverse("companies:next_action_done", kwargs={"pk": interaction.pk})
        response = counsellor_client.post(url, {"next": reverse("companies:today")})
        assert response["Location"] == reverse("companies:today")
        interaction.refresh_from_db()
        assert interaction.next_action_done
        response = counsellor_client.post(url, {"next": "https://evil.example.org/"})
        assert response["Location"].startswith(reverse("companies:detail", kwargs={"pk": company.pk}))
        assert counsellor_client.get(url).status_code == 405
