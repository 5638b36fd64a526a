"""Contracts for the employments tests, through the services (calendar generated as in the app)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from chemin.employments.enums import ContractType
from chemin.employments.services import ContractTerms, employment_create
from tests.companies.factories import make_company, make_contact


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def terms(company, **overrides) -> ContractTerms:
    values = {
        "company": company,
        "job_title": "Agente de propreté",
        "contract_type": ContractType.CDD,
        "hours_per_week": Decimal(30),
        "start_date": days_ago(10),
        "planned_end_date": None,
        "trial_end_date": None,
        "contact": None,
    }
    values.update(overrides)
    return ContractTerms(**values)


def make_employment(pathway, *, company=None, by=None, **overrides):
    company = company or make_company(pathway.territory, name="Propreté de l’Artois")
    if "contact" not in overrides:
        overrides["contact"] = make_contact(company)
    return employment_create(
        pathway=pathway, created_by=by or pathway.referent, terms=terms(company, **overrides)
    )
