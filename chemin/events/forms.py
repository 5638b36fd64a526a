from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chemin.events.enums import EventKind
from chemin.referentials.forms import CommuneField


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("E.g. “Job dating logistics — Liévin”.")
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
    address = forms.CharField(label=_("Address (optional)"), max_length=250, required=False)
    commune = CommuneField(label=_("Commune (optional)"), required=False)
    description = forms.CharField(
        label=_("Description (optional)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
