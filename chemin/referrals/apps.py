from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "chemin.referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.referrals.timeline import referral_timeline_events

        timeline.register(referral_timeline_events)
