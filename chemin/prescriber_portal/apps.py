from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrescriberPortalConfig(AppConfig):
    """The prescriber's window: refer people online, follow what each person agreed to share."""

    name = "chemin.prescriber_portal"
    verbose_name = _("Prescriber portal")
