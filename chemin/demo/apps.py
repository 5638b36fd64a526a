from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for `make run`. It sits on top of every other app and nothing imports it."""

    name = "chemin.demo"
    verbose_name = _("Demo data")
