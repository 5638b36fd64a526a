"""Form fields choosing a ROME job or a commune by its code, with an HTMX picker as widget.

Use them in any form, or in a ModelForm on a foreign key:
``field_classes = {"rome_job": RomeJobField}``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from chemin.referentials.models import Commune, RomeJob
from chemin.referentials.widgets import CommunePickerWidget, RomeJobPickerWidget

# Longer input cannot be a code; it is cut in the error message rather than echoed whole.
_MAX_ECHOED = 20


class _CodeChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField keyed on a natural code, typed or picked, case and spaces ignored."""

    def to_python(self, value: Any) -> Model | None:
        if isinstance(value, self.queryset.model):
            return value
        code = str(value).strip().upper() if value is not None else ""
        if code in self.empty_values:
            return None
        try:
            return self.queryset.get(pk=code)
        except (ValueError, TypeError, self.queryset.model.DoesNotExist):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"code": code[:_MAX_ECHOED]},
            ) from None


class RomeJobField(_CodeChoiceField):
    widget = RomeJobPickerWidget
    default_error_messages = {
        "invalid_choice": _("Unknown ROME code: %(code)s. Pick a job from the list."),
    }

    def __init__(self, *, queryset: Any = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = RomeJob.objects.select_related("domain")
        super().__init__(queryset=queryset, **kwargs)


class CommuneField(_CodeChoiceField):
    widget = CommunePickerWidget
    default_error_messages = {
        "invalid_choice": _("Unknown commune code: %(code)s. Pick a commune from the list."),
    }

    def __init__(self, *, queryset: Any = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = Commune.objects.all()
        super().__init__(queryset=queryset, **kwargs)


class RomeLookupForm(forms.Form):
    """The ROME jobs page: search words, and optionally a chosen job to see its neighbours."""

    job = RomeJobField(label=_("Job or ROME code"), required=False)

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job"].widget.search_value = query


class CommuneLookupForm(forms.Form):
    """The communes page: search words, and optionally a chosen commune to measure distances from."""

    commune = CommuneField(label=_("Commune or postal code"), required=False)

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].widget.search_value = query
