from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.barriers.enums import BarrierCategory
from chemin.core.forms import ModelMultipleChoiceField
from chemin.core.validators import normalize_french_phone
from chemin.partners.enums import TRANSITIONS, PartnerKind, ReferralStatus
from chemin.partners.models import Partner, PartnerService
from chemin.referentials.forms import CommuneField
from chemin.territories.models import Territory


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name, address or contact"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Barrier addressed"),
        required=False,
        choices=[("", _("All barriers")), *BarrierCategory.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartnerKind.choices]
    )
    near = CommuneField(
        label=_("Nearest to the commune"),
        required=False,
        help_text=_("Partners nearest to this commune come first."),
    )


class PartnerForm(forms.ModelForm):
    commune = CommuneField(label=_("Commune"), required=False)
    categories = forms.MultipleChoiceField(
        label=_("Barriers addressed"),
        choices=BarrierCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    territories = ModelMultipleChoiceField(
        label=_("Territories served"),
        queryset=Territory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "iae_kind",
            "commune",
            "address",
            "contact_name",
            "phone",
            "email",
            "access_conditions",
            "is_active",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "access_conditions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, territories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territories"].queryset = territories
        if self.instance.pk:
            self.fields["categories"].initial = self.instance.category_codes
            self.fields["territories"].initial = list(
                self.instance.territories.filter(pk__in=territories).values_list("pk", flat=True)
            )

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        return normalize_french_phone(value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, iae_kind = cleaned.get("kind"), cleaned.get("iae_kind")
        if kind == PartnerKind.IAE and not iae_kind:
            self.add_error("iae_kind", _("Say which kind of IAE structure it is."))
        if kind and kind != PartnerKind.IAE:
            cleaned["iae_kind"] = ""
        return cleaned


class PartnerServiceForm(forms.ModelForm):
    class Meta:
        model = PartnerService
        fields = ["title", "description", "is_free", "cost", "typical_delay_days"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("is_free"):
            cleaned["cost"] = ""
            self.instance.cost = ""
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, separated by “;” or “,”."))
    dry_run = forms.BooleanField(label=_("Check the file only, import nothing"), required=False)


class ReferralRecordForm(forms.Form):
    status = forms.ChoiceField(label=_("What happened"), widget=forms.RadioSelect)
    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when it is done: what the person obtained."),
    )

    def __init__(self, *args: Any, current_status: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, ReferralStatus(status).label) for status in TRANSITIONS.get(current_status, [])
        ]
