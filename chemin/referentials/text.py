"""Text normalisation shared by the ROME and commune searches.

People type job titles and place names as they come: without accents, in lower case, in the
feminine, with hyphens or apostrophes or without. Both sides of every comparison go through the
same functions, so "Aide-Ménagère", "aide menagere" and "AIDE MÉNAGÈRE" meet.
"""

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Ligatures that NFKD leaves alone ("manœuvre", "cæcum").
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})

# Words that carry no meaning in a job title; removing them lets "préparateur de commandes"
# match "préparatrice commandes" and keeps "d'" and "l'" from counting as words.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "dans",
        "chez",
    ]
)

# Feminine and plural endings folded onto one stem, longest first. Applied to both the index and
# the query, so a stem only needs to be consistent, not a real word ("commande" -> "command").
_SUFFIXES = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("ennes", "en"),
    ("enne", "en"),
    ("onnes", "on"),
    ("onne", "on"),
    ("ettes", "et"),
    ("ette", "et"),
    ("eres", "er"),
    ("ere", "er"),
    ("ives", "if"),
    ("ive", "if"),
    ("elles", "el"),
    ("elle", "el"),
    ("ffes", "f"),
    ("ffe", "f"),
    ("esse", "e"),
)

# Abbreviations of "Saint" in place names, expanded before comparing.
_SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def normalize(text: str) -> str:
    """Lower case, no accents, every run of punctuation or space turned into one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALNUM.sub(" ", ascii_only.lower()).strip()


def words(text: str) -> list[str]:
    """The meaningful words of a text, normalised, stop words removed, in order."""
    return [word for word in normalize(text).split() if word not in STOP_WORDS]


def stem(word: str) -> str:
    """Fold gender and number: "caissière", "caissiers" and "caissier" share one stem."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith(("s", "x")) and len(word) > 4:
        word = word[:-1]
    while word.endswith("e") and len(word) > 4:  # "employée", "employé" -> "employ"
        word = word[:-1]
    return word


def normalize_place_name(text: str) -> str:
    """Normalise a commune name or query: "St-Omer", "saint omer" and "Saint-Omer" are equal."""
    return " ".join(_SAINT.get(word, word) for word in normalize(text).split())
