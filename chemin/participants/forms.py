"""Forms of the participant pages: the caseload filters, creating and editing a person's file."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.barriers.enums import BarrierCategory
from chemin.core.validators import normalize_french_phone, validate_postal_code
from chemin.participants.enums import CaseloadSort, LastContactFilter
from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.participants.services import PARTICIPANT_FIELDS
from chemin.pathways.enums import OPEN_PHASES
from chemin.referentials.forms import CommuneField

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.referentials.models import Commune

MIN_AGE = 16
MAX_AGE = 100
# France Travail identifiers: 7 digits and a check character ("1234567A"), or the older
# 11-character form. Checked loosely: the agency's own formats have changed over time.
_FRANCE_TRAVAIL_ID = re.compile(r"^(\d{7}[0-9A-Z]|[0-9A-Z]{11})$")


class CaseloadFilterForm(forms.Form):
    """The caseload's GET filters. Invalid values are reported and otherwise ignored."""

    search = forms.CharField(label=_("Name"), required=False, max_length=100)
    referent = forms.TypedChoiceField(
        label=_("Referent counsellor"), required=False, coerce=int, empty_value=None
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    last_contact = forms.ChoiceField(
        label=_("Last contact"),
        required=False,
        choices=[("", _("Any time")), *LastContactFilter.choices],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=CaseloadSort.choices)
    barrier = forms.ChoiceField(
        label=_("Barrier"), required=False, choices=[("", _("Any barrier")), *BarrierCategory.choices]
    )

    def __init__(self, *args: Any, referents: list[User], show_barriers: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_barriers:
            # Business developers never learn about barriers, not even through a filter.
            del self.fields["barrier"]
        self.fields["search"].widget = forms.TextInput(attrs={"autocomplete": "off"})
        self.fields["search"].widget.input_type = "search"
        self.fields["referent"].choices = [
            ("", _("All counsellors")),
            *[(user.pk, user.get_full_name()) for user in referents],
        ]
        self.fields["phase"].choices = [
            ("", _("All phases")),
            *[(phase.value, phase.label) for phase in OPEN_PHASES],
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters, as keyword arguments of ``selectors.caseload``."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "referent_id": data.get("referent"),
            "phase": data.get("phase") or "",
            "last_contact": data.get("last_contact") or "",
            "search": data.get("search") or "",
            "sort": data.get("sort") or CaseloadSort.NAME,
            "barrier_category": data.get("barrier") or "",
        }


class TelInput(forms.TextInput):
    input_type = "tel"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


@dataclass(frozen=True)
class PossibleDuplicate:
    participant: Participant
    # False for a file outside the user's territories: it is mentioned, never linked nor named.
    visible: bool


class ParticipantForm(forms.ModelForm):
    """Identity, contact and situation of a person, as the counsellor records them with them."""

    commune = CommuneField(label=_("Commune"), required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("This is another person with the same name and birth date: save anyway"),
        required=False,
    )

    class Meta:
        model = Participant
        fields = list(PARTICIPANT_FIELDS)
        widgets = {
            "birth_date": DateInput(),
            "registered_since": DateInput(),
            "phone": TelInput(attrs={"autocomplete": "off"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
        }
        help_texts = {
            "phone": _("A French number, for example 06 12 34 56 78."),
            "france_travail_id": _("7 digits and a letter or digit (1234567A), or 11 characters."),
            "languages": _("For example: French, Arabic, English (beginner)."),
            "registered_since": _("Date of the current registration as a job seeker."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates: list[PossibleDuplicate] = []
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return normalize_french_phone(phone) if phone else ""

    def clean_postal_code(self) -> str:
        postal_code = self.cleaned_data["postal_code"].strip()
        if postal_code:
            validate_postal_code(postal_code)
        return postal_code

    def clean_birth_date(self) -> datetime.date:
        birth_date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if birth_date > today:
            raise ValidationError(_("The birth date cannot be in the future."), code="future")
        age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
        if age < MIN_AGE:
            raise ValidationError(
                _("The person must be at least %(age)s years old.") % {"age": MIN_AGE}, code="too_young"
            )
        if age > MAX_AGE:
            raise ValidationError(
                _("Check the birth date: the person would be more than %(age)s years old.")
                % {"age": MAX_AGE},
                code="too_old",
            )
        return birth_date

    def clean_registered_since(self) -> datetime.date | None:
        registered_since = self.cleaned_data["registered_since"]
        if registered_since and registered_since > timezone.localdate():
            raise ValidationError(_("The registration date cannot be in the future."), code="future")
        return registered_since

    def clean_france_travail_id(self) -> str:
        identifier = re.sub(r"\s", "", self.cleaned_data["france_travail_id"]).upper()
        if identifier and not _FRANCE_TRAVAIL_ID.match(identifier):
            raise ValidationError(
                _(
                    "A France Travail identifier has 7 digits and a letter or digit (1234567A), or 11 characters."
                ),
                code="invalid_france_travail_id",
            )
        return identifier

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._check_address(cleaned)
        self._check_registration(cleaned)
        self._check_duplicates(cleaned)
        return cleaned

    def _check_address(self, cleaned: dict[str, Any]) -> None:
        commune: Commune | None = cleaned.get("commune")
        postal_code = cleaned.get("postal_code", "")
        if "postal_code" in self.errors or "commune" in self.errors:
            return
        if commune is None:
            if postal_code:
                self.add_error("commune", _("Choose the commune of this postal code."))
            return
        if not postal_code:
            codes = commune.postal_code_list
            if len(codes) == 1:
                cleaned["postal_code"] = codes[0]
            else:
                self.add_error("postal_code", _("Enter the postal code: this commune has several."))
        elif postal_code not in commune.postal_code_list:
            self.add_error(
                "postal_code",
                _("This postal code does not match the chosen commune (%(commune)s: %(codes)s).")
                % {"commune": commune.name, "codes": ", ".join(commune.postal_code_list)},
            )

    def _check_registration(self, cleaned: dict[str, Any]) -> None:
        # An identifier or a registration date means the person is registered: tick it for them.
        if cleaned.get("france_travail_id") or cleaned.get("registered_since"):
            cleaned["france_travail_registered"] = True
        birth_date, registered_since = cleaned.get("birth_date"), cleaned.get("registered_since")
        if birth_date and registered_since and registered_since < birth_date:
            self.add_error("registered_since", _("The registration date cannot be before the birth date."))

    def _check_duplicates(self, cleaned: dict[str, Any]) -> None:
        first_name, last_name, birth_date = (
            cleaned.get(key) for key in ("first_name", "last_name", "birth_date")
        )
        if not (first_name and last_name and birth_date):
            return
        same = Participant.objects.same_identity(
            first_name=first_name, last_name=last_name, birth_date=birth_date
        )
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        same = list(same.order_by("pk")[:5])
        if not same:
            return
        visible = set(
            Participant.objects.visible_to(self.user)
            .filter(pk__in=[p.pk for p in same])
            .values_list("pk", flat=True)
        )
        self.duplicates = [PossibleDuplicate(participant=p, visible=p.pk in visible) for p in same]
        if not cleaned.get("confirm_duplicate"):
            self.add_error(
                None,
                ValidationError(
                    _(
                        "A file already exists with the same name and birth date. Check it is not the same person."
                    ),
                    code="duplicate",
                ),
            )

    @property
    def asks_duplicate_confirmation(self) -> bool:
        return bool(self.duplicates)

    def participant_data(self) -> dict[str, Any]:
        """The model fields, as ``services.participant_create`` and ``participant_update`` take them."""
        return {name: self.cleaned_data[name] for name in PARTICIPANT_FIELDS}


class ParticipantCreateForm(ParticipantForm):
    """A new file: the person's consent and their referent counsellor come with it."""

    referent = forms.ModelChoiceField(label=_("Referent counsellor"), queryset=None, empty_label=None)
    consent = forms.BooleanField(
        label=_("The person has read the data-processing notice and agrees to it"),
        required=True,
        error_messages={"required": _("The person's consent is required to create their file.")},
    )

    field_order = [*PARTICIPANT_FIELDS, "referent", "consent"]

    def __init__(self, *args: Any, referents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = referents
        self.fields["consent"].help_text = _(
            "Notice version %(version)s. The date of consent is recorded."
        ) % {"version": CONSENT_TEXT_VERSION}
        if not self.is_bound and referents.filter(pk=self.user.pk).exists():
            self.fields["referent"].initial = self.user.pk
