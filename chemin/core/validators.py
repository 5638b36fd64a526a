"""Validators shared by every form that takes French contact details."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-/()]")
# A French number: 0 followed by nine digits, the first of them 1–9 ("06 12 34 56 78").
_NATIONAL = re.compile(r"^0[1-9]\d{8}$")
_POSTAL_CODE = re.compile(r"^\d{5}$")


def normalize_french_phone(value: str) -> str:
    """Return the number as "06 12 34 56 78", accepting +33 / 0033 prefixes and usual separators.

    Raises ValidationError with a French message when it is not a French phone number.
    """
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    elif digits.startswith("0033"):
        digits = "0" + digits[4:]
    if digits.startswith("00"):
        digits = digits[1:]
    if not _NATIONAL.match(digits):
        raise ValidationError(
            _("Enter a French phone number of 10 digits, for example 06 12 34 56 78."), code="invalid_phone"
        )
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def validate_postal_code(value: str) -> None:
    if not _POSTAL_CODE.match(value or ""):
        raise ValidationError(_("A postal code has 5 digits, for example 62300."), code="invalid_postal_code")
