from __future__ import annotations

from django import template

from chemin.accounts.territory_context import TerritoryContext
from chemin.audit.access import FILE_LOG_ROLES

register = template.Library()


@register.filter
def reads_file_log_of(territories: TerritoryContext | None, territory_id: int | None) -> bool:
    """Whether to offer the file's access log: the user manages or administers the file's
    territory. Reads the roles the page already loaded (``request.territories``): no query."""
    if territories is None or territory_id is None:
        return False
    return any(
        choice.territory.pk == territory_id and choice.role in FILE_LOG_ROLES
        for choice in territories.choices
    )
