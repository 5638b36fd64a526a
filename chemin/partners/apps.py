from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "chemin.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from chemin.core import alerts, timeline
        from chemin.partners.timeline import OVERDUE_ALERT, partner_referral_alerts, partner_referral_events

        timeline.register(partner_referral_events)
        alerts.register(partner_referral_alerts, kinds=[OVERDUE_ALERT])
