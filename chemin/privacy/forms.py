from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.privacy.enums import AnonymisationReason


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ErasureForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the data is erased"),
        choices=AnonymisationReason.on_request,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the data is erased.")},
    )
    requested_on = forms.DateField(
        label=_("Day the person asked"),
        help_text=_("The organisation has one month from this day to answer (RGPD art. 12)."),
        widget=DateInput,
        error_messages={"required": _("Give the day the person asked."), "invalid": _("Enter a valid date.")},
    )
    confirmed = forms.BooleanField(
        label=_(
            "I understand that the names, contact details and texts of this file will be erased for good."
        ),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )

    def clean_requested_on(self) -> datetime.date:
        requested_on = self.cleaned_data["requested_on"]
        if requested_on > timezone.localdate():
            raise ValidationError(_("The day of the request cannot be in the future."))
        return requested_on
