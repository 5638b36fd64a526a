import pytest
from django.test import Client
from django.urls import reverse

from chemin.agreements.admin import AgreementAdminForm
from tests.agreements.factories import AgreementFactory, FunderFactory, IaeEligibilityCheckFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


class TestAdmin:
    def test_funders_agreements_and_checks_are_listed(self, admin_client, territory, pathway, counsellor):
        AgreementFactory(territories=[territory], reference="CD62-RSA")
        IaeEligibilityCheckFactory(pathway=pathway, checked_by=counsellor)
        for model in ("funder", "agreement", "iaeeligibilitycheck"):
            response = admin_client.get(reverse(f"admin:agreements_{model}_changelist"))
            assert response.status_code == 200, model
        assert (
            "CD62-RSA" in admin_client.get(reverse("admin:agreements_agreement_changelist")).content.decode()
        )

    def test_checks_are_read_only(self, admin_client, pathway, counsellor):
        check = IaeEligibilityCheckFactory(pathway=pathway, checked_by=counsellor)
        assert admin_client.get(reverse("admin:agreements_iaeeligibilitycheck_add")).status_code == 403
        page = admin_client.get(reverse("admin:agreements_iaeeligibilitycheck_change", args=[check.pk]))
        assert page.status_code == 200 and 'type="submit"' not in page.content.decode().split("</header>")[-1]

    def test_the_form_stores_lists_in_the_enumerations_order(self, territory):
        data = {
            "funder": FunderFactory().pk,
            "reference": "A-1",
            "title": "Convention",
            "territories": [territory.pk],
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "target_public": ["qpv", "rsa"],
            "follow_up_milestones": ["m6", "d7"],
        }
        form = AgreementAdminForm(data)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["target_public"] == ["rsa", "qpv"]
        assert form.cleaned_data["follow_up_milestones"] == ["d7", "m6"]
        form = AgreementAdminForm({**data, "target_exit_to_employment_rate": "120"})
        assert "target_exit_to_employment_rate" in form.errors
