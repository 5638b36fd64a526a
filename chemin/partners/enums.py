"""Partner kinds and the lifecycle of a referral to a partner.

Partner kinds follow the actors DESIGN.md §1 lists and issue 4 names. The IAE structure types are
the four "structures d'insertion par l'activité économique" of the Code du travail
(art. L5132-1 to L5132-17: ACI, EI, ETTI, AI) as used by the Plateforme de l'inclusion
(les-emplois, ``SiaeKind``), plus the entreprise adaptée (EA, art. L5213-13) that the same
platform lists beside them. EBE: "entreprise à but d'emploi" of the Territoires zéro chômeur de
longue durée experiment (loi n° 2020-1577 du 14 décembre 2020).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartnerKind(models.TextChoices):
    CCAS = "ccas", _("CCAS (municipal social action centre)")
    ASSOCIATION = "association", _("Association")
    HEALTH = "health", _("Health service")
    CHILDCARE = "childcare", _("Childcare")
    # Mobility solutions, kept apart so a counsellor looking for a licence finds driving schools.
    MOBILITY_DRIVING_SCHOOL = "mobility_driving_school", _("Mobility: social driving school")
    MOBILITY_RENTAL = "mobility_rental", _("Mobility: vehicle or scooter rental")
    MOBILITY_GARAGE = "mobility_garage", _("Mobility: solidarity garage")
    HOUSING = "housing", _("Housing")
    TRAINING = "training", _("Training centre")
    IAE = "iae", _("IAE structure")
    EBE = "ebe", _("Territoire zéro chômeur company (EBE)")
    PUBLIC_SERVICE = "public_service", _("Public service")
    OTHER = "other", _("Other")


class IaeKind(models.TextChoices):
    # Code du travail L5132-1 and following; EA: L5213-13.
    ACI = "ACI", _("ACI (atelier et chantier d'insertion)")
    EI = "EI", _("EI (entreprise d'insertion)")
    ETTI = "ETTI", _("ETTI (entreprise de travail temporaire d'insertion)")
    AI = "AI", _("AI (association intermédiaire)")
    EA = "EA", _("EA (entreprise adaptée)")


class ReferralStatus(models.TextChoices):
    # A context: the French labels agree with "orientation" (feminine).
    SENT = "sent", pgettext_lazy("partner referral status", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("partner referral status", "Accepted")
    DONE = "done", pgettext_lazy("partner referral status", "Done")
    REFUSED = "refused", pgettext_lazy("partner referral status", "Refused")
    NO_SHOW = "no_show", pgettext_lazy("partner referral status", "Person did not go")

    @classmethod
    def closed(cls) -> list[str]:
        return [cls.DONE, cls.REFUSED, cls.NO_SHOW]

    @classmethod
    def answered(cls) -> list[str]:
        """Statuses that say the partner answered (accepted or refused)."""
        return [cls.ACCEPTED, cls.REFUSED]


# Which status may follow which. A partner answers a sent referral (accepted / refused), or the
# person never went (no show); an accepted one ends done or, if the person stopped going, no show.
# "Done" straight from "sent" is allowed: the counsellor often learns both at once.
TRANSITIONS: dict[str, list[str]] = {
    ReferralStatus.SENT: [
        ReferralStatus.ACCEPTED,
        ReferralStatus.DONE,
        ReferralStatus.REFUSED,
        ReferralStatus.NO_SHOW,
    ],
    ReferralStatus.ACCEPTED: [ReferralStatus.DONE, ReferralStatus.NO_SHOW],
    ReferralStatus.DONE: [],
    ReferralStatus.REFUSED: [],
    ReferralStatus.NO_SHOW: [],
}
