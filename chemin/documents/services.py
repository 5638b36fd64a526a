"""Writes on documents. Views (and later the prescribers' portal) call these; the file is checked
again here, whoever calls, so no unchecked file ever reaches the private storage."""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document
from chemin.documents.validators import validate_upload

if TYPE_CHECKING:
    from django.core.files import File

    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

logger = logging.getLogger(__name__)


@transaction.atomic
def document_create(
    *,
    participant: Participant,
    pathway: Pathway | None,
    uploaded_by: User,
    kind: DocumentKind,
    title: str,
    file: File,
) -> Document:
    """Store a file (an upload, or any Django File) on the private storage, under a random name,
    and record it on the participant's file.

    Raise ValidationError ({"file": …}) for a file the validators refuse: nothing is written then.
    If recording the row fails after the file was written, the file is removed before the error
    goes on, so no file is ever left on disk without its row.
    """
    try:
        file_type = validate_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    original_filename = PurePath(file.name or "").name[:255]
    document = Document(
        participant=participant,
        pathway=pathway,
        kind=kind,
        title=title.strip() or PurePath(original_filename).stem[:200] or str(DocumentKind(kind).label),
        original_filename=original_filename,
        content_type=file_type.content_type,
        size=file.size,
        uploaded_by=uploaded_by,
    )
    file.seek(0)
    # The name passed is ignored: random_file_name picks one.
    document.file.save(original_filename, file, save=False)
    try:
        document.save()
    except BaseException:
        document.file.delete(save=False)
        raise
    logger.info(
        "document %s (%s, %s) added to participant %s by user %s",
        document.pk,
        kind,
        file_type.content_type,
        participant.pk,
        uploaded_by.pk,
    )
    return document


@transaction.atomic
def document_delete(*, document: Document, deleted_by: User) -> None:
    """Delete the row, then the file once the deletion is committed (a rolled-back deletion
    keeps its file)."""
    storage, name = document.file.storage, document.file.name
    document_pk, participant_pk = document.pk, document.participant_id
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    logger.info(
        "document %s of participant %s deleted by user %s", document_pk, participant_pk, deleted_by.pk
    )
