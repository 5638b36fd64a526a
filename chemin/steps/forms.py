from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chemin.steps.enums import StepOwner, StepStatus


class StepForm(forms.Form):
    title = forms.CharField(
        label=_("Step"),
        max_length=200,
        help_text=_("Small and concrete, e.g. “Update the CV” or “Call the Liévin crèche”."),
    )
    owner = forms.ChoiceField(
        label=_("Who does it"),
        choices=StepOwner.choices,
        initial=StepOwner.PARTICIPANT,
        widget=forms.RadioSelect,
    )
    owner_name = forms.CharField(
        label=_("Partner's name (optional)"),
        max_length=150,
        required=False,
        help_text=_("When a partner carries the step: CCAS, mobility platform, crèche…"),
    )
    due_date = forms.DateField(
        label=_("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, e.g. 15/03/2026.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("owner_name") and cleaned.get("owner") not in (None, StepOwner.PARTNER):
            self.add_error("owner_name", _("Name a partner only when a partner does the step."))
        return cleaned


class StepEditForm(StepForm):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(choices=StepStatus.choices)
