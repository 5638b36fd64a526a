"""enums.py keeps France Travail's official codes and labels for categories 23 to 29."""

import json
import unicodedata

from django.conf import settings
from django.utils import translation

from chemin.barriers.enums import SITUATIONS, BarrierCategory

SOURCE = settings.BASE_DIR / "data" / "taxonomies" / "france_travail_contraintes.json"


def normalized(text: str) -> str:
    """Compare wording, not typography: the source drops some accents ("etre", "maitrise")."""
    text = text.replace("’", "'").lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def official() -> list[dict]:
    return json.loads(SOURCE.read_text(encoding="utf-8"))["contraintes"]


class TestFranceTravailTaxonomy:
    def test_official_categories_keep_their_codes(self):
        assert [c["code"] for c in official()] == [code for code in BarrierCategory.values if code.isdigit()]

    def test_category_labels_name_the_official_ones(self):
        # France Travail names goals ("Développer sa mobilité"); we name the barrier ("Mobilité").
        with translation.override("fr"):
            for category in official():
                label = str(BarrierCategory(category["code"]).label)
                assert normalized(category["libelle"]).endswith(normalized(label)), category["code"]

    def test_official_situations_keep_their_codes_and_labels(self):
        with translation.override("fr"):
            for category in official():
                ours = {
                    code: str(label)
                    for code, label in SITUATIONS[category["code"]]
                    if not code.startswith("x-")
                }
                theirs = {s["code"]: s["libelle"] for s in category["situations"]}
                assert ours.keys() == theirs.keys(), category["code"]
                for code, label in theirs.items():
                    assert normalized(ours[code]) == normalized(label), code

    def test_our_own_situation_codes_never_collide_with_official_numbers(self):
        for code, situations in SITUATIONS.items():
            for situation, _label in situations:
                assert situation.isdigit() == code.isdigit() or situation.startswith("x-")
