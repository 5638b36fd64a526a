"""Demo pathways: prescribers refer people, counsellors receive them, and each person starts
writing their pathway — job wishes, small steps, notes, a skills portfolio — while the barriers
met on the way are lifted with local partners and the referring prescriber.

Each domain app owns its demo module; this one only calls them in the order the story happens.
Every module leaves alone what is already there, so running it twice changes nothing.
"""

from __future__ import annotations

from chemin.accounts.models import User
from chemin.activations.demo import seed_activations
from chemin.agreements.demo import seed_agreements
from chemin.appointments.demo import seed_appointments
from chemin.barriers.demo import seed_barriers
from chemin.companies.demo import seed_companies
from chemin.documents.demo import seed_documents
from chemin.employments.demo import seed_employments
from chemin.employments.employer_demo import seed_employer_answers
from chemin.employments.models import Employment
from chemin.events.demo import seed_events
from chemin.exits.demo import seed_exits
from chemin.immersions.demo import seed_immersions
from chemin.jobwishes.demo import seed_job_wishes
from chemin.notes.demo import seed_notes
from chemin.opportunities.demo import seed_opportunities, seed_placements
from chemin.participants.demo import seed_participants_extras
from chemin.partners.demo import seed_partner_referrals, seed_partners
from chemin.pathways.models import Pathway
from chemin.portfolio.demo import seed_portfolios
from chemin.referrals.demo import seed_referrals
from chemin.steps.demo import seed_steps
from chemin.territories.models import Territory
from chemin.workshops.demo import seed_workshops


def seed_pathways(*, territories: dict[str, Territory]) -> None:
    staff = {
        user.email: user for user in User.objects.filter(memberships__territory__in=territories.values())
    }
    seed_referrals(territories=territories, staff=staff)
    pathways = list(
        Pathway.objects.filter(territory__in=territories.values())
        .select_related("participant", "territory", "referent")
        .order_by("pk")
    )
    seed_participants_extras(pathways=pathways)
    # Each accompaniment runs under a funder's agreement, whose targets the reporting follows.
    seed_agreements(territories=territories, pathways=pathways)
    seed_job_wishes(pathways=pathways)
    seed_steps(pathways=pathways)
    seed_notes(pathways=pathways)
    seed_documents(pathways=pathways)
    seed_portfolios(participants={pathway.participant for pathway in pathways})
    # Barriers emerge along the way; local partners and the referring prescriber help lift them.
    seed_partners(territories=territories)
    seed_barriers(pathways=pathways)
    seed_partner_referrals(pathways=pathways)
    seed_activations(pathways=pathways)
    # Companies contacted every day by the business developers.
    seed_companies(territories=territories)
    seed_opportunities(territories=territories)
    seed_placements(pathways=pathways)
    seed_immersions(pathways=pathways)
    seed_events(territories=territories, pathways=pathways)
    seed_workshops(territories=territories, pathways=pathways)
    # Into employment: contracts followed on both sides, then exits of every kind.
    seed_employments(pathways=pathways)
    seed_employer_answers(employments=Employment.objects.filter(pathway__in=pathways))
    seed_exits(pathways=pathways)
    # Regular meetings keep people going: a month of appointments (after the contacts above).
    seed_appointments(pathways=pathways)
