"""The employer's form: three questions and a free text, in the employer's words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chemin.employments.employer_link import COMMENT_MAX_LENGTH
from chemin.employments.enums import Difficulty, HowItGoes

# The same 4-point scale as staff use, said plainly to an employer, best first. Worded apart
# from the staff labels on purpose: the employer reads their own situation, not our scale.
HOW_IT_GOES_CHOICES = [
    (HowItGoes.VERY_WELL, _("Very well: nothing in particular")),
    (HowItGoes.RATHER_WELL, _("Rather well overall")),
    (HowItGoes.DIFFICULT, _("With some difficulties to sort out")),
    (HowItGoes.AT_RISK, _("Badly: the job could stop")),
]

# Difficulties as an employer sees them. Health is asked without details: the employer has no
# business describing it, only saying that it weighs on the job.
DIFFICULTY_CHOICES = [
    (Difficulty.HOURS, _("Working hours, punctuality")),
    (Difficulty.TRANSPORT, _("Getting to work (transport)")),
    (Difficulty.CHILDCARE, _("Looking after children")),
    (Difficulty.TEAM, _("Relations within the team")),
    (Difficulty.TASKS, _("The tasks themselves")),
    (Difficulty.HEALTH, _("Health (no details needed)")),
    (Difficulty.PAY, _("Pay, payslip")),
]

CALLBACK_CHOICES = [("yes", _("Yes")), ("no", _("No"))]


class EmployerAnswerForm(forms.Form):
    how_it_goes = forms.TypedChoiceField(
        label=_("How is it going?"),
        choices=HOW_IT_GOES_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how it goes.")},
    )
    difficulties = forms.MultipleChoiceField(
        label=_("Have you noticed any difficulties?"),
        choices=DIFFICULTY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick all that apply, or none."),
        error_messages={"invalid_choice": _("Choose difficulties from the list.")},
    )
    callback = forms.ChoiceField(
        label=_("Would you like to be called back?"),
        choices=CALLBACK_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you would like to be called back.")},
    )
    comment = forms.CharField(
        label=_("Anything to add?"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional. What works, what could be improved… (2,000 characters at most)"),
    )
