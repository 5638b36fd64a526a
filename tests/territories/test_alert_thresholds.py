"""Each territory's alert thresholds (issue 7): defaults, validation, database checks, admin."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from chemin.territories.admin import TerritoryAdminForm
from chemin.territories.models import Territory

THRESHOLDS = [
    "not_seen_alert_days",
    "no_job_proposal_alert_days",
    "no_show_alert_count",
    "no_show_lookback_days",
]


@pytest.mark.django_db
class TestAlertThresholds:
    def test_a_new_territory_has_the_usual_thresholds(self):
        territory = Territory.objects.create(name="Béthune", slug="bethune")
        assert [getattr(territory, name) for name in THRESHOLDS] == [30, 30, 2, 90]

    @pytest.mark.parametrize("name", THRESHOLDS)
    def test_zero_is_refused_by_the_form_and_by_the_database(self, territory, name):
        setattr(territory, name, 0)
        with pytest.raises(ValidationError) as error:
            territory.full_clean()
        assert name in error.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            territory.save()

    def test_the_admin_form_edits_them(self, territory):
        data = {
            "name": territory.name,
            "slug": territory.slug,
            "departement": "62",
            "is_active": True,
            "weekly_company_contacts_target": 10,
            "follow_up_milestones": ["d7", "m1"],
            "not_seen_alert_days": 21,
            "no_job_proposal_alert_days": 45,
            "no_show_alert_count": 3,
            "no_show_lookback_days": 60,
        }
        form = TerritoryAdminForm(data, instance=territory)
        assert form.is_valid(), form.errors
        form.save()
        territory.refresh_from_db()
        assert [getattr(territory, name) for name in THRESHOLDS] == [21, 45, 3, 60]
        form = TerritoryAdminForm({**data, "no_show_alert_count": 0}, instance=territory)
        assert list(form.errors) == ["no_show_alert_count"]

    def test_the_admin_page_shows_them_in_french(self, admin_user, territory):
        client = Client()
        client.force_login(admin_user)
        response = client.get(reverse("admin:territories_territory_change", args=[territory.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Seuils des alertes" in content
        assert "Jours sans contact avant une alerte" in content
        assert "Seuls les rendez-vous manqués au cours de ces derniers jours comptent" in content

    def test_the_admin_page_is_refused_to_a_manager(self, manager_client, territory):
        response = manager_client.get(reverse("admin:territories_territory_change", args=[territory.pk]))
        assert response.status_code == 302
