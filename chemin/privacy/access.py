"""Who may see a file's consents, export its data and erase it.

The file is fetched as every section of it is (participants/access.py): another territory's file
is a 404. Then, by role in the territory of the file's current pathway: counsellors, managers and
admins read the consents; managers and admins alone export the data and erase it (DESIGN.md §4:
they run the territory). Business developers get a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from chemin.accounts.enums import Role
from chemin.participants.access import current_pathway, participant_or_404, role_in

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

READING_ROLES = {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}
MANAGING_ROLES = {Role.MANAGER, Role.ADMIN}


@dataclass(frozen=True)
class PrivacyAccess:
    participant: Participant
    pathway: Pathway | None
    can_manage: bool

    def context(self) -> dict:
        """What the file's layout (participants/file_base.html) needs."""
        return {
            "participant": self.participant,
            "pathway": self.pathway,
            "job_facing_only": False,
            "can_manage": self.can_manage,
        }


def privacy_access(user: User, participant_pk: int, *, manage: bool = False) -> PrivacyAccess:
    """The file if the user may read its consents (``manage``: export or erase it), else 404/403."""
    participant = participant_or_404(user, participant_pk)
    pathway = current_pathway(participant)
    if pathway is not None:
        role = role_in(user, pathway.territory)
    else:
        role = Role.ADMIN if user.is_superuser else None
    if role not in (MANAGING_ROLES if manage else READING_ROLES):
        raise PermissionDenied
    return PrivacyAccess(participant=participant, pathway=pathway, can_manage=role in MANAGING_ROLES)
