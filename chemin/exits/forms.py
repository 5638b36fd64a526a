from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.models import TEXT_MAX_LENGTH
from chemin.exits.services import validate_exit
from chemin.pathways.models import Pathway


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CloseForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Exit category"),
        choices=ExitCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the exit category.")},
    )
    reason = forms.ChoiceField(
        label=_("Reason for an other exit"),
        choices=ExitReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    detail = forms.CharField(
        label=_("Details (required for an other reason)"),
        max_length=250,
        required=False,
    )
    closed_on = forms.DateField(
        label=_("Exit date"),
        widget=DateInput,
        error_messages={"required": _("Give the exit date."), "invalid": _("Enter a valid date.")},
    )

    def __init__(self, *args: Any, pathway: Pathway, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pathway = pathway
        self.fields["category"].choices = [
            (category.value, f"{category.label} — {category.definition}") for category in ExitCategory
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "category" in self.errors or "closed_on" in self.errors:
            return cleaned
        try:
            validate_exit(
                pathway=self.pathway,
                category=cleaned.get("category", ""),
                reason=cleaned.get("reason", ""),
                detail=cleaned.get("detail", ""),
                closed_on=cleaned.get("closed_on"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class ReviewForm(forms.Form):
    achievements = forms.CharField(
        label=_("What was achieved"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Steps taken, jobs, trainings, barriers lifted: in words the person recognises."),
        error_messages={"required": _("Say what was achieved during the pathway.")},
    )
    remaining_barriers = forms.CharField(
        label=_("Remaining barriers"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pre-filled from the open barriers. Never write a health or justice detail here."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    read_with_person = forms.BooleanField(label=_("Read with the person"), required=False)
    read_with_person_on = forms.DateField(
        label=_("on"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a valid date.")},
    )

    def __init__(self, *args: Any, pathway: Pathway, sending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pathway = pathway
        self.sending = sending

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day: datetime.date | None = cleaned.get("read_with_person_on")
        if cleaned.get("read_with_person"):
            if day is None and "read_with_person_on" not in self.errors:
                self.add_error("read_with_person_on", _("Give the day you read it with the person."))
            elif day is not None and day > timezone.localdate():
                self.add_error("read_with_person_on", _("This date cannot be in the future."))
            elif day is not None and day < self.pathway.entry_date:
                self.add_error("read_with_person_on", _("This date cannot be before the entry date."))
        else:
            cleaned["read_with_person_on"] = None
            if self.sending:
                self.add_error("read_with_person", _("Read the review with the person before sending it."))
        return cleaned
