from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StepsConfig(AppConfig):
    name = "chemin.steps"
    verbose_name = _("Steps")

    def ready(self) -> None:
        from chemin.core import alerts, timeline
        from chemin.steps.alerts import OVERDUE_STEPS_ALERT, overdue_step_alerts
        from chemin.steps.timeline import step_events

        timeline.register(step_events)
        alerts.register(overdue_step_alerts, kinds=[OVERDUE_STEPS_ALERT])
