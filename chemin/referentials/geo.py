"""Straight-line distances between communes, honest about how rough they are.

Commune positions come from GeoNames or, failing that, from the centre of the intercommunality or
département (see CoordQuality). A distance is therefore an estimate shown as "≈ N km", and a
commune without a position gives an unknown distance — never 0, which would read as "next door".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from chemin.referentials.models import Commune

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def distance_km(a: Commune, b: Commune) -> float | None:
    """Great-circle distance in km, 0.0 within one commune, None when either has no position."""
    if not a.has_position or not b.has_position:
        return None
    if a.code_insee == b.code_insee:
        return 0.0
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def is_rough_estimate(a: Commune, b: Commune) -> bool:
    """True when either position is a centroid (or missing): the UI should say "approx."."""
    return not (a.is_position_precise and b.is_position_precise)


def distance_label(a: Commune, b: Commune) -> str:
    """ "≈ 12 km", "same commune", "less than 1 km", "nearby", or "distance unknown"."""
    km = distance_km(a, b)
    if km is None:
        return _("distance unknown")
    if a.code_insee == b.code_insee:
        return _("same commune")
    if km < 0.5:
        # Two communes on one point: both precise means truly adjacent centres; otherwise they
        # share an estimated centre, so all we know is that they are near each other.
        return _("less than 1 km") if not is_rough_estimate(a, b) else _("nearby")
    return _("≈ %(km)d km") % {"km": max(1, round(km))}


@dataclass(frozen=True)
class DistanceEstimate:
    km: float | None
    label: str
    # Worth an "approx." next to the label: a known distance between two communes, one of which
    # has only an estimated position.
    is_rough: bool


def estimate_distance(a: Commune, b: Commune) -> DistanceEstimate:
    km = distance_km(a, b)
    rough = km is not None and a.code_insee != b.code_insee and is_rough_estimate(a, b)
    return DistanceEstimate(km=km, label=distance_label(a, b), is_rough=rough)
