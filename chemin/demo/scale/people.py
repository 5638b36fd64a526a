"""The people: one story per person, from the referral to the exit, along the product's flows
(DESIGN.md §5)."""

from __future__ import annotations

import bisect
import datetime
import math

from chemin.agreements.models import Agreement
from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.barriers.enums import SITUATIONS, BarrierCategory, BarrierStatus
from chemin.barriers.models import Barrier, BarrierTransition
from chemin.core.dates import add_months
from chemin.demo.scale.constants import (
    APPOINTMENT_KINDS,
    APPOINTMENT_OUTCOMES,
    ATTENDANCES,
    BARRIER_OUTCOMES_AT_EXIT,
    BARRIER_OUTCOMES_OPEN,
    BARRIER_WEIGHTS,
    BARRIER_WORDS,
    CHUNK,
    CONTRACT_WEIGHTS,
    DECLINE_REASONS,
    EDUCATION_LEVELS,
    IMMERSION_OBJECTIVES,
    INCOME_SUPPORTS,
    NORMALIZED_NOTES,
    NOTE_TEXTS,
    NOTE_VISIBILITIES,
    OFFER_TO_CONTRACT,
    OTHER_EXIT_REASONS,
    PLACEMENT_OUTCOMES,
    PLANNED_DAYS,
    REFERRAL_REASONS,
    REFUSAL_REASONS,
    STEP_OUTCOMES,
    STEP_OWNERS,
    STEP_TITLES,
    STREETS,
)
from chemin.demo.scale.organisation import TerritoryPlan
from chemin.employments.enums import DEFAULT_MILESTONES, Channel, ContractType, Difficulty, EndReason, Side
from chemin.employments.enums import Milestone as CheckInMilestone
from chemin.employments.models import CheckIn, CheckInSide, Employment
from chemin.exits.enums import ExitCategory
from chemin.immersions.enums import Attendance, ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.jobwishes.enums import ContractType as WishContractType
from chemin.jobwishes.enums import JobWishStatus, WorkingHours
from chemin.jobwishes.models import JobWish, JobWishRomeJob, JobWishVersion
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import Placement, PlacementTransition
from chemin.participants.enums import IncomeSupport
from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.partners.enums import ReferralStatus as PartnerReferralStatus
from chemin.partners.models import PartnerReferral
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway, PhaseChange
from chemin.prescribers.enums import OrganisationKind
from chemin.referentials.text import normalize
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step


class PeopleMixin:
    """The builder's second half (``chemin.demo.scale._Builder``): the people, written by rounds."""

    def _people(self) -> None:
        rng = self.rng
        days = [
            self.window_start + datetime.timedelta(days=n)
            for n in range((self.today - self.window_start).days + 1)
        ]
        # Entries on working days; fewer in August and at Christmas.
        weights = [
            0 if day.weekday() >= 5 else (0.5 if day.month == 8 else 0.8 if day.month == 12 else 1.0)
            for day in days
        ]
        entries = rng.choices(days, weights, k=self.participants)
        sizes = [math.sqrt(sum(t.commune_weights)) for t in self.territories]
        homes = rng.choices(range(len(self.territories)), sizes, k=self.participants)
        for number, (entry, home) in enumerate(zip(entries, homes, strict=True), 1):
            self._person(self.territories[home], entry)
            if number % CHUNK == 0:
                self.rows.flush()
                if self.progress:
                    self.progress(number, self.participants)
        self.rows.flush()

    def _agreement_for(
        self, t: TerritoryPlan, entry: datetime.date, income: str, long_term: bool
    ) -> int | None:
        candidates = [a for a in self.agreements.get(t.departement, []) if a.starts_on <= entry <= a.ends_on]
        by_kind = {a.kind: a.pk for a in candidates}
        roll = self.rng.random()
        if roll < 0.04:
            return None
        if income == IncomeSupport.RSA and "rsa" in by_kind and roll < 0.85:
            chosen = by_kind["rsa"]
        elif long_term and "ft" in by_kind and roll < 0.6:
            chosen = by_kind["ft"]
        else:
            chosen = by_kind.get("plie") or next(iter(by_kind.values()), None)
        if chosen is not None:
            self.agreement_entries[chosen] = self.agreement_entries.get(chosen, 0) + 1
        return chosen

    def _person(self, t: TerritoryPlan, entry: datetime.date) -> None:
        rng, rows, today = self.rng, self.rows, self.today
        first, last = self.person_name()
        age = rng.choices([rng.randint(18, 25), rng.randint(26, 49), rng.randint(50, 62)], [20, 60, 20])[0]
        birth = entry - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        income = self.pick(INCOME_SUPPORTS)
        registered = rng.random() < 0.75
        registered_since = entry - datetime.timedelta(days=rng.randint(30, 1500)) if registered else None
        long_term = bool(registered_since and (entry - registered_since).days >= 365)
        licence = rng.random() < 0.45
        commune, postal = rng.choices(t.communes, t.commune_weights)[0]
        rqth = rng.random() < 0.08
        participant = rows.add(
            Participant,
            first_name=first,
            last_name=last,
            search_name=normalize(f"{first} {last}"),
            birth_date=birth,
            address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            postal_code=postal,
            commune_id=commune,
            income_support=income,
            france_travail_registered=registered,
            registered_since=registered_since,
            rqth=rqth,
            qpv_resident=rng.random() < 0.25,
            education_level=self.pick(EDUCATION_LEVELS),
            has_driving_licence=licence,
            has_vehicle=licence and rng.random() < 0.65,
            consent_given_at=self.at(entry, 10),
            consent_text_version=CONSENT_TEXT_VERSION,
            created_at=self.at(entry, 10),
        )
        referent = rng.choice(t.counsellors)
        # How long the accompaniment lasts: a year in the middle, from a few weeks to over two years.
        duration = max(45, min(int(rng.lognormvariate(5.75, 0.55)), 1000))
        closed = entry + datetime.timedelta(days=duration) < today
        end = entry + datetime.timedelta(days=duration) if closed else today
        span = (end - entry).days
        path = rows.row(Pathway, participant_id=participant)  # completed below, before the flush
        pathway = path["id"]

        # Referral: the prescriber's request, then the first meeting before the entry.
        meeting_delay = min(int(rng.gammavariate(2.0, 6.0)) + 1, 60)
        referred_on = entry - datetime.timedelta(days=meeting_delay + rng.randint(0, 10))
        first_meeting = referred_on + datetime.timedelta(days=meeting_delay)
        kinds = {
            OrganisationKind.FRANCE_TRAVAIL: 40,
            OrganisationKind.DEPARTEMENT: 30 if income == IncomeSupport.RSA else 3,
            OrganisationKind.MISSION_LOCALE: 30 if age < 26 else 0,
            OrganisationKind.CCAS: 8,
            OrganisationKind.CAP_EMPLOI: 15 if rqth else 1,
            OrganisationKind.SPIP: 2,
        }
        rows.add(
            Referral,
            prescriber_id=rng.choice(t.prescribers[self.pick(kinds)]),
            territory_id=t.pk,
            referred_on=referred_on,
            reason=rng.choice(REFERRAL_REASONS),
            first_name=first,
            last_name=last,
            birth_date=birth,
            status=ReferralStatus.ACCEPTED,
            first_meeting_on=first_meeting,
            decided_on=first_meeting,
            decided_by_id=referent,
            participant_id=participant,
            pathway_id=pathway,
            recorded_by_id=referent,
            created_at=self.at(referred_on),
        )
        if rng.random() < 0.1:
            self._declined_referral(t)

        wishes = self._wishes(pathway, entry, end, referent, path)

        # Into employment: a contract start for about half of the people.
        employment = None
        if span >= 30 and rng.random() < (0.42 if closed else 0.3):
            start = (
                end - datetime.timedelta(days=rng.randint(0, min(150, span - 20)))
                if closed
                else entry + datetime.timedelta(days=rng.randint(20, span))
            )
            employment = {"start": start}
        proposals = self._placements(t, pathway, entry, end, referent, employment, closed)
        if employment:
            self._employment(t, pathway, referent, employment, wishes)
        self._phases(pathway, entry, end, closed, referent, employment, path)
        self._steps(pathway, entry, end, referent, t)
        self._notes(pathway, entry, end, referent, t)
        self._barriers(t, pathway, entry, end, closed, referent)
        if span >= 25 and rng.random() < 0.12:
            self._immersion(t, pathway, entry, end, referent, wishes)
        last_held = self._appointments(pathway, entry, end, closed, referent)

        category, reason, detail = "", "", ""
        if closed:
            category = self._exit_category(employment, end) if employment else ""
            if not category:
                if rng.random() < 0.18:
                    category = ExitCategory.POSITIVE_EXIT
                    detail = "Entrée en formation qualifiante."
                else:
                    category = ExitCategory.OTHER
                    reason = self.pick(OTHER_EXIT_REASONS)
        path.update(
            territory_id=t.pk,
            referent_id=referent,
            agreement_id=self._agreement_for(t, entry, income, long_term),
            entry_date=entry,
            closed_on=end if closed else None,
            last_contact_on=max(first_meeting, last_held) if last_held else first_meeting,
            first_job_proposal_on=min(proposals) if proposals else None,
            exit_category=category,
            exit_reason=reason,
            exit_detail=detail,
            created_at=self.at(entry, 10),
        )

    def _declined_referral(self, t: TerritoryPlan) -> None:
        rng = self.rng
        first, last = self.person_name()
        referred_on = self.between(self.window_start, self.today)
        received = (self.today - referred_on).days < 15
        decided = (
            None
            if received
            else self.between(referred_on, min(self.today, referred_on + datetime.timedelta(days=20)))
        )
        self.rows.add(
            Referral,
            prescriber_id=rng.choice(t.prescribers[OrganisationKind.FRANCE_TRAVAIL]),
            territory_id=t.pk,
            referred_on=referred_on,
            reason=rng.choice(REFERRAL_REASONS),
            first_name=first,
            last_name=last,
            birth_date=referred_on - datetime.timedelta(days=rng.randint(18 * 365, 60 * 365)),
            status=ReferralStatus.RECEIVED if received else ReferralStatus.DECLINED,
            decided_on=decided,
            decided_by_id=None if received else t.manager,
            decline_reason="" if received else rng.choice(DECLINE_REASONS),
            recorded_by_id=rng.choice(t.counsellors),
            created_at=self.at(referred_on),
        )

    def _wishes(
        self, pathway: int, entry: datetime.date, end: datetime.date, referent: int, path: dict
    ) -> list:
        """One to three wished jobs; returns [(wish id, main ROME code, label)]; fills the summary."""
        rng, rows = self.rng, self.rows
        wishes, codes, commutes = [], [], []
        for priority in range(1, rng.choices([1, 2, 3], [70, 25, 5])[0] + 1):
            main = rng.choices(self.rome, self.rome_weights)[0]
            jobs = [main]
            if rng.random() < 0.3:
                neighbour = rng.choice(self.rome_by_domain[main[0][:1]])
                if neighbour != main:
                    jobs.append(neighbour)
            status = (
                JobWishStatus.SET_ASIDE
                if priority > 1 and rng.random() < 0.3
                else rng.choice([JobWishStatus.EXPLORING, JobWishStatus.CONFIRMED])
            )
            commute = rng.choice([None, None, 10, 15, 20, 30, 40])
            contract_types = rng.sample(
                [
                    WishContractType.CDI,
                    WishContractType.CDD,
                    WishContractType.TEMPORARY,
                    WishContractType.CDDI,
                ],
                rng.randint(0, 2),
            )
            hours = rng.choice(
                [WorkingHours.EITHER, WorkingHours.EITHER, WorkingHours.FULL_TIME, WorkingHours.PART_TIME]
            )
            created = self.at(self.between(entry, min(end, entry + datetime.timedelta(days=14))))
            wish = rows.add(
                JobWish,
                pathway_id=pathway,
                title_in_own_words=main[1][:200],
                priority=priority,
                contract_types=[str(value) for value in contract_types],
                working_hours=hours,
                max_commute_km=commute,
                status=status,
                created_by_id=referent,
                updated_by_id=referent,
                created_at=created,
            )
            for position, (code, _label) in enumerate(jobs, 1):
                rows.add(
                    JobWishRomeJob, job_wish_id=wish, rome_job_id=code, position=position, created_at=created
                )
            rows.add(
                JobWishVersion,
                job_wish_id=wish,
                version=1,
                title_in_own_words=main[1][:200],
                rome_jobs=[{"code": code, "label": label} for code, label in jobs],
                priority=priority,
                contract_types=[str(value) for value in contract_types],
                working_hours=hours,
                max_commute_km=commute,
                status=status,
                changed_by_id=referent,
                created_at=created,
            )
            wishes.append((wish, main[0], main[1]))
            if status != JobWishStatus.SET_ASIDE:
                codes.extend(code for code, _label in jobs if code not in codes)
                if commute:
                    commutes.append(commute)
        # The summary matching reads (chemin.jobwishes.services.wish_summaries, same rules).
        path["wished_rome_codes"] = " ".join(codes)
        path["wished_rome_domains"] = "".join(sorted({code[:1] for code in codes}))
        path["shortest_wish_commute_km"] = min(commutes) if commutes else None
        return wishes

    def _offers_near(self, t: TerritoryPlan, day: datetime.date, taken: set[int]):
        """A job offer of the territory recorded in the weeks before ``day``, not yet used."""
        index = bisect.bisect_right(t.offer_days, day)
        low = max(0, index - 40)
        candidates = [offer for offer in t.offers[low : max(index, 1)] if offer[1] not in taken]
        return self.rng.choice(candidates) if candidates else None

    def _placements(self, t, pathway, entry, end, referent, employment, closed) -> list[datetime.date]:
        """The people put forward on job offers; returns the proposal days."""
        rng, today = self.rng, self.today
        taken: set[int] = set()
        days: list[datetime.date] = []
        if employment and rng.random() < 0.7:
            start = employment["start"]
            proposed = max(entry, start - datetime.timedelta(days=rng.randint(10, 40)))
            offer = self._offers_near(t, proposed, taken)
            if offer:
                hired_on = self.between(proposed, start)
                placement = self._placement(
                    pathway, offer, proposed, PlacementStatus.HIRED, hired_on, referent
                )
                taken.add(offer[1])
                days.append(proposed)
                employment.update(
                    placement=placement,
                    company=offer[2],
                    rome=offer[3],
                    title=offer[4],
                    contract=OFFER_TO_CONTRACT.get(offer[5]),
                )
        if rng.random() < 0.7 or days:
            proposed = entry + datetime.timedelta(days=int(rng.gammavariate(2.0, 18.0)) + 1)
            for _number in range(rng.choices([1, 2, 3], [70, 22, 8])[0]):
                if proposed > end:
                    break
                offer = self._offers_near(t, proposed, taken)
                if offer is None:
                    break
                recent = not closed and (today - proposed).days < 60
                if recent:
                    status = rng.choice(
                        [
                            PlacementStatus.PROPOSED,
                            PlacementStatus.ACCEPTED_BY_PERSON,
                            PlacementStatus.SENT_TO_EMPLOYER,
                            PlacementStatus.INTERVIEW,
                        ]
                    )
                else:
                    status = self.pick(PLACEMENT_OUTCOMES)
                changed = min(today, proposed + datetime.timedelta(days=rng.randint(0 if recent else 2, 40)))
                self._placement(pathway, offer, proposed, status, changed, referent)
                taken.add(offer[1])
                days.append(proposed)
                proposed += datetime.timedelta(days=rng.randint(7, 60))
        return days

    def _placement(self, pathway, offer, proposed, status, changed, referent) -> int:
        rng = self.rng
        refused = status == PlacementStatus.REFUSED
        placement = self.rows.add(
            Placement,
            pathway_id=pathway,
            opportunity_id=offer[1],
            status=status,
            status_changed_on=changed,
            refusal_reason=self.pick(REFUSAL_REASONS) if refused else "",
            proposed_on=proposed,
            created_by_id=referent,
            created_at=self.at(proposed),
        )
        self.rows.add(
            PlacementTransition,
            placement_id=placement,
            from_status="",
            to_status=PlacementStatus.PROPOSED,
            on=proposed,
            by_id=referent,
            created_at=self.at(proposed),
        )
        if status != PlacementStatus.PROPOSED:
            self.rows.add(
                PlacementTransition,
                placement_id=placement,
                from_status=PlacementStatus.PROPOSED,
                to_status=status,
                on=changed,
                by_id=referent,
                created_at=self.at(changed, rng.randint(9, 17)),
            )
        return placement

    def _employment(self, t, pathway, referent, employment, wishes) -> None:
        rng, rows, today = self.rng, self.rows, self.today
        start = employment["start"]
        contract = employment.get("contract") or self.pick(CONTRACT_WEIGHTS)
        planned = (
            start + datetime.timedelta(days=rng.choice(PLANNED_DAYS[contract]))
            if contract in PLANNED_DAYS
            else None
        )
        trial = None
        if contract in (ContractType.CDI, ContractType.CDD, ContractType.CDDI):
            trial = start + datetime.timedelta(days=60 if contract == ContractType.CDI else 14)
            if planned and trial > planned:
                trial = planned
        ended, reason = None, ""
        if planned and planned <= today:
            if rng.random() < 0.85:
                ended, reason = planned, EndReason.END_OF_TERM
            else:
                ended = self.between(start, planned)
                reason = rng.choice(
                    [EndReason.RESIGNATION, EndReason.TRIAL_ENDED_BY_EMPLOYER, EndReason.OTHER]
                )
        elif planned is None and (today - start).days > 30 and rng.random() < 0.15:
            ended = self.between(
                start + datetime.timedelta(days=7), min(today, start + datetime.timedelta(days=365))
            )
            reason = rng.choice(
                [EndReason.RESIGNATION, EndReason.DISMISSAL, EndReason.TRIAL_ENDED_BY_EMPLOYEE]
            )
        rome, title = employment.get("rome"), employment.get("title")
        if rome is None:
            _wish, rome, title = wishes[0]
        pk = rows.add(
            Employment,
            pathway_id=pathway,
            placement_id=employment.get("placement"),
            company_id=employment.get("company") or rng.choice(t.companies),
            rome_job_id=rome,
            job_title=title[:200],
            contract_type=contract,
            hours_per_week=rng.choice([20, 24, 26, 28, 30, 35, 35, 35]),
            start_date=start,
            planned_end_date=planned,
            trial_end_date=trial,
            ended_on=ended,
            end_reason=reason,
            created_by_id=referent,
            created_at=self.at(start, 9),
        )
        employment.update(contract=contract, planned=planned, ended=ended)
        # The follow-up calendar (territory default), each side recorded when it fell due.
        for milestone in DEFAULT_MILESTONES:
            due = CheckInMilestone(milestone).due_on(start, trial)
            if due is None:
                continue
            check_in = rows.add(CheckIn, employment_id=pk, milestone=milestone, due_on=due)
            if due > today or (ended and due > ended):
                continue
            for side, share in ((Side.EMPLOYEE, 0.8), (Side.EMPLOYER, 0.6)):
                if rng.random() > share:
                    continue
                online = side == Side.EMPLOYER and rng.random() < 0.2
                done = min(today, due + datetime.timedelta(days=rng.randint(0, 7)))
                rows.add(
                    CheckInSide,
                    check_in_id=check_in,
                    side=side,
                    done_on=done,
                    channel=Channel.ONLINE_FORM
                    if online
                    else rng.choice([Channel.CALL, Channel.CALL, Channel.MEETING, Channel.VISIT]),
                    how_it_goes=rng.choices([1, 2, 3, 4], [5, 15, 45, 35])[0],
                    difficulties=[] if rng.random() < 0.7 else [rng.choice(Difficulty.values)],
                    recorded_by_id=None if online else referent,
                    created_at=self.at(done),
                )

    def _exit_category(self, employment: dict, exit_day: datetime.date) -> str:
        """The category the contract suggests on the exit day (chemin/exits/rules.py, one contract)."""
        contract, start = employment["contract"], employment["start"]
        ended, planned = employment["ended"], employment["planned"]
        if ended and (exit_day - ended).days > 31:
            return ""  # a job held long before the exit says nothing of the situation left in
        if contract in (ContractType.CDI, ContractType.BUSINESS_CREATION, ContractType.PUBLIC_SERVICE):
            return ExitCategory.SUSTAINABLE_EMPLOYMENT
        if contract == ContractType.CDDI:
            return ExitCategory.POSITIVE_EXIT
        if contract == ContractType.SUBSIDISED:
            return ExitCategory.TRANSITIONAL_EMPLOYMENT
        # Measured by its planned length; up to the day it ended when it ended earlier; without a
        # planned end, by what it has lasted on the exit day.
        lasts_until = ended if ended and (planned is None or ended < planned) else planned or exit_day
        if lasts_until >= add_months(start, 6):
            return ExitCategory.SUSTAINABLE_EMPLOYMENT
        return ExitCategory.TRANSITIONAL_EMPLOYMENT

    def _phases(self, pathway, entry, end, closed, referent, employment, path) -> None:
        """Welcome, then towards employment, then into employment at the contract start."""
        rng = self.rng
        phase = Phase.WELCOME
        changes = []
        towards = entry + datetime.timedelta(days=rng.randint(7, 60))
        start = employment["start"] if employment else None
        if towards <= end and (start is None or towards < start):
            changes.append((towards, Phase.TOWARDS_EMPLOYMENT))
        if start:
            changes.append((start, Phase.IN_EMPLOYMENT))
            ended = employment["ended"]
            if not closed and ended and ended < self.today:
                changes.append((ended + datetime.timedelta(days=1), Phase.TOWARDS_EMPLOYMENT))
        for day, new_phase in changes:
            self.rows.add(
                PhaseChange,
                pathway_id=pathway,
                previous_phase=phase,
                new_phase=new_phase,
                changed_by_id=referent,
                created_at=self.at(min(day, self.today)),
            )
            phase = new_phase
        path["phase"] = Phase.CLOSED if closed else phase

    def _steps(self, pathway, entry, end, referent, t) -> None:
        rng, today = self.rng, self.today
        for _number in range(rng.choice([1, 1, 2, 2])):
            created = self.between(entry, end)
            due = created + datetime.timedelta(days=rng.randint(7, 45))
            if due < today - datetime.timedelta(days=20) or end < today:
                status = self.pick(STEP_OUTCOMES)
            else:
                status = rng.choice([StepStatus.TODO, StepStatus.IN_PROGRESS, StepStatus.DONE])
            done = (
                min(today, max(created, due + datetime.timedelta(days=rng.randint(-10, 5))))
                if status == StepStatus.DONE
                else None
            )
            owner = self.pick(STEP_OWNERS)
            by_participant = owner == StepOwner.PARTICIPANT and rng.random() < 0.1
            self.rows.add(
                Step,
                pathway_id=pathway,
                title=rng.choice(STEP_TITLES),
                owner=owner,
                owner_name=rng.choice(t.partner_names)[:150] if owner == StepOwner.PARTNER else "",
                due_date=due,
                status=status,
                done_on=done,
                by_participant=by_participant,
                created_by_id=None if by_participant else referent,
                created_at=self.at(created),
            )

    def _notes(self, pathway, entry, end, referent, t) -> None:
        rng = self.rng
        for _number in range(rng.choice([1, 1, 1, 1, 2])):
            day = self.between(entry, end)
            text = rng.choice(NOTE_TEXTS)
            visibility = self.pick(NOTE_VISIBILITIES)
            self.rows.add(
                Note,
                pathway_id=pathway,
                author_id=referent if rng.random() < 0.9 else t.manager,
                date=day,
                text=text,
                # As Note.save(): a restricted note keeps no searchable copy in clear.
                search_text="" if visibility == NoteVisibility.RESTRICTED else NORMALIZED_NOTES[text],
                visibility=visibility,
                created_at=self.at(day),
            )

    def _barriers(self, t, pathway, entry, end, closed, referent) -> None:
        rng, rows, today = self.rng, self.rows, self.today
        for _number in range(rng.choices([0, 1, 2, 3], [40, 38, 17, 5])[0]):
            category = self.pick(BARRIER_WEIGHTS)
            identified = self.between(entry, entry + datetime.timedelta(days=(end - entry).days * 6 // 10))
            situation = rng.choice(SITUATIONS[category])[0] if rng.random() < 0.8 else ""
            words = BARRIER_WORDS[category] if not situation or rng.random() < 0.4 else ""
            if closed:
                final = self.pick(BARRIER_OUTCOMES_AT_EXIT)
            elif (today - identified).days < 30:
                final = rng.choice([BarrierStatus.IDENTIFIED, BarrierStatus.BEING_ADDRESSED])
            else:
                final = self.pick(BARRIER_OUTCOMES_OPEN)
            moves = [("", BarrierStatus.IDENTIFIED, identified)]
            if final != BarrierStatus.IDENTIFIED:
                addressed = self.between(
                    identified, identified + datetime.timedelta(days=(end - identified).days // 3)
                )
                moves.append((BarrierStatus.IDENTIFIED, BarrierStatus.BEING_ADDRESSED, addressed))
                if final != BarrierStatus.BEING_ADDRESSED:
                    moves.append((BarrierStatus.BEING_ADDRESSED, final, self.between(addressed, end)))
            barrier = rows.add(
                Barrier,
                pathway_id=pathway,
                category=category,
                situation=situation,
                own_words=words,
                identified_on=identified,
                identified_by_id=referent,
                status=final,
                status_changed_on=moves[-1][2],
                consent_given_on=identified if category in BarrierCategory.special() else None,
                created_at=self.at(identified),
            )
            for from_status, to_status, day in moves:
                rows.add(
                    BarrierTransition,
                    barrier_id=barrier,
                    from_status=from_status,
                    to_status=to_status,
                    on=day,
                    by_id=referent,
                    created_at=self.at(day),
                )
            if len(moves) > 1 and rng.random() < 0.4:
                self._partner_referral(t, pathway, barrier, category, final, moves, referent)

    def _partner_referral(self, t, pathway, barrier, category, final, moves, referent) -> None:
        rng = self.rng
        sent = moves[1][2]
        last = moves[-1][2]
        if final == BarrierStatus.LIFTED:
            status = PartnerReferralStatus.DONE if rng.random() < 0.85 else PartnerReferralStatus.NO_SHOW
        elif final == BarrierStatus.BEING_ADDRESSED:
            status = rng.choice([PartnerReferralStatus.SENT, PartnerReferralStatus.ACCEPTED])
        else:
            status = rng.choice([PartnerReferralStatus.REFUSED, PartnerReferralStatus.NO_SHOW])
        answered = closed_on = None
        if status != PartnerReferralStatus.SENT:
            answered = self.between(
                sent, min(last, sent + datetime.timedelta(days=15)) if last > sent else sent
            )
        if status in PartnerReferralStatus.closed():
            closed_on = max(answered or sent, last)
        partners = t.partners.get(category) or t.partners.get("28") or [next(iter(t.partners.values()))[0]]
        self.rows.add(
            PartnerReferral,
            pathway_id=pathway,
            barrier_id=barrier,
            partner_id=rng.choice(partners),
            status=status,
            sent_on=sent,
            answered_on=answered,
            closed_on=closed_on,
            created_by_id=referent,
            created_at=self.at(sent),
        )

    def _immersion(self, t, pathway, entry, end, referent, wishes) -> None:
        rng, today = self.rng, self.today
        wish, rome, label = wishes[0]
        start = entry + datetime.timedelta(days=rng.randint(10, max(10, (end - entry).days - 14)))
        finish = start + datetime.timedelta(days=rng.choice([4, 4, 9, 11]))
        attendance, assessed, offer, offered = "", None, False, ""
        if finish < today:
            roll = rng.random()
            if roll < 0.85:
                status = ImmersionStatus.ASSESSED
                attendance = self.pick(ATTENDANCES)
                assessed = min(today, finish + datetime.timedelta(days=rng.randint(0, 7)))
                offer = attendance == Attendance.COMPLETED and rng.random() < 0.2
                offered = (
                    rng.choice([WishContractType.CDD, WishContractType.CDI, WishContractType.TEMPORARY])
                    if offer
                    else ""
                )
            else:
                status = ImmersionStatus.CANCELLED if roll < 0.95 else ImmersionStatus.PLANNED
        else:
            status = ImmersionStatus.IN_PROGRESS if start <= today else ImmersionStatus.PLANNED
        self.rows.add(
            Immersion,
            pathway_id=pathway,
            company_id=rng.choice(t.hosting_companies),
            objective=self.pick(IMMERSION_OBJECTIVES),
            rome_job_id=rome,
            job_title=label[:200],
            start_date=start,
            end_date=finish,
            job_wish_id=wish,
            status=status,
            attendance=attendance,
            job_offer=offer,
            contract_type_offered=offered,
            assessed_on=assessed,
            created_by_id=referent,
            created_at=self.at(start - datetime.timedelta(days=rng.randint(5, 20))),
        )

    def _appointments(self, pathway, entry, end, closed, referent) -> datetime.date | None:
        """Regular individual meetings; returns the day of the last one held."""
        rng, today = self.rng, self.today
        span = (end - entry).days
        last_held = None
        days = sorted(
            self.between(entry, end) for _number in range(rng.randint(1, max(1, min(3, span // 150 + 1))))
        )
        if not closed and rng.random() < 0.6:
            days.append(today + datetime.timedelta(days=rng.randint(1, 30)))
        for day in days:
            starts_at = self.at(day, rng.randint(9, 16), rng.choice([0, 30]))
            duration = rng.choice([30, 45, 60, 60])
            if day > today or (day == today and rng.random() < 0.5):
                status, changed = AppointmentStatus.PLANNED, None
            else:
                status = self.pick(APPOINTMENT_OUTCOMES)
                changed = starts_at + datetime.timedelta(minutes=duration)
                if status == AppointmentStatus.HELD:
                    last_held = day
            self.rows.add(
                Appointment,
                pathway_id=pathway,
                staff_id=referent,
                starts_at=starts_at,
                duration_minutes=duration,
                kind=self.pick(APPOINTMENT_KINDS),
                status=status,
                status_changed_at=changed,
                created_by_id=referent,
                created_at=starts_at - datetime.timedelta(days=rng.randint(3, 20)),
            )
        return last_held

    def _planned_entries(self) -> None:
        """Each agreement's planned entries: what it got, give or take, as a funder would plan."""
        agreements = [
            Agreement(pk=pk, planned_entries=max(1, round(entries * self.rng.uniform(0.9, 1.15))))
            for pk, entries in self.agreement_entries.items()
        ]
        Agreement.objects.bulk_update(agreements, ["planned_entries"], batch_size=500)
