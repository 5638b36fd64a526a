"""Writes on contracts and their follow-up: record a contract (its calendar with it), change or end
it, record one side of a check-in, and turn a difficulty into a barrier or a step.

Logs carry ids only: never names, difficulties or words (health may be among them).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chemin.agreements.models import Agreement
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.barriers.services import barrier_create
from chemin.employments.enums import ContractType, Difficulty, EndReason, Milestone, Side
from chemin.employments.models import MAX_HOURS_PER_WEEK, CheckIn, CheckInSide, Employment
from chemin.jobwishes.enums import ContractType as OfferContractType
from chemin.opportunities.enums import PlacementStatus
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.pathways.services import pathway_change_phase
from chemin.steps.enums import StepOwner
from chemin.steps.models import Step
from chemin.steps.services import step_create

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.companies.models import Company, CompanyContact
    from chemin.opportunities.models import Placement
    from chemin.referentials.models import RomeJob

logger = logging.getLogger(__name__)

# An offer's contract (the job wishes' list) as a contract start names it.
OFFER_CONTRACT_TYPES: dict[str, str] = {
    OfferContractType.CDI: ContractType.CDI,
    OfferContractType.CDD: ContractType.CDD,
    OfferContractType.TEMPORARY: ContractType.INTERIM,
    OfferContractType.CDDI: ContractType.CDDI,
    OfferContractType.APPRENTICESHIP: ContractType.APPRENTICESHIP,
    OfferContractType.PROFESSIONALISATION: ContractType.PROFESSIONALISATION,
    OfferContractType.PEC: ContractType.SUBSIDISED,
    OfferContractType.BUSINESS_CREATION: ContractType.BUSINESS_CREATION,
    OfferContractType.CIVIL_SERVICE: ContractType.PUBLIC_SERVICE,
}


@dataclass(frozen=True)
class BarrierFromDifficulty:
    category: str
    situation: str = ""


# What a difficulty at work becomes in one click (France Travail "contraintes personnelles" 23–29).
# Health is special-category data: it needs the person's consent date, so it goes through the
# barrier form instead. Team and tasks are work matters: a step (a talk with the tutor, a training).
DIFFICULTY_BARRIERS: dict[str, BarrierFromDifficulty] = {
    Difficulty.TRANSPORT: BarrierFromDifficulty(BarrierCategory.MOBILITY),
    Difficulty.CHILDCARE: BarrierFromDifficulty(BarrierCategory.FAMILY),
    Difficulty.HEALTH: BarrierFromDifficulty(BarrierCategory.HEALTH),
    Difficulty.HOURS: BarrierFromDifficulty(BarrierCategory.FAMILY, situation="10"),  # time constraints
    Difficulty.PAY: BarrierFromDifficulty(BarrierCategory.FINANCES),
}
DIFFICULTY_STEPS = frozenset({Difficulty.TEAM, Difficulty.TASKS})


class PathwayNotOpen(Exception):
    """Contracts and their follow-up are recorded during an open pathway only."""


@dataclass(frozen=True)
class ContractTerms:
    """What a contract says, as the form hands it over."""

    company: Company
    job_title: str
    contract_type: str
    hours_per_week: Decimal
    start_date: datetime.date
    contact: CompanyContact | None = None
    rome_job: RomeJob | None = None
    planned_end_date: datetime.date | None = None
    trial_end_date: datetime.date | None = None


@dataclass(frozen=True)
class SideAnswer:
    """What one side says at a check-in."""

    done_on: datetime.date
    channel: str
    how_it_goes: int
    difficulties: list[str] = field(default_factory=list)
    actions_agreed: str = ""
    comment: str = ""


def check_terms(*, pathway: Pathway, terms: ContractTerms) -> None:
    """The rules of a contract, as field errors (the database holds the same ones as checks)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if terms.company.territory_id != pathway.territory_id:
        add("company", _("Choose a company of this person's territory."))
    if terms.contact is not None and terms.contact.company_id != terms.company.pk:
        add(
            "contact",
            _("This contact works at another company: choose someone from %(company)s.")
            % {"company": terms.company.name},
        )
    if terms.contract_type not in ContractType.values:
        add("contract_type", _("Choose a contract from the list."))
    if terms.hours_per_week is None or not (1 <= terms.hours_per_week <= MAX_HOURS_PER_WEEK):
        add("hours_per_week", _("Hours per week are between 1 and %(max)d.") % {"max": MAX_HOURS_PER_WEEK})
    for name, messages in date_errors(
        start=terms.start_date, planned_end=terms.planned_end_date, trial_end=terms.trial_end_date
    ).items():
        for message in messages:
            add(name, message)
    if errors:
        raise ValidationError(errors)


def date_errors(
    *, start: datetime.date | None, planned_end: datetime.date | None, trial_end: datetime.date | None
) -> dict[str, list[str]]:
    """The order of a contract's dates: start, end of the trial period, planned end."""
    errors: dict[str, list[str]] = {}
    if start is not None and planned_end is not None and planned_end < start:
        errors.setdefault("planned_end_date", []).append(_("The planned end cannot come before the start."))
    if start is not None and trial_end is not None and trial_end < start:
        errors.setdefault("trial_end_date", []).append(_("The trial period cannot end before the start."))
    elif trial_end is not None and planned_end is not None and trial_end > planned_end:
        errors.setdefault("trial_end_date", []).append(
            _("The trial period cannot end after the planned end of the contract.")
        )
    return errors


def follow_up_schedule(
    *, milestones: list[str], start: datetime.date, trial_end: datetime.date | None
) -> list[tuple[str, datetime.date]]:
    """The calendar's (milestone, due date) pairs in date order; no trial-end check-in without one."""
    schedule = []
    for value in milestones:
        if value not in Milestone.values:
            continue
        due_on = Milestone(value).due_on(start, trial_end)
        if due_on is not None:
            schedule.append((value, due_on))
    return sorted(schedule, key=lambda pair: (pair[1], Milestone.values.index(pair[0])))


def _follow_up_milestones(pathway: Pathway) -> list[str]:
    """The agreement's calendar when it has one (one query, only for a pathway under an agreement)."""
    if pathway.agreement_id is not None:
        agreement_milestones = (
            Agreement.objects.filter(pk=pathway.agreement_id)
            .values_list("follow_up_milestones", flat=True)
            .first()
        )
        if agreement_milestones:
            return list(agreement_milestones)
    return list(pathway.territory.follow_up_milestones)


def _sync_check_ins(employment: Employment) -> None:
    """Bring the calendar in line with the contract's dates and its schedule: the one of the
    pathway's agreement when it sets one, else the territory's.

    Check-ins with a side recorded are never deleted (what was said stays); their due date follows
    the contract's dates. Those no longer in the schedule and still blank go.
    """
    milestones = _follow_up_milestones(employment.pathway)
    wanted = dict(
        follow_up_schedule(
            milestones=milestones, start=employment.start_date, trial_end=employment.trial_end_date
        )
    )
    existing = {check_in.milestone: check_in for check_in in employment.check_ins.prefetch_related("sides")}
    for milestone, check_in in existing.items():
        due_on = wanted.get(milestone) or Milestone(milestone).due_on(
            employment.start_date, employment.trial_end_date
        )
        if milestone not in wanted and not check_in.sides.all():
            check_in.delete()
        elif due_on is not None and due_on != check_in.due_on:
            check_in.due_on = due_on
            check_in.save(update_fields=["due_on"])
    CheckIn.objects.bulk_create(
        [
            CheckIn(employment=employment, milestone=milestone, due_on=due_on)
            for milestone, due_on in wanted.items()
            if milestone not in existing
        ]
    )


def _check_open(pathway: Pathway) -> None:
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")


def _fields(terms: ContractTerms) -> dict:
    return {
        "company": terms.company,
        "contact": terms.contact,
        "rome_job": terms.rome_job,
        "job_title": terms.job_title.strip(),
        "contract_type": terms.contract_type,
        "hours_per_week": terms.hours_per_week,
        "start_date": terms.start_date,
        "planned_end_date": terms.planned_end_date,
        "trial_end_date": terms.trial_end_date,
    }


def terms_from_placement(placement: Placement) -> dict:
    """A form's initial values from a hired placement's offer (company, contact, job, contract)."""
    offer = placement.opportunity
    initial = {
        "company": offer.company_id,
        "contact": offer.contact_id,
        "rome_job": offer.rome_job_id,
        "job_title": offer.title,
        "contract_type": OFFER_CONTRACT_TYPES.get(offer.contract_type, ""),
        "hours_per_week": offer.hours_per_week,
        "start_date": offer.start_date or placement.status_changed_on,
    }
    return {name: value for name, value in initial.items() if value not in (None, "")}


@transaction.atomic
def employment_create(
    *, pathway: Pathway, created_by: User, terms: ContractTerms, placement: Placement | None = None
) -> Employment:
    """Record a contract start on an open pathway, generate its follow-up calendar from the
    territory's schedule, and move the pathway to "in employment" if it was not there yet."""
    # Locked and read again: the phase may have changed since the caller loaded it.
    pathway = Pathway.objects.select_for_update().select_related("territory").get(pk=pathway.pk)
    _check_open(pathway)
    check_terms(pathway=pathway, terms=terms)
    if placement is not None:
        if placement.pathway_id != pathway.pk or placement.status != PlacementStatus.HIRED:
            raise ValidationError(_("Only a placement of this pathway marked hired can lead to a contract."))
        if Employment.objects.filter(placement=placement).exists():
            raise ValidationError(_("The contract of this placement is already recorded."))
    employment = Employment.objects.create(
        pathway=pathway, placement=placement, created_by=created_by, **_fields(terms)
    )
    _sync_check_ins(employment)
    if pathway.phase != Phase.IN_EMPLOYMENT:
        pathway_change_phase(pathway=pathway, phase=Phase.IN_EMPLOYMENT, changed_by=created_by)
    logger.info(
        "employment %s recorded on pathway %s (placement %s) by user %s",
        employment.pk,
        pathway.pk,
        getattr(placement, "pk", None),
        created_by.pk,
    )
    return employment


@transaction.atomic
def employment_update(*, employment: Employment, changed_by: User, terms: ContractTerms) -> Employment:
    """Correct a contract; a new start or trial end moves the calendar (recorded sides are kept)."""
    employment = (
        Employment.objects.select_for_update().select_related("pathway__territory").get(pk=employment.pk)
    )
    _check_open(employment.pathway)
    check_terms(pathway=employment.pathway, terms=terms)
    if employment.ended_on is not None and employment.ended_on < terms.start_date:
        raise ValidationError({"start_date": _("The contract ended before this date.")})
    for name, value in _fields(terms).items():
        setattr(employment, name, value)
    employment.save()
    _sync_check_ins(employment)
    logger.info("employment %s changed by user %s", employment.pk, changed_by.pk)
    return employment


@transaction.atomic
def employment_end(
    *, employment: Employment, ended_on: datetime.date, reason: str, ended_by: User, detail: str = ""
) -> Employment:
    """Record the end of a contract: the day and why (never before the start)."""
    employment = Employment.objects.select_for_update().select_related("pathway").get(pk=employment.pk)
    _check_open(employment.pathway)
    errors: dict[str, list[str]] = {}
    if ended_on < employment.start_date:
        errors["ended_on"] = [_("The contract cannot end before it started.")]
    if ended_on > timezone.localdate():
        errors["ended_on"] = [_("Record the end once it has happened: this date is in the future.")]
    if reason not in EndReason.values:
        errors["end_reason"] = [_("Say why the contract ended.")]
    if reason == EndReason.OTHER and not detail.strip():
        errors["end_detail"] = [_("Say in a few words why the contract ended.")]
    if errors:
        raise ValidationError(errors)
    employment.ended_on = ended_on
    employment.end_reason = reason
    employment.end_detail = detail.strip()
    employment.save(update_fields=["ended_on", "end_reason", "end_detail", "updated_at"])
    logger.info("employment %s ended (%s) by user %s", employment.pk, reason, ended_by.pk)
    return employment


def check_answer(answer: SideAnswer) -> None:
    errors: dict[str, list[str]] = {}
    if answer.done_on > timezone.localdate():
        errors["done_on"] = [_("This date is in the future: record a check-in once it has happened.")]
    unknown = [value for value in answer.difficulties if value not in Difficulty.values]
    if unknown:
        errors["difficulties"] = [_("Choose difficulties from the list.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def check_in_side_record(
    *, check_in: CheckIn, side: str, answer: SideAnswer, recorded_by: User | None
) -> CheckInSide:
    """Record (or correct) what one side said at a check-in. ``recorded_by`` is empty when the
    employer answered through the emailed link."""
    if side not in Side.values:
        raise ValueError(f"unknown side {side!r}")
    check_answer(answer)
    if answer.done_on < check_in.employment.start_date:
        raise ValidationError({"done_on": _("This date is before the start of the contract.")})
    recorded, created = CheckInSide.objects.update_or_create(
        check_in=check_in,
        side=side,
        defaults={
            "done_on": answer.done_on,
            "channel": answer.channel,
            "how_it_goes": answer.how_it_goes,
            "difficulties": [value for value in Difficulty.values if value in answer.difficulties],
            "actions_agreed": answer.actions_agreed.strip(),
            "comment": answer.comment.strip(),
            "recorded_by": recorded_by,
        },
    )
    logger.info(
        "check-in %s side %s %s by user %s",
        check_in.pk,
        side,
        "recorded" if created else "corrected",
        getattr(recorded_by, "pk", None),
    )
    return recorded


def raised_at(side: CheckInSide, difficulty: str) -> str:
    """The words a barrier or step carries: which check-in raised it, and on which side."""
    check_in = side.check_in
    return _(
        "Raised at the follow-up “%(milestone)s” of %(date)s (%(side)s) of the contract at %(company)s: %(difficulty)s."
    ) % {
        "milestone": check_in.get_milestone_display(),
        "date": formats.date_format(side.done_on, "SHORT_DATE_FORMAT"),
        "side": side.get_side_display().lower(),
        "company": check_in.employment.company.name,
        "difficulty": Difficulty(difficulty).label.lower(),
    }


class AlreadyOpen(Exception):
    """An open barrier of that category is already on the pathway: it is not opened twice."""

    def __init__(self, barrier: Barrier) -> None:
        super().__init__(f"barrier {barrier.pk} already open")
        self.barrier = barrier


@transaction.atomic
def difficulty_open_barrier(*, side: CheckInSide, difficulty: str, opened_by: User) -> Barrier:
    """Turn a difficulty raised at a check-in into a barrier of the matching category.

    Health is not done here (it needs the person's consent date: the barrier form asks for it).
    """
    if difficulty not in side.difficulties or difficulty not in DIFFICULTY_BARRIERS:
        raise ValidationError(_("This difficulty was not raised at this check-in."))
    target = DIFFICULTY_BARRIERS[difficulty]
    if target.category in BarrierCategory.special():
        raise ValidationError(_("Sensitive data: record this barrier with the person's consent date."))
    pathway = side.check_in.employment.pathway
    _check_open(pathway)
    already = Barrier.objects.open().filter(pathway=pathway, category=target.category).order_by("pk").first()
    if already is not None:
        raise AlreadyOpen(already)
    barrier = barrier_create(
        pathway=pathway,
        identified_by=opened_by,
        category=target.category,
        situation=target.situation,
        own_words=raised_at(side, difficulty),
    )
    logger.info("barrier %s opened from check-in side %s by user %s", barrier.pk, side.pk, opened_by.pk)
    return barrier


@transaction.atomic
def side_open_step(*, side: CheckInSide, opened_by: User, difficulty: str = "") -> Step:
    """A step for the counsellor from a check-in: about a difficulty, or the actions agreed."""
    if difficulty and difficulty not in side.difficulties:
        raise ValidationError(_("This difficulty was not raised at this check-in."))
    pathway = side.check_in.employment.pathway
    _check_open(pathway)
    if difficulty:
        title = _("Work out the difficulty with the employer: %(difficulty)s (%(milestone)s)") % {
            "difficulty": Difficulty(difficulty).label.lower(),
            "milestone": side.check_in.get_milestone_display(),
        }
    else:
        title = side.actions_agreed.splitlines()[0] if side.actions_agreed.strip() else ""
        title = title or _("Follow up the check-in “%(milestone)s”") % {
            "milestone": side.check_in.get_milestone_display()
        }
    title = title.strip()[:200]
    if Step.objects.active().filter(pathway=pathway, title=title).exists():
        raise ValidationError(_("This step is already on the pathway."))
    step = step_create(
        pathway=pathway,
        created_by=opened_by,
        title=title,
        owner=StepOwner.COUNSELLOR,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    logger.info("step %s opened from check-in side %s by user %s", step.pk, side.pk, opened_by.pk)
    return step
