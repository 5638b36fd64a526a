from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.models import User
from chemin.appointments.enums import AppointmentKind
from chemin.appointments.models import MAX_DURATION, MIN_DURATION


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name()


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of appointment"),
        choices=AppointmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of appointment.")},
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the day of the appointment."),
            "invalid": _("Enter a valid date, e.g. 15/03/2026."),
        },
    )
    time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Enter the time of the appointment."),
            "invalid": _("Enter a valid time, e.g. 09:30."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        initial=60,
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how long the appointment lasts, in minutes."),
            "invalid": _("Enter a number of minutes, e.g. 45."),
            "min_value": _("An appointment lasts at least %(limit_value)s minutes."),
            "max_value": _("An appointment lasts at most %(limit_value)s minutes (8 hours)."),
        },
    )
    staff = StaffChoiceField(label=_("With"), queryset=User.objects.none(), empty_label=None)
    place = forms.CharField(
        label=_("Place (optional)"),
        max_length=200,
        required=False,
        help_text=_("An address, a room, a partner's premises… Sent to the person with the reminder."),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For the team only: never sent to the person nor shown in calendars."),
    )
    # Shown only once a clash was found: booking over another appointment is a deliberate choice.
    allow_overlap = forms.BooleanField(label=_("Book anyway, at the same time"), required=False)

    def __init__(self, *args: Any, staff_queryset, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_queryset

    def starts_at(self) -> datetime.datetime:
        """The start as an aware datetime, in the project's time zone (Europe/Paris)."""
        return timezone.make_aware(
            datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[])

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices
