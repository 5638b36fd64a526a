"""Who may read and change the documents of a participant file (DESIGN.md §4).

Documents belong to the person and follow them from pathway to pathway: the staff of their
current pathway's territory hold them, as for the rest of the file.

- Another territory's file: 404 (``participant_or_404``), so its existence does not leak.
- Counsellors, managers and admins of the territory list, add, download and delete documents.
- Identity documents are personal data the team needs only to check a right (IAE eligibility,
  a contract): like restricted notes (``can_see_restricted``), only the pathway's referent and the
  territory's managers and admins see them. For other counsellors they are filtered out of the
  query, so the list, the count and a guessed download URL (404) all agree; the upload form does
  not offer the kind either, since its author could not read it back or correct it.
- Business developers see the job-facing profile only: CVs, which they read and download to put
  the person forward on a job. Other kinds are filtered out the same way (404); adding or
  deleting is the accompanying team's work (403).
- Anyone else who sees the file (staff of a territory where the person had an earlier pathway)
  is refused the section (403): the documents are the current team's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document, DocumentQuerySet
from chemin.participants.access import current_pathway, file_access, participant_or_404

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

ALL_KINDS = frozenset(DocumentKind)
JOB_FACING_KINDS = frozenset({DocumentKind.CV})
RESTRICTED_KINDS = frozenset({DocumentKind.IDENTITY})


@dataclass(frozen=True)
class DocumentsFile:
    """A participant file as its documents section sees it, for one user."""

    participant: Participant
    pathway: Pathway | None
    # The kinds the user may read; they may add only these too, when they may add at all.
    readable_kinds: frozenset[DocumentKind]
    can_manage: bool
    job_facing_only: bool

    def documents(self) -> DocumentQuerySet:
        return Document.objects.for_participant(self.participant).of_kinds(self.readable_kinds)

    def check_can_manage(self) -> None:
        if not self.can_manage:
            raise PermissionDenied


def documents_file(user: User, participant_pk: int) -> DocumentsFile:
    """The file and what the user may do with its documents; 404 outside the user's territories,
    403 for staff with no role in the current pathway's territory."""
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    access = file_access(user, pathway)
    if user.is_superuser:
        kinds, can_manage = ALL_KINDS, True
    elif access.job_facing_only:
        kinds, can_manage = JOB_FACING_KINDS, False
    elif access.can_work:
        kinds = ALL_KINDS if access.can_see_restricted else ALL_KINDS - RESTRICTED_KINDS
        can_manage = True
    else:
        raise PermissionDenied
    return DocumentsFile(
        participant=participant,
        pathway=pathway,
        readable_kinds=kinds,
        can_manage=can_manage,
        job_facing_only=access.job_facing_only,
    )
