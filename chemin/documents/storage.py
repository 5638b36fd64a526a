"""Where attached documents are kept: a folder outside any public URL.

Django's ``FileSystemStorage`` falls back to ``MEDIA_ROOT`` and ``MEDIA_URL`` when given no
location and no base URL; this one reads ``PRIVATE_MEDIA_ROOT`` instead and has no URL at all,
so no template or code can ever link to a file: documents are served only by
``documents:download``, which checks permissions first.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="chemin.documents.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    def __init__(self) -> None:
        # Only the application's own user may read the files on the server.
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @cached_property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self) -> None:
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("Private documents have no URL: link to documents:download instead.")

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        # The tests point PRIVATE_MEDIA_ROOT at a fresh folder: forget the old location then.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


private_storage = PrivateStorage()
