from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chemin.jobwishes.enums import ContractType, JobWishStatus, WorkingHours
from chemin.jobwishes.models import MAX_HOURS_PER_WEEK, MAX_ROME_JOBS
from chemin.jobwishes.services import MAX_PRIORITY, JobWishData
from chemin.referentials.forms import RomeJobField

# A commute beyond this is a typing slip rather than a wish (km).
MAX_COMMUTE_KM = 300

ROME_FIELDS = [f"rome_job_{index}" for index in range(1, MAX_ROME_JOBS + 1)]


class JobWishForm(forms.Form):
    """A wish as the person says it, its ROME codes (one required, up to three) and conditions."""

    title_in_own_words = forms.CharField(
        label=_("The job, in the person's own words"),
        max_length=200,
        help_text=_("Write it as the person says it, e.g. “working in a warehouse, picking orders”."),
    )
    rome_job_1 = RomeJobField(
        label=_("Main job (ROME)"),
        error_messages={"required": _("Choose at least one ROME job for this wish.")},
    )
    rome_job_2 = RomeJobField(label=_("Second job (ROME, optional)"), required=False)
    rome_job_3 = RomeJobField(label=_("Third job (ROME, optional)"), required=False)
    priority = forms.IntegerField(
        label=_("Priority"),
        min_value=1,
        max_value=MAX_PRIORITY,
        initial=1,
        help_text=_("1 is the person's first choice."),
        error_messages={
            "min_value": _("The priority starts at 1 (first choice)."),
            "max_value": _("The priority cannot go beyond %(limit_value)s."),
        },
    )
    contract_types = forms.MultipleChoiceField(
        label=_("Contracts accepted"),
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if any contract suits."),
    )
    working_hours = forms.ChoiceField(
        label=_("Working hours"),
        choices=WorkingHours.choices,
        initial=WorkingHours.EITHER,
        widget=forms.RadioSelect,
    )
    max_hours_per_week = forms.IntegerField(
        label=_("At most, hours per week (optional)"),
        required=False,
        min_value=1,
        max_value=MAX_HOURS_PER_WEEK,
        error_messages={
            "min_value": _("The number of hours must be at least 1."),
            "max_value": _("A working week cannot exceed %(limit_value)s hours."),
        },
    )
    max_commute_km = forms.IntegerField(
        label=_("Longest commute accepted, in km (optional)"),
        required=False,
        min_value=1,
        max_value=MAX_COMMUTE_KM,
        help_text=_("One way, from home."),
        error_messages={
            "min_value": _("The longest commute must be a positive number of kilometres."),
            "max_value": _("A commute of more than %(limit_value)s km is not realistic: check the number."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=JobWishStatus.choices, initial=JobWishStatus.EXPLORING
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        seen: set[str] = set()
        for name in ROME_FIELDS:
            job = cleaned.get(name)
            if job is None:
                continue
            if job.pk in seen:
                self.add_error(name, _("This ROME job is already chosen above."))
            seen.add(job.pk)
        return cleaned

    @property
    def has_other_rome_jobs(self) -> bool:
        """Whether the optional codes hold something (the form then shows them open)."""
        return any(self[name].value() or self[name].errors for name in ROME_FIELDS[1:])

    def to_data(self) -> JobWishData:
        cleaned = self.cleaned_data
        return JobWishData(
            title_in_own_words=cleaned["title_in_own_words"],
            rome_jobs=[cleaned[name] for name in ROME_FIELDS if cleaned.get(name) is not None],
            priority=cleaned["priority"],
            contract_types=cleaned["contract_types"],
            working_hours=cleaned["working_hours"],
            max_hours_per_week=cleaned["max_hours_per_week"],
            max_commute_km=cleaned["max_commute_km"],
            status=cleaned["status"],
        )

    @classmethod
    def initial_for(cls, job_wish) -> dict[str, Any]:
        initial = {
            "title_in_own_words": job_wish.title_in_own_words,
            "priority": job_wish.priority,
            "contract_types": job_wish.contract_types,
            "working_hours": job_wish.working_hours,
            "max_hours_per_week": job_wish.max_hours_per_week,
            "max_commute_km": job_wish.max_commute_km,
            "status": job_wish.status,
            "version": job_wish.version,
        }
        for name, job in zip(ROME_FIELDS, job_wish.rome_job_list, strict=False):
            initial[name] = job.code
        return initial


class JobWishEditForm(JobWishForm):
    # The version the form was loaded at: a save against a newer version is refused.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("This form is incomplete: reload the page."),
            "invalid": _("This form is incomplete: reload the page."),
            "min_value": _("This form is incomplete: reload the page."),
        },
    )


class JobWishStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=JobWishStatus.choices)
