import pytest
from django.urls import reverse

from chemin.appointments.enums import AppointmentStatus
from chemin.core import alerts
from tests.appointments.factories import AppointmentFactory, at

NO_SHOWS = ["repeated_no_shows"]


def missed(pathway, *days_ago):
    for days in days_ago:
        AppointmentFactory(pathway=pathway, starts_at=at(-days), status=AppointmentStatus.NO_SHOW)


@pytest.mark.django_db
class TestRepeatedNoShows:
    def test_two_missed_appointments_within_the_window_raise_an_alert_linking_to_the_appointments(
        self, pathway, counsellor
    ):
        missed(pathway, 40, 3)
        AppointmentFactory(pathway=pathway, starts_at=at(-10), status=AppointmentStatus.HELD)

        [alert] = alerts.alerts_for(counsellor, kinds=NO_SHOWS)

        assert alert.title == f"{pathway.participant.full_name} : 2 rendez-vous manqués ces 90 derniers jours"
        assert alert.url == reverse(
            "participant_appointments:list", kwargs={"participant_pk": pathway.participant_id}
        )
        assert alert.since == at(-3).date()

    def test_one_missed_appointment_is_not_yet_an_alert(self, pathway, counsellor):
        missed(pathway, 3)
        AppointmentFactory(pathway=pathway, starts_at=at(-5), status=AppointmentStatus.EXCUSED)

        assert alerts.alerts_for(counsellor, kinds=NO_SHOWS) == []

    def test_the_territory_sets_how_many_and_over_how_many_days(self, pathway, counsellor, territory):
        missed(pathway, 50, 3)
        territory.no_show_lookback_days = 30
        territory.save()
        assert alerts.alerts_for(counsellor, kinds=NO_SHOWS) == []

        territory.no_show_alert_count = 1
        territory.save()
        [alert] = alerts.alerts_for(counsellor, kinds=NO_SHOWS)
        assert "1 rendez-vous manqué ces 30 derniers jours" in alert.title

    def test_staff_of_another_territory_never_see_it(self, pathway, other_counsellor):
        missed(pathway, 5, 3)

        assert alerts.alerts_for(other_counsellor, kinds=NO_SHOWS) == []
