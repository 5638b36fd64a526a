"""Reads of the reference data reused by views, forms and later the matching."""

from __future__ import annotations

import re

from django.db.models import Case, ExpressionWrapper, F, IntegerField, Q, Value, When

from chemin.referentials.models import Commune
from chemin.referentials.search import MAX_QUERY_LENGTH, search_rome
from chemin.referentials.text import normalize_place_name

__all__ = ["search_communes", "search_rome"]

# Corsica's INSEE codes carry a letter ("2A004"); every other code and postal code is digits.
_CORSICAN_INSEE_CODE = re.compile(r"2[ab][0-9]{3}")


def search_communes(query: str, limit: int = 10) -> list[Commune]:
    """Communes for a postal code or its start ("623"), a name, or both ("lens 62300").

    Names are compared without accents, case, hyphens or apostrophes, and "St" reads "Saint".
    Ranked: the exact name, then names starting with the query, then names with a word starting
    with it (for a number: postal codes, then an INSEE code typed whole); the most populated first
    within each rank. One query; none for an empty query.
    """
    text = normalize_place_name(query[:MAX_QUERY_LENGTH])
    if not text or limit <= 0:
        return []
    if _CORSICAN_INSEE_CODE.fullmatch(text):
        return list(Commune.objects.filter(code_insee=text.upper())[:limit])
    numbers = [word for word in text.split() if word.isdigit()]
    name = " ".join(word for word in text.split() if not word.isdigit())
    if len(numbers) > 1 or any(not 2 <= len(number) <= 5 for number in numbers):
        return []

    communes = Commune.objects.all()
    rank: Case | Value = Value(0)
    if numbers:
        number = numbers[0]
        by_postal_code = Q(postal_codes__startswith=number) | Q(postal_codes__contains=f" {number}")
        if len(number) == 5:
            communes = communes.filter(by_postal_code | Q(code_insee=number))
            rank = Case(When(by_postal_code, then=Value(0)), default=Value(1))
        else:
            communes = communes.filter(by_postal_code)
    if name:
        communes = communes.filter(Q(search_name__startswith=name) | Q(search_name__contains=f" {name}"))
        rank = Case(
            When(search_name=name, then=Value(0)),
            When(search_name__startswith=name, then=Value(1)),
            default=Value(2),
        )
    ranked = communes.annotate(rank=ExpressionWrapper(rank, output_field=IntegerField()))
    # NULLS LAST: SQLite and PostgreSQL disagree on where a missing population sorts by default.
    ordering = ["rank", F("population").desc(nulls_last=True), "search_name", "code_insee"]
    return list(ranked.order_by(*ordering)[:limit])
