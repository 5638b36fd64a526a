"""Demo data for the caseload and the participant file, on top of the pathways the referrals demo opens.

``chemin.demo.pathways`` calls ``seed_participants_extras(pathways=…)`` with the demo
pathways. Running it again changes nothing that a first run did not.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange
from chemin.pathways.selectors import referent_choices
from chemin.pathways.services import pathway_change_phase, pathway_reassign_referent

logger = logging.getLogger(__name__)

# Days since the last contact, in turn: most people seen recently, some drifting away (30+ days,
# what the caseload's "last contact, oldest first" brings to the top), a few never met since entry.
CONTACT_PATTERN = [3, 9, None, 16, 41, 2, 24, 67, 12, None, 35, 6, 95, 19]
HANDOVER_REASON = "Départ en congé maternité de la conseillère : relais assuré jusqu’à son retour."


@transaction.atomic
def seed_participants_extras(*, pathways: Iterable[Pathway]) -> None:
    """Give the demo pathways a believable rhythm of contacts, phases and one referent handover.

    - ``last_contact_on`` follows CONTACT_PATTERN (never before the entry date), set only where
      no contact is recorded yet, so a rerun keeps what a first run (or a real meeting) wrote;
    - every third pathway still in "welcome" moves towards employment, logged by its referent;
    - the first open pathway whose territory has another counsellor is handed over once.
    """
    today = timezone.localdate()
    open_pathways = sorted(
        (p for p in pathways if p.phase != Phase.CLOSED), key=lambda p: (p.territory_id, p.entry_date, p.pk)
    )
    for index, pathway in enumerate(open_pathways):
        days = CONTACT_PATTERN[index % len(CONTACT_PATTERN)]
        if pathway.last_contact_on is None and days is not None and (today - pathway.entry_date).days > 0:
            pathway.last_contact_on = max(pathway.entry_date, today - datetime.timedelta(days=days))
            pathway.save(update_fields=["last_contact_on", "updated_at"])
        if (
            index % 3 == 0
            and pathway.phase == Phase.WELCOME
            and not PhaseChange.objects.filter(pathway=pathway).exists()
        ):
            pathway_change_phase(pathway=pathway, phase=Phase.TOWARDS_EMPLOYMENT, changed_by=pathway.referent)
            pathway.refresh_from_db()

    pks = [p.pk for p in open_pathways]
    if ReferentChange.objects.filter(pathway__in=pks).exists():
        return
    for pathway in open_pathways:
        pathway.refresh_from_db()
        others = referent_choices(pathway.territory).exclude(pk=pathway.referent_id)
        colleague = others.first()
        if colleague is not None and pathway.phase != Phase.CLOSED:
            pathway_reassign_referent(
                pathway=pathway, new_referent=colleague, changed_by=pathway.referent, reason=HANDOVER_REASON
            )
            logger.info("demo: pathway %s handed over", pathway.pk)
            return
