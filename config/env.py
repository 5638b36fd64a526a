"""Typed readers for environment variables.

Each helper refuses a malformed value with ``ImproperlyConfigured`` naming the variable, so a
misconfigured server stops at start-up instead of misbehaving later.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"La variable d'environnement {name} est obligatoire.")
        return default if default is not None else ""
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} doit valoir true ou false (reçu : {value!r}).")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} doit être un nombre entier (reçu : {value!r}).") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} doit être supérieur ou égal à {minimum} (reçu : {number}).")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_fernet_keys(name: str, *, required: bool) -> list[str]:
    """Comma-separated Fernet keys (base64 of 32 bytes); the message never repeats a key."""
    from cryptography.fernet import Fernet

    keys = env_list(name, [])
    if not keys and required:
        raise ImproperlyConfigured(
            f"La variable d'environnement {name} est obligatoire hors DEBUG : une ou plusieurs clés "
            "Fernet séparées par des virgules (la première chiffre, toutes déchiffrent). Générez une clé avec "
            '.venv/bin/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
        )
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} : la clé n° {position} n'est pas une clé Fernet (44 caractères base64)."
            ) from None
    return keys
