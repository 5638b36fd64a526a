"""What a prescriber may see of the people they referred: only what each person agreed to share
(chemin/privacy, SharedItem), assembled in a fixed number of queries whatever the number of rows
or people.

Never here: barriers, restricted or team notes, refusal reasons of job proposals (one of them
names a barrier), the reason of an "other" exit (one of them is health), the review's remaining
barriers. Shared notes (NoteVisibility.PRESCRIBER) are shown whenever following is allowed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory
from chemin.exits.models import ExitReview
from chemin.immersions.enums import ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.opportunities.models import Placement
from chemin.privacy.enums import ConsentPurpose, SharedItem
from chemin.privacy.models import ConsentRecord
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from chemin.steps.enums import StepStatus
from chemin.steps.models import Step


@dataclass(frozen=True)
class Milestone:
    day: datetime.date
    title: str
    # A lucide icon name.
    icon: str = "check"


@dataclass(frozen=True)
class Item:
    """One line of a shared section: a day, what happened, a detail."""

    day: datetime.date
    title: str
    detail: str = ""


@dataclass(frozen=True)
class ExitFacts:
    closed_on: datetime.date
    category: str
    favourable: bool
    # From the end-of-pathway review, once it was sent (the person read it first).
    achievements: str = ""
    next_steps: str = ""


@dataclass
class Follow:
    """What the prescriber may see of one accepted referral's pathway."""

    referral: Referral
    shared: frozenset[str]
    milestones: list[Milestone] = field(default_factory=list)
    job_wishes: list[str] = field(default_factory=list)
    appointments_kept: list[Item] = field(default_factory=list)
    job_proposals: list[Item] = field(default_factory=list)
    immersions: list[Item] = field(default_factory=list)
    contract_starts: list[Item] = field(default_factory=list)
    exit: ExitFacts | None = None
    notes: list[Note] = field(default_factory=list)

    def shares(self, item: str) -> bool:
        return item in self.shared


def shared_items_by_participant(participant_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """For each person, what they let their prescriber see (as privacy.selectors.
    prescriber_shared_items says for one person), in one query."""
    ids = {pk for pk in participant_ids if pk is not None}
    latest: dict[int, frozenset[str]] = {}
    records = (
        ConsentRecord.objects.filter(participant_id__in=ids, purpose=ConsentPurpose.PRESCRIBER_SHARING)
        .order_by("participant_id", "-recorded_at", "-pk")
        .values_list("participant_id", "granted", "scope")
    )
    for participant_id, granted, scope in records:
        if participant_id not in latest:  # the newest first: the first one met is the current one
            latest[participant_id] = frozenset(scope) if granted else frozenset()
    return {pk: latest.get(pk, frozenset()) for pk in ids}


def _in_period(day: datetime.date | None, since: datetime.date | None, until: datetime.date | None) -> bool:
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day < until)


def follow_many(
    referrals: Iterable[Referral],
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[Follow]:
    """What may be shown of each accepted referral whose person shares something (the others are
    left out), each list newest first. With ``since``/``until``, only what happened on days in
    [since, until): the weekly digest.

    The referrals come with their pathway (select_related). Queries: one for the consents, then
    one per kind of row shared by at least one person — never one per person or per row.
    """
    referrals = [r for r in referrals if r.status == ReferralStatus.ACCEPTED and r.pathway_id is not None]
    shared = shared_items_by_participant(r.participant_id for r in referrals)
    follows = [
        Follow(referral=r, shared=shared[r.participant_id]) for r in referrals if shared[r.participant_id]
    ]
    if not follows:
        return []
    by_pathway = {f.referral.pathway_id: f for f in follows}

    def pathways_sharing(item: str) -> list[int]:
        return [pk for pk, f in by_pathway.items() if f.shares(item)]

    def keep(day: datetime.date | None) -> bool:
        return _in_period(day, since, until) if (since or until) else day is not None

    # Milestones: first meeting, pathway opened, steps reached, and the exit's day.
    with_milestones = pathways_sharing(SharedItem.MILESTONES)
    steps: dict[int, list[Step]] = defaultdict(list)
    if with_milestones:
        for step in Step.objects.filter(pathway_id__in=with_milestones, status=StepStatus.DONE).only(
            "pathway_id", "done_on"
        ):
            steps[step.pathway_id].append(step)
    for pathway_id in with_milestones:
        follow = by_pathway[pathway_id]
        referral, pathway = follow.referral, follow.referral.pathway
        candidates = [
            Milestone(referral.first_meeting_on, _("First meeting"), "handshake"),
            Milestone(pathway.entry_date, _("Pathway opened"), "map-pin"),
            # Without its title: a step's words may tell a barrier ("RDV au CMP"), which the
            # prescriber never sees (DESIGN.md §4). The person tells them the rest if they wish.
            *[Milestone(s.done_on, _("A step reached"), "check") for s in steps[pathway_id]],
        ]
        if pathway.closed_on:
            candidates.append(Milestone(pathway.closed_on, _("Pathway closed"), "map-pin"))
        follow.milestones = sorted((m for m in candidates if keep(m.day)), key=lambda m: m.day, reverse=True)

    if wish_pathways := pathways_sharing(SharedItem.JOB_WISHES):
        wishes = (
            JobWish.objects.filter(pathway_id__in=wish_pathways)
            .exclude(status=JobWishStatus.SET_ASIDE)
            .order_by("created_at", "pk")
            .values_list("pathway_id", "title_in_own_words", "created_at")
        )
        for pathway_id, title, created_at in wishes:
            if not (since or until) or _in_period(timezone.localdate(created_at), since, until):
                by_pathway[pathway_id].job_wishes.append(title)

    if kept_pathways := pathways_sharing(SharedItem.APPOINTMENTS_KEPT):
        held = Appointment.objects.filter(
            pathway_id__in=kept_pathways, status=AppointmentStatus.HELD
        ).order_by("-starts_at")
        for appointment in held.only("pathway_id", "starts_at", "kind"):
            day = timezone.localdate(appointment.starts_at)
            if keep(day):
                by_pathway[appointment.pathway_id].appointments_kept.append(
                    Item(day, _("Appointment kept"), appointment.get_kind_display())
                )

    if proposal_pathways := pathways_sharing(SharedItem.JOB_PROPOSALS):
        placements = (
            Placement.objects.filter(pathway_id__in=proposal_pathways)
            .select_related("opportunity__company")
            .order_by("-proposed_on", "-pk")
        )
        for placement in placements:
            if keep(placement.proposed_on):
                by_pathway[placement.pathway_id].job_proposals.append(
                    Item(
                        placement.proposed_on,
                        _("Job proposed: %(title)s") % {"title": placement.opportunity.title},
                        placement.get_status_display(),
                    )
                )

    if immersion_pathways := pathways_sharing(SharedItem.IMMERSIONS):
        immersions = (
            Immersion.objects.filter(pathway_id__in=immersion_pathways)
            .exclude(status=ImmersionStatus.CANCELLED)
            .select_related("company")
            .order_by("-start_date", "-pk")
        )
        for immersion in immersions:
            if keep(immersion.start_date):
                by_pathway[immersion.pathway_id].immersions.append(
                    Item(
                        immersion.start_date,
                        _("Immersion: %(title)s at %(company)s")
                        % {"title": immersion.job_title, "company": immersion.company.name},
                        _("From %(start)s to %(end)s")
                        % {
                            "start": immersion.start_date.strftime("%d/%m/%Y"),
                            "end": immersion.end_date.strftime("%d/%m/%Y"),
                        },
                    )
                )

    if contract_pathways := pathways_sharing(SharedItem.CONTRACT_STARTS):
        employments = (
            Employment.objects.filter(pathway_id__in=contract_pathways)
            .select_related("company")
            .order_by("-start_date", "-pk")
        )
        for employment in employments:
            if keep(employment.start_date):
                by_pathway[employment.pathway_id].contract_starts.append(
                    Item(
                        employment.start_date,
                        _("Contract started: %(title)s at %(company)s")
                        % {"title": employment.job_title, "company": employment.company.name},
                        employment.get_contract_type_display(),
                    )
                )

    exit_pathways = [
        pk for pk in pathways_sharing(SharedItem.EXIT) if by_pathway[pk].referral.pathway.closed_on
    ]
    if exit_pathways:
        reviews = {
            review.pathway_id: review
            for review in ExitReview.objects.filter(pathway_id__in=exit_pathways, sent_at__isnull=False).only(
                "pathway_id", "achievements", "next_steps"
            )
        }
        for pathway_id in exit_pathways:
            pathway = by_pathway[pathway_id].referral.pathway
            if not keep(pathway.closed_on):
                continue
            review = reviews.get(pathway_id)
            category = ExitCategory(pathway.exit_category)
            by_pathway[pathway_id].exit = ExitFacts(
                closed_on=pathway.closed_on,
                category=str(category.label),
                favourable=category.is_favourable,
                achievements=review.achievements if review else "",
                next_steps=review.next_steps if review else "",
            )

    # Notes the counsellor wrote for the prescriber: with the milestones, which the person shares
    # by default and may stop sharing.
    notes = (
        Note.objects.filter(pathway_id__in=with_milestones, visibility=NoteVisibility.PRESCRIBER)
        .select_related("author")
        .order_by("-date", "-created_at", "-pk")
    )
    for note in notes:
        if keep(note.date):
            by_pathway[note.pathway_id].notes.append(note)
    return follows


def follow_one(referral: Referral) -> Follow | None:
    """What may be shown of one referral's pathway; None when there is nothing to follow."""
    follows = follow_many([referral])
    return follows[0] if follows else None


def has_changes(follow: Follow) -> bool:
    return any(
        [
            follow.milestones,
            follow.job_wishes,
            follow.appointments_kept,
            follow.job_proposals,
            follow.immersions,
            follow.contract_starts,
            follow.exit,
            follow.notes,
        ]
    )
