from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """Kinds of referring organisation (DESIGN.md §1: social or socio-professional prescribers)."""

    FRANCE_TRAVAIL = "france_travail", "France Travail"
    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    CAP_EMPLOI = "cap_emploi", _("Cap emploi")
    DEPARTEMENT = "departement", _("Département (RSA)")
    CCAS = "ccas", _("CCAS")
    SPIP = "spip", _("SPIP")
    PLIE = "plie", _("PLIE")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved: invitation sent")
    DECLINED = "declined", _("Declined")
