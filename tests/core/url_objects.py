"""The demo organisation as the ground for tests that walk every URL (the permission matrix, the
fuzz tests), and real arguments for each URL.

``demo_world(role)`` seeds the demo and picks a member of ``role`` in Arras and one in Lens-Liévin.

``url_arguments(name, territory)`` returns the keyword arguments of URL ``name`` for an object of
``territory`` (a participant followed there, one of their notes, a company of the territory…), so
the matrix test can request each URL on objects of the user's own territory and of another one.
A URL whose objects are not bound to a territory (the shared prescriber directory, funders'
agreements covering several territories) takes the same object for both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.core.management import call_command
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from chemin.accounts.enums import AccountKind, Role
from chemin.accounts.models import Membership, User
from chemin.activations.models import PrescriberActivation
from chemin.agreements.models import Agreement
from chemin.appointments.models import Appointment, CalendarFeed
from chemin.barriers.models import Barrier, JobConstraint
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document
from chemin.employments.models import CheckIn, CheckInSide, EmployerRequest, Employment
from chemin.events.models import Event
from chemin.immersions.models import Immersion
from chemin.jobwishes.models import JobWish
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.notes.services import note_create
from chemin.opportunities.enums import OpportunityStatus
from chemin.opportunities.models import Opportunity, Placement
from chemin.opportunities.services import placement_create
from chemin.participants.models import Participant
from chemin.partners.models import Partner, PartnerReferral
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.portfolio.models import Experience, Skill
from chemin.prescribers.models import PortalAccessRequest, Prescriber, PrescriberOrganisation
from chemin.referrals.models import Referral, ReferralAttachment
from chemin.reporting.enums import ExportKind, ExportStatus
from chemin.reporting.indicators import INDICATORS
from chemin.reporting.models import ExportJob
from chemin.steps.enums import StepStatus
from chemin.steps.models import Step
from chemin.territories.models import Territory
from chemin.workshops.models import Registration, Workshop
from tests.agreements.factories import AgreementFactory

Arguments = Callable[[Territory], dict]


def _first(queryset) -> Model:
    found = queryset.order_by("pk").first()
    assert found is not None, f"The demo has no {queryset.model.__name__} for this URL"
    return found


def followed_participant(territory: Territory) -> Participant:
    """A person with an open pathway in the territory."""
    return _first(
        Participant.objects.filter(pathways__territory=territory)
        .exclude(pathways__phase=Phase.CLOSED)
        .distinct()
    )


def participant(argument: str = "participant_pk") -> Arguments:
    return lambda territory: {argument: followed_participant(territory).pk}


def section(model: type[Model], to_participant: str = "pathway__participant", **filters) -> Arguments:
    """An object of a participant file's section: ``participant_pk`` and the object's ``pk``."""
    if to_participant.endswith("pathway__participant"):
        territory_path = to_participant.removesuffix("participant") + "territory"
    else:
        territory_path = f"{to_participant}__pathways__territory"

    def arguments(territory: Territory) -> dict:
        found = _first(
            model.objects.filter(**{territory_path: territory}, **filters).values(to_participant, "pk")
        )
        return {"participant_pk": found[to_participant], "pk": found["pk"]}

    return arguments


def territorial(model: type[Model], path: str = "territory", argument: str = "pk", **filters) -> Arguments:
    return lambda territory: {argument: _first(model.objects.filter(**{path: territory}, **filters)).pk}


def shared(model: type[Model], argument: str = "pk") -> Arguments:
    """Objects every territory's staff share (the prescriber and partner directories)."""
    return lambda territory: {argument: _first(model.objects.all()).pk}


def _rename(arguments: Arguments, **names: str) -> Arguments:
    def renamed(territory: Territory) -> dict:
        found = arguments(territory)
        return {names.get(key, key): value for key, value in found.items()}

    return renamed


def _employment_side(territory: Territory) -> dict:
    side = _first(CheckInSide.objects.filter(check_in__employment__pathway__territory=territory))
    return {
        "participant_pk": side.check_in.employment.pathway.participant_id,
        "side_pk": side.pk,
    }


def _check_in(territory: Territory) -> dict:
    check_in = _first(CheckIn.objects.filter(employment__pathway__territory=territory))
    return {"participant_pk": check_in.employment.pathway.participant_id, "pk": check_in.pk}


def _placement(territory: Territory) -> dict:
    placement = _first(Placement.objects.filter(pathway__territory=territory))
    return {"participant_pk": placement.pathway.participant_id, "placement_pk": placement.pk}


def _registration(territory: Territory) -> dict:
    registration = _first(Registration.objects.filter(workshop__territory=territory))
    return {"pk": registration.workshop_id, "registration_pk": registration.pk}


def _barrier_of_participant(territory: Territory) -> dict:
    """An open barrier: partners are suggested, and prescribers asked, about open ones."""
    barrier = _first(Barrier.objects.open().filter(pathway__territory=territory))
    return {"participant_pk": barrier.pathway.participant_id, "barrier_pk": barrier.pk}


def _employer_request(territory: Territory) -> dict:
    request = _first(EmployerRequest.objects.filter(check_in__employment__pathway__territory=territory))
    return {"participant_pk": request.check_in.employment.pathway.participant_id, "request_pk": request.pk}


def _check_in_to_send(territory: Territory) -> dict:
    check_in = _first(CheckIn.objects.filter(employment__pathway__territory=territory))
    return {"participant_pk": check_in.employment.pathway.participant_id, "check_in_pk": check_in.pk}


def _agreement(territory: Territory) -> dict:
    """An agreement covering this territory only."""
    return {
        "pk": _first(
            Agreement.objects.filter(territories=territory).exclude(territories__in=others(territory))
        ).pk
    }


def others(territory: Territory):
    return Territory.objects.exclude(pk=territory.pk)


def _referral_attachment(territory: Territory) -> dict:
    attached = _first(ReferralAttachment.objects.filter(referral__territory=territory))
    return {"pk": attached.referral_id, "attachment_pk": attached.pk}


def _password_reset(territory: Territory) -> dict:
    return {"uidb64": urlsafe_base64_encode(force_bytes(1)), "token": "set-password"}


def _token(salt: str) -> Arguments:
    return lambda territory: {"token": signing.dumps(0, salt=salt)}


def _calendar_feed(territory: Territory) -> dict:
    return {"token": _first(CalendarFeed.objects.all()).token}


def _employment_record_side(territory: Territory) -> dict:
    found = _check_in(territory)
    return {**found, "side": "employee"}


def _open_barrier(territory: Territory) -> dict:
    return {**_employment_side(territory), "difficulty": "transport"}


ARGUMENTS: dict[str, Arguments] = {
    "accounts:password_reset_confirm": _password_reset,
    "activation_answers:answer": _token("activation"),
    "activation_answers:thanks": _token("activation"),
    "activations:create": _barrier_of_participant,
    "agreements:detail": _agreement,
    "agreements:edit": _agreement,
    "barriers:change_status": section(Barrier),
    "barriers:constraint_end": section(JobConstraint),
    "calendars:feed": _calendar_feed,
    "companies:contact_create": territorial(Company, argument="company_pk"),
    "companies:contact_deactivate": territorial(CompanyContact, "company__territory"),
    "companies:contact_update": territorial(CompanyContact, "company__territory"),
    "companies:detail": territorial(Company),
    "companies:interaction_create": territorial(Company, argument="company_pk"),
    "companies:next_action_done": territorial(CompanyInteraction, "company__territory"),
    "companies:update": territorial(Company),
    "documents:download": section(Document, "participant", kind=DocumentKind.CV),
    "documents:delete": section(Document, "participant", kind=DocumentKind.CV),
    "employer_answers:answer": _token("employer"),
    "employer_answers:thanks": _token("employer"),
    "employer_requests:handle_risk": _employer_request,
    "employer_requests:send": _check_in_to_send,
    "events:attendance": territorial(Event),
    "events:detail": territorial(Event),
    "events:edit": territorial(Event),
    "events:invite_companies": territorial(Event),
    "events:invite_participants": territorial(Event),
    "jobwishes:edit": section(JobWish),
    "jobwishes:set_status": section(JobWish),
    "opportunities:candidates": territorial(Opportunity),
    "opportunities:create": territorial(Company, argument="company_pk"),
    "opportunities:create_from_interaction": territorial(
        CompanyInteraction, "company__territory", argument="interaction_pk"
    ),
    "opportunities:detail": territorial(Opportunity),
    "opportunities:placement_status": territorial(Placement, "pathway__territory"),
    "opportunities:propose": territorial(Opportunity),
    "opportunities:set_status": territorial(Opportunity),
    "opportunities:update": territorial(Opportunity),
    "participant_appointments:edit": section(Appointment),
    "participant_appointments:status": section(Appointment),
    "participant_employments:create_from_placement": _placement,
    "participant_employments:edit": section(Employment),
    "participant_employments:end": section(Employment),
    "participant_employments:open_barrier": _open_barrier,
    "participant_employments:open_step": _employment_side,
    "participant_employments:record_side": _employment_record_side,
    "participant_immersions:assess": section(Immersion),
    "participant_immersions:edit": section(Immersion),
    "partner_referrals:suggestions": _barrier_of_participant,
    "partner_referrals:update": section(PartnerReferral),
    "partners:detail": territorial(Partner, "territories"),
    "partners:service_create": territorial(Partner, "territories"),
    "partners:update": territorial(Partner, "territories"),
    "portfolio:experience_edit": section(Experience, "participant"),
    "portfolio:skill_edit": section(Skill, "participant"),
    "portfolio:skill_validate": section(Skill, "participant"),
    "prescribers:organisation_detail": shared(PrescriberOrganisation),
    "prescribers:organisation_update": shared(PrescriberOrganisation),
    "prescribers:prescriber_create": shared(PrescriberOrganisation, "organisation_pk"),
    "prescribers:prescriber_update": shared(Prescriber),
    "prescribers:prescriber_invite": shared(Prescriber),
    "prescribers:access_request_decide": shared(PortalAccessRequest),
    "referrals:attachment": _referral_attachment,
    "referrals:accept": territorial(Referral),
    "referrals:decline": territorial(Referral),
    "referrals:detail": territorial(Referral),
    "reporting:export": lambda territory: {"fmt": "csv"},
    "reporting:people_export": lambda territory: {"fmt": "csv"},
    "steps:edit": section(Step),
    "steps:set_status": section(Step),
    "workshops:attendance": territorial(Workshop),
    "workshops:cancel": territorial(Workshop),
    "workshops:cancel_registration": _registration,
    "workshops:detail": territorial(Workshop),
    "workshops:edit": territorial(Workshop),
    "workshops:register": territorial(Workshop),
}

# The participant file and its sections: the participant is the only argument.
for _name in (
    "participants:change_phase",
    "participants:detail",
    "participants:edit",
    "participants:open_pathway",
    "participants:reassign",
    "participants:record_contact",
    "participants:timeline",
):
    ARGUMENTS[_name] = participant("pk")


# URLs working on a user's own object: (model, owner field, path to its territory).
OWNED: dict[str, tuple[type[Model], str, str]] = {
    "notes:edit": (Note, "author", "pathway__territory"),
    "reporting:job": (ExportJob, "user", ""),
    "reporting:job_download": (ExportJob, "user", ""),
}


def owned_arguments(name: str, territory: Territory, *, owner: User, owned: bool = True) -> dict:
    """The arguments of an OWN-scope URL for an object of ``owner`` (``owned=False``: of someone else)."""
    model, owner_field, territory_path = OWNED[name]
    objects = model.objects.filter(**({territory_path: territory} if territory_path else {}))
    objects = objects.filter(**{owner_field: owner}) if owned else objects.exclude(**{owner_field: owner})
    found = _first(objects)
    if model is Note:
        return {"participant_pk": found.pathway.participant_id, "pk": found.pk}
    return {"pk": found.pk}


def url_arguments(name: str, converters: dict, territory: Territory) -> dict:
    """The arguments of URL ``name`` for an object of ``territory`` (none for a URL without)."""
    if not converters:
        return {}
    if name in ARGUMENTS:
        return ARGUMENTS[name](territory)
    if set(converters) == {"participant_pk"}:
        return participant()(territory)
    raise KeyError(f"Say in tests/core/url_objects.py which object {name} works on")


def _open_pathway_in(territory: Territory) -> dict:
    pathway = _first(Pathway.objects.filter(territory=territory).exclude(phase=Phase.CLOSED))
    return {"pathway": pathway.pk}


def _an_indicator(territory: Territory) -> dict:
    return {"indicateur": next(iter(INDICATORS))}


# What a request needs besides the URL to reach the permission check's other side (the query
# string of a GET, the body of a POST-only URL): without it the view would answer 404 "no such
# thing" to an allowed user too.
REQUEST_DATA: dict[str, Callable[[Territory], dict]] = {
    "accounts:switch_territory": lambda territory: {"territory": territory.pk},
    "opportunities:propose": _open_pathway_in,
    "reporting:job_create": lambda territory: {"kind": ExportKind.REPORT_PDF},
    "reporting:people": _an_indicator,
    "reporting:people_export": _an_indicator,
}


def url_names(patterns=None, namespace: str | None = None, converters: dict | None = None):
    """(name, converters of all its arguments, outer includes' included) of every named URL."""
    converters = converters or {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        found = {**converters, **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            inner = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from url_names(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), found


# The demo's staff of Arras (the objects' territory) and of Lens-Liévin (another territory), by role.
DEMO_STAFF = {
    Role.ADMIN: ("Olivier", "Nathalie"),
    Role.MANAGER: ("Thierry", "Isabelle"),
    Role.COUNSELLOR: ("Karim", None),  # the demo's Lens counsellor works in Arras too
    Role.BUSINESS_DEVELOPER: ("Mehdi", "Julie"),
}


@dataclass
class World:
    territory: Territory
    other_territory: Territory
    member: User
    other_member: User
    role: Role


def demo_world(role: Role) -> World:
    call_command("seed_demo", verbosity=0)
    arras = Territory.objects.get(slug="arras")
    lens = Territory.objects.get(slug="lens-lievin")
    first_name, other_first_name = DEMO_STAFF[role]
    member = User.objects.get(first_name=first_name, memberships__territory=arras)
    if other_first_name is None:
        other_member = User.objects.create_user(
            "lens.seulement@chemin-faisant.test", first_name="Léa", last_name="Lens"
        )
        Membership.objects.create(user=other_member, territory=lens, role=role)
    else:
        other_member = User.objects.get(first_name=other_first_name, memberships__territory=lens)
    for territory, staff in ((arras, member), (lens, other_member)):
        _complete_demo(territory, staff)
    return World(arras, lens, member, other_member, role)


def _complete_demo(territory: Territory, staff: User) -> None:
    """What the demo story does not hold in every territory: an agreement of its own, a placement,
    each persona's own note and finished export."""
    AgreementFactory(territories=[territory])
    pathway = Pathway.objects.filter(territory=territory).exclude(phase=Phase.CLOSED).order_by("pk").first()
    offer = (
        Opportunity.objects.filter(territory=territory, status=OpportunityStatus.OPEN).order_by("pk").first()
    )
    if not pathway.placements.filter(opportunity=offer).exists():
        placement_create(pathway=pathway, opportunity=offer, created_by=pathway.referent)
    note_create(
        pathway=pathway,
        author=staff,
        date=timezone.localdate(),
        text="Point d'étape au téléphone.",
        visibility=NoteVisibility.TEAM,
    )
    ExportJob.objects.create(
        user=staff,
        kind=ExportKind.REPORT_PDF,
        status=ExportStatus.DONE,
        progress=100,
        filename="rapport.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4",
        finished_at=timezone.now(),
    )


# --- The outside windows: the prescriber portal and the person's own space ---


@dataclass
class OutsideWorld:
    """The demo's outside accounts (chemin/demo/outside.py) and one more of each kind elsewhere."""

    territory: Territory
    staff: User  # a counsellor of Arras, owner of the staff objects of OWN-scope URLs
    prescriber: User  # Céline Delcourt, France Travail Arras: referred Anthony, who shares with her
    other_prescriber: User  # a référent of another organisation
    person: User  # Anthony Hochart, in his own space
    other_person: User  # someone else followed in Arras, with a space of their own
    referral: Referral  # Anthony's referral


def outside_world() -> OutsideWorld:
    call_command("seed_demo", verbosity=0)
    arras = Territory.objects.get(slug="arras")
    staff = User.objects.get(first_name="Karim", memberships__territory=arras)
    _complete_demo(arras, staff)
    prescriber = Prescriber.objects.get(user__isnull=False)
    person = Participant.objects.get(user__isnull=False)
    referral = Referral.objects.get(participant=person, prescriber=prescriber)
    other = Prescriber.objects.exclude(organisation=prescriber.organisation).order_by("pk").first()
    other.user = User.objects.create_user(
        "autre.prescripteur@example.org", first_name="Paul", last_name="Ailleurs", kind=AccountKind.PRESCRIBER
    )
    other.save(update_fields=["user"])
    other_person = followed_participant(arras)
    if other_person == person:
        other_person = (
            Participant.objects.filter(pathways__territory=arras).exclude(pk=person.pk).order_by("pk").first()
        )
    other_person.user = User.objects.create_user(
        "autre.personne@example.org", first_name="Eva", last_name="Autre", kind=AccountKind.PARTICIPANT
    )
    other_person.save(update_fields=["user"])
    return OutsideWorld(arras, staff, prescriber.user, other.user, person.user, other_person.user, referral)


def _own(model: type[Model], path: str, **filters) -> Callable[[OutsideWorld], dict]:
    """An object of the person's own file: ``pk``."""

    def arguments(world: OutsideWorld) -> dict:
        return {"pk": _first(model.objects.filter(**{path: world.person.participant}, **filters)).pk}

    return arguments


# The arguments of the outside windows' URLs that take some: a referral of the prescriber's
# organisation, an object of the person's own file.
def _attachment_sent_by_the_organisation(world: OutsideWorld) -> dict:
    attached = _first(
        ReferralAttachment.objects.filter(
            referral__prescriber__organisation__prescribers__user=world.prescriber
        )
    )
    return {"pk": attached.referral_id, "attachment_pk": attached.pk}


OUTSIDE_ARGUMENTS: dict[str, Callable[[OutsideWorld], dict]] = {
    "portal:referral_detail": lambda world: {"pk": world.referral.pk},
    "portal:follow": lambda world: {"pk": world.referral.pk},
    "portal:attachment": _attachment_sent_by_the_organisation,
    "portal:activation_answer": lambda world: {
        "pk": _first(PrescriberActivation.objects.filter(prescriber__user=world.prescriber)).pk
    },
    "space:step_done": _own(Step, "pathway__participant", status=StepStatus.TODO),
    "space:skill_assess": _own(Skill, "participant"),
    "space:appointment_confirm": lambda world: _own(
        Appointment, "pathway__participant", starts_at__gt=timezone.now()
    )(world),
    "space:appointment_reschedule": lambda world: _own(
        Appointment, "pathway__participant", starts_at__gt=timezone.now()
    )(world),
}
