from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# A leaf module (choices only): the territory's follow-up calendar is chosen among its milestones.
from chemin.employments.enums import DEFAULT_MILESTONES, Milestone

if TYPE_CHECKING:
    from chemin.accounts.models import User


def default_follow_up_milestones() -> list[str]:
    return [str(milestone) for milestone in DEFAULT_MILESTONES]


def validate_follow_up_milestones(value: object) -> None:
    """A list of known milestones, each at most once (the calendar has one check-in per milestone)."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one follow-up check-in."))
    unknown = [item for item in value if item not in Milestone.values]
    if unknown:
        raise ValidationError(
            _("Unknown follow-up check-ins: %(values)s. Choose among %(allowed)s.")
            % {"values": ", ".join(map(str, unknown)), "allowed": ", ".join(Milestone.values)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each follow-up check-in may appear only once."))


class TerritoryQuerySet(models.QuerySet["Territory"]):
    def active(self) -> TerritoryQuerySet:
        return self.filter(is_active=True)

    def for_user(self, user: User) -> TerritoryQuerySet:
        """Territories a staff member works in: all of them for a superuser, else their memberships."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.active()
        return self.active().filter(memberships__user=user).distinct()


class Territory(models.Model):
    """An operating unit (structure, antenne) with its staff, partners and agreements."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    departement = models.CharField(_("département"), max_length=3, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # "My day" measures each staff member's company contacts of the week against this.
    weekly_company_contacts_target = models.PositiveSmallIntegerField(
        _("weekly company contacts target"),
        default=10,
        help_text=_("Company contacts each staff member aims to log every week (shown on “My day”)."),
    )
    # The follow-up calendar of every contract start in the territory (its agreements may ask for
    # another one than the default D+7, end of trial, M+1, M+3, M+6).
    follow_up_milestones = models.JSONField(
        _("follow-up check-ins"),
        default=default_follow_up_milestones,
        validators=[validate_follow_up_milestones],
        help_text=_(
            "Check-ins generated at each contract start, among d7, trial_end, m1, m3, m6 "
            "(the end-of-trial one only when the contract has a trial period)."
        ),
    )
    # Alert thresholds (chemin/core/alerts.py): each territory sets its own, its agreements may ask
    # for closer follow-up than the 30 days of DESIGN.md §5.5.
    not_seen_alert_days = models.PositiveSmallIntegerField(
        _("days without contact before an alert"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_(
            "An open pathway raises a “not seen” alert when the last contact (or the entry, if there "
            "has been no contact) is this many days old."
        ),
    )
    no_job_proposal_alert_days = models.PositiveSmallIntegerField(
        _("days after entry without a job proposal before an alert"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("An open pathway with no job proposal this many days after entry raises an alert."),
    )
    no_show_alert_count = models.PositiveSmallIntegerField(
        _("missed appointments before an alert"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("A person who misses this many appointments raises a “repeated no-shows” alert."),
    )
    no_show_lookback_days = models.PositiveSmallIntegerField(
        _("days over which missed appointments are counted"),
        default=90,
        validators=[MinValueValidator(1)],
        help_text=_("Only the appointments missed in this many last days count towards the alert."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(not_seen_alert_days__gte=1), name="territory_not_seen_alert_days_min"
            ),
            models.CheckConstraint(
                condition=models.Q(no_job_proposal_alert_days__gte=1),
                name="territory_no_job_proposal_alert_days_min",
            ),
            models.CheckConstraint(
                condition=models.Q(no_show_alert_count__gte=1), name="territory_no_show_alert_count_min"
            ),
            models.CheckConstraint(
                condition=models.Q(no_show_lookback_days__gte=1), name="territory_no_show_lookback_days_min"
            ),
        ]

    def __str__(self) -> str:
        return self.name
