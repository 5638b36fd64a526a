from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.companies.models import Company, CompanyContact
from chemin.employments.enums import Channel, ContractType, Difficulty, EndReason, HowItGoes
from chemin.employments.models import MAX_HOURS_PER_WEEK
from chemin.employments.services import ContractTerms, SideAnswer, check_terms, date_errors
from chemin.referentials.forms import RomeJobField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter a valid date, e.g. 15/03/2026.")}


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DATE_WIDGET, error_messages=DATE_ERRORS, help_text=help_text
    )


def add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CompanyContact) -> str:
        return f"{obj.full_name} — {obj.company.name}"


class EmploymentForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Employer"), queryset=Company.objects.none())
    contact = ContactChoiceField(
        label=_("Employer contact (optional)"),
        queryset=CompanyContact.objects.none(),
        required=False,
        help_text=_("The person the employer side of the follow-up is done with."),
    )
    job_title = forms.CharField(label=_("Job, as the contract names it"), max_length=200)
    rome_job = RomeJobField(label=_("Job (ROME, optional)"), required=False)
    contract_type = forms.ChoiceField(
        label=_("Contract"), choices=[("", _("Choose a contract")), *ContractType.choices]
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        max_digits=4,
        decimal_places=1,
        error_messages={
            "invalid": _("Enter a number of hours, e.g. 35 or 24.5."),
            "max_digits": _("Hours per week are between 1 and %(max)d.") % {"max": MAX_HOURS_PER_WEEK},
            "max_whole_digits": _("Hours per week are between 1 and %(max)d.") % {"max": MAX_HOURS_PER_WEEK},
        },
        help_text=_("Between 1 and %(max)d (the legal weekly maximum).") % {"max": MAX_HOURS_PER_WEEK},
    )
    start_date = _date_field(_("Start date"))
    planned_end_date = _date_field(
        _("Planned end (optional)"), required=False, help_text=_("Fixed-term contracts, interim missions…")
    )
    trial_end_date = _date_field(
        _("End of the trial period (optional)"),
        required=False,
        help_text=_("The follow-up then checks in on that day too."),
    )

    def __init__(self, *args: Any, pathway, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pathway = pathway
        self.fields["company"].queryset = Company.objects.filter(territory=pathway.territory).order_by(
            "search_name", "pk"
        )
        # Every contact of the territory's companies: one of another company is refused in clean().
        self.fields["contact"].queryset = (
            CompanyContact.objects.filter(company__territory=pathway.territory)
            .select_related("company")
            .order_by("company__search_name", "last_name", "first_name", "pk")
        )

    def terms(self) -> ContractTerms:
        data = self.cleaned_data
        return ContractTerms(
            company=data["company"],
            contact=data["contact"],
            rome_job=data["rome_job"],
            job_title=data["job_title"],
            contract_type=data["contract_type"],
            hours_per_week=data["hours_per_week"],
            start_date=data["start_date"],
            planned_end_date=data["planned_end_date"],
            trial_end_date=data["trial_end_date"],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        required = ("company", "job_title", "contract_type", "hours_per_week", "start_date")
        if all(cleaned.get(name) is not None for name in required):
            try:
                check_terms(pathway=self.pathway, terms=self.terms())
            except ValidationError as error:
                add_errors(self, error)
        else:
            # Say everything wrong at once: the dates are checked even when another field is missing.
            errors = date_errors(
                start=cleaned.get("start_date"),
                planned_end=cleaned.get("planned_end_date"),
                trial_end=cleaned.get("trial_end_date"),
            )
            for name, messages in errors.items():
                for message in messages:
                    self.add_error(name, message)
        return cleaned


class EndForm(forms.Form):
    ended_on = _date_field(_("Last day of the contract"))
    end_reason = forms.ChoiceField(
        label=_("Reason for the end"), choices=EndReason.choices, widget=forms.RadioSelect
    )
    end_detail = forms.CharField(
        label=_("Details"),
        max_length=250,
        required=False,
        help_text=_("Required for “Other”."),
    )

    def __init__(self, *args: Any, employment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employment = employment
        self.fields["end_reason"].error_messages["required"] = _("Say why the contract ended.")

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on < self.employment.start_date:
            raise ValidationError(_("The contract cannot end before it started."))
        if ended_on > timezone.localdate():
            raise ValidationError(_("Record the end once it has happened: this date is in the future."))
        return ended_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("end_reason") == EndReason.OTHER and not cleaned.get("end_detail", "").strip():
            self.add_error("end_detail", _("Say in a few words why the contract ended."))
        return cleaned


class SideForm(forms.Form):
    done_on = _date_field(_("Date of the exchange"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect)
    how_it_goes = forms.TypedChoiceField(
        label=_("How it goes"), choices=HowItGoes.choices, coerce=int, widget=forms.RadioSelect
    )
    difficulties = forms.MultipleChoiceField(
        label=_("Difficulties (optional)"),
        choices=Difficulty.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each one can then open a barrier or a step."),
    )
    actions_agreed = forms.CharField(
        label=_("Actions agreed (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, employment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employment = employment
        self.fields["done_on"].initial = timezone.localdate
        self.fields["how_it_goes"].error_messages["required"] = _("Say how it goes.")

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise ValidationError(_("This date is in the future: record a check-in once it has happened."))
        if done_on < self.employment.start_date:
            raise ValidationError(_("This date is before the start of the contract."))
        return done_on

    def answer(self) -> SideAnswer:
        data = self.cleaned_data
        return SideAnswer(
            done_on=data["done_on"],
            channel=data["channel"],
            how_it_goes=data["how_it_goes"],
            difficulties=list(data["difficulties"]),
            actions_agreed=data["actions_agreed"],
            comment=data["comment"],
        )
