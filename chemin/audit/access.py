"""Who may read the audit trail (DESIGN.md §4).

- A participant file's access log: the managers and admins of the file's territory (and
  superusers). Outside the user's territories the file is a 404, as everywhere; counsellors and
  business developers of the territory get a 403.
- The audit search: admins — superusers, and staff holding the admin role in a territory, who
  search the trail of the files and staff of the territories they administer. Anyone else: 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.participants.access import role_in
from chemin.pathways.models import Pathway
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

FILE_LOG_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


def can_read_file_log(user: User, pathway: Pathway | None) -> bool:
    if user.is_superuser:
        return True
    if pathway is None:
        return False
    return role_in(user, pathway.territory) in FILE_LOG_ROLES


def administered_territories(user: User) -> QuerySet[Territory]:
    """Active territories where the user holds the admin role (every one for a superuser)."""
    if not user.is_authenticated:
        return Territory.objects.none()
    if user.is_superuser:
        return Territory.objects.active()
    return Territory.objects.active().filter(memberships__user=user, memberships__role=Role.ADMIN)


def can_search(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or administered_territories(user).exists())


def search_scope(user: User, user_field: str) -> Q:
    """The rows an admin may search: about people with a pathway in their territories, or, for
    rows about nobody in particular (an export of several people), by staff of those territories.
    ``user_field`` names who acted (``user`` on reads, ``actor`` on changes)."""
    if user.is_superuser:
        return Q()
    territories = administered_territories(user)
    people = Pathway.objects.filter(territory__in=territories).values("participant_id")
    staff = Membership.objects.filter(territory__in=territories).values("user_id")
    return Q(participant_id__in=people) | Q(participant__isnull=True, **{f"{user_field}_id__in": staff})
