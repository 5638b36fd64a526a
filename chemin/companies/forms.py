"""Forms of the company pages: the list's filters, a company, a contact, an interaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from chemin.accounts.models import User
from chemin.companies.enums import Channel, Relationship
from chemin.companies.models import Company, CompanyContact
from chemin.companies.services import COMPANY_FIELDS, CONTACT_FIELDS
from chemin.companies.validators import normalize_naf_code, normalize_siret
from chemin.core.validators import normalize_french_phone, validate_postal_code
from chemin.referentials.forms import CommuneField
from chemin.referentials.models import NafSector

if TYPE_CHECKING:
    from chemin.referentials.models import Commune
    from chemin.territories.models import Territory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


SORT_CHOICES = [("name", _("Name")), ("last_contact", _("Longest without contact first"))]


class CompanyFilterForm(forms.Form):
    """The list's GET filters. Invalid values are reported and otherwise ignored."""

    q = forms.CharField(label=_("Name, SIRET or SIREN"), required=False, max_length=100)
    relationship = forms.ChoiceField(
        label=_("Relationship"),
        required=False,
        choices=[("", _("All relationships")), *Relationship.choices],
    )
    not_contacted_for = forms.IntegerField(
        label=_("Not contacted for at least (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs["autocomplete"] = "off"

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "query": (data.get("q") or "").strip(),
            "relationship": data.get("relationship") or "",
            "not_contacted_for": data.get("not_contacted_for"),
            "sort": data.get("sort") or "name",
        }


class CompanyForm(forms.ModelForm):
    """A company as the business developer records it: SIRET and NAF checked, address consistent."""

    # Longer than the 14 stored digits: people type or paste it with spaces.
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=20,
        help_text=_("14 digits, spaces allowed. Leave empty for a first prospecting contact."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    naf_code = forms.CharField(
        label=_("NAF code"),
        required=False,
        max_length=12,
        help_text=_("Main activity (APE), for example 47.11F."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    commune = CommuneField(label=_("Commune"), required=False)

    class Meta:
        model = Company
        fields = [name for name in COMPANY_FIELDS if name != "naf_sector"]
        widgets = {
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
            "relationship": forms.RadioSelect,
        }

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.territory = territory
        self.duplicate: Company | None = None
        self.fields["followed_by"].queryset = (
            User.objects.filter(memberships__territory=territory, is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "pk")
        )
        self.fields["followed_by"].label_from_instance = lambda user: user.get_full_name()

    def clean_siret(self) -> str:
        value = self.cleaned_data["siret"]
        return normalize_siret(value) if value.strip() else ""

    def clean_naf_code(self) -> str:
        value = self.cleaned_data["naf_code"]
        if not value.strip():
            return ""
        code = normalize_naf_code(value)
        if not NafSector.objects.filter(pk=code[:2]).exists():
            raise ValidationError(
                _("Unknown NAF code: no division %(division)s in the NAF nomenclature."),
                code="naf_unknown",
                params={"division": code[:2]},
            )
        return code

    def clean_postal_code(self) -> str:
        postal_code = self.cleaned_data["postal_code"].strip()
        if postal_code:
            validate_postal_code(postal_code)
        return postal_code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._check_address(cleaned)
        self._check_duplicate(cleaned)
        return cleaned

    def _check_address(self, cleaned: dict[str, Any]) -> None:
        if "postal_code" in self.errors or "commune" in self.errors:
            return
        commune: Commune | None = cleaned.get("commune")
        postal_code = cleaned.get("postal_code", "")
        if commune is None:
            if postal_code:
                self.add_error("commune", _("Choose the commune of this postal code."))
            return
        codes = commune.postal_code_list
        if not postal_code:
            if len(codes) == 1:
                cleaned["postal_code"] = codes[0]
            else:
                self.add_error("postal_code", _("Enter the postal code: this commune has several."))
        elif postal_code not in codes:
            self.add_error(
                "postal_code",
                _("This postal code does not match the chosen commune (%(commune)s: %(codes)s).")
                % {"commune": commune.name, "codes": ", ".join(codes)},
            )

    def _check_duplicate(self, cleaned: dict[str, Any]) -> None:
        siret = cleaned.get("siret")
        if not siret:
            return
        same = Company.objects.filter(territory=self.territory, siret=siret)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        self.duplicate = same.first()
        if self.duplicate is not None:
            url = reverse("companies:detail", kwargs={"pk": self.duplicate.pk})
            self.add_error(
                "siret",
                ValidationError(
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _("A company of this territory already has this SIRET:"),
                        url,
                        self.duplicate.name,
                    ),
                    code="duplicate_siret",
                ),
            )

    def company_data(self) -> dict[str, Any]:
        """The model fields, as ``services.company_create`` and ``company_update`` take them."""
        data = {name: self.cleaned_data[name] for name in COMPANY_FIELDS if name != "naf_sector"}
        code = data["naf_code"]
        data["naf_sector"] = NafSector(pk=code[:2]) if code else None
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = CompanyContact
        fields = list(CONTACT_FIELDS)
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {"phone": _("A French number, for example 03 21 12 34 56.")}

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        return normalize_french_phone(value) if value.strip() else ""

    def contact_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


class InteractionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect)
    contact = forms.ModelChoiceField(
        label=_("Company contact"),
        queryset=CompanyContact.objects.none(),
        required=False,
        empty_label=_("Nobody in particular"),
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was said: needs, openings, who to call back."),
    )
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=250)
    next_action = forms.CharField(
        label=_("Next action"),
        required=False,
        max_length=250,
        help_text=_("For example: send two profiles, call back the HR manager."),
    )
    next_action_on = forms.DateField(label=_("Next action on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate(), "channel": Channel.CALL})
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = company.contacts.filter(is_active=True)

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date of an interaction cannot be in the future."), code="future")
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        date, action, action_on = (
            cleaned.get("date"),
            cleaned.get("next_action", ""),
            cleaned.get("next_action_on"),
        )
        if action and action_on is None and "next_action_on" not in self.errors:
            self.add_error("next_action_on", _("Give the date of the next action."))
        if action_on is not None and not action:
            self.add_error("next_action", _("Say what the next action is."))
        if date and action_on and action_on < date:
            self.add_error("next_action_on", _("The next action cannot be planned before the interaction."))
        return cleaned
