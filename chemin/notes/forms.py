from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["date", "visibility", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "visibility": _(
                "Restricted notes are read only by the referent counsellor, the managers and you."
            ),
        }
        error_messages = {"text": {"required": _("Write the note.")}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        date = self.fields["date"]
        date.widget.attrs["max"] = timezone.localdate().isoformat()
        # The model's default is callable, which makes Django add a hidden "initial-date" input.
        date.show_hidden_initial = False

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A note cannot be dated in the future."))
        return date

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the note."))
        return text


class NoteFilterForm(forms.Form):
    """The filters above the list: a visibility and words to look for."""

    visibility = forms.ChoiceField(
        label=_("Filter by visibility"),
        choices=[("", _("All visibilities")), *NoteVisibility.choices],
        required=False,
    )
    q = forms.CharField(label=_("Search the notes"), required=False, max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        # The add-note form on the same page has a "visibility" field too: distinct ids.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
