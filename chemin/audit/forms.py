from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.models import User
from chemin.audit.enums import ReadKind
from chemin.audit.models import ChangeEntry, ReadEntry

# The "kind" filter's value for changes (every other value is a kind of read).
CHANGES = "changes"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Dates far from ours (year 1, year 9999) would overflow once turned into times of day.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2999, 12, 31)
DATE_RANGE_MESSAGE = _("Enter a date between 2000 and 2999.")
DATE_VALIDATORS = [
    MinValueValidator(FIRST_DAY, message=DATE_RANGE_MESSAGE),
    MaxValueValidator(LAST_DAY, message=DATE_RANGE_MESSAGE),
]


# The largest id a database row may have (a 64-bit integer): beyond, the database would fail.
MAX_ID = 2**63 - 1


class StaffChoiceField(forms.ModelChoiceField):
    """A staff member by id; an id no database could hold is a wrong choice, not an error."""

    def to_python(self, value: Any) -> User | None:
        if value not in self.empty_values and not (str(value).isdigit() and int(value) <= MAX_ID):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class AuditSearchForm(forms.Form):
    """The audit search's GET filters; all optional, each refused with a message on its field."""

    user = StaffChoiceField(
        label=_("Staff member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Everyone"),
        error_messages={"invalid_choice": _("Choose a staff member from the list.")},
    )
    participant = forms.IntegerField(
        label=_("Participant file number"),
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("The number in the file's address, e.g. 1234 for /personnes/1234/."),
        error_messages={
            "invalid": _("Enter the file number as a whole number, e.g. 1234."),
            "min_value": _("Enter the file number as a whole number, e.g. 1234."),
            "max_value": _("Enter the file number as a whole number, e.g. 1234."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Reads and changes")), *ReadKind.choices, (CHANGES, _("Changes"))],
        error_messages={"invalid_choice": _("Choose a kind from the list.")},
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=DATE_WIDGET,
        validators=DATE_VALIDATORS,
        error_messages={"invalid": _("Enter a valid date, e.g. 15/03/2026.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=DATE_WIDGET,
        validators=DATE_VALIDATORS,
        error_messages={"invalid": _("Enter a valid date, e.g. 15/03/2026.")},
    )

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data

    def apply(
        self, reads: QuerySet[ReadEntry], changes: QuerySet[ChangeEntry]
    ) -> tuple[QuerySet[ReadEntry], QuerySet[ChangeEntry]]:
        """Both tables cut down to the valid filters."""
        data = self.cleaned_data
        read_filter, change_filter = Q(), Q()
        if data.get("user"):
            read_filter &= Q(user=data["user"])
            change_filter &= Q(actor=data["user"])
        if data.get("participant"):
            read_filter &= Q(participant_id=data["participant"])
            change_filter &= Q(participant_id=data["participant"])
        if start := data.get("start"):
            since = _start_of(start)
            read_filter &= Q(created_at__gte=since)
            change_filter &= Q(timestamp__gte=since)
        if end := data.get("end"):
            until = _start_of(end + datetime.timedelta(days=1))
            read_filter &= Q(created_at__lt=until)
            change_filter &= Q(timestamp__lt=until)
        reads, changes = reads.filter(read_filter), changes.filter(change_filter)
        kind = data.get("kind")
        if kind == CHANGES:
            reads = reads.none()
        elif kind:
            reads, changes = reads.filter(kind=kind), changes.none()
        return reads, changes


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of that day in the organisation's time zone (dates are typed in local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
