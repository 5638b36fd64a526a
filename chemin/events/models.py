"""Events: job datings, forums, company visits, information sessions and collective workshops,
with the companies and the people invited, and who came (DESIGN.md §1, §5.5).

Placements created at an event keep the link: the opportunities app points at ``Event`` (a
nullable ``Placement.event``, added by the lead), and ``EventQuerySet.for_placements`` lists the
events a placement form may offer.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.companies.models import Company
from chemin.events.enums import EventKind
from chemin.pathways.models import Pathway
from chemin.referentials.models import Commune
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

# How far back a placement form offers events to link to.
PLACEMENT_EVENT_DAYS = 60


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: User) -> EventQuerySet:
        """Events of the user's territories (every staff role: business developers run them)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(territory__in=Territory.objects.for_user(user))

    def upcoming(self, today: datetime.date | None = None) -> EventQuerySet:
        return self.filter(date__gte=today or timezone.localdate())

    def past(self, today: datetime.date | None = None) -> EventQuerySet:
        return self.filter(date__lt=today or timezone.localdate())

    def for_placements(self, territory: Territory) -> EventQuerySet:
        """Events a placement may come from: the territory's recent job datings, forums and visits."""
        today = timezone.localdate()
        return self.filter(
            territory=territory,
            kind__in=[EventKind.JOB_DATING, EventKind.FORUM, EventKind.COMPANY_VISIT],
            date__gte=today - datetime.timedelta(days=PLACEMENT_EVENT_DAYS),
            date__lte=today,
        ).order_by("-date", "-pk")

    def with_counts(self) -> EventQuerySet:
        """Invited and present counts, as subqueries so the two joins do not multiply each other."""

        def count(model, **filters):
            rows = model.objects.filter(event=models.OuterRef("pk"), **filters).order_by()
            return models.Subquery(
                rows.values("event").annotate(n=models.Count("pk")).values("n"),
                output_field=models.IntegerField(),
            )

        return self.annotate(
            participants_invited=models.functions.Coalesce(count(EventParticipant), 0),
            participants_present=models.functions.Coalesce(count(EventParticipant, present=True), 0),
            companies_invited=models.functions.Coalesce(count(EventCompany), 0),
            companies_present=models.functions.Coalesce(count(EventCompany, present=True), 0),
        )


class Event(models.Model):
    """A dated collective session in a territory, with the companies and people around it."""

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="events", verbose_name=_("territory")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    address = models.CharField(_("address"), max_length=250, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    description = models.TextField(_("description"), blank=True)
    companies = models.ManyToManyField(
        Company, through="EventCompany", related_name="events", verbose_name=_("companies")
    )
    pathways = models.ManyToManyField(
        Pathway, through="EventParticipant", related_name="events", verbose_name=_("participants")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the event keeps who organised it.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [models.Index(fields=["territory", "date"], name="event_territory_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def has_started(self) -> bool:
        """Attendance is recorded from the day of the event."""
        return self.date <= timezone.localdate()

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()


class EventCompany(models.Model):
    """A company invited to an event, and whether it came."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="company_links", verbose_name=_("event")
    )
    company = models.ForeignKey(
        Company,
        # A company that took part stays on record with the event (its history, reporting).
        on_delete=models.PROTECT,
        related_name="event_links",
        verbose_name=_("company"),
    )
    present = models.BooleanField(_("present"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("company at an event")
        verbose_name_plural = _("companies at events")
        ordering = ["event", "company__search_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "company"], name="event_company_once")]

    def __str__(self) -> str:
        return f"{self.company_id} @ {self.event_id}"


class EventParticipant(models.Model):
    """A person (through their pathway) invited to an event, and whether they came."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participant_links", verbose_name=_("event")
    )
    pathway = models.ForeignKey(
        Pathway,
        # Attendance is part of the pathway's history.
        on_delete=models.PROTECT,
        related_name="event_links",
        verbose_name=_("pathway"),
    )
    present = models.BooleanField(_("present"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("participant at an event")
        verbose_name_plural = _("participants at events")
        ordering = ["event", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "pathway"], name="event_participant_once")]

    def __str__(self) -> str:
        return f"{self.pathway_id} @ {self.event_id}"
