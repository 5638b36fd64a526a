from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chemin.activations.enums import ActivationStatus
from chemin.activations.models import ANSWER_MAX_LENGTH, REQUEST_MAX_LENGTH


class ActivationForm(forms.Form):
    request_text = forms.CharField(
        label=_("Your request to the prescriber"),
        max_length=REQUEST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The prescriber reads it in the email. Write only what the person agreed to share; "
            "never name a health or justice matter."
        ),
    )


# The prescriber's words for each answer: what they commit to, not our status names.
ANSWER_CHOICES = [
    (ActivationStatus.ACCEPTED, pgettext_lazy("activation answer", "Accepted: I am taking care of it")),
    (ActivationStatus.DONE, pgettext_lazy("activation answer", "Done: it is in place")),
    (ActivationStatus.NOT_POSSIBLE, pgettext_lazy("activation answer", "Not possible")),
]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Your answer"),
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )
    answer_text = forms.CharField(
        label=_("Details (required if not possible)"),
        max_length=ANSWER_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you can do, when, whom the person should contact… (2,000 characters at most)"),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("status") == ActivationStatus.NOT_POSSIBLE
            and not cleaned.get("answer_text", "").strip()
        ):
            self.add_error("answer_text", _("Say why it is not possible: it helps us look elsewhere."))
        return cleaned
