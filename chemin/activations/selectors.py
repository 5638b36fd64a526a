"""Reads shared by the activation pages and the timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.activations.models import PrescriberActivation
    from chemin.participants.models import Participant


def readable_special_barrier_ids(user: User, participant: Participant) -> set[int]:
    """Health and justice barriers of the person whose detail the user may read (one query)."""
    return set(
        Barrier.objects.detail_visible_to(user)
        .filter(pathway__participant=participant, category__in=sorted(BarrierCategory.special()))
        .values_list("pk", flat=True)
    )


def is_restricted(activation: PrescriberActivation, readable: set[int]) -> bool:
    """Whether the request and answer must stay hidden: they are about a health or justice
    barrier the user may not read (they may know an activation exists, not what it says)."""
    barrier = activation.barrier
    return barrier is not None and barrier.is_special and barrier.pk not in readable
