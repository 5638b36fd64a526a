"""Choices of the RGPD records: what a consent is for, how it was collected, why a file was
anonymised. Sources: Règlement (UE) 2016/679 (RGPD), articles 6, 7, 9, 17 and 21."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    """What the person agrees to (or refuses), one history per purpose."""

    # RGPD art. 6 and 7: their data processed for the accompaniment (the notice CONSENT_TEXT_VERSION).
    PROCESSING = "processing", _("Processing of their data for the accompaniment")
    # RGPD art. 9: health, addiction and justice details (special-category barriers).
    SPECIAL_CATEGORY = "special_category", _("Recording of sensitive data (health, justice)")
    # DESIGN.md §4: the prescriber sees only what the person agreed to share (``scope``).
    PRESCRIBER_SHARING = "prescriber_sharing", _("Sharing with their prescriber")


class SharedItem(models.TextChoices):
    """What a prescriber may see of the pathway (DESIGN.md §4), chosen by the person."""

    # First meeting, pathway opened, steps reached.
    MILESTONES = "milestones", _("Milestones")
    JOB_WISHES = "job_wishes", _("Job wishes, in their own words")
    APPOINTMENTS_KEPT = "appointments_kept", _("Appointments kept")
    JOB_PROPOSALS = "job_proposals", _("Job proposals")
    IMMERSIONS = "immersions", _("Immersions in companies")
    CONTRACT_STARTS = "contract_starts", _("Contract starts")
    # The exit, with the end-of-pathway review.
    EXIT = "exit", _("Exit")


# Sharing with the prescriber, unless the person chooses otherwise: the milestones only.
DEFAULT_SHARED_ITEMS: tuple[str, ...] = (SharedItem.MILESTONES.value,)


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person, at a meeting")
    PAPER = "paper", _("Signed paper form")
    PHONE = "phone", _("By phone")
    PARTICIPANT_SPACE = "participant_space", _("By the person, in their own space")
    # Written by the migration that started the history, from the file's consent date.
    EARLIER_RECORD = "earlier_record", _("Recorded before the consent history existed")


class AnonymisationReason(models.TextChoices):
    # The retention period after the last pathway closed (settings.RETENTION_CLOSED_PATHWAY_DAYS).
    RETENTION = "retention", _("Retention period over")
    ERASURE_REQUEST = "erasure_request", _("The person asked for the erasure of their data (RGPD art. 17)")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent (RGPD art. 7)")
    OBJECTION = "objection", _("The person objected to the processing (RGPD art. 21)")

    @classmethod
    def on_request(cls) -> list[tuple[str, str]]:
        """The reasons a manager may give for an erasure asked by the person."""
        return [(value, label) for value, label in cls.choices if value != cls.RETENTION]
