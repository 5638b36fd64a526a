"""Which territory a staff member is working in right now.

Staff may belong to several territories (one role in each). The one they work in is kept in the
session and changed with the territory switcher; it defaults to the first of their territories.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest

from chemin.accounts.enums import Role
from chemin.territories.models import Territory

SESSION_KEY = "current_territory_id"


@dataclass(frozen=True)
class TerritoryRole:
    territory: Territory
    role: Role


class TerritoryContext:
    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @cached_property
    def choices(self) -> list[TerritoryRole]:
        """The territories this user works in, with their role in each (one query)."""
        user = self._request.user
        if not user.is_authenticated:
            return []
        if user.is_superuser:
            return [TerritoryRole(t, Role.ADMIN) for t in Territory.objects.active()]
        memberships = user.memberships.active().select_related("territory").order_by("territory__name")
        return [TerritoryRole(m.territory, Role(m.role)) for m in memberships]

    @cached_property
    def _selected(self) -> TerritoryRole | None:
        if not self.choices:
            return None
        wanted = self._request.session.get(SESSION_KEY)
        for choice in self.choices:
            if choice.territory.pk == wanted:
                return choice
        return self.choices[0]

    @property
    def current(self) -> Territory | None:
        return self._selected.territory if self._selected else None

    @property
    def role(self) -> Role | None:
        return self._selected.role if self._selected else None

    def can_switch_to(self, territory_id: int) -> bool:
        return any(choice.territory.pk == territory_id for choice in self.choices)

    def switch_to(self, territory_id: int) -> None:
        if not self.can_switch_to(territory_id):
            raise PermissionError(territory_id)
        self._request.session[SESSION_KEY] = territory_id
        self.__dict__.pop("_selected", None)
