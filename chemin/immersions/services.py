"""Writes on immersions: plan, change, assess (and, on a conclusive assessment, confirm the wish)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.immersions.enums import Attendance, ImmersionStatus
from chemin.immersions.models import Immersion, check_dates
from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.services import job_wish_set_status

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.companies.models import Company, CompanyContact
    from chemin.jobwishes.models import JobWish
    from chemin.pathways.models import Pathway
    from chemin.prescribers.models import Prescriber
    from chemin.referentials.models import RomeJob

logger = logging.getLogger(__name__)


class PathwayNotOpen(Exception):
    """Immersions are arranged and assessed during an open pathway only."""


@dataclass(frozen=True)
class ImmersionData:
    """What an immersion plan says, as the form hands it over."""

    company: Company
    objective: str
    rome_job: RomeJob
    job_title: str
    start_date: datetime.date
    end_date: datetime.date
    tutor: CompanyContact | None = None
    prescriber: Prescriber | None = None
    job_wish: JobWish | None = None


@dataclass(frozen=True)
class ImmersionAssessment:
    attendance: str
    job_offer: bool = False
    contract_type_offered: str = ""
    participant_comments: str = ""
    tutor_comments: str = ""
    # "The person confirms this job": sets the related wish to confirmed (completed only).
    confirms_job: bool = False


def check_plan(*, pathway: Pathway, data: ImmersionData) -> None:
    """The rules the database cannot hold: same territory, the tutor's company, the pathway's wish."""
    errors: dict[str, list[str]] = {}
    try:
        check_dates(data.start_date, data.end_date)
    except ValidationError as error:
        errors.update(error.message_dict)
    if data.company.territory_id != pathway.territory_id:
        errors.setdefault("company", []).append(_("Choose a company of this person's territory."))
    if data.tutor is not None and data.tutor.company_id != data.company.pk:
        errors.setdefault("tutor", []).append(
            _("This tutor works at another company: choose someone from %(company)s.")
            % {"company": data.company.name}
        )
    if data.job_wish is not None and data.job_wish.pathway_id != pathway.pk:
        errors.setdefault("job_wish", []).append(_("Choose one of this person's job wishes."))
    if errors:
        raise ValidationError(errors)


def _check_open(pathway: Pathway) -> None:
    if not pathway.is_open:
        raise PathwayNotOpen(f"pathway {pathway.pk} is closed")


def _fields(data: ImmersionData) -> dict:
    return {
        "company": data.company,
        "objective": data.objective,
        "rome_job": data.rome_job,
        "job_title": data.job_title.strip(),
        "start_date": data.start_date,
        "end_date": data.end_date,
        "tutor": data.tutor,
        "prescriber": data.prescriber,
        "job_wish": data.job_wish,
    }


@transaction.atomic
def immersion_create(*, pathway: Pathway, created_by: User, data: ImmersionData) -> Immersion:
    """Plan an immersion on an open pathway (raises ValidationError with field errors)."""
    _check_open(pathway)
    check_plan(pathway=pathway, data=data)
    immersion = Immersion.objects.create(pathway=pathway, created_by=created_by, **_fields(data))
    logger.info(
        "immersion %s planned on pathway %s at company %s by user %s",
        immersion.pk,
        pathway.pk,
        data.company.pk,
        created_by.pk,
    )
    return immersion


@transaction.atomic
def immersion_update(
    *, immersion: Immersion, changed_by: User, data: ImmersionData, status: str | None = None
) -> Immersion:
    """Change the plan; ``status`` may move it between planned, in progress and cancelled."""
    _check_open(immersion.pathway)
    if not immersion.is_active:
        raise ValidationError(_("An assessed or cancelled immersion is kept as it is."))
    check_plan(pathway=immersion.pathway, data=data)
    for name, value in _fields(data).items():
        setattr(immersion, name, value)
    if status is not None:
        if status not in {ImmersionStatus.PLANNED, ImmersionStatus.IN_PROGRESS, ImmersionStatus.CANCELLED}:
            raise ValidationError({"status": _("Record the assessment from the assessment page.")})
        immersion.status = status
    immersion.save()
    logger.info("immersion %s changed by user %s (status %s)", immersion.pk, changed_by.pk, immersion.status)
    return immersion


@transaction.atomic
def immersion_assess(
    *, immersion: Immersion, assessed_by: User, assessment: ImmersionAssessment
) -> Immersion:
    """Record the assessment (bilan). A completed immersion the person confirms sets the related
    wish to "confirmed" through the job wishes service, so the wish keeps its history."""
    _check_open(immersion.pathway)
    # Lock the immersion row only: the wish may be absent, and PostgreSQL refuses to lock the
    # nullable side of an outer join.
    immersion = (
        Immersion.objects.select_for_update(of=("self",))
        .select_related("pathway", "job_wish")
        .get(pk=immersion.pk)
    )
    if not immersion.is_active:
        raise ValidationError(_("This immersion has already been assessed or was cancelled."))
    if assessment.attendance not in Attendance.values:
        raise ValidationError({"attendance": _("Choose how the immersion went.")})
    if assessment.confirms_job and assessment.attendance != Attendance.COMPLETED:
        raise ValidationError({"confirms_job": _("Only a completed immersion can confirm a job.")})
    if assessment.confirms_job and immersion.job_wish is None:
        raise ValidationError({"confirms_job": _("Link the immersion to a job wish to confirm it.")})
    if assessment.contract_type_offered and not assessment.job_offer:
        raise ValidationError({"contract_type_offered": _("Name a contract only when a job was offered.")})
    immersion.status = ImmersionStatus.ASSESSED
    immersion.attendance = assessment.attendance
    immersion.job_offer = assessment.job_offer
    immersion.contract_type_offered = assessment.contract_type_offered if assessment.job_offer else ""
    immersion.participant_comments = assessment.participant_comments.strip()
    immersion.tutor_comments = assessment.tutor_comments.strip()
    immersion.assessed_on = timezone.localdate()
    immersion.confirmed_wish = assessment.confirms_job
    immersion.save()
    if assessment.confirms_job:
        job_wish_set_status(
            job_wish=immersion.job_wish, status=JobWishStatus.CONFIRMED, changed_by=assessed_by
        )
    logger.info(
        "immersion %s assessed by user %s (attendance %s, job offer %s, wish confirmed %s)",
        immersion.pk,
        assessed_by.pk,
        immersion.attendance,
        immersion.job_offer,
        immersion.confirmed_wish,
    )
    return immersion
