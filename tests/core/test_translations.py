import polib
import pytest
from django.conf import settings
from django.utils import translation

# The project catalogue, and the catalogues of the apps that keep their own.
CATALOGUES = [
    settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    *sorted((settings.BASE_DIR / "chemin").glob("*/locale/fr/LC_MESSAGES/django.po")),
]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
class TestFrenchTranslations:
    def test_every_string_is_translated_and_none_is_fuzzy(self, po_path):
        catalogue = polib.pofile(po_path)
        assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
        assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []

    def test_compiled_catalogue_matches_the_source(self, po_path):
        source = {entry.msgid: entry.msgstr for entry in polib.pofile(po_path).translated_entries()}
        compiled = {
            entry.msgid: entry.msgstr for entry in polib.mofile(po_path.with_suffix(".mo")) if entry.msgid
        }
        assert compiled == source, "run `make messages` to recompile the catalogues"


class TestLanguages:
    def test_english_stays_available(self):
        with translation.override("en"):
            assert translation.gettext("Skip to content") == "Skip to content"
        with translation.override("fr"):
            assert translation.gettext("Skip to content") == "Aller au contenu"


@pytest.mark.django_db
class TestLanguageChoice:
    def test_an_english_browser_still_gets_french(self, client):
        response = client.get("/compte/connexion/", headers={"Accept-Language": "en-US,en;q=0.9"})
        assert "Se connecter" in response.content.decode()

    def test_the_language_switcher_turns_the_interface_to_english_and_back(self, client):
        client.post("/langue/", {"language": "en", "next": "/compte/connexion/"})
        assert "Log in" in client.get("/compte/connexion/").content.decode()
        client.post("/langue/", {"language": "fr", "next": "/compte/connexion/"})
        assert "Se connecter" in client.get("/compte/connexion/").content.decode()
