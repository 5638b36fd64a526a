from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.barriers.enums import (
    SITUATIONS,
    TRANSITIONS,
    BarrierCategory,
    BarrierStatus,
    CommuteMeans,
    ConstraintKind,
)
from chemin.barriers.services import ConstraintTerms

INVALID_DATE = _("Enter a valid date, e.g. 15/03/2026.")
INVALID_TIME = _("Enter a valid time, e.g. 09:00.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        error_messages={"invalid": INVALID_DATE},
    )


def _not_in_future(value: datetime.date | None) -> datetime.date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


def situation_choices(category: str = "") -> list:
    """The typical situations of a category; of every category, grouped, when none is chosen yet
    (the form then works without JavaScript: the category is checked on submission)."""
    empty = ("", _("None of these: the person's words say it"))
    if category in SITUATIONS:
        return [empty, *SITUATIONS[category]]
    return [empty, *[(BarrierCategory(code).label, situations) for code, situations in SITUATIONS.items()]]


class ConstraintTermsMixin:
    """The figures some constraints need (hours window, maximum commute), checked in French."""

    def constraint_fields(self) -> None:
        self.fields["earliest_start"] = forms.TimeField(
            label=_("Not before"),
            required=False,
            widget=TimeInput(),
            error_messages={"invalid": INVALID_TIME},
        )
        self.fields["latest_end"] = forms.TimeField(
            label=_("Not after"), required=False, widget=TimeInput(), error_messages={"invalid": INVALID_TIME}
        )
        self.fields["max_commute_km"] = forms.IntegerField(
            label=_("Maximum commute (km)"), required=False, min_value=1, max_value=300
        )
        self.fields["max_commute_minutes"] = forms.IntegerField(
            label=_("Maximum commute (minutes)"), required=False, min_value=5, max_value=300
        )
        self.fields["commute_means"] = forms.ChoiceField(
            label=_("Means of transport"),
            required=False,
            choices=[("", _("Not specified")), *CommuteMeans.choices],
        )

    def check_terms(self, cleaned: dict[str, Any], kinds: list[str]) -> None:
        if ConstraintKind.HOURS_WINDOW in kinds:
            start, end = cleaned.get("earliest_start"), cleaned.get("latest_end")
            if start is None and "earliest_start" not in self.errors:
                self.add_error("earliest_start", _("Give the earliest start of the hours window."))
            if end is None and "latest_end" not in self.errors:
                self.add_error("latest_end", _("Give the latest end of the hours window."))
            if start and end and start >= end:
                self.add_error("latest_end", _("The latest end must come after the earliest start."))
        if ConstraintKind.MAX_COMMUTE in kinds and (
            cleaned.get("max_commute_km") is None
            and cleaned.get("max_commute_minutes") is None
            and "max_commute_km" not in self.errors
            and "max_commute_minutes" not in self.errors
        ):
            self.add_error("max_commute_km", _("Give a maximum commute in kilometres, in minutes or both."))

    def terms(self, kind: str, *, kept: bool = False) -> ConstraintTerms:
        data = self.cleaned_data
        return ConstraintTerms(
            kind=kind,
            earliest_start=data.get("earliest_start"),
            latest_end=data.get("latest_end"),
            max_commute_km=data.get("max_commute_km"),
            max_commute_minutes=data.get("max_commute_minutes"),
            commute_means=data.get("commute_means") or "",
            kept_after_barrier=kept,
        )


class BarrierForm(ConstraintTermsMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Choose a category")), *BarrierCategory.choices]
    )
    situation = forms.ChoiceField(
        label=_("Typical situation"),
        required=False,
        help_text=_("Pick the closest one, or leave it empty and write the situation below."),
    )
    own_words = forms.CharField(
        label=_("In the person's own words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the person says it, e.g. “Nobody can pick up my son after school”."),
    )
    identified_on = _date_field(_("Identified on"))
    consent_given_on = _date_field(
        _("Person's consent given on"),
        required=False,
        help_text=_("Health and justice only: sensitive data, recorded with the person's consent."),
    )
    constraint_kinds = forms.MultipleChoiceField(
        label=_("Job constraints it implies (optional)"),
        required=False,
        choices=ConstraintKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Matching uses them without revealing the barrier."),
    )
    kept_after_barrier = forms.BooleanField(
        label=_("Keep these constraints when the barrier is lifted"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.constraint_fields()
        self.fields["identified_on"].initial = timezone.localdate
        self.fields["situation"].choices = situation_choices(self.selected_category)
        if self.selected_category:
            self.fields["situation"].error_messages["invalid_choice"] = _(
                "This situation belongs to another category: pick one of “%(category)s”."
            ) % {"category": BarrierCategory(self.selected_category).label}

    @property
    def selected_category(self) -> str:
        value = self.data.get("category", "") if self.is_bound else self.initial.get("category", "")
        return value if value in BarrierCategory.values else ""

    @property
    def is_special(self) -> bool:
        return self.selected_category in BarrierCategory.special()

    def clean_identified_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("identified_on"))

    def clean_consent_given_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("consent_given_on"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        category = cleaned.get("category")
        situation = cleaned.get("situation")
        if category and situation and situation not in dict(SITUATIONS.get(category, [])):
            self.add_error(
                "situation",
                _("This situation belongs to another category: pick one of “%(category)s”.")
                % {"category": BarrierCategory(category).label},
            )
        if not situation and not (cleaned.get("own_words") or "").strip() and "situation" not in self.errors:
            self.add_error(
                "own_words", _("Pick a typical situation or write the situation in the person's own words.")
            )
        if (
            category in BarrierCategory.special()
            and not cleaned.get("consent_given_on")
            and "consent_given_on" not in self.errors
        ):
            self.add_error(
                "consent_given_on",
                _(
                    "Health and justice are sensitive data: record the day the person agreed "
                    "to their recording first."
                ),
            )
        self.check_terms(cleaned, cleaned.get("constraint_kinds") or [])
        return cleaned

    def constraints(self) -> list[ConstraintTerms]:
        kept = self.cleaned_data.get("kept_after_barrier", False)
        return [self.terms(kind, kept=kept) for kind in self.cleaned_data.get("constraint_kinds") or []]


class JobConstraintForm(ConstraintTermsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Constraint"), choices=ConstraintKind.choices, widget=forms.RadioSelect)
    started_on = _date_field(_("Since"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.constraint_fields()
        self.fields["started_on"].initial = timezone.localdate

    def clean_started_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("started_on"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.check_terms(cleaned, [cleaned["kind"]] if cleaned.get("kind") else [])
        return cleaned


class BarrierStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    on = _date_field(_("On"))
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What made the difference, or what still stands in the way."),
    )

    def __init__(self, *args: Any, current_status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, BarrierStatus(status).label) for status in TRANSITIONS[current_status]
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "A barrier “%(current)s” cannot take this status."
        ) % {"current": BarrierStatus(current_status).label}
        self.fields["on"].initial = timezone.localdate

    def clean_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("on"))


class ConstraintEndForm(forms.Form):
    on = _date_field(_("Ended on"), required=False)

    def clean_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data.get("on"))
