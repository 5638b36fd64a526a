from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chemin.documents.enums import DocumentKind
from chemin.documents.storage import private_storage
from chemin.documents.validators import TYPES_BY_CONTENT_TYPE
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.documents.validators import FileType


def random_file_name(instance: Document, filename: str) -> str:
    """A random name with the extension of the detected type: the name the person gave the file
    (often their own name, "CNI_recto_Nadia.jpg") never reaches the disk."""
    extension = TYPES_BY_CONTENT_TYPE[instance.content_type].extensions[0]
    return f"documents/{uuid.uuid4().hex}{extension}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def for_participant(self, participant: Participant) -> DocumentQuerySet:
        return self.filter(participant=participant)

    def of_kinds(self, kinds: Iterable[str]) -> DocumentQuerySet:
        return self.filter(kind__in=list(kinds))

    def newest_first(self) -> DocumentQuerySet:
        return self.order_by("-created_at", "-pk")


class Document(models.Model):
    """A file attached to a participant file (CV, identity document, agreement…), kept on the
    private storage and served only through ``documents:download``."""

    participant = models.ForeignKey(
        Participant,
        # PROTECT, not CASCADE: a cascade would delete the rows and leave the files on disk. An
        # erasure deletes each document through documents.services.document_delete first.
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("participant"),
    )
    # The pathway current when the document was added, if any; the document stays with the person.
    pathway = models.ForeignKey(
        Pathway,
        on_delete=models.PROTECT,  # Same reason as the participant.
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("pathway"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=random_file_name, storage=private_storage, max_length=100)
    # As the person named it, shown in the list and cleaned up for the download's name.
    original_filename = models.CharField(_("original file name"), max_length=255)
    # Detected from the content (documents.validators), never the browser's claim.
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff who leave are deactivated, not deleted: a document keeps who added it.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["participant", "kind", "-created_at"], name="document_participant_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__in=list(TYPES_BY_CONTENT_TYPE)),
                name="document_content_type_allowed",
            ),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="document_not_empty"),
            models.CheckConstraint(condition=~models.Q(title=""), name="document_title_not_empty"),
        ]

    def __str__(self) -> str:
        # No title here: __str__ ends up in logs and admin lists, and a title may name the person.
        return f"{self._meta.verbose_name} #{self.pk} ({self.get_kind_display()})"

    @property
    def file_type(self) -> FileType:
        return TYPES_BY_CONTENT_TYPE[self.content_type]

    @property
    def download_filename(self) -> str:
        """The name the browser saves the file under: the original name's letters, digits,
        spaces, dots and dashes, and the extension of the detected type."""
        stem = re.sub(r"[^\w\-. ]+", "_", PurePath(self.original_filename).stem)
        stem = stem.strip(" ._-")[:100] or "document"
        return f"{stem}{self.file_type.extensions[0]}"
