from django.http import HttpRequest

from chemin.accounts.territory_context import TerritoryContext


def territories(request: HttpRequest) -> dict[str, TerritoryContext | None]:
    return {"territories": getattr(request, "territories", None)}
