"""Appointments (rendez-vous): individual meetings of a participant with a staff member.

An appointment belongs to a pathway (the participant is reached through it) and is booked with
one staff member. It is planned, then held, excused, missed (no-show) or cancelled. Reminders go
out the day before through the background worker; each one is recorded (``ReminderDelivery``) so
a reminder is sent once per appointment time and channel, and a failure is never silent.
Staff may subscribe to their calendar from a calendar client through a secret feed URL
(``CalendarFeed``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.appointments.enums import (
    AppointmentKind,
    AppointmentStatus,
    DeliveryStatus,
    ParticipantResponse,
    ReminderChannel,
)
from chemin.pathways.models import Pathway
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

MIN_DURATION = 5
# A working day: longer than that is not an appointment.
MAX_DURATION = 8 * 60
# Staff who accompany people see and book appointments; business developers do not (DESIGN.md §4:
# they see the job-facing profile only).
APPOINTMENT_ROLES = (Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)


def short_name(participant: Participant) -> str:
    """First name and initial ("Nadia B."): what a calendar, a phone screen or a clash warning shows."""
    initial = participant.last_name[:1].upper()
    return f"{participant.first_name} {initial}." if initial else participant.first_name


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def visible_to(self, user: User) -> AppointmentQuerySet:
        """Appointments of pathways in territories where the user accompanies people."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        territories = Territory.objects.filter(
            is_active=True, memberships__user=user, memberships__role__in=APPOINTMENT_ROLES
        )
        return self.filter(pathway__territory__in=territories)

    def not_cancelled(self) -> AppointmentQuerySet:
        return self.exclude(status=AppointmentStatus.CANCELLED)

    def starting_between(self, start: datetime.datetime, end: datetime.datetime) -> AppointmentQuerySet:
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def overlapping(self, start: datetime.datetime, end: datetime.datetime) -> AppointmentQuerySet:
        """Candidates that may overlap [start, end): those starting in that window or up to the
        longest duration before it. Check ``ends_at`` on the rows to be exact."""
        return self.filter(starts_at__lt=end, starts_at__gt=start - datetime.timedelta(minutes=MAX_DURATION))

    def with_details(self) -> AppointmentQuerySet:
        return self.select_related("pathway__participant", "pathway__territory", "staff")


class Appointment(models.Model):
    pathway = models.ForeignKey(
        Pathway,
        # Appointments kept or missed are part of the pathway's history and of the reporting.
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("pathway"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the file keeps who met the person.
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("with"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    kind = models.CharField(_("kind"), max_length=24, choices=AppointmentKind.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The person's answer from their own space: confirmed, or asks to move it (with a few words).
    # Cleared when the appointment moves: the new time needs a new answer.
    participant_response = models.CharField(
        _("the person's answer"), max_length=16, choices=ParticipantResponse.choices, blank=True
    )
    participant_message = models.CharField(_("the person's message"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_start_idx"),
            models.Index(fields=["pathway", "starts_at"], name="appointment_pathway_start_idx"),
            models.Index(fields=["status"], name="appointment_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_DURATION) & Q(duration_minutes__lte=MAX_DURATION),
                name="appointment_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AppointmentKind.values), name="appointment_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AppointmentStatus.values), name="appointment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(participant_response="", responded_at__isnull=True)
                | Q(participant_response__in=ParticipantResponse.values, responded_at__isnull=False),
                name="appointment_response_dated",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.get_kind_display()} — {local:%d/%m/%Y %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_planned(self) -> bool:
        return self.status == AppointmentStatus.PLANNED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_upcoming(self) -> bool:
        return self.ends_at > timezone.now()

    def overlaps(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        return self.starts_at < end and self.ends_at > start


class ReminderDelivery(models.Model):
    """One reminder, on one channel, for one appointment time: sent once, retried, or given up."""

    appointment = models.ForeignKey(
        Appointment,
        # Appointments are never deleted (PROTECT on history); their reminders go with them if one is.
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("appointment"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=ReminderChannel.choices)
    # The appointment time the reminder announces: a moved appointment gets a new reminder.
    starts_at = models.DateTimeField(_("appointment time"))
    status = models.CharField(_("status"), max_length=16, choices=DeliveryStatus.choices)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The exception class only: a provider's message may quote the address or the number.
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        ordering = ["appointment", "channel", "-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "channel", "starts_at"], name="reminder_once_per_time_and_channel"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=ReminderChannel.values), name="reminder_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="reminder_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="reminder_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.channel} {self.status}"


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A secret address a calendar client subscribes to (iCal): whoever holds it reads the feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("user"),
    )
    token = models.CharField(_("secret token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ({'revoked' if self.revoked_at else 'active'})"
