"""Forms for the prescribers directory, and the prescriber picker other forms embed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chemin.core.http import is_id
from chemin.core.validators import normalize_french_phone
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import PortalAccessRequest, Prescriber, PrescriberOrganisation
from chemin.referentials.forms import CommuneField
from chemin.referentials.widgets import PickerWidget


class PrescriberPickerWidget(PickerWidget):
    """A search box listing référents as buttons (static/js/picker.js), the chosen id kept hidden.

    The referentials pickers show their code in a text input people may type into; a référent's
    id means nothing to anyone, so it travels in a hidden input and the "Chosen:" line names them.
    """

    template_name = "prescribers/widgets/prescriber_picker.html"
    input_type = "hidden"
    search_url_name = "prescribers:search"
    hint = _("Type a few letters of the référent’s or the organisation’s name, then pick in the list.")
    none_label = _("nobody yet")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # The hidden input cannot be described to anyone: the search box carries the descriptions.
        picker = context["picker"]
        picker["described_by"] = f"{picker['hint_id']} {context['widget']['attrs']['aria-describedby']}"
        return context

    def chosen_label(self, value: str) -> str:
        if not is_id(value):
            return ""
        prescriber = Prescriber.objects.select_related("organisation").filter(pk=value).first()
        return str(prescriber) if prescriber else ""


class PrescriberField(forms.ModelChoiceField):
    widget = PrescriberPickerWidget
    default_error_messages = {
        "invalid_choice": _("This référent does not exist any more. Search again and pick one in the list."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Prescriber.objects.select_related("organisation"), **kwargs)


def clean_optional_phone(value: str) -> str:
    return normalize_french_phone(value) if value.strip() else ""


class PrescriberOrganisationForm(forms.ModelForm):
    commune = CommuneField(label=_("Commune"), required=False)

    class Meta:
        model = PrescriberOrganisation
        fields = ["name", "kind", "commune", "email", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def clean_phone(self) -> str:
        return clean_optional_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        name, kind = cleaned.get("name"), cleaned.get("kind")
        if name and kind:
            twins = PrescriberOrganisation.objects.same_name(name=name, kind=kind)
            if self.instance.pk:
                twins = twins.exclude(pk=self.instance.pk)
            twin = twins.first()
            if twin:
                self.add_error(
                    "name",
                    ValidationError(
                        _("“%(name)s” is already in the directory with this kind."),
                        code="duplicate",
                        params={"name": twin.name},
                    ),
                )
        return cleaned


class PrescriberForm(forms.ModelForm):
    class Meta:
        model = Prescriber
        fields = ["first_name", "last_name", "job_title", "email", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def clean_phone(self) -> str:
        return clean_optional_phone(self.cleaned_data["phone"])


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Organisation or référent"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )


class PortalAccessRequestForm(forms.ModelForm):
    """A référent's request for a portal account (public page of the prescriber portal)."""

    class Meta:
        model = PortalAccessRequest
        fields = [
            "first_name",
            "last_name",
            "job_title",
            "organisation_name",
            "organisation_kind",
            "email",
            "phone",
        ]
        labels = {
            "first_name": _("Your first name"),
            "last_name": _("Your last name"),
            "job_title": _("Your job"),
            "organisation_name": _("Your organisation"),
            "organisation_kind": _("Kind of organisation"),
            "email": _("Your professional email"),
            "phone": _("Your phone (optional)"),
        }
        help_texts = {
            "organisation_name": _("For example: France Travail Arras, Mission Locale de l’Arrageois."),
            "email": _("The invitation will be sent there, once a manager has checked your request."),
        }
        error_messages = {
            "email": {
                "invalid": _(
                    "This email address is not complete. Example: firstname.lastname@francetravail.fr"
                )
            }
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation_kind"].choices = [("", "---------"), *OrganisationKind.choices]

    def clean_phone(self) -> str:
        return clean_optional_phone(self.cleaned_data["phone"])


class AccessDecisionForm(forms.Form):
    APPROVE, DECLINE = "approve", "decline"
    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (DECLINE, _("Decline"))])
