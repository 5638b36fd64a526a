import datetime
from decimal import Decimal

import pytest

from chemin.employments.enums import ContractType
from chemin.employments.models import Employment
from tests.activations.conftest import health_barrier, mobility_barrier, prescriber, referral  # noqa: F401
from tests.companies.factories import make_company


@pytest.fixture
def company(territory):
    return make_company(territory, name="Propreté de l’Artois")


@pytest.fixture
def add_employment(pathway, company, counsellor):
    """Record a contract on Nadia's pathway directly (the employments app has its own services)."""

    def _add(
        contract_type=ContractType.CDD, *, start, planned_end=None, ended_on=None, on_pathway=None, **fields
    ):
        return Employment.objects.create(
            pathway=on_pathway or pathway,
            company=fields.pop("company", company),
            job_title=fields.pop("job_title", "Agent·e de propreté"),
            contract_type=contract_type,
            hours_per_week=Decimal("35"),
            start_date=start,
            planned_end_date=planned_end,
            ended_on=ended_on,
            end_reason="end_of_term" if ended_on else "",
            created_by=counsellor,
            **fields,
        )

    return _add


def days_ago(days: int) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() - datetime.timedelta(days=days)
