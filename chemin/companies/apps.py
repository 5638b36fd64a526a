from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "chemin.companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from chemin.companies.alerts import NEXT_ACTION_ALERT, next_action_alerts
        from chemin.core import alerts

        alerts.register(next_action_alerts, kinds=[NEXT_ACTION_ALERT])
