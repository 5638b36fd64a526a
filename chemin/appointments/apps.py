from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "chemin.appointments"
    verbose_name = _("Appointments")

    def ready(self) -> None:
        from chemin.appointments.alerts import NO_SHOWS_ALERT, no_show_alerts
        from chemin.appointments.calendar import appointment_entries
        from chemin.appointments.timeline import appointment_events
        from chemin.core import alerts, calendar, timeline

        timeline.register(appointment_events)
        calendar.register(appointment_entries)
        alerts.register(no_show_alerts, kinds=[NO_SHOWS_ALERT])
