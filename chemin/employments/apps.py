from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentsConfig(AppConfig):
    name = "chemin.employments"
    verbose_name = _("Employments")

    def ready(self) -> None:
        from chemin.core import alerts, timeline
        from chemin.employments.alerts import follow_up_alerts
        from chemin.employments.employer_link import employer_answer_events, employer_risk_alerts
        from chemin.employments.timeline import employment_events

        timeline.register(employment_events)
        timeline.register(employer_answer_events)
        alerts.register(follow_up_alerts)
        alerts.register(employer_risk_alerts)
