"""A small hand-built dataset for the reporting tests, with every date chosen on purpose.

The report period is 1 January → 30 September 2025 (``START``, ``END``), long past: retention is
judged on 30 September 2025. Agreement CD62-2025-014 (Département du Pas-de-Calais) covers
Lens-Liévin only; Arras has its own people, who must never show in Lens-Liévin's figures.

People of Lens-Liévin under the agreement (referent Alice unless said):
- P1 Nadia Benamar — entry 10/01, exit 31/05 sustainable employment; referred 02/01, first
  meeting 09/01 (7 days); first job proposal 20/01 (10 days after entry), hired 01/02; CDI from
  03/02 (running); a mobility barrier raised 15/01 and lifted 01/03, sent to a partner 20/01
  (done); appointment held 20/01, missed 10/02, held 30/12/2024 (before the period).
- P2 Karim Haddad — entry 15/02, exit 15/06 transitional employment; referred 01/02, first
  meeting 14/02 (13 days); proposal 17/03 (30 days); CDD from 01/03 ended 20/03 (trial);
  appointment held 20/02.
- P3 Sofia Lopez — entry 04/11/2024 (before), still open; referral and first proposal in 2024;
  intérim 02/12/2024–20/12/2024 then 23/12/2024 running (a sequence started before the period);
  CDD with another employer from 05/05/2025 to 04/11/2025; appointment held 30/09/2025 at 23:30
  (Paris: in the period).  An appointment held 01/10 at 00:30 (Paris) is out of it.
- P4 Léa Martin — entry 03/03, exit 29/08 other exit; referred 20/02, first meeting 03/03 (11
  days); proposal 02/04 (30 days), refused; two intérim contracts with the same agency 07/04–11/04
  and 14/04–13/06 (one continuous employment from 07/04); appointment missed 01/04.
- P5 Yanis Petit (referent Frank) — entry 02/06, open; immersion from 16/06 (one cancelled from
  01/07 does not count); a health barrier raised 10/06 (sent to a partner 12/06, no answer yet),
  a family barrier raised 15/12/2024 and lifted 01/07/2025 (sent to a partner 20/12/2024);
  an appointment planned 20/06 (neither held nor missed).
- P8 — entry 05/10/2025 (after the period). P9 — entry 01/06/2024, exit 20/12/2024 (before).
Lens-Liévin, not under the agreement: P6 — entry 01/04, exit 15/07 positive exit.
Arras: P7 — entry 01/02, exit 05/05 sustainable employment, a barrier, an appointment held.
Companies: Lens-Liévin has interactions on 05/01, 10/03, 30/09 and 31/12/2024; Arras one on
10/03. Job offers: two recorded in Lens-Liévin in the period, one in 2024, one in Arras.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.appointments.enums import AppointmentStatus
from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.companies.enums import Channel
from chemin.companies.models import Company, CompanyInteraction
from chemin.employments.enums import ContractType, EndReason
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.immersions.enums import ImmersionStatus
from chemin.jobwishes.enums import ContractType as WishContractType
from chemin.opportunities.enums import PlacementStatus, RefusalReason
from chemin.opportunities.models import Opportunity, Placement
from chemin.partners.enums import ReferralStatus as PartnerReferralStatus
from chemin.partners.models import PartnerReferral
from chemin.pathways.enums import Phase
from chemin.referentials.models import RomeJob
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from tests.accounts.factories import UserFactory
from tests.appointments.factories import AppointmentFactory
from tests.barriers.factories import BarrierFactory
from tests.immersions.factories import ImmersionFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.partners.factories import make_partner
from tests.prescribers.factories import PrescriberFactory
from tests.reporting.factories import AgreementFactory, FunderFactory

START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 9, 30)
D = datetime.date


def paris(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def make_pathway(territory, referent, first, last, entry, *, agreement=None, closed=None, exit_category=""):
    participant = ParticipantFactory(first_name=first, last_name=last)
    fields = {"phase": Phase.TOWARDS_EMPLOYMENT}
    if closed:
        fields = {
            "phase": Phase.CLOSED,
            "closed_on": closed,
            "exit_category": exit_category,
            "exit_reason": ExitReason.NO_NEWS if exit_category == ExitCategory.OTHER else "",
        }
    return PathwayFactory(
        participant=participant,
        territory=territory,
        referent=referent,
        agreement=agreement,
        entry_date=entry,
        **fields,
    )


def make_referral(pathway, referred_on, first_meeting_on, recorded_by):
    participant = pathway.participant
    return Referral.objects.create(
        prescriber=PrescriberFactory(),
        territory=pathway.territory,
        referred_on=referred_on,
        reason="Souhaite travailler.",
        first_name=participant.first_name,
        last_name=participant.last_name,
        birth_date=participant.birth_date,
        status=ReferralStatus.ACCEPTED,
        first_meeting_on=first_meeting_on,
        decided_on=first_meeting_on,
        decided_by=recorded_by,
        participant=participant,
        pathway=pathway,
        recorded_by=recorded_by,
    )


def make_contract(pathway, company, contract_type, start, *, ended_on=None, planned_end=None):
    return Employment.objects.create(
        pathway=pathway,
        company=company,
        job_title="Agent·e logistique",
        contract_type=contract_type,
        hours_per_week=Decimal(35),
        start_date=start,
        planned_end_date=planned_end,
        ended_on=ended_on,
        end_reason=EndReason.END_OF_TERM if ended_on else "",
        created_by=pathway.referent,
    )


def make_placement(pathway, opportunity, proposed_on, status, changed_on, **fields):
    return Placement.objects.create(
        pathway=pathway,
        opportunity=opportunity,
        proposed_on=proposed_on,
        status=status,
        status_changed_on=changed_on,
        created_by=pathway.referent,
        **fields,
    )


def make_opportunity(company, created_by, created_on):
    opportunity = Opportunity.objects.create(
        territory=company.territory,
        company=company,
        rome_job=RomeJob.objects.get(pk="N1103"),
        title="Préparateur·rice de commandes",
        contract_type=WishContractType.CDD,
        created_by=created_by,
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(created_at=paris(created_on, 11))
    return opportunity


def interaction(company, staff, on):
    return CompanyInteraction.objects.create(
        company=company, staff=staff, date=on, channel=Channel.CALL, summary="Point sur les besoins."
    )


def partner_referral(barrier, partner, sent_on, status=PartnerReferralStatus.SENT, closed_on=None):
    return PartnerReferral.objects.create(
        pathway=barrier.pathway,
        barrier=barrier,
        partner=partner,
        status=status,
        sent_on=sent_on,
        closed_on=closed_on,
        created_by=barrier.pathway.referent,
    )


@pytest.fixture
def dataset(territory, other_territory, counsellor, colleague, other_counsellor, manager):
    return build_dataset(territory, other_territory, counsellor, colleague, other_counsellor, manager)


def build_dataset(territory, other_territory, alice, frank, charlie, manager):
    """The dataset described at the top of this module (the browser test builds it too)."""
    agreement = AgreementFactory(
        funder=FunderFactory(name="Département du Pas-de-Calais"),
        reference="CD62-2025-014",
        title="Accompagnement renforcé des allocataires du RSA",
        territories=[territory],
        planned_entries=10,
        target_exit_to_employment_rate=50,
        target_durable_employment_rate=30,
        target_retention_m6_rate=60,
        target_days_to_first_proposal=20,
    )
    arras_agreement = AgreementFactory(reference="ARR-2025-001", territories=[other_territory])

    p1 = make_pathway(
        territory,
        alice,
        "Nadia",
        "Benamar",
        D(2025, 1, 10),
        agreement=agreement,
        closed=D(2025, 5, 31),
        exit_category=ExitCategory.SUSTAINABLE_EMPLOYMENT,
    )
    p2 = make_pathway(
        territory,
        alice,
        "Karim",
        "Haddad",
        D(2025, 2, 15),
        agreement=agreement,
        closed=D(2025, 6, 15),
        exit_category=ExitCategory.TRANSITIONAL_EMPLOYMENT,
    )
    p3 = make_pathway(territory, alice, "Sofia", "Lopez", D(2024, 11, 4), agreement=agreement)
    p4 = make_pathway(
        territory,
        alice,
        "Léa",
        "Martin",
        D(2025, 3, 3),
        agreement=agreement,
        closed=D(2025, 8, 29),
        exit_category=ExitCategory.OTHER,
    )
    p5 = make_pathway(territory, frank, "Yanis", "Petit", D(2025, 6, 2), agreement=agreement)
    p6 = make_pathway(
        territory,
        alice,
        "Inès",
        "Roux",
        D(2025, 4, 1),
        closed=D(2025, 7, 15),
        exit_category=ExitCategory.POSITIVE_EXIT,
    )
    p7 = make_pathway(
        other_territory,
        charlie,
        "Paul",
        "Arrageois",
        D(2025, 2, 1),
        agreement=arras_agreement,
        closed=D(2025, 5, 5),
        exit_category=ExitCategory.SUSTAINABLE_EMPLOYMENT,
    )
    p8 = make_pathway(territory, alice, "Hugo", "Tardif", D(2025, 10, 5), agreement=agreement)
    p9 = make_pathway(
        territory,
        alice,
        "Zoé",
        "Ancienne",
        D(2024, 6, 1),
        agreement=agreement,
        closed=D(2024, 12, 20),
        exit_category=ExitCategory.OTHER,
    )

    # Referrals → first meeting.
    make_referral(p1, D(2025, 1, 2), D(2025, 1, 9), alice)
    make_referral(p2, D(2025, 2, 1), D(2025, 2, 14), alice)
    make_referral(p3, D(2024, 10, 20), D(2024, 11, 4), alice)
    make_referral(p4, D(2025, 2, 20), D(2025, 3, 3), alice)
    make_referral(p7, D(2025, 1, 20), D(2025, 1, 30), charlie)

    # First job proposals and placements.
    for pathway, day in [
        (p1, D(2025, 1, 20)),
        (p2, D(2025, 3, 17)),
        (p3, D(2024, 12, 1)),
        (p4, D(2025, 4, 2)),
        (p7, D(2025, 2, 10)),
    ]:
        pathway.first_job_proposal_on = day
        pathway.save(update_fields=["first_job_proposal_on"])

    logistics = Company.objects.create(territory=territory, name="Logistique de l'Artois")
    cleaning = Company.objects.create(territory=territory, name="Propreté Lensoise")
    agency = Company.objects.create(territory=territory, name="Intérim Plus Lens")
    arras_company = Company.objects.create(territory=other_territory, name="Arras Emballages")
    offer = make_opportunity(logistics, alice, D(2025, 1, 6))
    make_opportunity(cleaning, alice, D(2025, 8, 1))
    make_opportunity(cleaning, alice, D(2024, 12, 10))
    arras_offer = make_opportunity(arras_company, charlie, D(2025, 2, 3))

    make_placement(p1, offer, D(2025, 1, 20), PlacementStatus.HIRED, D(2025, 2, 1))
    make_placement(p2, offer, D(2025, 3, 17), PlacementStatus.INTERVIEW, D(2025, 3, 20))
    make_placement(p3, offer, D(2024, 12, 1), PlacementStatus.WITHDRAWN, D(2024, 12, 5))
    make_placement(
        p4,
        offer,
        D(2025, 4, 2),
        PlacementStatus.REFUSED,
        D(2025, 4, 5),
        refusal_reason=RefusalReason.PERSON_DECLINED,
    )
    make_placement(p7, arras_offer, D(2025, 2, 10), PlacementStatus.HIRED, D(2025, 2, 20))

    for day in [D(2025, 1, 5), D(2025, 3, 10), D(2025, 9, 30), D(2024, 12, 31)]:
        interaction(logistics, alice, day)
    interaction(arras_company, charlie, D(2025, 3, 10))

    # Contracts.
    make_contract(p1, logistics, ContractType.CDI, D(2025, 2, 3))
    make_contract(
        p2, cleaning, ContractType.CDD, D(2025, 3, 1), ended_on=D(2025, 3, 20), planned_end=D(2025, 8, 31)
    )
    make_contract(p3, agency, ContractType.INTERIM, D(2024, 12, 2), ended_on=D(2024, 12, 20))
    make_contract(p3, agency, ContractType.INTERIM, D(2024, 12, 23))
    make_contract(p3, cleaning, ContractType.CDD, D(2025, 5, 5), planned_end=D(2025, 11, 4))
    make_contract(p4, agency, ContractType.INTERIM, D(2025, 4, 7), ended_on=D(2025, 4, 11))
    make_contract(p4, agency, ContractType.INTERIM, D(2025, 4, 14), ended_on=D(2025, 6, 13))
    make_contract(p7, arras_company, ContractType.CDI, D(2025, 2, 17))

    # Immersions.
    ImmersionFactory(pathway=p5, company__territory=territory, start_date=D(2025, 6, 16))
    ImmersionFactory(
        pathway=p5, company__territory=territory, start_date=D(2025, 7, 1), status=ImmersionStatus.CANCELLED
    )

    # Barriers and partner referrals.
    mobility = BarrierFactory(
        pathway=p1, identified_on=D(2025, 1, 15), status=BarrierStatus.LIFTED, status_changed_on=D(2025, 3, 1)
    )
    health = BarrierFactory(pathway=p5, health=True, identified_on=D(2025, 6, 10))
    family = BarrierFactory(
        pathway=p5,
        category=BarrierCategory.FAMILY,
        situation="13",
        identified_on=D(2024, 12, 15),
        status=BarrierStatus.LIFTED,
        status_changed_on=D(2025, 7, 1),
    )
    arras_barrier = BarrierFactory(pathway=p7, identified_on=D(2025, 2, 5))
    garage = make_partner(
        territories=[territory], name="Garage solidaire", categories=(BarrierCategory.MOBILITY,)
    )
    partner_referral(mobility, garage, D(2025, 1, 20), PartnerReferralStatus.DONE, D(2025, 2, 15))
    partner_referral(health, garage, D(2025, 6, 12))
    partner_referral(family, garage, D(2024, 12, 20))
    partner_referral(arras_barrier, garage, D(2025, 2, 6))

    # Appointments.
    def appointment(pathway, when, status):
        return AppointmentFactory(pathway=pathway, starts_at=when, status=status)

    appointment(p1, paris(D(2025, 1, 20), 10), AppointmentStatus.HELD)
    appointment(p1, paris(D(2025, 2, 10), 14), AppointmentStatus.NO_SHOW)
    appointment(p1, paris(D(2024, 12, 30), 9), AppointmentStatus.HELD)
    appointment(p2, paris(D(2025, 2, 20), 10), AppointmentStatus.HELD)
    appointment(p3, paris(D(2025, 9, 30), 23, 30), AppointmentStatus.HELD)
    appointment(p3, paris(D(2025, 10, 1), 0, 30), AppointmentStatus.HELD)
    appointment(p4, paris(D(2025, 4, 1), 9), AppointmentStatus.NO_SHOW)
    appointment(p5, paris(D(2025, 6, 20), 9), AppointmentStatus.PLANNED)
    appointment(p7, paris(D(2025, 3, 3), 9), AppointmentStatus.HELD)

    return SimpleNamespace(
        agreement=agreement,
        arras_agreement=arras_agreement,
        territory=territory,
        other_territory=other_territory,
        alice=alice,
        frank=frank,
        manager=manager,
        p1=p1,
        p2=p2,
        p3=p3,
        p4=p4,
        p5=p5,
        p6=p6,
        p7=p7,
        p8=p8,
        p9=p9,
    )


@pytest.fixture
def other_manager(other_territory):
    """Grace, manager in Arras only."""
    return UserFactory(first_name="Grace", last_name="Vasseur", memberships=[(other_territory, Role.MANAGER)])
