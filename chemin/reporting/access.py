"""Who may read the indicators, and of which territories (DESIGN.md §4).

Reporting is the managers' and administrators': "manager — sees its territories' reporting". A
counsellor or a business developer gets a 403 (drill-downs list people by barrier category, which
only the referent and managers may know of a health or justice barrier). A superuser reports on
every active territory and on the whole organisation. Nobody ever gets a figure or a person of a
territory where they are not manager or admin: every scope is cut down to these territories.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from chemin.accounts.enums import Role
from chemin.agreements.models import Agreement
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

REPORTING_ROLES = (Role.MANAGER, Role.ADMIN)


def reporting_territories(user: User) -> QuerySet[Territory]:
    """Active territories the user may report on: where they are manager or admin (all for a superuser)."""
    if not user.is_authenticated:
        return Territory.objects.none()
    if user.is_superuser:
        return Territory.objects.active()
    return (
        Territory.objects.active()
        .filter(memberships__user=user, memberships__role__in=REPORTING_ROLES)
        .distinct()
    )


def can_report(user: User) -> bool:
    return reporting_territories(user).exists()


def reporting_agreements(user: User) -> QuerySet[Agreement]:
    """Agreements covering at least one territory the user reports on."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    if user.is_superuser:
        return Agreement.objects.select_related("funder")
    territories = reporting_territories(user).values("pk")
    return (
        Agreement.objects.filter(Q(territories__in=territories))
        .select_related("funder")
        .distinct()
        .order_by("-starts_on", "reference")
    )
