"""Where a person's data lives: one declaration per model that holds some, read by the subject
access export (subject_access.py) and by the anonymisation (anonymisation.py).

Each declaration says how the model's rows reach the person (``lookup``, to the participant's
pk) and sorts every text column of the model into one of three lists:

- ``erase``: free text written about or by the person (notes, their words, comments, answers).
  Anonymisation replaces a filled one with ERASED_TEXT ("[effacé]") and leaves an empty one empty,
  so "is it filled" rules (a note has a text…) still hold; ``erase_unique`` adds the row's id where
  a column must stay unique;
- ``replace``: identity and contact, given a neutral value (a name, "" for an email…);
- ``keep``: columns that say nothing about who the person is (codes, ROME jobs, a job's title,
  a prescriber's or an employer's address), kept for the statistics.

Choice columns are codes and always kept. tests/privacy/test_registry.py fails when a model
reaches Participant without a declaration here, or when a declared model has a text column in
none of the lists: a new model or column is sorted here once, on purpose.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chemin.activations.models import PrescriberActivation
from chemin.agreements.models import IaeEligibilityCheck
from chemin.appointments.models import Appointment, ReminderDelivery
from chemin.audit.models import ChangeEntry, ReadEntry
from chemin.barriers.models import Barrier, BarrierTransition, JobConstraint
from chemin.documents.models import Document
from chemin.employments.models import CheckIn, CheckInSide, EmployerRequest, Employment
from chemin.events.models import EventParticipant
from chemin.exits.models import ExitReview
from chemin.immersions.models import Immersion
from chemin.jobwishes.models import JobWish, JobWishRomeJob, JobWishVersion
from chemin.notes.models import Note
from chemin.opportunities.models import Placement, PlacementTransition
from chemin.participants.models import Participant
from chemin.partners.models import PartnerReferral
from chemin.pathways.models import Pathway, PhaseChange, ReferentChange
from chemin.portfolio.models import Experience, Skill
from chemin.privacy.models import AnonymisationRecord, ConsentRecord
from chemin.referentials.text import normalize
from chemin.referrals.models import Referral, ReferralAttachment
from chemin.steps.models import Step
from chemin.workshops.models import Registration

# What replaces a filled free text: short enough for every column (the shortest is 150 characters).
ERASED_TEXT = _("[erased]")
ANONYMOUS_FIRST_NAME = _("Anonymised person")

# A neutral value, or how to compute it from the participant (as read before anonymisation).
Replacement = Any | Callable[[Participant], Any]


def anonymous_last_name(participant: Participant) -> str:
    # "n°12": with the first name, "Personne anonymisée n°12" — still tells two files apart.
    return f"n°{participant.pk}"


def anonymous_search_name(participant: Participant) -> str:
    return normalize(f"{ANONYMOUS_FIRST_NAME} {anonymous_last_name(participant)}")


def birth_month(participant: Participant) -> datetime.date:
    """The first day of the birth month: ages (at entry, by bracket) stay right to the month."""
    return participant.birth_date.replace(day=1)


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    # From the model to the participant's pk: "pk" (the participant), "participant", "pathway__participant"…
    lookup: str
    # The section of the export: its key in donnees.json, its title in donnees.pdf.
    key: str
    title: str | Promise
    erase: tuple[str, ...] = ()
    # Free text under a uniqueness rule (a skill's label, once per person): erased as "[effacé] #<id>".
    erase_unique: tuple[str, ...] = ()
    replace: Mapping[str, Replacement] = field(default_factory=dict)
    keep: tuple[str, ...] = ()
    # Foreign keys shown by name in the export (read in the same query), the others by id.
    related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)
    # What the person's own download (from their space) keeps of the model, and its title there;
    # None: all the rows. The full copy, staff notes included, is the organisation's export.
    for_the_person: Q | None = None
    title_for_the_person: str | Promise | None = None
    # Fields the team writes for itself, left out of the person's own download (not of the
    # organisation's export, which answers a subject access request in full).
    hidden_from_the_person: tuple[str, ...] = ()

    def rows(self, participant_pk: int, *, for_the_person: bool = False) -> models.QuerySet:
        rows = self.model._default_manager.filter(Q(**{self.lookup: participant_pk}))
        if for_the_person and self.for_the_person is not None:
            rows = rows.filter(self.for_the_person)
        return rows


_PATHWAY = "pathway__participant"

PERSONAL_DATA: tuple[PersonalData, ...] = (
    PersonalData(
        Participant,
        "pk",
        "participant",
        _("Identity, contact and situation"),
        erase=("languages",),
        replace={
            "first_name": ANONYMOUS_FIRST_NAME,
            "last_name": anonymous_last_name,
            "search_name": anonymous_search_name,
            "birth_date": birth_month,
            "email": "",
            "phone": "",
            "address": "",
            # The commune stays (statistics by place of residence, QPV); the postal code is the address's.
            "postal_code": "",
            # An identifier is as identifying as a name.
            "france_travail_id": "",
        },
        keep=("consent_text_version",),
        related=("commune",),
    ),
    PersonalData(
        ConsentRecord,
        "participant",
        "consents",
        _("Consents"),
        keep=("scope", "notice_version"),
        related=("recorded_by",),
        order_by=("recorded_at", "pk"),
    ),
    PersonalData(
        Referral,
        "participant",
        "referrals",
        _("Referrals by a prescriber"),
        erase=("reason", "decline_reason"),
        replace={
            "first_name": ANONYMOUS_FIRST_NAME,
            "last_name": anonymous_last_name,
            "birth_date": birth_month,
            "email": "",
            "phone": "",
        },
        related=("prescriber__organisation", "territory", "decided_by", "recorded_by"),
        order_by=("referred_on", "pk"),
    ),
    PersonalData(
        Pathway,
        "participant",
        "pathways",
        _("Pathways"),
        erase=("exit_detail",),
        # ROME codes and domains of the wishes: reference codes, used by matching and statistics.
        keep=("wished_rome_codes", "wished_rome_domains"),
        related=("territory", "referent", "agreement"),
        order_by=("entry_date", "pk"),
    ),
    PersonalData(
        PhaseChange,
        _PATHWAY,
        "phase_changes",
        _("Phase changes"),
        related=("changed_by",),
        order_by=("created_at", "pk"),
    ),
    PersonalData(
        ReferentChange,
        _PATHWAY,
        "referent_changes",
        _("Changes of referent counsellor"),
        erase=("reason",),
        related=("previous_referent", "new_referent", "changed_by"),
        order_by=("created_at", "pk"),
    ),
    PersonalData(
        JobWish,
        _PATHWAY,
        "job_wishes",
        _("Job wishes"),
        erase=("title_in_own_words",),
        keep=("contract_types",),
        related=("created_by", "updated_by"),
    ),
    PersonalData(
        JobWishRomeJob,
        "job_wish__pathway__participant",
        "job_wish_rome_jobs",
        _("ROME jobs of the job wishes"),
        related=("rome_job",),
        order_by=("job_wish", "position"),
    ),
    PersonalData(
        JobWishVersion,
        "job_wish__pathway__participant",
        "job_wish_versions",
        _("Earlier versions of the job wishes"),
        erase=("title_in_own_words",),
        keep=("rome_jobs", "contract_types"),
        related=("changed_by",),
        order_by=("job_wish", "version"),
    ),
    PersonalData(
        Step,
        _PATHWAY,
        "steps",
        _("Steps"),
        erase=("title", "owner_name"),
        related=("created_by",),
        order_by=("created_at", "pk"),
    ),
    PersonalData(
        Note,
        _PATHWAY,
        "notes",
        _("Notes (all of them, restricted ones included)"),
        erase=("text",),
        # The person's space shows the notes shared with them (DESIGN.md §4: minus staff-only notes).
        for_the_person=Q(visibility__in=["participant", "prescriber"]),
        title_for_the_person=_("Notes shared with you"),
        # The searchable copy of the text.
        replace={"search_text": ""},
        related=("author",),
        order_by=("date", "pk"),
    ),
    PersonalData(
        Experience,
        "participant",
        "experiences",
        _("Experiences"),
        erase=("title", "organisation", "description"),
        related=("rome_job",),
        order_by=("start_date", "pk"),
    ),
    PersonalData(
        Skill,
        "participant",
        "skills",
        _("Skills"),
        erase=("source_text",),
        erase_unique=("label",),
        related=("validated_by", "rome_job"),
    ),
    PersonalData(
        Barrier,
        _PATHWAY,
        "barriers",
        _("Barriers"),
        erase=("own_words",),
        # A code of the category's list (barriers.enums), not free text; the category is kept too.
        keep=("situation",),
        related=("identified_by",),
        order_by=("identified_on", "pk"),
    ),
    PersonalData(
        BarrierTransition,
        "barrier__pathway__participant",
        "barrier_transitions",
        _("Barrier status changes"),
        erase=("comment",),
        related=("by",),
        order_by=("barrier", "on", "pk"),
    ),
    PersonalData(
        JobConstraint,
        _PATHWAY,
        "job_constraints",
        _("Job constraints"),
        related=("created_by",),
        order_by=("started_on", "pk"),
    ),
    PersonalData(
        PartnerReferral,
        _PATHWAY,
        "partner_referrals",
        _("Referrals to partners"),
        erase=("outcome",),
        related=("partner", "service", "created_by"),
        order_by=("sent_on", "pk"),
    ),
    PersonalData(
        PrescriberActivation,
        _PATHWAY,
        "prescriber_requests",
        _("Requests to the prescriber"),
        erase=("request_text", "answer_text"),
        related=("prescriber__organisation", "sent_by"),
        order_by=("sent_at", "pk"),
    ),
    PersonalData(
        Placement,
        _PATHWAY,
        "placements",
        _("Job proposals"),
        erase=("refusal_detail",),
        related=("opportunity__company", "created_by", "event"),
        order_by=("proposed_on", "pk"),
    ),
    PersonalData(
        PlacementTransition,
        "placement__pathway__participant",
        "placement_transitions",
        _("Job proposal status changes"),
        erase=("comment",),
        related=("by",),
        order_by=("placement", "on", "pk"),
    ),
    PersonalData(
        Immersion,
        _PATHWAY,
        "immersions",
        _("Immersions (PMSMP)"),
        erase=("participant_comments", "tutor_comments"),
        # The job observed, as the company names it.
        keep=("job_title",),
        related=("company", "rome_job", "tutor", "prescriber__organisation", "created_by"),
        order_by=("start_date", "pk"),
    ),
    PersonalData(
        EventParticipant,
        _PATHWAY,
        "event_invitations",
        _("Invitations to events"),
        related=("event", "invited_by"),
    ),
    PersonalData(
        Registration,
        _PATHWAY,
        "workshop_registrations",
        _("Workshop registrations"),
        related=("workshop", "registered_by"),
        order_by=("registered_at", "pk"),
    ),
    PersonalData(
        Employment,
        _PATHWAY,
        "employments",
        _("Employment contracts"),
        erase=("end_detail",),
        # The job held, as the employer names it (the contract type and dates make the statistics).
        keep=("job_title",),
        related=("company", "contact", "rome_job", "created_by"),
        order_by=("start_date", "pk"),
    ),
    PersonalData(
        CheckIn,
        "employment__pathway__participant",
        "check_ins",
        _("Follow-up check-ins in employment"),
        order_by=("due_on", "pk"),
    ),
    PersonalData(
        CheckInSide,
        "check_in__employment__pathway__participant",
        "check_in_answers",
        _("Check-in answers (employee and employer)"),
        erase=("actions_agreed", "comment"),
        # Difficulty codes (employments.enums.Difficulty).
        keep=("difficulties",),
        related=("recorded_by",),
        order_by=("check_in", "pk"),
    ),
    PersonalData(
        EmployerRequest,
        "check_in__employment__pathway__participant",
        "employer_requests",
        _("Follow-up requests sent to the employer"),
        # The employer contact's address, not the person's.
        keep=("sent_to",),
        related=("sent_by", "risk_handled_by"),
        order_by=("sent_at", "pk"),
    ),
    PersonalData(
        ExitReview,
        _PATHWAY,
        "exit_reviews",
        _("End-of-pathway reviews"),
        erase=("achievements", "remaining_barriers", "next_steps"),
        # The prescriber's address the review went to.
        keep=("sent_to_email",),
        related=("sent_to__organisation", "sent_by", "written_by"),
    ),
    PersonalData(
        Appointment,
        _PATHWAY,
        "appointments",
        _("Appointments"),
        # The place may be the person's home; the message is the person's own words.
        erase=("place", "notes", "participant_message"),
        related=("staff", "created_by"),
        order_by=("starts_at", "pk"),
        # "For the team only: never sent to the person" (appointments/forms.py).
        hidden_from_the_person=("notes",),
    ),
    PersonalData(
        ReminderDelivery,
        "appointment__pathway__participant",
        "appointment_reminders",
        _("Appointment reminders"),
        # An error message may quote an address or a number.
        replace={"last_error": ""},
        order_by=("appointment", "pk"),
    ),
    PersonalData(
        IaeEligibilityCheck,
        _PATHWAY,
        "iae_eligibility_checks",
        _("Checks of IAE eligibility"),
        # Criterion codes (agreements.enums).
        keep=("criteria",),
        related=("checked_by",),
        order_by=("checked_on", "pk"),
    ),
    PersonalData(
        Document,
        "participant",
        "documents",
        _("Documents (description only; the files are in the file)"),
        # Anonymisation deletes documents, rows and files (anonymisation.py): nothing is kept.
        erase=("title", "original_filename"),
        keep=("content_type",),
        related=("uploaded_by",),
        order_by=("created_at", "pk"),
    ),
    PersonalData(
        ReferralAttachment,
        "referral__participant",
        "referral_attachments",
        _("Files sent with a referral (description only)"),
        # Anonymisation deletes them, rows and files (anonymisation.py): nothing is kept.
        erase=("original_filename",),
        keep=("content_type",),
        order_by=("uploaded_at", "pk"),
    ),
    PersonalData(
        AnonymisationRecord,
        "participant",
        "anonymisations",
        _("Anonymisation"),
        related=("performed_by",),
    ),
)

# Models that reach Participant through their foreign keys but are not declared above, each with
# its reason and what anonymisation does with it (tests/privacy/test_registry.py reads this).
NOT_DECLARED: dict[type[models.Model], str] = {
    ChangeEntry: (
        "The change history repeats the values of the rows declared above (the export gives them "
        "as they are now); anonymisation blanks its values through chemin.audit.services."
        "scrub_participant_history."
    ),
    ReadEntry: (
        "Who on the staff opened the file, and when: the organisation's security log, holding no "
        "value from the file (kind of page, ids); kept on anonymisation as the trace of who read it."
    ),
}
