import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


class TestEnvHelpers:
    def test_bool_reads_usual_spellings(self, monkeypatch):
        monkeypatch.setenv("FLAG", "Yes")
        assert env_bool("FLAG", False) is True
        monkeypatch.setenv("FLAG", "0")
        assert env_bool("FLAG", True) is False

    def test_bool_refuses_nonsense_naming_the_variable(self, monkeypatch):
        monkeypatch.setenv("FLAG", "maybe")
        with pytest.raises(ImproperlyConfigured, match="FLAG"):
            env_bool("FLAG", False)

    def test_int_refuses_text_and_values_below_minimum(self, monkeypatch):
        monkeypatch.setenv("PORT_NUMBER", "abc")
        with pytest.raises(ImproperlyConfigured, match="PORT_NUMBER"):
            env_int("PORT_NUMBER", 1)
        monkeypatch.setenv("PORT_NUMBER", "-3")
        with pytest.raises(ImproperlyConfigured, match="PORT_NUMBER"):
            env_int("PORT_NUMBER", 1, minimum=0)

    def test_int_falls_back_to_default_when_absent(self, monkeypatch):
        monkeypatch.delenv("PORT_NUMBER", raising=False)
        assert env_int("PORT_NUMBER", 8000) == 8000

    def test_required_string_must_be_present(self, monkeypatch):
        monkeypatch.delenv("NEEDED", raising=False)
        with pytest.raises(ImproperlyConfigured, match="NEEDED"):
            env_str("NEEDED", required=True)

    def test_list_splits_on_commas_and_drops_blanks(self, monkeypatch):
        monkeypatch.setenv("HOSTS", "a.example, b.example ,,")
        assert env_list("HOSTS", []) == ["a.example", "b.example"]


class TestEnvExample:
    def test_every_variable_the_settings_read_is_documented(self):
        import re

        from django.conf import settings

        read = set(
            re.findall(
                r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"',
                (settings.BASE_DIR / "config/settings.py").read_text(),
            )
        )
        documented = set(
            re.findall(r"^([A-Z_]+)=", (settings.BASE_DIR / ".env.example").read_text(), re.MULTILINE)
        )
        assert read, "no variable found: the pattern no longer matches the settings"
        assert read - documented == set()
