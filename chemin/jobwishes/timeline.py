"""Job wishes on the participant timeline: each new wish, each change (with what it replaced),
and a confirmed wish as a milestone. One query, whatever the number of wishes and versions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.core.timeline import TimelineEvent
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish, JobWishVersion

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

KIND = "wish"


def _changes(previous: JobWishVersion, current: JobWishVersion) -> list[str]:
    """What the wish said before, for each part that changed."""
    changes = []
    if previous.title_in_own_words != current.title_in_own_words:
        changes.append(f"« {previous.title_in_own_words} »")
    if previous.rome_codes != current.rome_codes:
        changes.append(_("ROME: %(codes)s") % {"codes": ", ".join(previous.rome_codes)})
    if previous.status != current.status:
        changes.append(_("status: %(status)s") % {"status": previous.get_status_display()})
    if previous.priority != current.priority:
        changes.append(_("priority %(priority)s") % {"priority": previous.priority})
    if (
        previous.contract_types != current.contract_types
        or previous.working_hours != current.working_hours
        or previous.max_hours_per_week != current.max_hours_per_week
        or previous.max_commute_km != current.max_commute_km
    ):
        changes.append(_("other conditions"))
    return changes


def job_wish_events(participant: Participant, user: User) -> list[TimelineEvent]:
    snapshots = (
        JobWishVersion.objects.filter(
            job_wish__in=JobWish.objects.visible_to(user).filter(pathway__participant=participant)
        )
        .select_related("changed_by")
        .order_by("job_wish_id", "version")
    )
    url = reverse("jobwishes:list", kwargs={"participant_pk": participant.pk})
    kind_label = _("Job wish")
    events = []
    previous: JobWishVersion | None = None
    for snapshot in snapshots:
        if previous is None or previous.job_wish_id != snapshot.job_wish_id:
            previous = None
        author = _("the person") if snapshot.by_participant else str(snapshot.changed_by or "")
        codes = ", ".join(snapshot.rome_codes)
        common = {
            "at": snapshot.created_at,
            "kind": KIND,
            "kind_label": kind_label,
            "by_participant": snapshot.by_participant,
            "url": f"{url}#piste-{snapshot.job_wish_id}",
            "extra": {"job_wish_id": snapshot.job_wish_id, "version": snapshot.version, "author": author},
        }
        if previous is None:
            events.append(
                TimelineEvent(
                    title=_("New job wish: %(title)s") % {"title": snapshot.title_in_own_words},
                    detail=codes,
                    **common,
                )
            )
        else:
            changes = _changes(previous, snapshot)
            events.append(
                TimelineEvent(
                    title=_("Job wish changed: %(title)s (previously %(previous)s)")
                    % {"title": snapshot.title_in_own_words, "previous": "; ".join(changes) or "—"},
                    detail=codes,
                    **common,
                )
            )
        was_confirmed = previous is not None and previous.status == JobWishStatus.CONFIRMED
        if snapshot.status == JobWishStatus.CONFIRMED and not was_confirmed:
            events.append(
                TimelineEvent(
                    title=_("Job wish confirmed: %(title)s") % {"title": snapshot.title_in_own_words},
                    detail=codes,
                    is_milestone=True,
                    **common,
                )
            )
        previous = snapshot
    return events
