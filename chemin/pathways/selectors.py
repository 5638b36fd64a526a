"""Reads about who works on pathways: the staff a pathway may be given to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chemin.accounts.enums import Role
from chemin.accounts.models import User

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from chemin.territories.models import Territory

# Business developers work with companies; they never hold a caseload.
REFERENT_ROLES = (Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)


def referent_choices(territory: Territory) -> QuerySet[User]:
    """Active staff of the territory who may be the referent of a pathway there, by name."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__territory=territory,
            memberships__territory__is_active=True,
            memberships__role__in=REFERENT_ROLES,
        )
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


def is_possible_referent(user: User, territory: Territory) -> bool:
    return referent_choices(territory).filter(pk=user.pk).exists()
