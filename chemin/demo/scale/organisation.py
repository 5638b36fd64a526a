"""The organisation: territories and their staff, funders and agreements, prescribers, partners,
companies with their job offers and the exchanges with them."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership, User
from chemin.agreements.enums import FunderKind, TargetPublic
from chemin.agreements.models import Agreement, Funder
from chemin.companies.enums import Relationship, SizeBand
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.demo.scale.constants import (
    COMPANY_WORDS,
    DEPARTEMENTS,
    FIRST_NAMES,
    INTERACTION_CHANNELS,
    INTERACTION_SUMMARIES,
    LAST_NAMES,
    OFFER_CONTRACTS,
    PARTNERS,
    ROME_DOMAIN_WEIGHTS,
    SCALE_EMAIL_DOMAIN,
    SCALE_SLUG_PREFIX,
    ScaleError,
)
from chemin.demo.staff import DEMO_PASSWORD
from chemin.opportunities.enums import OpportunityStatus
from chemin.opportunities.models import Opportunity
from chemin.partners.models import Partner, PartnerCategory, PartnerTerritory
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import Prescriber, PrescriberOrganisation
from chemin.referentials.models import Commune, RomeJob
from chemin.referentials.text import normalize
from chemin.territories.models import Territory


@dataclass
class TerritoryPlan:
    """What the people's stories need to know of a territory, kept in memory while writing."""

    pk: int
    slug: str
    departement: str
    commune_name: str
    manager: int
    counsellors: list[int]
    business_developer: int
    communes: list[tuple[str, str]]  # (INSEE code, postal code) around the territory's commune
    commune_weights: list[float]
    prescribers: dict[str, list[int]] = field(default_factory=dict)  # by organisation kind
    companies: list[int] = field(default_factory=list)
    hosting_companies: list[int] = field(default_factory=list)
    # Job offers by creation day: (day, id, company id, ROME code, title, contract type).
    offers: list[tuple[datetime.date, int, int, str, str, str]] = field(default_factory=list)
    offer_days: list[datetime.date] = field(default_factory=list)
    partners: dict[str, list[int]] = field(default_factory=dict)  # by barrier category
    partner_names: list[str] = field(default_factory=list)


@dataclass
class AgreementPlan:
    pk: int
    kind: str  # "rsa", "plie" (one year) or "ft" (two years)
    starts_on: datetime.date
    ends_on: datetime.date


class OrganisationMixin:
    """The builder's first half (``chemin.demo.scale._Builder``): what the people will meet."""

    def _rome_jobs(self) -> None:
        for code, label in RomeJob.objects.order_by("code").values_list("code", "label"):
            self.rome_by_domain.setdefault(code[:1], []).append((code, label))
        for domain, jobs in self.rome_by_domain.items():
            for job in self.rng.sample(jobs, min(len(jobs), 12)):
                self.rome.append(job)
                self.rome_weights.append(ROME_DOMAIN_WEIGHTS.get(domain, 1))

    def _territories(self, count: int) -> None:
        communes = list(
            Commune.objects.filter(departement__in=DEPARTEMENTS, latitude__isnull=False)
            .order_by("-population", "code_insee")
            .values_list(
                "code_insee", "name", "departement", "postal_codes", "population", "latitude", "longitude"
            )
        )
        by_departement: dict[str, list[tuple]] = {}
        for commune in communes:
            by_departement.setdefault(commune[2], []).append(commune)
        seats = []
        ranks = {departement: 0 for departement in DEPARTEMENTS}
        while len(seats) < count:
            progressed = False
            for departement in DEPARTEMENTS:
                if len(seats) < count and ranks[departement] < len(by_departement.get(departement, [])):
                    seats.append(by_departement[departement][ranks[departement]])
                    ranks[departement] += 1
                    progressed = True
            if not progressed:
                raise ScaleError(f"Pas assez de communes pour {count} territoires.")
        password = make_password(DEMO_PASSWORD)
        for index, (code, name, departement, _postal, _population, latitude, longitude) in enumerate(
            seats, 1
        ):
            slug = f"{SCALE_SLUG_PREFIX}{slugify(name)}-{code}"[:60]
            territory = self.rows.add(
                Territory, name=f"Antenne {name} ({code})", slug=slug, departement=departement
            )
            staff = {}
            for role, how_many in ((Role.MANAGER, 1), (Role.COUNSELLOR, 4), (Role.BUSINESS_DEVELOPER, 1)):
                staff[role] = []
                for number in range(1, how_many + 1):
                    first, last = self.person_name()
                    user = self.rows.add(
                        User,
                        email=f"{role}-{number}.t{index:03d}@{SCALE_EMAIL_DOMAIN}",
                        first_name=first,
                        last_name=last,
                        password=password,
                        date_joined=self.rows.now,
                    )
                    self.rows.add(Membership, user_id=user, territory_id=territory, role=role)
                    staff[role].append(user)
            # The people of a territory live in the forty nearest communes of its département.
            scale = math.cos(math.radians(latitude))
            around = sorted(
                by_departement[departement],
                key=lambda c: (c[5] - latitude) ** 2 + ((c[6] - longitude) * scale) ** 2,
            )[:40]
            self.territories.append(
                TerritoryPlan(
                    pk=territory,
                    slug=slug,
                    departement=departement,
                    commune_name=name,
                    manager=staff[Role.MANAGER][0],
                    counsellors=staff[Role.COUNSELLOR],
                    business_developer=staff[Role.BUSINESS_DEVELOPER][0],
                    communes=[(c[0], c[3].split()[0][:5] if c[3] else "") for c in around],
                    commune_weights=[math.sqrt(c[4] or 1) for c in around],
                )
            )

    def _agreements(self) -> None:
        """Per département: the Département's RSA agreement and a PLIE agreement (FSE+) every
        calendar year, and a France Travail contract (marché) every two years."""
        funders = {}
        for name, kind in [
            ("France Travail Hauts-de-France", FunderKind.FRANCE_TRAVAIL),
            ("Fonds social européen (FSE+) Hauts-de-France", FunderKind.FSE_PLUS),
            *[
                (f"Département {label} ({code})", FunderKind.DEPARTEMENT)
                for code, label in DEPARTEMENTS.items()
            ],
        ]:
            funders[name] = Funder.objects.get_or_create(name=name, defaults={"kind": kind})[0].pk
        first_year, last_year = self.window_start.year, self.today.year
        for code, label in DEPARTEMENTS.items():
            members = [t.pk for t in self.territories if t.departement == code]
            if not members:
                continue
            specs = []
            for year in range(first_year, last_year + 1):
                start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
                specs.append(
                    (
                        "rsa",
                        funders[f"Département {label} ({code})"],
                        f"CD{code}-RSA-{year}",
                        f"Accompagnement socioprofessionnel des allocataires du RSA — {label} {year}",
                        start,
                        end,
                        [TargetPublic.RSA],
                        (35, 15, 55, 30),
                    )
                )
                specs.append(
                    (
                        "plie",
                        funders["Fonds social européen (FSE+) Hauts-de-France"],
                        f"PLIE{code}-{year}",
                        f"Parcours PLIE — {label} {year}",
                        start,
                        end,
                        [],
                        (50, 25, 60, 21),
                    )
                )
            for year in range(first_year, last_year + 1, 2):
                start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31)
                specs.append(
                    (
                        "ft",
                        funders["France Travail Hauts-de-France"],
                        f"FT-{code}-{year}",
                        f"Marché d'accompagnement vers l'emploi — {label} {year}-{year + 1}",
                        start,
                        end,
                        [TargetPublic.LONG_TERM_UNEMPLOYED],
                        (45, 20, 60, 30),
                    )
                )
            for kind, funder, reference, title, start, end, public, targets in specs:
                pk = self.rows.add(
                    Agreement,
                    funder_id=funder,
                    reference=reference,
                    title=title,
                    starts_on=start,
                    ends_on=end,
                    target_public=[str(value) for value in public],
                    target_exit_to_employment_rate=targets[0],
                    target_durable_employment_rate=targets[1],
                    target_retention_m6_rate=targets[2],
                    target_days_to_first_proposal=targets[3],
                    created_at=self.at(start - datetime.timedelta(days=30)),
                )
                for territory in members:
                    self.rows.add(Agreement.territories.through, agreement_id=pk, territory_id=territory)
                self.agreements.setdefault(code, []).append(AgreementPlan(pk, kind, start, end))

    def _prescribers(self) -> None:
        existing = dict(
            ((name, kind), pk)
            for pk, name, kind in PrescriberOrganisation.objects.values_list("pk", "name", "kind")
        )
        departemental: dict[str, dict[str, list[int]]] = {}

        def organisation(name: str, kind: str, commune: str | None) -> list[int]:
            pk = existing.get((name, kind))
            if pk is None:
                pk = self.rows.add(
                    PrescriberOrganisation,
                    name=name,
                    search_name=normalize(name),
                    kind=kind,
                    commune_id=commune,
                )
                existing[(name, kind)] = pk
            people = []
            for _number in range(2):
                first, last = self.person_name()
                people.append(
                    self.rows.add(
                        Prescriber,
                        organisation_id=pk,
                        first_name=first,
                        last_name=last,
                        search_name=normalize(f"{first} {last}"),
                        job_title="Conseiller·ère",
                    )
                )
            return people

        for code, label in DEPARTEMENTS.items():
            if any(t.departement == code for t in self.territories):
                departemental[code] = {
                    OrganisationKind.DEPARTEMENT: organisation(
                        f"Département {label} — service insertion", OrganisationKind.DEPARTEMENT, None
                    ),
                    OrganisationKind.CAP_EMPLOI: organisation(
                        f"Cap emploi {label}", OrganisationKind.CAP_EMPLOI, None
                    ),
                    OrganisationKind.SPIP: organisation(f"SPIP {label}", OrganisationKind.SPIP, None),
                }
        for t in self.territories:
            commune = t.communes[0][0]
            t.prescribers = {
                OrganisationKind.FRANCE_TRAVAIL: organisation(
                    f"France Travail — agence de {t.commune_name}", OrganisationKind.FRANCE_TRAVAIL, commune
                ),
                OrganisationKind.MISSION_LOCALE: organisation(
                    f"Mission Locale de {t.commune_name}", OrganisationKind.MISSION_LOCALE, commune
                ),
                OrganisationKind.CCAS: organisation(
                    f"CCAS de {t.commune_name}", OrganisationKind.CCAS, commune
                ),
                **departemental[t.departement],
            }

    def _partners(self) -> None:
        for t in self.territories:
            for pattern, kind, iae_kind, categories in PARTNERS:
                name = pattern.format(commune=t.commune_name, dep=DEPARTEMENTS[t.departement])
                pk = self.rows.add(
                    Partner,
                    name=name,
                    kind=kind,
                    iae_kind=iae_kind,
                    commune_id=t.communes[0][0],
                    search_text=normalize(name)[:600],
                )
                self.rows.add(PartnerTerritory, partner_id=pk, territory_id=t.pk)
                for category in categories:
                    self.rows.add(PartnerCategory, partner_id=pk, category=category)
                    t.partners.setdefault(category, []).append(pk)
                t.partner_names.append(name)

    def _companies_and_offers(self) -> None:
        """Companies of each territory, the job offers they bring and the exchanges with them."""
        rng = self.rng
        per_territory = max(1, self.participants // len(self.territories))
        window = (self.today - self.window_start).days
        for t in self.territories:
            staff = [t.business_developer, t.business_developer, *t.counsellors]
            companies: list[dict] = []
            for number in range(max(8, per_territory // 20)):
                domain = rng.choice(list(COMPANY_WORDS))
                name = f"{rng.choice(COMPANY_WORDS[domain])} {rng.choice(LAST_NAMES)} {number + 1}"
                commune, postal = rng.choices(t.communes, t.commune_weights)[0]
                row = self.rows.row(
                    Company,
                    territory_id=t.pk,
                    name=name,
                    search_name=normalize(name)[:200],
                    commune_id=commune,
                    postal_code=postal,
                    relationship=rng.choice(Relationship.values),
                    size_band=rng.choice(SizeBand.values),
                    hosts_immersions=rng.random() < 0.4,
                    followed_by_id=t.business_developer,
                    created_at=self.at(self.window_start - datetime.timedelta(days=rng.randint(0, 400))),
                )
                contact = self.rows.add(
                    CompanyContact,
                    company_id=row["id"],
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    job_title=rng.choice(["Gérant·e", "Responsable RH", "Chef·fe d'équipe"]),
                )
                companies.append({"row": row, "pk": row["id"], "contact": contact, "domain": domain})
                t.companies.append(row["id"])
                if row["hosts_immersions"]:
                    t.hosting_companies.append(row["id"])
            if not t.hosting_companies:
                t.hosting_companies = t.companies[:1]
            # About one exchange with a company per person accompanied, over the five years.
            for _number in range(per_territory):
                company = rng.choice(companies)
                day = self.window_start + datetime.timedelta(days=rng.randint(0, window))
                follow_up = rng.random() < 0.2
                next_on = day + datetime.timedelta(days=rng.randint(3, 30)) if follow_up else None
                self.rows.add(
                    CompanyInteraction,
                    company_id=company["pk"],
                    contact_id=company["contact"],
                    staff_id=rng.choice(staff),
                    date=day,
                    channel=self.pick(INTERACTION_CHANNELS),
                    summary=rng.choice(INTERACTION_SUMMARIES),
                    next_action="Rappeler" if follow_up else "",
                    next_action_on=next_on,
                    next_action_done=bool(next_on and next_on < self.today - datetime.timedelta(days=7)),
                    created_at=self.at(day),
                )
                # The company's row is still in the writer's buffer: its last contact is kept in step.
                last = company["row"].get("last_contact_on")
                if last is None or last < day:
                    company["row"]["last_contact_on"] = day
            # About one job offer for ten people.
            offers = []
            for _number in range(max(10, per_territory // 10)):
                company = rng.choice(companies)
                domain_jobs = self.rome_by_domain.get(company["domain"]) or self.rome
                code, label = rng.choice(domain_jobs[:60])
                day = self.window_start + datetime.timedelta(days=rng.randint(-60, window))
                contract = self.pick(OFFER_CONTRACTS)
                if (self.today - day).days < 90 and rng.random() < 0.7:
                    status, changed = OpportunityStatus.OPEN, None
                else:
                    status = rng.choice(
                        [OpportunityStatus.FILLED, OpportunityStatus.FILLED, OpportunityStatus.CLOSED]
                    )
                    changed = min(self.today, day + datetime.timedelta(days=rng.randint(15, 90)))
                title = label[:200]
                pk = self.rows.add(
                    Opportunity,
                    territory_id=t.pk,
                    company_id=company["pk"],
                    contact_id=company["contact"],
                    rome_job_id=code,
                    title=title,
                    contract_type=contract,
                    hours_per_week=rng.choice([20, 24, 26, 30, 35, 35, 35]),
                    commune_id=company["row"]["commune_id"],
                    on_public_transport_line=rng.random() < 0.6,
                    requires_driving_licence=rng.random() < 0.2,
                    positions=rng.choice([1, 1, 1, 2, 3]),
                    status=status,
                    status_changed_on=changed,
                    search_text=normalize(f"{title} {company['row']['name']}")[:600],
                    created_by_id=t.business_developer,
                    created_at=self.at(day),
                )
                offers.append((day, pk, company["pk"], code, title, contract))
            offers.sort()
            t.offers = offers
            t.offer_days = [offer[0] for offer in offers]

    # --- The people -------------------------------------------------------------------------
