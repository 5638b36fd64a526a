from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.models import User
from chemin.partners.models import Partner
from chemin.pathways.models import Pathway
from chemin.workshops.enums import Attendance, WorkshopTheme

if TYPE_CHECKING:
    from chemin.territories.models import Territory
    from chemin.workshops.models import Registration, Workshop

MAX_CAPACITY = 500
USER_PREFIX, PARTNER_PREFIX = "user-", "partner-"


class WorkshopForm(forms.Form):
    """A session on one day: a date with start and end times (a half-day, a morning…)."""

    theme = forms.ChoiceField(label=_("Theme"), choices=WorkshopTheme.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("E.g. “Gaining confidence for interviews”.")
    )
    facilitator = forms.ChoiceField(
        label=_("Facilitated by"),
        help_text=_("A staff member of the territory or a local partner."),
        error_messages={"required": _("Choose who facilitates the workshop.")},
    )
    place = forms.CharField(
        label=_("Place"), max_length=250, help_text=_("Address and room, e.g. “Maison de l’emploi, room 2”.")
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, e.g. 15/03/2026.")},
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a valid time, e.g. 09:30.")},
    )
    end_time = forms.TimeField(
        label=_("End time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a valid time, e.g. 11:30.")},
    )
    capacity = forms.IntegerField(
        label=_("Number of seats"),
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("When every seat is taken, people go on the waiting list."),
        error_messages={
            "min_value": _("A workshop has at least one seat."),
            "max_value": _("At most %(limit_value)s seats."),
            "invalid": _("Enter a whole number of seats, e.g. 12."),
        },
    )
    description = forms.CharField(
        label=_("Description (optional)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, territory: Territory, workshop: Workshop | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        staff = User.objects.filter(
            is_active=True, memberships__territory=territory, memberships__territory__is_active=True
        ).distinct()
        partners = Partner.objects.serving(territory).active()
        if workshop is not None:
            # Keep the current facilitator choosable, even if they left or the partner closed.
            staff = User.objects.filter(pk__in=staff.values("pk")) | User.objects.filter(
                pk=workshop.facilitator_user_id
            )
            partners = Partner.objects.filter(pk__in=partners.values("pk")) | Partner.objects.filter(
                pk=workshop.facilitator_partner_id
            )
        self.staff = {
            f"{USER_PREFIX}{user.pk}": user for user in staff.order_by("last_name", "first_name", "pk")
        }
        self.partners = {
            f"{PARTNER_PREFIX}{partner.pk}": partner for partner in partners.order_by("name", "pk")
        }
        self.fields["facilitator"].choices = [
            ("", _("Choose…")),
            (
                _("Staff members"),
                [(key, user.get_full_name() or user.email) for key, user in self.staff.items()],
            ),
            (_("Partners"), [(key, partner.name) for key, partner in self.partners.items()]),
        ]

    def clean(self) -> dict:
        data = super().clean()
        key = data.get("facilitator", "")
        data["facilitator_user"] = self.staff.get(key)
        data["facilitator_partner"] = self.partners.get(key)
        date, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if date and start and end:
            if end <= start:
                self.add_error("end_time", _("The workshop must end after it starts."))
                return data
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(date, start))
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(date, end))
            if self.workshop is None and data["ends_at"] <= timezone.now():
                self.add_error("date", _("This session is already over: plan a workshop to come."))
        return data

    @classmethod
    def initial_for(cls, workshop: Workshop) -> dict:
        starts_at, ends_at = timezone.localtime(workshop.starts_at), timezone.localtime(workshop.ends_at)
        if workshop.facilitator_partner_id:
            facilitator = f"{PARTNER_PREFIX}{workshop.facilitator_partner_id}"
        else:
            facilitator = f"{USER_PREFIX}{workshop.facilitator_user_id}"
        return {
            "theme": workshop.theme,
            "title": workshop.title,
            "facilitator": facilitator,
            "place": workshop.place,
            "date": starts_at.date(),
            "start_time": starts_at.time(),
            "end_time": ends_at.time(),
            "capacity": workshop.capacity,
            "description": workshop.description,
        }


class PathwayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pathway) -> str:
        return obj.participant.full_name


class RegistrationForm(forms.Form):
    """Register one person: the choices are the territory's open pathways not registered yet.

    The field accepts any open pathway of the territory, so that registering someone twice (a
    second tab, a double click) reaches the service and gets its clear message.
    """

    pathway = PathwayChoiceField(
        label=_("Person to register"),
        queryset=Pathway.objects.none(),
        empty_label=_("Choose a person…"),
        error_messages={
            "required": _("Choose the person to register."),
            "invalid_choice": _("Choose a person with an open pathway in this territory."),
        },
    )

    def __init__(self, *args, workshop: Workshop, exclude_ids: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pathway"]
        field.queryset = (
            Pathway.objects.open()
            .filter(territory_id=workshop.territory_id)
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name", "pk")
        )
        self.exclude_ids = exclude_ids

    def offered(self) -> list[tuple[str, str]]:
        """The options shown (one query): people not registered or waiting yet."""
        field = self.fields["pathway"]
        return [("", field.empty_label)] + [
            (str(pathway.pk), field.label_from_instance(pathway))
            for pathway in field.queryset
            if pathway.pk not in self.exclude_ids
        ]

    def prepare_widget(self) -> None:
        self.fields["pathway"].widget.choices = self.offered()


class AttendanceForm(forms.Form):
    """One radio group per registered person: present, absent or excused."""

    def __init__(self, *args, registrations: list[Registration], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[self.field_name(registration)] = forms.ChoiceField(
                label=registration.pathway.participant.full_name,
                choices=Attendance.recordable(),
                widget=forms.RadioSelect,
                required=False,
                initial=registration.attendance if registration.attendance != Attendance.UNKNOWN else None,
            )

    @staticmethod
    def field_name(registration: Registration) -> str:
        return f"attendance_{registration.pk}"

    def attendance(self) -> dict[int, str]:
        """Registration id → what was ticked (people left unticked are not in it)."""
        return {
            registration.pk: self.cleaned_data[self.field_name(registration)]
            for registration in self.registrations
            if self.cleaned_data.get(self.field_name(registration))
        }
