"""Opportunity and placement choices.

Contract types are the job wishes' list (``jobwishes.enums.ContractType``, sourced from the Code
du travail), minus "starting a business", which no employer offers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chemin.jobwishes.enums import ContractType

OPPORTUNITY_CONTRACT_TYPES = [
    (value, label) for value, label in ContractType.choices if value != ContractType.BUSINESS_CREATION
]


class OpportunityStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("job offer status", "Open")
    FILLED = "filled", pgettext_lazy("job offer status", "Filled")
    CLOSED = "closed", pgettext_lazy("job offer status", "Closed")


class PlacementStatus(models.TextChoices):
    """The pipeline of a person put forward on an opportunity (mise en relation)."""

    PROPOSED = "proposed", _("Proposed to the person")
    ACCEPTED_BY_PERSON = "accepted_by_person", _("Accepted by the person")
    SENT_TO_EMPLOYER = "sent_to_employer", _("Sent to the employer")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Hired")
    REFUSED = "refused", pgettext_lazy("placement status", "Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def final(cls) -> frozenset[str]:
        return frozenset({cls.HIRED, cls.REFUSED, cls.WITHDRAWN})


# The moves a placement may make; hired, refused and withdrawn are final.
PLACEMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PlacementStatus.PROPOSED: (
        PlacementStatus.ACCEPTED_BY_PERSON,
        PlacementStatus.REFUSED,
        PlacementStatus.WITHDRAWN,
    ),
    PlacementStatus.ACCEPTED_BY_PERSON: (
        PlacementStatus.SENT_TO_EMPLOYER,
        PlacementStatus.REFUSED,
        PlacementStatus.WITHDRAWN,
    ),
    PlacementStatus.SENT_TO_EMPLOYER: (
        PlacementStatus.INTERVIEW,
        PlacementStatus.HIRED,
        PlacementStatus.REFUSED,
        PlacementStatus.WITHDRAWN,
    ),
    PlacementStatus.INTERVIEW: (PlacementStatus.HIRED, PlacementStatus.REFUSED, PlacementStatus.WITHDRAWN),
    PlacementStatus.HIRED: (),
    PlacementStatus.REFUSED: (),
    PlacementStatus.WITHDRAWN: (),
}


class RefusalReason(models.TextChoices):
    BARRIER_INCOMPATIBLE = "barrier_incompatible", _("A barrier incompatible with the job")
    PROFILE_NOT_RETAINED = "profile_not_retained", _("Profile not retained by the employer")
    PERSON_DECLINED = "person_declined", _("The person declined")
    POSITION_FILLED = "position_filled", _("Position already filled")
    OTHER = "other", _("Other reason")
