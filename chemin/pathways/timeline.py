"""The pathway's own events on the participant timeline: openings, closings, phases, referents.

Registered in PathwaysConfig.ready(). Four queries whatever the number of events.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.core.timeline import TimelineEvent
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "pathway"


def pathway_events(participant: Participant, user: User) -> Iterator[TimelineEvent]:
    """Events of the person's pathways in the user's territories."""
    pathways = list(
        Pathway.objects.visible_to(user)
        .filter(participant=participant)
        .select_related("territory", "referent")
    )
    if not pathways:
        return
    label = _("Pathway")
    for pathway in pathways:
        yield TimelineEvent(
            at=pathway.entry_date,
            kind=KIND,
            kind_label=label,
            title=_("Pathway started in %(territory)s") % {"territory": pathway.territory.name},
            detail=_("Referent counsellor: %(name)s") % {"name": pathway.referent.get_full_name()},
            is_milestone=True,
        )
        if pathway.phase == Phase.CLOSED and pathway.closed_on:
            yield TimelineEvent(
                at=pathway.closed_on,
                kind=KIND,
                kind_label=label,
                title=_("Pathway closed in %(territory)s") % {"territory": pathway.territory.name},
            )

    phase_changes = PhaseChange.objects.filter(pathway__in=pathways).select_related("changed_by")
    for change in phase_changes:
        yield TimelineEvent(
            at=change.created_at,
            kind=KIND,
            kind_label=label,
            title=_("Now in the phase “%(phase)s”") % {"phase": change.get_new_phase_display()},
            detail=_("Previously “%(phase)s”. Recorded by %(name)s.")
            % {"phase": change.get_previous_phase_display(), "name": change.changed_by.get_full_name()},
            is_milestone=change.is_step_forward,
            extra={"phase": change.new_phase},
        )

    # The reason for a handover is the accompanying staff's business, not the business developers'.
    job_facing_territories = set(
        Membership.objects.filter(user=user, role=Role.BUSINESS_DEVELOPER).values_list(
            "territory_id", flat=True
        )
    )
    territory_of = {pathway.pk: pathway.territory_id for pathway in pathways}
    reason_label = _("Reason:")
    referent_changes = ReferentChange.objects.filter(pathway__in=pathways).select_related(
        "previous_referent", "new_referent", "changed_by"
    )
    for change in referent_changes:
        detail = _("Previously %(previous)s. Changed by %(name)s.") % {
            "previous": change.previous_referent.get_full_name(),
            "name": change.changed_by.get_full_name(),
        }
        if change.reason and territory_of[change.pathway_id] not in job_facing_territories:
            detail = f"{detail} {reason_label} {change.reason}"
        yield TimelineEvent(
            at=change.created_at,
            kind=KIND,
            kind_label=label,
            title=_("New referent counsellor: %(name)s") % {"name": change.new_referent.get_full_name()},
            detail=detail,
        )
