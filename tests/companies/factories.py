import datetime
import itertools

from django.utils import timezone

from chemin.companies.enums import Channel
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.companies.services import contact_create, interaction_log
from chemin.referentials.models import Commune, NafSector

LENS, LIEVIN, ARRAS, AVION = "62498", "62510", "62041", "62065"

# Luhn-valid SIRETs that belong to no real company.
SIRETS = [
    "80214573000023",
    "41387920600014",
    "77651208900017",
    "52310946000023",
    "39827154400015",
    "84412077400014",
    "49906321200025",
    "31275588700014",
    "88130452100019",
    "75520983000024",
    "53209871200013",
    "81147296800015",
]
_names = itertools.count(1)


def make_company(
    territory, *, name=None, siret="", naf_code="47.11F", insee=LENS, days_since_contact=None, **fields
):
    commune = Commune.objects.get(pk=insee) if insee else None
    last_contact_on = (
        timezone.localdate() - datetime.timedelta(days=days_since_contact)
        if days_since_contact is not None
        else None
    )
    return Company.objects.create(
        territory=territory,
        name=name or f"Entreprise {next(_names)}",
        siret=siret,
        naf_code=naf_code,
        naf_sector=NafSector.objects.get(pk=naf_code[:2]) if naf_code else None,
        commune=commune,
        postal_code=commune.postal_code_list[0] if commune else "",
        last_contact_on=last_contact_on,
        **fields,
    )


def make_contact(company, *, first_name="Karine", last_name="Delcourt", **fields) -> CompanyContact:
    return contact_create(company=company, first_name=first_name, last_name=last_name, **fields)


def log(
    company, staff, *, days_ago=0, on=None, channel=Channel.CALL, summary="Appel de suivi.", **fields
) -> CompanyInteraction:
    date = on or timezone.localdate() - datetime.timedelta(days=days_ago)
    return interaction_log(
        company=company, staff=staff, date=date, channel=channel, summary=summary, **fields
    )
