"""Writes on the skills portfolio. Views and, later, the API and the participant space call these;
forms have validated the input, the services keep the rules that must hold whoever calls."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.portfolio.enums import ExperienceKind, SelfRating, SkillKind
from chemin.portfolio.models import Experience, Skill

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.referentials.models import RomeJob

logger = logging.getLogger(__name__)


def _check_dates(start_date: datetime.date, end_date: datetime.date | None) -> None:
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


def _check_source(participant: Participant, source_experience: Experience | None, source_text: str) -> None:
    if source_experience is not None and source_experience.participant_id != participant.pk:
        raise ValidationError({"source_experience": _("Choose one of this person's experiences.")})
    if source_experience is not None and source_text:
        raise ValidationError(
            {"source_text": _("Choose an experience or write where it was learnt, not both.")}
        )


@transaction.atomic
def experience_create(
    *,
    participant: Participant,
    created_by: User | None,
    kind: ExperienceKind,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    organisation: str = "",
    description: str = "",
    rome_job: RomeJob | None = None,
    by_participant: bool = False,
) -> Experience:
    """Add an experience to the person's portfolio. Raise ValidationError if it ends before it starts.

    ``by_participant``: the person wrote it from their own space (``created_by`` is then None).
    """
    _check_dates(start_date, end_date)
    if created_by is None and not by_participant:
        raise ValueError("An experience is written by a staff member or by the person.")
    experience = Experience.objects.create(
        by_participant=by_participant,
        participant=participant,
        kind=kind,
        title=title,
        organisation=organisation,
        start_date=start_date,
        end_date=end_date,
        description=description,
        rome_job=rome_job,
    )
    logger.info(
        "experience %s added to participant %s by user %s (by participant: %s)",
        experience.pk,
        participant.pk,
        getattr(created_by, "pk", None),
        by_participant,
    )
    return experience


@transaction.atomic
def experience_update(
    *,
    experience: Experience,
    updated_by: User,
    kind: ExperienceKind,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    organisation: str = "",
    description: str = "",
    rome_job: RomeJob | None = None,
) -> Experience:
    """Change an experience. Raise ValidationError if it ends before it starts."""
    _check_dates(start_date, end_date)
    experience.kind = kind
    experience.title = title
    experience.organisation = organisation
    experience.start_date = start_date
    experience.end_date = end_date
    experience.description = description
    experience.rome_job = rome_job
    experience.save()
    logger.info("experience %s updated by user %s", experience.pk, updated_by.pk)
    return experience


@transaction.atomic
def skill_create(
    *,
    participant: Participant,
    created_by: User,
    label: str,
    kind: SkillKind,
    self_rating: int | None = None,
    source_experience: Experience | None = None,
    source_text: str = "",
    rome_job: RomeJob | None = None,
) -> Skill:
    """Add a skill to the person's portfolio, not validated yet. Raise ValidationError if its
    source is another person's experience or both an experience and a text."""
    _check_source(participant, source_experience, source_text)
    skill = Skill.objects.create(
        participant=participant,
        label=label,
        kind=kind,
        self_rating=self_rating,
        source_experience=source_experience,
        source_text=source_text,
        rome_job=rome_job,
    )
    logger.info("skill %s added to participant %s by user %s", skill.pk, participant.pk, created_by.pk)
    return skill


@transaction.atomic
def skill_update(
    *,
    skill: Skill,
    updated_by: User,
    label: str,
    kind: SkillKind,
    self_rating: int | None = None,
    source_experience: Experience | None = None,
    source_text: str = "",
    rome_job: RomeJob | None = None,
) -> Skill:
    """Change a skill. A validation vouches for one skill: renaming the skill or changing its kind
    withdraws it, while the person's own rating or the source may change freely."""
    _check_source(skill.participant, source_experience, source_text)
    previous = Skill.objects.select_for_update().get(pk=skill.pk)
    if previous.label != label or previous.kind != kind:
        skill.validated_by = None
        skill.validated_on = None
    skill.label = label
    skill.kind = kind
    skill.self_rating = self_rating
    skill.source_experience = source_experience
    skill.source_text = source_text
    skill.rome_job = rome_job
    skill.save()
    logger.info("skill %s updated by user %s", skill.pk, updated_by.pk)
    return skill


@transaction.atomic
def skill_self_assess(*, skill: Skill, self_rating: int) -> Skill:
    """The person rates the skill themselves, from their own space (1 to 4, SelfRating)."""
    if self_rating not in SelfRating.values:
        raise ValidationError({"self_rating": _("Choose one of the answers.")})
    skill = Skill.objects.select_for_update().get(pk=skill.pk)
    skill.self_rating = self_rating
    skill.self_assessed_at = timezone.now()
    skill.save(update_fields=["self_rating", "self_assessed_at", "updated_at"])
    logger.info("skill %s rated %s by the participant", skill.pk, self_rating)
    return skill


@transaction.atomic
def skill_validate(*, skill: Skill, validated_by: User) -> Skill:
    """A counsellor vouches for the skill, today. Validating again changes nothing."""
    skill = Skill.objects.select_for_update().get(pk=skill.pk)
    if skill.is_validated:
        return skill
    skill.validated_by = validated_by
    skill.validated_on = timezone.localdate()
    skill.save(update_fields=["validated_by", "validated_on", "updated_at"])
    logger.info("skill %s validated by user %s", skill.pk, validated_by.pk)
    return skill
