from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chemin.companies.models import Company, CompanyContact
from chemin.matching.enums import PhysicalDemand, SchedulePattern
from chemin.opportunities.enums import OpportunityStatus, PlacementStatus, RefusalReason
from chemin.opportunities.models import MAX_HOURS_PER_WEEK, Opportunity
from chemin.referentials.forms import CommuneField, RomeJobField

# A company rarely recruits more at once for one need; beyond it is a typing slip.
MAX_POSITIONS = 500

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CompanyContact) -> str:
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name


class OpportunityForm(forms.ModelForm):
    """A company's need and its requirements; errors in French, nothing lost on error."""

    rome_job = RomeJobField(
        label=_("Job (ROME)"), error_messages={"required": _("Choose the ROME job of this offer.")}
    )
    schedule_patterns = forms.MultipleChoiceField(
        label=_("Working pattern"),
        choices=SchedulePattern.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    physical_demands = forms.MultipleChoiceField(
        label=_("Physical demands"),
        choices=PhysicalDemand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commune = CommuneField(
        label=_("Workplace (commune)"),
        required=False,
        help_text=_("Leave empty for the company's commune."),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"),
        required=False,
        min_value=1,
        max_value=MAX_HOURS_PER_WEEK,
        error_messages={
            "min_value": _("The number of hours must be at least 1."),
            "max_value": _("A working week cannot exceed %(limit_value)s hours."),
        },
    )
    positions = forms.IntegerField(
        label=_("Positions"),
        initial=1,
        min_value=1,
        max_value=MAX_POSITIONS,
        error_messages={
            "required": _("Say how many people the company needs."),
            "min_value": _("There is at least one position to fill."),
            "max_value": _("More than %(limit_value)s positions: check the number."),
        },
    )

    class Meta:
        model = Opportunity
        fields = [
            "rome_job",
            "title",
            "contact",
            "contract_type",
            "hours_per_week",
            "schedule_patterns",
            "start_time",
            "end_time",
            "commune",
            "on_public_transport_line",
            "requires_driving_licence",
            "requires_vehicle",
            "physical_demands",
            "min_education_level",
            "languages",
            "positions",
            "start_date",
            "can_adapt_hours",
            "can_train_on_the_job",
            "can_help_with_transport",
            "description",
        ]
        field_classes = {"contact": ContactChoiceField}
        labels = {"title": _("Title of the job offer")}
        widgets = {"start_time": TIME_WIDGET, "end_time": TIME_WIDGET, "start_date": DATE_WIDGET}
        error_messages = {
            "title": {"required": _("Give the job a title, as the employer words it.")},
            "contract_type": {"required": _("Choose the contract.")},
        }

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = CompanyContact.objects.filter(company=company, is_active=True)
        self.fields["contact"].required = False
        self.fields["start_time"].help_text = _("Optional, for a fixed daily slot.")
        self.fields["languages"].help_text = _("For example: French spoken, basic English.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        night_work = SchedulePattern.NIGHTS in (data.get("schedule_patterns") or [])
        if start and end and end <= start and not night_work:
            self.add_error(
                "end_time", _("The job cannot end before it starts (tick “Nights” for night work).")
            )
        if data.get("requires_vehicle") and not data.get("requires_driving_licence"):
            # An own vehicle to drive to work implies the licence: say so rather than guess.
            data["requires_driving_licence"] = True
        return data


class OpportunityFilterForm(forms.Form):
    search = forms.CharField(label=_("Job, ROME code or company"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *OpportunityStatus.choices],
    )


class OpportunityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=OpportunityStatus.choices)


class PlacementStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=PlacementStatus.choices,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    refusal_reason = forms.ChoiceField(
        label=_("Reason for the refusal"),
        required=False,
        choices=[("", _("— only for a refusal —")), *RefusalReason.choices],
    )
    refusal_detail = forms.CharField(label=_("Details"), required=False, max_length=250)
