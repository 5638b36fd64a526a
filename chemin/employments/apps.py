from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentsConfig(AppConfig):
    name = "chemin.employments"
    verbose_name = _("Employments")
