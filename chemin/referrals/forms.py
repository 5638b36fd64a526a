"""Recording a referral (with its prescriber, picked or typed in), accepting and declining it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from chemin.accounts.models import User
from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.forms import PrescriberField, clean_optional_phone
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from chemin.prescribers.services import NewPrescriber
from chemin.referrals.models import Referral
from chemin.referrals.services import REFERENT_ROLES

if TYPE_CHECKING:
    from chemin.territories.models import Territory

# Who can be accompanied: from 16 (end of compulsory schooling) to an age nobody mistypes into.
MIN_AGE = 16
MAX_AGE = 100

REQUIRED = _("This field is required.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# How the referral form names its prescriber: picked in the directory, or typed in.
EXISTING_PRESCRIBER = "existing"
NEW_PRESCRIBER = "new"
NEW_PRESCRIBER_REQUIRED = [
    "new_organisation_name",
    "new_organisation_kind",
    "new_first_name",
    "new_last_name",
]
NEW_PRESCRIBER_FIELDS = [*NEW_PRESCRIBER_REQUIRED, "new_email", "new_phone"]


class ReferralForm(forms.ModelForm):
    """A referral as the prescriber sent it. The prescriber is picked in the directory, or typed in.

    A typed-in prescriber (the ``new_*`` fields) is only checked, and only created, when
    "A new prescriber" is chosen.
    """

    prescriber_mode = forms.ChoiceField(
        label=_("Prescriber"),
        widget=forms.RadioSelect,
        choices=[
            (EXISTING_PRESCRIBER, _("Already in the directory")),
            (NEW_PRESCRIBER, _("Not in the directory yet: enter them")),
        ],
        initial=EXISTING_PRESCRIBER,
    )
    prescriber = PrescriberField(label=_("Référent who refers the person"), required=False)
    new_organisation_name = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        help_text=_("For example: France Travail Lens, Mission Locale de Lens-Liévin."),
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", "---------"), *OrganisationKind.choices],
    )
    new_first_name = forms.CharField(label=_("Référent’s first name"), required=False, max_length=150)
    new_last_name = forms.CharField(label=_("Référent’s last name"), required=False, max_length=150)
    new_email = forms.EmailField(label=_("Référent’s email"), required=False)
    new_phone = forms.CharField(
        label=_("Référent’s phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    class Meta:
        model = Referral
        fields = [
            "referred_on",
            "territory",
            "reason",
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "phone",
        ]
        labels = {
            "referred_on": _("Date of the referral"),
            "territory": _("Territory that will receive the person"),
            "first_name": _("Person’s first name"),
            "last_name": _("Person’s last name"),
            "birth_date": _("Person’s birth date"),
            "email": _("Person’s email"),
            "phone": _("Person’s phone"),
        }
        help_texts = {
            "reason": _("Copy what the prescriber wrote: their words, not a summary."),
            "phone": _("A phone number or an email, so the person can be invited to a first meeting."),
        }
        widgets = {
            "referred_on": DateInput(),
            "birth_date": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, territories: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories
        self.fields["territory"].empty_label = None
        self.fields["referred_on"].initial = timezone.localdate
        self.fields["new_organisation_name"].widget.attrs["list"] = "organisation-names"

    @staticmethod
    def organisation_names() -> list[str]:
        """Names offered as the user types a new prescriber's organisation (a <datalist>)."""
        return list(PrescriberOrganisation.objects.order_by("name").values_list("name", flat=True))

    def clean_referred_on(self) -> datetime.date:
        referred_on = self.cleaned_data["referred_on"]
        if referred_on > timezone.localdate():
            raise ValidationError(_("The referral date cannot be in the future."), code="future")
        return referred_on

    def clean_birth_date(self) -> datetime.date:
        birth_date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if birth_date > today:
            raise ValidationError(_("The birth date cannot be in the future."), code="future")
        if not MIN_AGE <= _age_on(birth_date, today) <= MAX_AGE:
            raise ValidationError(
                _(
                    "The person would be %(age)s years old: check the birth date (we accompany people from %(min)s to %(max)s)."
                ),
                code="implausible_age",
                params={"age": _age_on(birth_date, today), "min": MIN_AGE, "max": MAX_AGE},
            )
        return birth_date

    def clean_phone(self) -> str:
        return clean_optional_phone(self.cleaned_data["phone"])

    def clean_new_phone(self) -> str:
        return clean_optional_phone(self.cleaned_data["new_phone"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "phone" in cleaned and "email" in cleaned and not cleaned["phone"] and not cleaned["email"]:
            self.add_error(
                "phone",
                ValidationError(_("Give a phone number or an email to reach the person."), code="no_contact"),
            )
        if cleaned.get("prescriber_mode") == NEW_PRESCRIBER:
            self.errors.pop("prescriber", None)
            for name in NEW_PRESCRIBER_REQUIRED:
                if name in cleaned and not cleaned[name].strip():
                    self.add_error(name, ValidationError(REQUIRED, code="required"))
            if (
                "new_phone" in cleaned
                and "new_email" in cleaned
                and not cleaned["new_phone"]
                and not cleaned["new_email"]
            ):
                self.add_error(
                    "new_phone",
                    ValidationError(
                        _("Give the référent’s phone number or email, to keep them informed."),
                        code="no_contact",
                    ),
                )
        else:
            # What was typed in the hidden "new prescriber" fields before picking one is no error.
            for name in NEW_PRESCRIBER_FIELDS:
                self.errors.pop(name, None)
        if cleaned.get("prescriber_mode") == EXISTING_PRESCRIBER and cleaned.get("prescriber", False) is None:
            # (False when the field already has its own error, e.g. a référent that no longer exists.)
            self.add_error(
                "prescriber",
                ValidationError(
                    _("Pick the référent in the list, or choose “Not in the directory yet” to enter them."),
                    code="required",
                ),
            )
        return cleaned

    def chosen_prescriber(self) -> Prescriber | NewPrescriber:
        """The référent to record the referral with: a directory entry, or the details typed in."""
        cleaned = self.cleaned_data
        if cleaned["prescriber_mode"] == NEW_PRESCRIBER:
            return NewPrescriber(
                organisation_name=cleaned["new_organisation_name"],
                organisation_kind=cleaned["new_organisation_kind"],
                first_name=cleaned["new_first_name"],
                last_name=cleaned["new_last_name"],
                email=cleaned["new_email"],
                phone=cleaned["new_phone"],
            )
        return cleaned["prescriber"]


class AcceptForm(forms.Form):
    """The first meeting took place: who follows the person, and on which file."""

    NEW_FILE = "new"

    first_meeting_on = forms.DateField(label=_("Date of the first meeting"), widget=DateInput())
    referent = forms.ModelChoiceField(label=_("Referent counsellor"), queryset=User.objects.none())
    consent = forms.BooleanField(
        error_messages={"required": _("The person’s agreement is needed to open their file.")},
    )
    prescriber_sharing = forms.BooleanField(
        label=_("The person agrees that their prescriber follows the main milestones of their pathway"),
        help_text=_("They can change it at any time, in their own space or with you."),
        # Not ticked in advance: a consent is a choice the person makes, never a default (RGPD art. 7).
        required=False,
    )

    def __init__(
        self, *args: Any, referral: Referral, user: User, candidates: list[Participant], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.candidates = {str(candidate.pk): candidate for candidate in candidates}
        self.fields["first_meeting_on"].initial = timezone.localdate
        self.fields["referent"].queryset = User.objects.filter(
            is_active=True,
            memberships__territory=referral.territory,
            memberships__role__in=REFERENT_ROLES,
        ).order_by("last_name", "first_name")
        # Not a query: if the user is not among the choices, the list just starts empty.
        self.fields["referent"].initial = user.pk
        self.fields["consent"].label = _(
            "The person agreed to the processing of their data (information notice, version %(version)s)."
        ) % {"version": CONSENT_TEXT_VERSION}
        if candidates:
            free = [c for c in candidates if not getattr(c, "open_pathways", [])]
            self.fields["person"] = forms.ChoiceField(
                label=_("Whose file?"),
                widget=forms.RadioSelect,
                choices=[
                    *[(pk, self._candidate_label(candidate)) for pk, candidate in self.candidates.items()],
                    (self.NEW_FILE, _("Someone else: create a new file")),
                ],
                initial=str(free[0].pk) if free else self.NEW_FILE,
            )

    @staticmethod
    def _candidate_label(candidate: Participant) -> str:
        return _("Attach to the existing file of %(name)s, born on %(date)s") % {
            "name": candidate.full_name,
            "date": date_format(candidate.birth_date, "d/m/Y"),
        }

    def clean_first_meeting_on(self) -> datetime.date:
        day = self.cleaned_data["first_meeting_on"]
        if day < self.referral.referred_on:
            raise ValidationError(
                _("The first meeting cannot come before the referral (%(date)s)."),
                code="before_referral",
                params={"date": date_format(self.referral.referred_on, "d/m/Y")},
            )
        if day > timezone.localdate():
            raise ValidationError(
                _("The first meeting cannot be in the future: accept the referral once it has taken place."),
                code="future",
            )
        return day

    def clean_person(self) -> Participant | None:
        choice = self.cleaned_data["person"]
        if choice == self.NEW_FILE:
            return None
        candidate = self.candidates[choice]
        if getattr(candidate, "open_pathways", []):
            raise ValidationError(
                _(
                    "%(name)s already has an open pathway: it must be closed before this referral opens another one."
                ),
                code="already_open",
                params={"name": candidate.full_name},
            )
        return candidate

    @property
    def existing_participant(self) -> Participant | None:
        return self.cleaned_data.get("person")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the referral declined?"),
        help_text=_("The prescriber will be told, so write it for them."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the referral is declined.")},
    )
