"""HTMX pickers: a search box listing choices, and the code they fill in.

The rendered widget holds:
- a search box (labelled by the form field's own label: ``id_for_label`` points at it) that asks
  the search view for a list of options as the person types;
- a results region, announced politely to screen readers, where the options land;
- the real field, a visible and labelled text input holding the code: without JavaScript a
  person can still type a code, and the server validates it;
- a "Chosen: …" line naming what the code stands for.

static/js/picker.js wires the options to the code input (no inline script: the CSP forbids it).
The search box is named "q", so a form holding a picker should not use "q" for anything else.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chemin.referentials.models import Commune, RomeJob


class PickerWidget(forms.TextInput):
    # Kept in the app's templates so Django's default form renderer finds it.
    template_name = "referentials/widgets/picker.html"
    search_url_name = ""
    hint = ""
    code_label = ""
    none_label = _("nothing yet")

    def __init__(self, attrs: dict[str, Any] | None = None, *, search_value: str = "") -> None:
        defaults = {"autocomplete": "off", "spellcheck": "false", "class": "picker__code-input"}
        super().__init__({**defaults, **(attrs or {})})
        self.search_value = search_value

    def id_for_label(self, id_: str) -> str:
        # The field's label names the search box, where people start; the code input has its own.
        return f"{id_}_search" if id_ else id_

    def chosen_label(self, value: str) -> str:
        """What a code stands for, or "" when it is unknown."""
        raise NotImplementedError

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_id = widget_attrs.setdefault("id", f"id_{name}")
        chosen_id = f"{widget_id}_chosen"
        described_by = widget_attrs.get("aria-describedby", "")
        widget_attrs["aria-describedby"] = f"{described_by} {chosen_id}".strip()
        widget_attrs["data-picker-input"] = True
        code = str(context["widget"]["value"] or "").strip()
        context["picker"] = {
            "search_id": f"{widget_id}_search",
            "hint_id": f"{widget_id}_hint",
            "results_id": f"{widget_id}_results",
            "chosen_id": chosen_id,
            "search_url": reverse(self.search_url_name),
            "search_value": self.search_value,
            "hint": self.hint,
            "code_label": self.code_label,
            "none_label": self.none_label,
            "chosen_label": self.chosen_label(code) if code else "",
        }
        return context


class RomeJobPickerWidget(PickerWidget):
    search_url_name = "referentials:rome_search"
    hint = _("Type a few letters of the job, then pick it in the list. You can also type its ROME code.")
    code_label = _("ROME code")

    def chosen_label(self, value: str) -> str:
        job = RomeJob.objects.filter(pk=value.upper()).first()
        return str(job) if job else ""


class CommunePickerWidget(PickerWidget):
    search_url_name = "referentials:commune_search"
    hint = _("Type a postal code or the start of the name, then pick the commune in the list.")
    code_label = _("INSEE code")

    def chosen_label(self, value: str) -> str:
        commune = Commune.objects.filter(pk=value.upper()).first()
        return str(commune) if commune else ""
