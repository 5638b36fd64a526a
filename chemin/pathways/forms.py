"""Forms of the pathway actions: phase, referent, a contact with the person, opening a new pathway."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.pathways.enums import OPEN_PHASES


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Move to the phase"), choices=[(phase.value, phase.label) for phase in OPEN_PHASES]
    )


class ReassignForm(forms.Form):
    new_referent = forms.ModelChoiceField(label=_("New referent counsellor"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=250,
        help_text=_("Optional. Kept in the pathway's history, seen by the territory's staff."),
    )

    def __init__(self, *args: Any, referents: Any, current_referent_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_referent"].queryset = referents.exclude(pk=current_referent_id)
        self.fields["new_referent"].empty_label = _("Choose a counsellor")


class OpenPathwayForm(forms.Form):
    referent = forms.ModelChoiceField(label=_("Referent counsellor"), queryset=None, empty_label=None)
    entry_date = forms.DateField(
        label=_("Entry date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, referents: Any, user_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = referents
        if not self.is_bound:
            self.fields["entry_date"].initial = timezone.localdate()
            if referents.filter(pk=user_id).exists():
                self.fields["referent"].initial = user_id

    def clean_entry_date(self) -> datetime.date:
        entry_date = self.cleaned_data["entry_date"]
        if entry_date > timezone.localdate():
            raise ValidationError(_("The entry date cannot be in the future."), code="future")
        return entry_date


class ContactForm(forms.Form):
    """The day the counsellor last met or spoke with the person (the caseload's "last contact")."""

    contact_on = forms.DateField(
        label=_("Contact on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["contact_on"].initial = timezone.localdate()

    def clean_contact_on(self) -> datetime.date:
        contact_on = self.cleaned_data["contact_on"]
        if contact_on > timezone.localdate():
            raise ValidationError(_("A contact cannot be in the future."), code="future")
        return contact_on
