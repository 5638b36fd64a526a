"""Appointments: the participant file's section, the week calendars and the iCal feed.

Counsellors, managers and administrators of the pathway's territory see, book and update
appointments; business developers do not (403: they see the job-facing profile only). A file,
or an appointment, outside the user's territories is a 404. The iCal feed is read without a
session, by whoever holds its secret address; an unknown or revoked address is a 404.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.accounts.enums import Role
from chemin.appointments import services
from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.forms import AppointmentForm, StatusForm
from chemin.appointments.models import APPOINTMENT_ROLES, Appointment, CalendarFeed, ReminderDelivery
from chemin.appointments.services import AppointmentClashes, AppointmentData, PathwayNotOpen, format_time
from chemin.core.calendar import CalendarEntry, CalendarQuery, entries_for
from chemin.participants.access import current_pathway, participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

NO_OPEN_PATHWAY = gettext_noop(
    "This person has no open pathway: appointments are booked during an open pathway."
)
# The outcomes a button records, in the order they are offered.
STATUS_ACTIONS = (
    AppointmentStatus.HELD,
    AppointmentStatus.EXCUSED,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.CANCELLED,
)
ACTION_LABELS = {
    AppointmentStatus.HELD: pgettext_lazy("appointment action", "Mark as held"),
    AppointmentStatus.EXCUSED: pgettext_lazy("appointment action", "Mark as excused"),
    AppointmentStatus.NO_SHOW: pgettext_lazy("appointment action", "Mark as no-show"),
    AppointmentStatus.CANCELLED: pgettext_lazy("appointment action", "Cancel the appointment"),
}
WEEK_PARAM = re.compile(r"^(\d{4})-W(\d{1,2})$")
# The iCal feed's window: recent history and the next six months.
FEED_PAST = datetime.timedelta(days=30)
FEED_FUTURE = datetime.timedelta(days=180)


# The participant file's section -------------------------------------------------------------


@dataclass(frozen=True)
class FileAccess:
    participant: Participant
    pathway: Pathway | None
    role: Role | None

    @property
    def pathway_open(self) -> bool:
        return self.pathway is not None and self.pathway.is_open

    def context(self) -> dict[str, Any]:
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            # Only roles that may see appointments get here: never a business developer.
            "job_facing_only": False,
            "can_book": self.pathway_open,
        }


def _file_access(user: User, participant_pk: int) -> FileAccess:
    """404 outside the user's territories, 403 for roles that do not see appointments."""
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    if user.is_superuser:
        role = Role.ADMIN
    else:
        role = role_in(user, pathway.territory) if pathway is not None else None
    if role not in APPOINTMENT_ROLES:
        raise PermissionDenied
    return FileAccess(participant=participant, pathway=pathway, role=role)


def _list_url(participant: Participant, appointment: Appointment | None = None) -> str:
    url = reverse("participant_appointments:list", kwargs={"participant_pk": participant.pk})
    return f"{url}#appointment-{appointment.pk}" if appointment else url


def _appointment_or_404(user: User, access: FileAccess, pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.visible_to(user).filter(pathway__participant=access.participant).with_details(),
        pk=pk,
    )


def _refusal(
    request: HttpRequest, access: FileAccess, appointment: Appointment | None
) -> HttpResponse | None:
    """Back to the list, with the reason, when the pathway is closed or is not the current one."""
    message = None
    if not access.pathway_open:
        message = _(NO_OPEN_PATHWAY)
    elif appointment is not None and appointment.pathway_id != access.pathway.pk:
        message = _("This appointment belongs to a closed pathway: it can no longer be changed.")
    if message:
        messages.error(request, message)
        return redirect(_list_url(access.participant, appointment))
    return None


def _add_errors(form: AppointmentForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _data(form: AppointmentForm) -> AppointmentData:
    return AppointmentData(
        staff=form.cleaned_data["staff"],
        starts_at=form.starts_at(),
        duration_minutes=form.cleaned_data["duration_minutes"],
        kind=form.cleaned_data["kind"],
        place=form.cleaned_data["place"],
        notes=form.cleaned_data["notes"],
    )


def _reminder_badges(appointment: Appointment) -> dict[str, list[str]]:
    """The reminders of the appointment's current time, by outcome (channels as people read them)."""
    badges: dict[str, list[str]] = {"sent": [], "failed": [], "given_up": []}
    for delivery in appointment.reminders.all():
        if delivery.starts_at == appointment.starts_at:
            badges[delivery.status].append(delivery.get_channel_display())
    return badges


@require_GET
def appointment_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    appointments = list(
        Appointment.objects.visible_to(request.user)
        .filter(pathway__participant=access.participant)
        .with_details()
        .prefetch_related(Prefetch("reminders", queryset=ReminderDelivery.objects.order_by("channel")))
        .order_by("starts_at", "pk")
    )
    for appointment in appointments:
        appointment.reminder_badges = _reminder_badges(appointment)
        appointment.can_change = access.pathway_open and appointment.pathway_id == access.pathway.pk
        appointment.actions = (
            [
                (status, ACTION_LABELS[status])
                for status in STATUS_ACTIONS
                if appointment.has_started or status not in services.OUTCOMES_AFTER_START
            ]
            if appointment.can_change and appointment.is_planned
            else []
        )
    upcoming = [item for item in appointments if item.is_upcoming]
    past = [item for item in reversed(appointments) if not item.is_upcoming]
    return render(
        request,
        "appointments/list.html",
        {**access.context(), "upcoming": upcoming, "past": past},
    )


def _render_form(
    request: HttpRequest,
    access: FileAccess,
    form: AppointmentForm,
    appointment: Appointment | None,
    clashes=(),
) -> HttpResponse:
    context = {
        **access.context(),
        "form": form,
        "appointment": appointment,
        "clashes": [str(c) for c in clashes],
    }
    return render(request, "appointments/form.html", context)


@require_http_methods(["GET", "POST"])
def appointment_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    if refused := _refusal(request, access, None):
        return refused
    staff = services.staff_who_may_meet(access.pathway)
    clashes: list = []
    if request.method == "POST":
        form = AppointmentForm(request.POST, staff_queryset=staff)
        if form.is_valid():
            try:
                appointment = services.appointment_book(
                    pathway=access.pathway,
                    booked_by=request.user,
                    data=_data(form),
                    allow_overlap=form.cleaned_data["allow_overlap"],
                )
            except PathwayNotOpen:
                messages.error(request, _(NO_OPEN_PATHWAY))
                return redirect(_list_url(access.participant))
            except ValidationError as error:
                _add_errors(form, error)
            except AppointmentClashes as error:
                clashes = error.clashes
            else:
                start = timezone.localtime(appointment.starts_at)
                messages.success(
                    request,
                    _("Appointment booked on %(date)s at %(time)s.")
                    % {"date": start.strftime("%d/%m/%Y"), "time": format_time(start)},
                )
                return redirect(_list_url(access.participant, appointment))
    else:
        me = staff.filter(pk=request.user.pk).exists()
        form = AppointmentForm(
            staff_queryset=staff,
            initial={
                "staff": request.user.pk if me else access.pathway.referent_id,
                "date": timezone.localdate() + datetime.timedelta(days=1),
            },
        )
    return _render_form(request, access, form, None, clashes)


@require_http_methods(["GET", "POST"])
def appointment_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    appointment = _appointment_or_404(request.user, access, pk)
    if refused := _refusal(request, access, appointment):
        return refused
    staff = services.staff_who_may_meet(access.pathway, also=appointment.staff)
    clashes: list = []
    if request.method == "POST":
        form = AppointmentForm(request.POST, staff_queryset=staff)
        if form.is_valid():
            try:
                appointment = services.appointment_update(
                    appointment=appointment,
                    changed_by=request.user,
                    data=_data(form),
                    allow_overlap=form.cleaned_data["allow_overlap"],
                )
            except PathwayNotOpen:
                messages.error(request, _(NO_OPEN_PATHWAY))
                return redirect(_list_url(access.participant))
            except ValidationError as error:
                _add_errors(form, error)
            except AppointmentClashes as error:
                clashes = error.clashes
            else:
                messages.success(request, _("Appointment saved."))
                return redirect(_list_url(access.participant, appointment))
    else:
        start = timezone.localtime(appointment.starts_at)
        form = AppointmentForm(
            staff_queryset=staff,
            initial={
                "kind": appointment.kind,
                "date": start.date(),
                "time": start.time().replace(second=0, microsecond=0),
                "duration_minutes": appointment.duration_minutes,
                "staff": appointment.staff_id,
                "place": appointment.place,
                "notes": appointment.notes,
            },
        )
    return _render_form(request, access, form, appointment, clashes)


@require_POST
def appointment_status(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    access = _file_access(request.user, participant_pk)
    appointment = _appointment_or_404(request.user, access, pk)
    if refused := _refusal(request, access, appointment):
        return refused
    form = StatusForm(request.POST, choices=[(status.value, status.label) for status in STATUS_ACTIONS])
    if not form.is_valid():
        messages.error(request, _("Choose held, excused, no-show or cancelled."))
        return redirect(_list_url(access.participant, appointment))
    try:
        appointment = services.appointment_set_status(
            appointment=appointment, status=form.cleaned_data["status"], changed_by=request.user
        )
    except PathwayNotOpen:
        messages.error(request, _(NO_OPEN_PATHWAY))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Appointment marked “%(status)s”.") % {"status": appointment.get_status_display()}
        )
    return redirect(_list_url(access.participant, appointment))


# Week calendars -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: datetime.date
    entries: list[CalendarEntry]
    is_today: bool


def _week_start(request: HttpRequest) -> datetime.date:
    """Monday of the week asked for (?semaine=2026-W48 or ?du=2026-11-24), else of this week."""
    day = timezone.localdate()
    if match := WEEK_PARAM.match(request.GET.get("semaine", "").strip()):
        with contextlib.suppress(ValueError):
            day = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    elif value := request.GET.get("du", "").strip():
        with contextlib.suppress(ValueError):
            day = datetime.date.fromisoformat(value)
    return day - datetime.timedelta(days=day.weekday())


def _week_param(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_context(request: HttpRequest, query_for) -> dict[str, Any]:
    monday = _week_start(request)
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )
    entries = entries_for(query_for(start, end))
    today = timezone.localdate()
    days = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        days.append(
            Day(
                date=date,
                entries=[entry for entry in entries if timezone.localtime(entry.starts_at).date() == date],
                is_today=date == today,
            )
        )
    this_monday = today - datetime.timedelta(days=today.weekday())
    return {
        "days": days,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week_number": monday.isocalendar()[1],
        "previous_week": _week_param(monday - datetime.timedelta(days=7)),
        "next_week": _week_param(monday + datetime.timedelta(days=7)),
        "this_week": _week_param(this_monday),
        "is_this_week": monday == this_monday,
        "entry_count": len(entries),
    }


@require_GET
def week_mine(request: HttpRequest) -> HttpResponse:
    """The logged-in staff member's week: their appointments and whatever else they run."""
    context = _week_context(
        request, lambda start, end: CalendarQuery(start=start, end=end, staff=request.user)
    )
    context["scope"] = "mine"
    context["can_see_territory"] = request.territories.role in APPOINTMENT_ROLES
    return render(request, "appointments/week.html", context)


@require_GET
def week_territory(request: HttpRequest) -> HttpResponse:
    """The current territory's week, every staff member: for its counsellors and managers."""
    territory = request.territories.current
    if territory is None or request.territories.role not in APPOINTMENT_ROLES:
        raise PermissionDenied
    context = _week_context(
        request, lambda start, end: CalendarQuery(start=start, end=end, territory=territory)
    )
    context.update(scope="territory", territory=territory, can_see_territory=True)
    return render(request, "appointments/week.html", context)


# Calendar subscription (iCal) -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def subscription(request: HttpRequest) -> HttpResponse:
    """Create, see, regenerate or revoke the secret address of one's calendar feed."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            services.calendar_feed_create(user=request.user)
            messages.success(
                request, _("Your calendar address is ready: copy it into your calendar application.")
            )
        elif action == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            messages.error(request, _("Choose an action."))
        return redirect("calendars:subscription")
    feed = CalendarFeed.objects.active().filter(user=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("calendars:feed", kwargs={"token": feed.token})) if feed else None
    )
    return render(request, "appointments/subscription.html", {"feed": feed, "feed_url": feed_url})


def _event(entry: CalendarEntry, *, stamp: datetime.datetime, base_url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@chemin-faisant")
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.starts_at.astimezone(datetime.UTC))
    event.add("dtend", entry.ends_at.astimezone(datetime.UTC))
    event.add("summary", f"{entry.kind_label} — {entry.title}")
    if entry.place:
        event.add("location", entry.place)
    if entry.url:
        event.add("url", base_url + entry.url)
    event.add("status", "CANCELLED" if entry.is_cancelled else "CONFIRMED")
    return event


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The staff member's calendar as iCal, for calendar clients (no session: the token is the key).

    Summaries carry the kind and the person's first name and initial only; never notes.
    """
    calendar_feed = (
        CalendarFeed.objects.active().select_related("user").filter(token=token, user__is_active=True).first()
    )
    if calendar_feed is None:
        raise Http404
    now = timezone.now()
    entries = entries_for(
        CalendarQuery(start=now - FEED_PAST, end=now + FEED_FUTURE, staff=calendar_feed.user)
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Chemin faisant//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Chemin faisant")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    base_url = request.build_absolute_uri("/").rstrip("/")
    for entry in entries:
        calendar.add_component(_event(entry, stamp=now, base_url=base_url))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="chemin-faisant.ics"'
    # The address is a secret: keep the answer out of shared caches and of the referrer.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
