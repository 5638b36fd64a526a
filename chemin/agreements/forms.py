from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from chemin.agreements import eligibility, iae
from chemin.agreements.enums import FunderKind, IaeStructureKind, TargetPublic
from chemin.agreements.models import Agreement, Funder
from chemin.core.forms import ModelMultipleChoiceField
from chemin.employments.enums import Milestone

if TYPE_CHECKING:
    from chemin.participants.models import Participant
    from chemin.territories.models import Territory

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
INVALID_DATE = _("Enter a valid date, e.g. 15/03/2026.")
RATE_ERRORS = {
    "min_value": _("Enter a percentage between 0 and 100."),
    "max_value": _("Enter a percentage between 0 and 100."),
    "invalid": _("Enter a whole percentage, e.g. 60."),
}


def _rate(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=100,
        error_messages=RATE_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class TerritoryChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Territory) -> str:
        return obj.name


class AgreementForm(forms.Form):
    """An agreement: the funder (chosen, or new), reference and title, territories, period, target
    public, planned entries, targets and the follow-up calendar of its contract starts."""

    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Funder.objects.order_by("name"),
        required=False,
        empty_label=_("Choose…"),
        help_text=_("Not in the list? Leave it empty and name the new funder below."),
        error_messages={"invalid_choice": _("Choose a funder in the list.")},
    )
    new_funder_name = forms.CharField(label=_("New funder: name"), max_length=150, required=False)
    new_funder_kind = forms.ChoiceField(
        label=_("New funder: kind"), choices=[("", _("Choose…")), *FunderKind.choices], required=False
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=60,
        help_text=_("The funder’s number of the agreement or contract, e.g. “CD62-RSA-2026”."),
        error_messages={"required": _("Enter the funder’s reference of the agreement.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the agreement a title.")},
    )
    territories = TerritoryChoiceField(
        label=_("Territories"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one territory."),
            "invalid_choice": _("Choose among the territories you manage."),
        },
    )
    starts_on = forms.DateField(
        label=_("Start date"),
        error_messages={"required": _("Enter the start date."), "invalid": INVALID_DATE},
        **DATE_WIDGET,
    )
    ends_on = forms.DateField(
        label=_("End date"),
        error_messages={"required": _("Enter the end date."), "invalid": INVALID_DATE},
        **DATE_WIDGET,
    )
    target_public = forms.MultipleChoiceField(
        label=_("Target public"),
        choices=TargetPublic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "A person must meet one of them at least. Leave empty when the agreement is open to everyone."
        ),
    )
    planned_entries = forms.IntegerField(
        label=_("Planned entries"),
        required=False,
        min_value=0,
        error_messages={
            "min_value": _("Enter a number of entries of 0 or more."),
            "invalid": _("Enter a whole number of entries, e.g. 120."),
        },
    )
    target_exit_to_employment_rate = _rate(_("Target exits to employment (%)"))
    target_durable_employment_rate = _rate(_("Target durable employment (%)"))
    target_retention_m6_rate = _rate(_("Target retention at M+6 (%)"))
    target_days_to_first_proposal = forms.IntegerField(
        label=_("Target average days to a first job proposal"),
        required=False,
        min_value=0,
        max_value=365,
        error_messages={
            "min_value": _("Enter a number of days between 0 and 365."),
            "max_value": _("Enter a number of days between 0 and 365."),
            "invalid": _("Enter a whole number of days, e.g. 30."),
        },
    )
    follow_up_milestones = forms.MultipleChoiceField(
        label=_("Follow-up check-ins after a contract start"),
        choices=Milestone.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to follow the territory’s calendar."),
    )

    def __init__(self, *args, territories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territories"].queryset = territories.order_by("name")

    def clean(self) -> dict:
        data = super().clean()
        funder, name, kind = (
            data.get("funder"),
            data.get("new_funder_name", "").strip(),
            data.get("new_funder_kind"),
        )
        if funder is None and not name:
            self.add_error("funder", _("Choose the funder, or name a new one."))
        elif funder is not None and name:
            self.add_error("new_funder_name", _("Choose a funder in the list or name a new one, not both."))
        elif funder is None:
            if not kind:
                self.add_error("new_funder_kind", _("Choose the kind of funder."))
            existing = Funder.objects.annotate(lower=Lower("name")).filter(lower=name.lower()).first()
            if existing is not None:
                self.add_error(
                    "new_funder_name",
                    _("The funder “%(name)s” already exists: choose it in the list.")
                    % {"name": existing.name},
                )
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The agreement cannot end before it starts."))
        return data

    @classmethod
    def initial_for(cls, agreement: Agreement) -> dict:
        return {
            "funder": agreement.funder_id,
            "reference": agreement.reference,
            "title": agreement.title,
            "territories": [territory.pk for territory in agreement.territories.all()],
            "starts_on": agreement.starts_on,
            "ends_on": agreement.ends_on,
            "target_public": agreement.target_public,
            "planned_entries": agreement.planned_entries,
            "target_exit_to_employment_rate": agreement.target_exit_to_employment_rate,
            "target_durable_employment_rate": agreement.target_durable_employment_rate,
            "target_retention_m6_rate": agreement.target_retention_m6_rate,
            "target_days_to_first_proposal": agreement.target_days_to_first_proposal,
            "follow_up_milestones": agreement.follow_up_milestones,
        }


class AgreementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agreement) -> str:
        return _("%(agreement)s — %(funder)s, from %(start)s to %(end)s") % {
            "agreement": obj,
            "funder": obj.funder.name,
            "start": date_format(obj.starts_on, "d/m/Y"),
            "end": date_format(obj.ends_on, "d/m/Y"),
        }


class AttachForm(forms.Form):
    """Choose the pathway's agreement among those it may go under; confirm when the person is
    outside the agreement's target public."""

    agreement = AgreementChoiceField(
        label=_("Agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=_("No agreement"),
        error_messages={"invalid_choice": _("Choose an agreement among those listed.")},
    )
    outside_target_confirmed = forms.BooleanField(label=_("Attach anyway"), required=False)

    def __init__(self, *args, agreements, participant: Participant, on: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.participant, self.on = participant, on
        self.agreements = list(agreements.order_by("-starts_on", "reference", "pk"))
        field = self.fields["agreement"]
        field.queryset = agreements
        # One query for the options, kept for the explanations beside them.
        field.choices = [("", field.empty_label)] + [
            (agreement.pk, field.label_from_instance(agreement)) for agreement in self.agreements
        ]
        self.needs_confirmation = False

    def options(self) -> list[tuple]:
        """(radio, agreement or None, its target public's labels, whether the person is in it)."""
        by_pk = {str(agreement.pk): agreement for agreement in self.agreements}
        rows = []
        for radio in self["agreement"]:
            agreement = by_pk.get(str(radio.data["value"]))
            if agreement is None:
                rows.append((radio, None, [], True))
                continue
            rows.append(
                (
                    radio,
                    agreement,
                    eligibility.labels(agreement.target_public),
                    eligibility.target_public_met(self.participant, agreement.target_public, on=self.on),
                )
            )
        return rows


class IaeCheckForm(forms.Form):
    """The checklist: the structure type, then level-1 and level-2 criteria as two groups."""

    structure_kind = forms.ChoiceField(
        label=_("Type of IAE structure"),
        choices=IaeStructureKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of structure.")},
    )
    level_1 = forms.MultipleChoiceField(
        label=_("Level 1 criteria"), widget=forms.CheckboxSelectMultiple, required=False
    )
    level_2 = forms.MultipleChoiceField(
        label=_("Level 2 criteria"), widget=forms.CheckboxSelectMultiple, required=False
    )
    checked_on = forms.DateField(
        label=_("Checked on"),
        initial=timezone.localdate,
        error_messages={"required": _("Enter the date of the check."), "invalid": INVALID_DATE},
        **DATE_WIDGET,
    )

    def __init__(self, *args, prefilled: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reference = iae.reference()
        self.prefilled = set(prefilled)
        for level in (1, 2):
            self.fields[f"level_{level}"].choices = [
                (criterion.code, criterion.label) for criterion in reference.of_level(level)
            ]
            self.fields[f"level_{level}"].initial = [
                criterion.code for criterion in reference.of_level(level) if criterion.code in self.prefilled
            ]

    def clean_checked_on(self) -> datetime.date:
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise forms.ValidationError(_("The check cannot be dated in the future."))
        return checked_on

    def clean(self) -> dict:
        data = super().clean()
        data["criteria"] = [*data.get("level_1", []), *data.get("level_2", [])]
        by_code = iae.reference().by_code
        for pair in iae.conflicting(data["criteria"]):
            first, second = sorted(by_code[code].label for code in pair)
            self.add_error(
                "level_2" if all(by_code[code].level == 2 for code in pair) else "level_1",
                _("“%(first)s” and “%(second)s” exclude each other: tick one of them only.")
                % {"first": first, "second": second},
            )
        return data

    def groups(self) -> list[tuple]:
        """(bound field, [(checkbox, criterion, prefilled)]) for each level, to render the checklist."""
        by_code = iae.reference().by_code
        rows = []
        for name in ("level_1", "level_2"):
            bound = self[name]
            rows.append(
                (
                    bound,
                    [(box, by_code[box.data["value"]], box.data["value"] in self.prefilled) for box in bound],
                )
            )
        return rows
