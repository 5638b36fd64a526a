from django.db import models
from django.utils.translation import gettext_lazy as _


class FunderKind(models.TextChoices):
    DEPARTEMENT = "departement", _("Département (RSA)")
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    REGION = "region", _("Région")
    STATE = "state", _("State (DREETS)")
    FSE_PLUS = "fse_plus", "FSE+"
    PLIE = "plie", "PLIE"
    MUNICIPALITY = "municipality", _("Municipality or inter-municipality")
    OTHER = "other", _("Other funder")


class TargetPublic(models.TextChoices):
    """Who an agreement is for: each criterion can be checked against the participant's data
    (chemin/agreements/eligibility.py says how)."""

    RSA = "rsa", _("RSA recipients")
    UNDER_26 = "under_26", _("Under 26")
    OVER_50 = "over_50", _("50 and over")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Job seekers for 12 months or more")
    QPV = "qpv", _("QPV residents")
    RQTH = "rqth", _("Recognised disabled workers (RQTH)")
    LOW_QUALIFICATION = "low_qualification", _("Level 3 (CAP, BEP) or below")
