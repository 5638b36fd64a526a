from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chemin.companies.models import Company, CompanyContact
from chemin.immersions.enums import Attendance, ImmersionObjective, ImmersionStatus
from chemin.immersions.models import MAX_DAYS, Immersion, check_dates
from chemin.jobwishes.enums import ContractType
from chemin.jobwishes.models import JobWish
from chemin.prescribers.models import Prescriber
from chemin.referentials.forms import RomeJobField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter a valid date, e.g. 15/03/2026.")}


class TutorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CompanyContact) -> str:
        return f"{obj.full_name} — {obj.company.name}"


class ImmersionForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Host company"), queryset=Company.objects.none())
    objective = forms.ChoiceField(
        label=_("Objective"), choices=ImmersionObjective.choices, widget=forms.RadioSelect
    )
    job_title = forms.CharField(label=_("Job, as the company names it"), max_length=200)
    rome_job = RomeJobField(label=_("Job (ROME)"))
    start_date = forms.DateField(label=_("First day"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    end_date = forms.DateField(
        label=_("Last day"),
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
        help_text=_("At most %(days)d calendar days, first and last day included.") % {"days": MAX_DAYS},
    )
    tutor = TutorChoiceField(
        label=_("Tutor in the company (optional)"), queryset=CompanyContact.objects.none(), required=False
    )
    prescriber = forms.ModelChoiceField(
        label=_("Prescriber (optional)"),
        queryset=Prescriber.objects.none(),
        required=False,
        help_text=_("Filled in with the prescriber who referred the person, when there is one."),
    )
    job_wish = forms.ModelChoiceField(
        label=_("Related job wish (optional)"),
        queryset=JobWish.objects.none(),
        required=False,
        help_text=_("The assessment can then confirm this wish."),
    )

    def __init__(self, *args: Any, pathway, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pathway = pathway
        self.fields["company"].queryset = Company.objects.filter(territory=pathway.territory).order_by(
            "search_name", "pk"
        )
        # Every contact of the territory's companies: a tutor of another company is refused in clean().
        self.fields["tutor"].queryset = (
            CompanyContact.objects.filter(company__territory=pathway.territory)
            .select_related("company")
            .order_by("company__search_name", "last_name", "first_name", "pk")
        )
        self.fields["prescriber"].queryset = Prescriber.objects.select_related("organisation").order_by(
            "last_name", "first_name", "pk"
        )
        self.fields["job_wish"].queryset = pathway.job_wishes.order_by("priority", "pk")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            check_dates(cleaned.get("start_date"), cleaned.get("end_date"))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        tutor, company = cleaned.get("tutor"), cleaned.get("company")
        if tutor is not None and company is not None and tutor.company_id != company.pk:
            self.add_error(
                "tutor",
                _("This tutor works at another company: choose someone from %(company)s.")
                % {"company": company.name},
            )
        return cleaned


class ImmersionEditForm(ImmersionForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (value, label)
            for value, label in ImmersionStatus.choices
            if value in {ImmersionStatus.PLANNED, ImmersionStatus.IN_PROGRESS, ImmersionStatus.CANCELLED}
        ],
    )


class AssessmentForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("How did it go?"), choices=Attendance.choices, widget=forms.RadioSelect
    )
    job_offer = forms.BooleanField(label=_("The company offered a job"), required=False)
    contract_type_offered = forms.ChoiceField(
        label=_("Contract offered (optional)"),
        choices=[("", _("Not said")), *ContractType.choices],
        required=False,
    )
    participant_comments = forms.CharField(
        label=_("The person's comments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    tutor_comments = forms.CharField(
        label=_("The tutor's comments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    confirms_job = forms.BooleanField(label=_("The person confirms this job"), required=False)

    def __init__(self, *args: Any, immersion: Immersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.immersion = immersion
        if immersion.job_wish is None:
            del self.fields["confirms_job"]
        else:
            self.fields["confirms_job"].help_text = _(
                "Sets the job wish “%(wish)s” to confirmed (its history is kept). Completed immersions only."
            ) % {"wish": immersion.job_wish.title_in_own_words}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("confirms_job") and cleaned.get("attendance") != Attendance.COMPLETED:
            self.add_error("confirms_job", _("Only a completed immersion can confirm a job."))
        if cleaned.get("contract_type_offered") and not cleaned.get("job_offer"):
            self.add_error("contract_type_offered", _("Name a contract only when a job was offered."))
        return cleaned
