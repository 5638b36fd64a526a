"""Writes on funders and agreements, a pathway's agreement and IAE eligibility checks.

Agreements: the period is ordered, the targets are percentages, and the same funder reference is
never used for two overlapping periods (the funder row is locked while that is checked, so two
managers saving at the same moment cannot both get through).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from chemin.agreements import eligibility, iae
from chemin.agreements.enums import FunderKind, IaeStructureKind, TargetPublic
from chemin.agreements.models import Agreement, Funder, IaeEligibilityCheck
from chemin.employments.enums import Milestone
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)

RATE_FIELDS = ("target_exit_to_employment_rate", "target_durable_employment_rate", "target_retention_m6_rate")


class PathwayNotOpen(Exception):
    """A closed pathway's agreement and checks stay as they are."""


class OutsideTargetPublic(Exception):
    """The person meets none of the agreement's target public criteria: attach only if confirmed."""

    def __init__(self, criteria: list[str]) -> None:
        self.criteria = criteria
        super().__init__(", ".join(criteria))


@dataclass(frozen=True)
class AgreementData:
    reference: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    territories: list[Territory]
    target_public: list[str] = field(default_factory=list)
    planned_entries: int | None = None
    target_exit_to_employment_rate: int | None = None
    target_durable_employment_rate: int | None = None
    target_retention_m6_rate: int | None = None
    target_days_to_first_proposal: int | None = None
    follow_up_milestones: list[str] = field(default_factory=list)


def _day(value: datetime.date) -> str:
    return date_format(value, "d/m/Y")


def _check(data: AgreementData, *, funder: Funder, agreement: Agreement | None) -> dict:
    errors: dict[str, list[str]] = {}
    reference = data.reference.strip()
    if not reference:
        errors.setdefault("reference", []).append(_("Enter the funder’s reference of the agreement."))
    if data.ends_on < data.starts_on:
        errors.setdefault("ends_on", []).append(_("The agreement cannot end before it starts."))
    for name in RATE_FIELDS:
        value = getattr(data, name)
        if value is not None and not 0 <= value <= 100:
            errors.setdefault(name, []).append(_("Enter a percentage between 0 and 100."))
    if not data.territories:
        errors.setdefault("territories", []).append(_("Choose at least one territory."))
    if any(value not in TargetPublic.values for value in data.target_public):
        errors.setdefault("target_public", []).append(
            _("Choose the target public among the listed criteria.")
        )
    if any(value not in Milestone.values for value in data.follow_up_milestones):
        errors.setdefault("follow_up_milestones", []).append(_("Choose the check-ins among the listed ones."))
    if reference and data.ends_on >= data.starts_on:
        same = (
            Agreement.objects.filter(funder=funder, reference__iexact=reference)
            .overlapping(data.starts_on, data.ends_on)
            .order_by("starts_on", "pk")
        )
        if agreement is not None:
            same = same.exclude(pk=agreement.pk)
        other = same.first()
        if other is not None:
            errors.setdefault("reference", []).append(
                _(
                    "This reference is already used by the agreement “%(agreement)s” of %(funder)s, "
                    "from %(start)s to %(end)s, whose period overlaps this one."
                )
                % {
                    "agreement": other,
                    "funder": funder.name,
                    "start": _day(other.starts_on),
                    "end": _day(other.ends_on),
                }
            )
    if errors:
        raise ValidationError(errors)
    milestones = set(data.follow_up_milestones)
    return {
        "reference": reference,
        "title": data.title.strip(),
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        # Stored in the enumerations' order, whatever the order they were ticked in.
        "target_public": [value for value in TargetPublic.values if value in set(data.target_public)],
        "planned_entries": data.planned_entries,
        "target_exit_to_employment_rate": data.target_exit_to_employment_rate,
        "target_durable_employment_rate": data.target_durable_employment_rate,
        "target_retention_m6_rate": data.target_retention_m6_rate,
        "target_days_to_first_proposal": data.target_days_to_first_proposal,
        "follow_up_milestones": [value for value in Milestone.values if value in milestones],
    }


@transaction.atomic
def funder_create(*, name: str, kind: str, created_by: User) -> Funder:
    """A new funder; a name already taken (whatever its case) is refused on the name."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the funder’s name.")})
    if kind not in FunderKind.values:
        raise ValidationError({"kind": _("Choose the kind of funder.")})
    existing = Funder.objects.annotate(lower=Lower("name")).filter(lower=name.lower()).first()
    if existing is not None:
        raise ValidationError(
            {
                "name": _("The funder “%(name)s” already exists: choose it in the list.")
                % {"name": existing.name}
            }
        )
    funder = Funder.objects.create(name=name, kind=kind)
    logger.info("funder %s created by user %s", funder.pk, created_by.pk)
    return funder


@dataclass(frozen=True)
class NewFunder:
    name: str
    kind: str


def _funder(funder: Funder | None, new_funder: NewFunder | None, user: User) -> Funder:
    """The chosen funder (locked), or the new one, created; errors keyed on the form's fields."""
    if new_funder is None:
        if funder is None:
            raise ValidationError({"funder": _("Choose the funder, or name a new one.")})
        return Funder.objects.select_for_update().get(pk=funder.pk)
    try:
        return funder_create(name=new_funder.name, kind=new_funder.kind, created_by=user)
    except ValidationError as error:
        raise ValidationError(
            {f"new_funder_{key}": messages for key, messages in error.message_dict.items()}
        ) from error


@transaction.atomic
def agreement_create(
    *,
    created_by: User,
    data: AgreementData,
    funder: Funder | None = None,
    new_funder: NewFunder | None = None,
) -> Agreement:
    """A new agreement with its period, territories, target public and targets, under a funder
    chosen or created at the same time (both or neither)."""
    funder = _funder(funder, new_funder, created_by)
    values = _check(data, funder=funder, agreement=None)
    agreement = Agreement.objects.create(funder=funder, **values)
    agreement.territories.set(data.territories)
    logger.info("agreement %s created by user %s", agreement.pk, created_by.pk)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    changed_by: User,
    data: AgreementData,
    funder: Funder | None = None,
    new_funder: NewFunder | None = None,
    kept_territories: Iterable[Territory] = (),
) -> Agreement:
    """Change an agreement; ``kept_territories`` (those the user does not manage) stay on it."""
    funder = _funder(funder, new_funder, changed_by)
    territories = list(
        {territory.pk: territory for territory in [*data.territories, *kept_territories]}.values()
    )
    values = _check(dataclasses.replace(data, territories=territories), funder=funder, agreement=agreement)
    for name, value in values.items():
        setattr(agreement, name, value)
    agreement.funder = funder
    agreement.save()
    agreement.territories.set(territories)
    logger.info("agreement %s changed by user %s", agreement.pk, changed_by.pk)
    return agreement


def attachable_agreements(pathway: Pathway):
    """Agreements covering the pathway's territory, running on its entry date or today."""
    today = timezone.localdate()
    covering = Agreement.objects.covering(pathway.territory)
    return (covering.active_on(pathway.entry_date) | covering.active_on(today)).select_related("funder")


@transaction.atomic
def pathway_attach_agreement(
    *,
    pathway: Pathway,
    agreement: Agreement | None,
    attached_by: User,
    outside_target_confirmed: bool = False,
) -> Pathway:
    """Put the pathway under an agreement (``None`` takes it off any).

    The agreement must cover the pathway's territory and run on its entry date or today. When the
    person meets none of its target public criteria, ``OutsideTargetPublic`` is raised unless the
    counsellor confirmed.
    """
    pathway = Pathway.objects.select_for_update(of=("self",)).select_related("participant").get(pk=pathway.pk)
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")
    if agreement is not None and agreement.pk != pathway.agreement_id:
        if not attachable_agreements(pathway).filter(pk=agreement.pk).exists():
            raise ValidationError(
                {
                    "agreement": _(
                        "This agreement does not cover the pathway’s territory, or does not run on its "
                        "entry date nor today."
                    )
                }
            )
        met = eligibility.target_public_met(
            pathway.participant, agreement.target_public, on=timezone.localdate()
        )
        if not met and not outside_target_confirmed:
            raise OutsideTargetPublic(eligibility.labels(agreement.target_public))
    pathway.agreement = agreement
    pathway.save(update_fields=["agreement", "updated_at"])
    logger.info(
        "pathway %s attached to agreement %s by user %s",
        pathway.pk,
        agreement.pk if agreement else None,
        attached_by.pk,
    )
    return pathway


@transaction.atomic
def iae_check_record(
    *, pathway: Pathway, structure_kind: str, criteria: list[str], checked_by: User, checked_on: datetime.date
) -> IaeEligibilityCheck:
    """Record which criteria were checked, on which day, and whether the structure's rule is met."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")
    errors: dict[str, list[str]] = {}
    if structure_kind not in IaeStructureKind.values:
        errors.setdefault("structure_kind", []).append(_("Choose the type of structure."))
    reference = iae.reference()
    if any(code not in reference.by_code for code in criteria):
        errors.setdefault("criteria", []).append(_("Choose the criteria among the official list."))
    for pair in iae.conflicting(criteria):
        errors.setdefault("criteria", []).append(
            _("“%(first)s” and “%(second)s” exclude each other: tick one of them only.")
            % dict(
                zip(("first", "second"), sorted(reference.by_code[code].label for code in pair), strict=True)
            )
        )
    if checked_on > timezone.localdate():
        errors.setdefault("checked_on", []).append(_("The check cannot be dated in the future."))
    if errors:
        raise ValidationError(errors)
    codes = [code for code in reference.codes if code in set(criteria)]
    result = iae.evaluate(structure_kind=structure_kind, codes=codes)
    check = IaeEligibilityCheck.objects.create(
        pathway=pathway,
        structure_kind=structure_kind,
        criteria=codes,
        is_eligible=result.is_eligible,
        checked_on=checked_on,
        checked_by=checked_by,
    )
    logger.info("IAE check %s recorded on pathway %s by user %s", check.pk, pathway.pk, checked_by.pk)
    return check
