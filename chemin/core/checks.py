"""System checks of the deployment (``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_field_encryption_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The development key is in the repository: data encrypted with it is as good as plain."""
    if settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY in settings.FIELD_ENCRYPTION_KEYS:
        return [
            checks.Error(
                "FIELD_ENCRYPTION_KEYS contient la clé de développement, publique : générez une clé "
                "propre à ce serveur (voir le README, « Mise en production »).",
                id="core.E001",
            )
        ]
    return []
