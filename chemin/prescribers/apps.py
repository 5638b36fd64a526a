from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrescribersConfig(AppConfig):
    name = "chemin.prescribers"
    verbose_name = _("Prescribers")
