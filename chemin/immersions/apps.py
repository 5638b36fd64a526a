from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImmersionsConfig(AppConfig):
    name = "chemin.immersions"
    verbose_name = _("Immersions")
