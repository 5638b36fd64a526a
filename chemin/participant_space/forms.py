"""Forms of the participant space: few fields, plain words, an error in French on the field."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.portfolio.enums import ExperienceKind, SelfRating
from chemin.privacy.enums import SharedItem

TITLE_MAX = 200
MESSAGE_MAX = 500
DESCRIPTION_MAX = 1000
EARLIEST_YEAR = 1950

# The person's words for what their prescriber may see (SharedItem), and for their own rating.
SHARED_ITEM_LABELS = {
    SharedItem.MILESTONES: _(
        "The big moments of your pathway: the first meeting, the start, the steps you reached"
    ),
    SharedItem.JOB_WISHES: _("The jobs you want to do"),
    SharedItem.APPOINTMENTS_KEPT: _("The appointments you came to"),
    SharedItem.JOB_PROPOSALS: _("The job offers we proposed to you"),
    SharedItem.IMMERSIONS: _("Your discovery periods in companies"),
    SharedItem.CONTRACT_STARTS: _("When you start a job"),
    SharedItem.EXIT: _("The end of your pathway and its review"),
}
RATING_LABELS = {
    SelfRating.BEGINNER: _("I am a beginner"),
    SelfRating.GETTING_BY: _("I get by"),
    SelfRating.AT_EASE: _("I am at ease"),
    SelfRating.MASTERED: _("I master it"),
}
EXPERIENCE_KIND_LABELS = {
    ExperienceKind.PAID_WORK: _("A job"),
    ExperienceKind.IMMERSION: _("An internship or a discovery period"),
    ExperienceKind.VOLUNTEERING: _("Volunteering, helping others"),
    ExperienceKind.FAMILY_LIFE: _("Family and home life"),
    ExperienceKind.TRAINING: _("A training"),
}


# Django fills in the limit (MaxLengthValidator's parameters).
TOO_LONG = _("This is too long: %(limit_value)d characters at most (you wrote %(show_value)d).")


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Write your email address."),
            "invalid": _("This email address is not complete. Example: nadia.martin@gmail.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )


class WishForm(forms.Form):
    title = forms.CharField(
        label=_("The job you want to do"),
        help_text=_("In your own words. Example: “work in a shop”, “help elderly people”."),
        max_length=TITLE_MAX,
        error_messages={"required": _("Write the job you want to do."), "max_length": TOO_LONG},
    )


class StepForm(forms.Form):
    title = forms.CharField(
        label=_("What you want to do"),
        help_text=_("Something small and simple. Example: “call the crèche”."),
        max_length=TITLE_MAX,
        error_messages={"required": _("Write what you want to do."), "max_length": TOO_LONG},
    )
    due_date = forms.DateField(
        label=_("By when? (you may leave it empty)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("This date is not right. Example: 15/03/2027")},
    )

    def clean_due_date(self) -> datetime.date | None:
        due_date = self.cleaned_data["due_date"]
        if due_date is not None and due_date < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a day to come."))
        return due_date


class SkillAssessForm(forms.Form):
    self_rating = forms.TypedChoiceField(
        label=_("How do you feel about it?"),
        choices=list(RATING_LABELS.items()),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer."), "invalid_choice": _("Choose one answer.")},
    )


class ExperienceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of experience?"),
        choices=list(EXPERIENCE_KIND_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer."), "invalid_choice": _("Choose one answer.")},
    )
    title = forms.CharField(
        label=_("What did you do?"),
        help_text=_("Example: “I looked after my children”, “cashier”, “volunteer at the food bank”."),
        max_length=TITLE_MAX,
        error_messages={"required": _("Write what you did."), "max_length": TOO_LONG},
    )
    start_year = forms.IntegerField(
        label=_("Since which year?"),
        help_text=_("Example: 2019"),
        error_messages={
            "required": _("Write the year it started."),
            "invalid": _("Write a year. Example: 2019"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    end_year = forms.IntegerField(
        label=_("Until which year? (leave empty if it still goes on)"),
        required=False,
        error_messages={"invalid": _("Write a year. Example: 2021")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=_("What did you learn? (you may leave it empty)"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )

    def _year(self, name: str) -> int | None:
        year = self.cleaned_data.get(name)
        if year is not None and not (EARLIEST_YEAR <= year <= timezone.localdate().year):
            raise forms.ValidationError(
                _("Write a year between %(first)d and %(last)d.")
                % {"first": EARLIEST_YEAR, "last": timezone.localdate().year}
            )
        return year

    def clean_start_year(self) -> int | None:
        return self._year("start_year")

    def clean_end_year(self) -> int | None:
        return self._year("end_year")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start is not None and end is not None and end < start:
            self.add_error("end_year", _("The end cannot be before the start."))
        return cleaned

    @property
    def start_date(self) -> datetime.date:
        return datetime.date(self.cleaned_data["start_year"], 1, 1)

    @property
    def end_date(self) -> datetime.date | None:
        end = self.cleaned_data.get("end_year")
        return datetime.date(end, 12, 31) if end is not None else None


class RescheduleForm(forms.Form):
    message = forms.CharField(
        label=_("A short message for your counsellor (you may leave it empty)"),
        help_text=_("Example: “I can come on Tuesday morning”."),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class SharingForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("What your prescriber may see"),
        choices=list(SHARED_ITEM_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("This choice does not exist.")},
    )
