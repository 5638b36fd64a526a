"""Who may open a participant file, and what of it they see (DESIGN.md §4).

Every view of the file and its sections fetches the participant through
``participant_or_404``: a file outside the user's territories is a 404, never a 403, so its
existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.participants.models import Participant

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory


def participant_or_404(user: User, pk: int) -> Participant:
    return get_object_or_404(Participant.objects.visible_to(user), pk=pk)


def current_pathway(participant: Participant) -> Pathway | None:
    """The open pathway, else the most recent one."""
    from chemin.pathways.enums import Phase

    pathways = participant.pathways.select_related("territory", "referent").order_by("-entry_date", "-pk")
    return pathways.exclude(phase=Phase.CLOSED).first() or pathways.first()


def role_in(user: User, territory: Territory) -> Role | None:
    if user.is_superuser:
        return Role.ADMIN
    role = Membership.objects.filter(user=user, territory=territory).values_list("role", flat=True).first()
    return Role(role) if role else None


def can_see_restricted(user: User, pathway: Pathway | None) -> bool:
    """Restricted notes and special-category data: the referent counsellor and managers only."""
    if pathway is None:
        return user.is_superuser
    if pathway.referent_id == user.pk:
        return True
    return role_in(user, pathway.territory) in {Role.MANAGER, Role.ADMIN}


def is_job_facing_only(user: User, pathway: Pathway | None) -> bool:
    """Business developers see the job-facing profile (wishes, skills), not notes or situation."""
    return pathway is not None and role_in(user, pathway.territory) == Role.BUSINESS_DEVELOPER


def can_work_on(user: User, pathway: Pathway | None) -> bool:
    """Counsellors, managers and admins of the pathway's territory run it (phase, next pathway…)."""
    if pathway is None:
        return False
    return role_in(user, pathway.territory) in {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN}


def can_reassign_referent(user: User, pathway: Pathway | None) -> bool:
    """The territory's managers and admins assign counsellors; the referent may hand over too."""
    if pathway is None:
        return False
    if pathway.referent_id == user.pk:
        return True
    return role_in(user, pathway.territory) in {Role.MANAGER, Role.ADMIN}


@dataclass(frozen=True)
class FileAccess:
    """What a user may do on a participant file, worked out with one query."""

    job_facing_only: bool
    can_work: bool
    can_reassign: bool
    can_see_restricted: bool


def file_access(user: User, pathway: Pathway | None) -> FileAccess:
    """The same answers as the functions above, for pages that need several of them."""
    if pathway is None:
        return FileAccess(False, False, False, user.is_superuser)
    role = role_in(user, pathway.territory)
    is_referent = pathway.referent_id == user.pk
    manages = role in {Role.MANAGER, Role.ADMIN}
    return FileAccess(
        job_facing_only=role == Role.BUSINESS_DEVELOPER,
        can_work=role in {Role.COUNSELLOR, Role.MANAGER, Role.ADMIN},
        can_reassign=is_referent or manages,
        can_see_restricted=is_referent or manages,
    )
