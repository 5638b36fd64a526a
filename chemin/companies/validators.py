"""SIRET and NAF code checks for companies, with French messages."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN and follow their own checksum rule (INSEE).
LA_POSTE_SIREN = "356000000"
_NAF_CODE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_siret(value: str) -> str:
    """The 14 digits of a SIRET typed with or without spaces; ValidationError if it is not one."""
    digits = re.sub(r"\s", "", value or "")
    if not re.fullmatch(r"\d{14}", digits):
        raise ValidationError(_("A SIRET has 14 digits, for example 732 829 320 00074."), code="siret_length")
    if digits.startswith(LA_POSTE_SIREN):
        valid = sum(int(char) for char in digits) % 5 == 0
    else:
        valid = luhn_ok(digits[:9]) and luhn_ok(digits)
    if not valid:
        raise ValidationError(
            _("This SIRET does not exist: check the digits (the last one is a check digit)."),
            code="siret_checksum",
        )
    return digits


def validate_siret(value: str) -> None:
    normalize_siret(value)


def normalize_naf_code(value: str) -> str:
    """A NAF rev. 2 sub-class, "47.11F" (also accepted: "4711F", lower case)."""
    text = re.sub(r"\s", "", value or "").upper()
    if re.fullmatch(r"\d{4}[A-Z]", text):
        text = f"{text[:2]}.{text[2:]}"
    if not _NAF_CODE.match(text):
        raise ValidationError(
            _("A NAF code reads like 47.11F: two digits, a dot, two digits and a letter."), code="naf_format"
        )
    return text
