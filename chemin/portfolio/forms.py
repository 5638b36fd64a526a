from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chemin.participants.models import Participant
from chemin.portfolio.enums import ExperienceKind, SelfRating, SkillKind
from chemin.portfolio.models import Experience, Skill
from chemin.referentials.forms import RomeJobField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExperienceForm(forms.ModelForm):
    rome_job = RomeJobField(
        label=_("Corresponding job (optional)"),
        required=False,
        help_text=_("The ROME job closest to this experience, if there is one."),
    )

    class Meta:
        model = Experience
        fields = ["kind", "title", "organisation", "start_date", "end_date", "description", "rome_job"]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("For example: “Stay-at-home parent”, “Shelf stacker”, “Volunteer at a food bank”."),
            "end_date": _("Leave empty if it is still going on."),
            "description": _("What the person did and learnt, as they say it."),
        }
        error_messages = {
            "title": {"required": _("Give this experience a title.")},
            "kind": {"required": _("Choose the kind of experience.")},
            "start_date": {"required": _("Give a start date, even approximate.")},
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        if start_date and end_date and end_date < start_date:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose…")), *ExperienceKind.choices]


class SkillForm(forms.ModelForm):
    rome_job = RomeJobField(label=_("Related job (optional)"), required=False)
    self_rating = forms.TypedChoiceField(
        label=_("How the person rates themselves"),
        choices=[("", _("Not rated yet")), *SelfRating.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a rating from 1 to 4.")},
    )

    class Meta:
        model = Skill
        fields = ["label", "kind", "self_rating", "source_experience", "source_text", "rome_job"]
        help_texts = {
            "label": _("In simple words: “Managing a budget”, “Driving a forklift”, “Listening”."),
            "source_text": _(
                "If it was not one of the experiences above: “at home”, “at the football club”…"
            ),
        }
        error_messages = {
            "label": {"required": _("Name the skill.")},
            "kind": {"required": _("Choose the kind of skill.")},
        }

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.fields["kind"].choices = [("", _("Choose…")), *SkillKind.choices]
        source = self.fields["source_experience"]
        source.queryset = Experience.objects.filter(participant=participant).order_by("-start_date", "-pk")
        source.empty_label = _("None of them")
        source.error_messages["invalid_choice"] = _("Choose one of this person's experiences.")

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if not label:
            raise forms.ValidationError(_("Name the skill."))
        duplicates = Skill.objects.filter(participant=self.participant, label__iexact=label)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("This skill is already in the portfolio."))
        return label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("source_experience") and cleaned.get("source_text"):
            self.add_error("source_text", _("Choose an experience or write where it was learnt, not both."))
        return cleaned
