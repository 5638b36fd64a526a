from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentsConfig(AppConfig):
    name = "chemin.employments"
    verbose_name = _("Employments")

    def ready(self) -> None:
        from chemin.core import alerts, timeline
        from chemin.employments.alerts import CONTRACT_ENDING_ALERT, FOLLOW_UP_ALERT, follow_up_alerts
        from chemin.employments.employer_link import RISK_ALERT, employer_answer_events, employer_risk_alerts
        from chemin.employments.timeline import employment_events

        timeline.register(employment_events)
        timeline.register(employer_answer_events)
        alerts.register(follow_up_alerts, kinds=[FOLLOW_UP_ALERT, CONTRACT_ENDING_ALERT])
        alerts.register(employer_risk_alerts, kinds=[RISK_ALERT])
