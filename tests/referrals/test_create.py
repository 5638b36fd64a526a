import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from tests.accounts.factories import UserFactory
from tests.referrals.factories import days_ago

URL = reverse("referrals:create")


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def data(prescriber, territory) -> dict[str, str]:
    """A complete referral naming a référent of the directory."""
    return {
        "prescriber_mode": "existing",
        "prescriber": str(prescriber.pk),
        "referred_on": days_ago(3).isoformat(),
        "territory": str(territory.pk),
        "reason": "Mme Lecomte, 41 ans, ASS, souhaite un poste d’agent d’entretien à temps partiel ; pas de véhicule.",
        "first_name": "Valérie",
        "last_name": "Lecomte",
        "birth_date": "1985-02-20",
        "email": "valerie.lecomte@example.org",
        "phone": "+33 6 45 12 78 90",
    }


NEW_PRESCRIBER = {
    "prescriber_mode": "new",
    "prescriber": "",
    "new_organisation_name": "CCAS de Liévin",
    "new_organisation_kind": OrganisationKind.CCAS,
    "new_first_name": "Martine",
    "new_last_name": "Dhainaut",
    "new_email": "m.dhainaut@ccas-lievin.example.org",
    "new_phone": "03.21.44.55.66",
}


@pytest.mark.django_db
class TestReferralFormPage:
    def test_is_at_the_french_address(self):
        assert URL == "/orientations/nouvelle/"

    def test_sends_anonymous_visitors_to_the_login_page(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL))

    def test_offers_the_users_territories_with_the_current_one_first_chosen(
        self, client, territory, other_territory
    ):
        sophie = UserFactory(memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.COUNSELLOR)])
        client.force_login(sophie)
        client.post(reverse("accounts:switch_territory"), {"territory": territory.pk})
        form = client.get(URL).context["form"]
        assert set(form.fields["territory"].queryset) == {territory, other_territory}
        assert form["territory"].value() == territory.pk

    def test_offers_only_the_territories_where_the_user_receives_people(
        self, client, territory, other_territory
    ):
        user = UserFactory(
            memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.BUSINESS_DEVELOPER)]
        )
        client.force_login(user)
        form = client.get(URL).context["form"]
        assert list(form.fields["territory"].queryset) == [territory]

    def test_is_refused_to_business_developers(self, business_developer_client):
        assert business_developer_client.get(URL).status_code == 403

    def test_has_the_prescriber_picker_and_its_script(self, counsellor_client):
        content = counsellor_client.get(URL).content.decode()
        assert 'hx-get="/prescripteurs/recherche/"' in content
        assert "js/picker.js" in content
        assert 'id="id_prescriber_search"' in content
        assert '<label for="id_prescriber_search">' in content


@pytest.mark.django_db
class TestReferralRecording:
    def test_records_a_referral_from_a_referent_of_the_directory(
        self, counsellor_client, counsellor, data, prescriber
    ):
        response = counsellor_client.post(URL, data)
        referral = Referral.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("referrals:detail", kwargs={"pk": referral.pk})
        assert referral.prescriber == prescriber
        assert referral.status == ReferralStatus.RECEIVED
        assert referral.recorded_by == counsellor
        assert referral.phone == "06 45 12 78 90"
        assert referral.birth_date == datetime.date(1985, 2, 20)

    def test_records_a_referral_with_a_new_prescriber_typed_in(self, counsellor_client, data):
        response = counsellor_client.post(URL, {**data, **NEW_PRESCRIBER})
        assert response.status_code == 302
        referral = Referral.objects.select_related("prescriber__organisation").get()
        assert referral.prescriber.full_name == "Martine Dhainaut"
        assert referral.prescriber.phone == "03 21 44 55 66"
        assert referral.prescriber.organisation.name == "CCAS de Liévin"
        assert referral.prescriber.organisation.kind == OrganisationKind.CCAS

    def test_a_new_referent_joins_the_organisation_already_in_the_directory(self, counsellor_client, data):
        ccas = PrescriberOrganisation.objects.create(name="CCAS de Liévin", kind=OrganisationKind.CCAS)
        response = counsellor_client.post(
            URL, {**data, **NEW_PRESCRIBER, "new_organisation_name": "ccas de lievin"}
        )
        assert response.status_code == 302
        assert PrescriberOrganisation.objects.filter(kind=OrganisationKind.CCAS).count() == 1
        assert Referral.objects.get().prescriber.organisation == ccas

    def test_can_send_the_person_to_another_of_the_users_territories(
        self, client, territory, other_territory, data
    ):
        sophie = UserFactory(memberships=[(territory, Role.COUNSELLOR), (other_territory, Role.COUNSELLOR)])
        client.force_login(sophie)
        client.post(URL, {**data, "territory": other_territory.pk})
        assert Referral.objects.get().territory == other_territory


@pytest.mark.django_db
class TestReferralBadInput:
    def errors_for(self, client, data) -> dict:
        response = client.post(URL, data)
        assert response.status_code == 200
        assert not Referral.objects.exists()
        return response.context["form"].errors

    def test_refuses_a_referral_date_in_the_future(self, counsellor_client, data):
        tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
        errors = self.errors_for(counsellor_client, {**data, "referred_on": tomorrow})
        assert errors["referred_on"] == ["La date d’orientation ne peut pas être dans le futur."]

    def test_refuses_a_birth_date_in_the_future(self, counsellor_client, data):
        tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
        errors = self.errors_for(counsellor_client, {**data, "birth_date": tomorrow})
        assert errors["birth_date"] == ["La date de naissance ne peut pas être dans le futur."]

    @pytest.mark.parametrize(("years", "days", "age"), [(15, 0, 15), (16, -1, 15), (101, 0, 101)])
    def test_refuses_an_implausible_age(self, counsellor_client, data, years, days, age):
        errors = self.errors_for(
            counsellor_client, {**data, "birth_date": years_ago(years, days).isoformat()}
        )
        assert errors["birth_date"] == [
            f"La personne aurait {age} ans : vérifiez la date de naissance (nous accompagnons les personnes de 16 à 100 ans)."
        ]

    @pytest.mark.parametrize("years", [16, 100])
    def test_accepts_the_ages_at_the_bounds(self, counsellor_client, data, years):
        response = counsellor_client.post(URL, {**data, "birth_date": years_ago(years).isoformat()})
        assert response.status_code == 302

    def test_refuses_a_phone_that_is_not_french(self, counsellor_client, data):
        errors = self.errors_for(counsellor_client, {**data, "phone": "+44 20 7946 0958"})
        assert errors["phone"] == [
            "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78."
        ]

    def test_refuses_an_invalid_email(self, counsellor_client, data):
        errors = self.errors_for(counsellor_client, {**data, "email": "valerie@"})
        assert errors["email"] == ["Saisissez une adresse de courriel valide."]

    def test_needs_a_way_to_reach_the_person(self, counsellor_client, data):
        errors = self.errors_for(counsellor_client, {**data, "email": "", "phone": ""})
        assert errors["phone"] == ["Indiquez un téléphone ou un e-mail pour joindre la personne."]

    def test_needs_a_referent_picked_in_the_list(self, counsellor_client, data):
        errors = self.errors_for(counsellor_client, {**data, "prescriber": ""})
        assert errors["prescriber"] == [
            "Choisissez le ou la référent·e dans la liste, ou choisissez « Pas encore dans l’annuaire » pour le ou la saisir."
        ]

    def test_refuses_a_referent_that_does_not_exist(self, counsellor_client, data):
        errors = self.errors_for(counsellor_client, {**data, "prescriber": "999999"})
        assert errors["prescriber"] == [
            "Ce ou cette référent·e n’existe plus. Cherchez à nouveau et choisissez dans la liste."
        ]

    def test_refuses_a_territory_the_user_does_not_work_in(self, counsellor_client, data, other_territory):
        errors = self.errors_for(counsellor_client, {**data, "territory": other_territory.pk})
        assert "territory" in errors

    def test_creates_nothing_when_the_new_prescriber_is_incomplete(self, counsellor_client, data):
        incomplete = {
            **NEW_PRESCRIBER,
            "new_organisation_kind": "",
            "new_last_name": "",
            "new_email": "",
            "new_phone": "",
        }
        errors = self.errors_for(counsellor_client, {**data, **incomplete})
        assert errors["new_organisation_kind"] == ["Ce champ est obligatoire."]
        assert errors["new_last_name"] == ["Ce champ est obligatoire."]
        assert errors["new_phone"] == [
            "Indiquez le téléphone ou l’e-mail du ou de la référent·e, pour le ou la tenir informé·e."
        ]
        assert not Prescriber.objects.filter(last_name="Dhainaut").exists()
        assert not PrescriberOrganisation.objects.filter(name="CCAS de Liévin").exists()

    def test_creates_no_prescriber_when_the_rest_of_the_referral_is_wrong(self, counsellor_client, data):
        self.errors_for(counsellor_client, {**data, **NEW_PRESCRIBER, "phone": "123"})
        assert not PrescriberOrganisation.objects.filter(name="CCAS de Liévin").exists()
        assert not Prescriber.objects.filter(last_name="Dhainaut").exists()

    def test_keeps_what_was_typed(self, counsellor_client, data):
        response = counsellor_client.post(URL, {**data, **NEW_PRESCRIBER, "phone": "123"})
        content = response.content.decode()
        assert 'value="Valérie"' in content
        assert 'value="CCAS de Liévin"' in content
        assert 'value="new" id="id_prescriber_mode_1" checked' in content or "checked" in content
        assert "agent d’entretien" in content

    def test_ignores_the_new_prescriber_fields_when_one_is_picked(self, counsellor_client, data, prescriber):
        response = counsellor_client.post(
            URL, {**data, "new_organisation_name": "Brouillon", "new_phone": "xx"}
        )
        assert response.status_code == 302
        assert Referral.objects.get().prescriber == prescriber
        assert not PrescriberOrganisation.objects.filter(name="Brouillon").exists()
