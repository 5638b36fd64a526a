"""Job wishes (projet professionnel): the jobs a person wants now, in their words and in ROME codes.

Every save writes a ``JobWishVersion``, a snapshot of the wish as it then stood, so the file keeps
what the person wanted before (the wish may change after an immersion, a workshop, a barrier
lifted). ``JobWish.version`` numbers those saves and guards against two counsellors overwriting
each other (optimistic check in ``services.job_wish_update``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from chemin.jobwishes.enums import ContractType, JobWishStatus, WorkingHours
from chemin.pathways.models import Pathway
from chemin.referentials.models import RomeJob
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

# A wish names one main job and up to two neighbours (e.g. K1302 and K1304 for care at home).
MAX_ROME_JOBS = 3
# Legal maximum working week in France (Code du travail, L3121-20).
MAX_HOURS_PER_WEEK = 48


class _WishConditions:
    """Display helpers shared by a wish and its snapshots (same field names on both)."""

    contract_types: list[str]

    @property
    def contract_type_labels(self) -> list[str]:
        labels = dict(ContractType.choices)
        return [str(labels.get(value, value)) for value in self.contract_types]


class JobWishQuerySet(models.QuerySet["JobWish"]):
    def visible_to(self, user: User) -> JobWishQuerySet:
        """Wishes of pathways in the user's territories (every staff role sees wishes)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pathway__territory__in=Territory.objects.for_user(user))

    def with_details(self) -> JobWishQuerySet:
        """ROME jobs in the person's order and the history, in a fixed number of queries."""
        return self.select_related("updated_by").prefetch_related(
            Prefetch(
                "rome_links",
                queryset=JobWishRomeJob.objects.select_related("rome_job").order_by("position"),
            ),
            Prefetch(
                "versions",
                queryset=JobWishVersion.objects.select_related("changed_by").order_by("-version"),
            ),
        )


class JobWish(_WishConditions, models.Model):
    """A job the person wants, in their own words, with its ROME codes and conditions."""

    pathway = models.ForeignKey(
        Pathway,
        # The wishes are part of the pathway's history: a pathway with wishes is never deleted.
        on_delete=models.PROTECT,
        related_name="job_wishes",
        verbose_name=_("pathway"),
    )
    title_in_own_words = models.CharField(_("the job, in the person's own words"), max_length=200)
    rome_jobs = models.ManyToManyField(
        RomeJob, through="JobWishRomeJob", related_name="job_wishes", verbose_name=_("ROME jobs")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    contract_types = models.JSONField(_("contracts accepted"), default=list, blank=True)
    working_hours = models.CharField(
        _("working hours"), max_length=16, choices=WorkingHours.choices, default=WorkingHours.EITHER
    )
    max_hours_per_week = models.PositiveSmallIntegerField(_("maximum hours per week"), null=True, blank=True)
    max_commute_km = models.PositiveSmallIntegerField(_("maximum commute (km)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JobWishStatus.choices, default=JobWishStatus.EXPLORING
    )
    # Incremented by every save; the edit form carries it back so a stale form cannot overwrite.
    version = models.PositiveIntegerField(_("version"), default=1)
    # Who made the last change: a staff member, or the person from their own space (issue 10).
    by_participant = models.BooleanField(_("changed by the participant"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the file keeps who wrote what.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = JobWishQuerySet.as_manager()

    class Meta:
        verbose_name = _("job wish")
        verbose_name_plural = _("job wishes")
        ordering = ["priority", "created_at"]
        indexes = [models.Index(fields=["pathway", "priority"], name="jobwish_pathway_priority_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(priority__gte=1), name="jobwish_priority_positive"),
            models.CheckConstraint(condition=Q(version__gte=1), name="jobwish_version_positive"),
            models.CheckConstraint(condition=Q(status__in=JobWishStatus.values), name="jobwish_status_valid"),
            models.CheckConstraint(
                condition=Q(working_hours__in=WorkingHours.values), name="jobwish_working_hours_valid"
            ),
            models.CheckConstraint(
                condition=Q(max_hours_per_week__isnull=True)
                | Q(max_hours_per_week__gte=1, max_hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="jobwish_max_hours_in_range",
            ),
            models.CheckConstraint(
                condition=Q(max_commute_km__isnull=True) | Q(max_commute_km__gte=1),
                name="jobwish_max_commute_positive",
            ),
            models.CheckConstraint(
                condition=Q(by_participant=True) | Q(updated_by__isnull=False),
                name="jobwish_staff_change_has_author",
            ),
        ]

    def __str__(self) -> str:
        return self.title_in_own_words

    @property
    def rome_job_list(self) -> list[RomeJob]:
        """The ROME jobs in the order the person gave them (prefetched by ``with_details``)."""
        return [link.rome_job for link in self.rome_links.all()]

    @property
    def earlier_versions(self) -> list[JobWishVersion]:
        """What the person wanted before, newest first (the current version left out)."""
        return [snapshot for snapshot in self.versions.all() if snapshot.version < self.version]

    @property
    def is_confirmed(self) -> bool:
        return self.status == JobWishStatus.CONFIRMED


class JobWishRomeJob(models.Model):
    """One ROME code of a wish, at its place in the person's order (1 = the main job)."""

    job_wish = models.ForeignKey(
        JobWish, on_delete=models.CASCADE, related_name="rome_links", verbose_name=_("job wish")
    )
    rome_job = models.ForeignKey(
        RomeJob,
        # ROME codes are reference data: one that wishes refer to is never removed under them.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ROME job"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ROME code of a job wish")
        verbose_name_plural = _("ROME codes of job wishes")
        ordering = ["job_wish", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job_wish", "rome_job"], name="jobwish_rome_job_once"),
            models.UniqueConstraint(fields=["job_wish", "position"], name="jobwish_rome_position_once"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=MAX_ROME_JOBS), name="jobwish_rome_position_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_wish_id} #{self.position}: {self.rome_job_id}"


class JobWishVersion(_WishConditions, models.Model):
    """A snapshot of a wish as it stood after one save: the wish's history, never edited."""

    job_wish = models.ForeignKey(
        JobWish,
        # The snapshots are the wish's own history: they go only if the wish itself is erased.
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("job wish"),
    )
    version = models.PositiveIntegerField(_("version"))
    title_in_own_words = models.CharField(_("the job, in the person's own words"), max_length=200)
    # [{"code": "D1505", "label": "Hôte / Hôtesse de caisse"}, …] as they were: labels are kept so
    # the history reads the same after a ROME update.
    rome_jobs = models.JSONField(_("ROME jobs"), default=list)
    priority = models.PositiveSmallIntegerField(_("priority"))
    contract_types = models.JSONField(_("contracts accepted"), default=list, blank=True)
    working_hours = models.CharField(_("working hours"), max_length=16, choices=WorkingHours.choices)
    max_hours_per_week = models.PositiveSmallIntegerField(_("maximum hours per week"), null=True, blank=True)
    max_commute_km = models.PositiveSmallIntegerField(_("maximum commute (km)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=JobWishStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the history keeps who changed the wish.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    by_participant = models.BooleanField(_("changed by the participant"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("job wish version")
        verbose_name_plural = _("job wish versions")
        ordering = ["job_wish", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["job_wish", "version"], name="jobwish_version_once"),
            models.CheckConstraint(
                condition=Q(by_participant=True) | Q(changed_by__isnull=False),
                name="jobwish_version_has_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_in_own_words} (v{self.version})"

    @property
    def rome_codes(self) -> list[str]:
        return [job["code"] for job in self.rome_jobs]

    @property
    def rome_summary(self) -> str:
        return ", ".join(f"{job['code']} — {job['label']}" for job in self.rome_jobs)
