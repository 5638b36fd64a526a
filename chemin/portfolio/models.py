"""The skills portfolio: what a person has lived (experiences) and can do (skills).

It is attached to the participant, not to a pathway: it follows the person from one
accompaniment to the next.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from chemin.participants.models import Participant
from chemin.portfolio.enums import ExperienceKind, SelfRating, SkillKind
from chemin.referentials.models import RomeJob


class ExperienceQuerySet(models.QuerySet["Experience"]):
    def most_recent_first(self) -> ExperienceQuerySet:
        # Ongoing experiences (no end) first, then by end and start date.
        return self.order_by(
            models.F("end_date").desc(nulls_first=True), models.F("start_date").desc(), "-pk"
        )


class Experience(models.Model):
    """Something the person has lived that taught them: a job, an immersion, volunteering,
    family life, a training."""

    participant = models.ForeignKey(
        Participant,
        # The portfolio is the person's own: it goes with them when their data is erased.
        on_delete=models.CASCADE,
        related_name="experiences",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind of experience"), max_length=16, choices=ExperienceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    organisation = models.CharField(_("organisation or place"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description, in the person's words"), blank=True)
    # Written by the person from their own space (the timeline shows it as theirs).
    by_participant = models.BooleanField(_("written by the participant"), default=False)
    rome_job = models.ForeignKey(
        RomeJob,
        # ROME codes are reference data: one an experience refers to is never removed under it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ROME job"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["participant", "kind"], name="experience_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ExperienceKind.values), name="experience_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="experience_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ongoing(self) -> bool:
        return self.end_date is None


class SkillQuerySet(models.QuerySet["Skill"]):
    def validated_first(self) -> SkillQuerySet:
        return self.order_by(models.F("validated_on").desc(nulls_last=True), Lower("label"))

    def validated(self) -> SkillQuerySet:
        return self.filter(validated_on__isnull=False)


class Skill(models.Model):
    """Something the person can do, how they rate it, and whether a counsellor has validated it."""

    participant = models.ForeignKey(
        Participant,
        # The portfolio is the person's own: it goes with them when their data is erased.
        on_delete=models.CASCADE,
        related_name="skills",
        verbose_name=_("participant"),
    )
    label = models.CharField(_("skill"), max_length=150)
    kind = models.CharField(_("kind of skill"), max_length=16, choices=SkillKind.choices)
    # Where the skill comes from: one of the person's experiences, or a few words.
    source_experience = models.ForeignKey(
        Experience,
        # The skill stays when the experience it came from is removed: it was learnt all the same.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name=_("learnt during"),
    )
    source_text = models.CharField(_("or learnt…"), max_length=200, blank=True)
    self_rating = models.PositiveSmallIntegerField(
        _("the person's own rating"), choices=SelfRating.choices, null=True, blank=True
    )
    # When the person last rated it themselves, from their own space.
    self_assessed_at = models.DateTimeField(_("rated by the person at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff who leave are deactivated, not deleted: a validation keeps who gave it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    validated_on = models.DateField(_("validated on"), null=True, blank=True)
    rome_job = models.ForeignKey(
        RomeJob,
        # ROME codes are reference data: one a skill refers to is never removed under it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ROME job"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = [Lower("label")]
        indexes = [models.Index(fields=["participant", "kind"], name="skill_participant_kind_idx")]
        constraints = [
            models.UniqueConstraint("participant", Lower("label"), name="skill_label_once_per_participant"),
            models.CheckConstraint(condition=models.Q(kind__in=SkillKind.values), name="skill_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(self_rating__isnull=True)
                | models.Q(self_rating__gte=1, self_rating__lte=4),
                name="skill_self_rating_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(validated_by__isnull=True, validated_on__isnull=True)
                | models.Q(validated_by__isnull=False, validated_on__isnull=False),
                name="skill_validation_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(source_experience__isnull=True) | models.Q(source_text=""),
                name="skill_one_source",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_validated(self) -> bool:
        return self.validated_on is not None

    @property
    def source_label(self) -> str:
        if self.source_experience_id:
            return self.source_experience.title
        return self.source_text
