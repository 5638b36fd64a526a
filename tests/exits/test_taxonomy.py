"""enums.py keeps (typography aside) the field's exit categories and definitions (data/taxonomies/categories_sorties.json)."""

import json

from django.conf import settings
from django.utils import translation

from chemin.exits.enums import ExitCategory

SOURCE = settings.BASE_DIR / "data" / "taxonomies" / "categories_sorties.json"


def test_labels_and_definitions_say_what_the_source_says():
    categories = json.loads(SOURCE.read_text(encoding="utf-8"))["categories"]
    with translation.override("fr"):
        ours = [
            (str(category.label), category.definition.replace(" ;", ";").replace("’", "'"))
            for category in ExitCategory
        ]
        theirs = [(category["libelle"], category["definition"]) for category in categories]
    assert ours == theirs
