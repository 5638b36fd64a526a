"""Zéphyrine Quorvath-Belleau, a person with something in every place a file holds data, each
text of hers unique enough to be searched for in the whole database afterwards.

``rich_person(...)`` goes through the services where they exist (referral, barriers, wishes,
employment, exit), so the rows are those the application writes, change history included.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.appointments.enums import AppointmentStatus, DeliveryStatus, ReminderChannel
from chemin.appointments.models import Appointment, ReminderDelivery
from chemin.barriers.enums import BarrierCategory, BarrierStatus, ConstraintKind
from chemin.barriers.services import ConstraintTerms, barrier_change_status, barrier_create
from chemin.core.dates import add_months
from chemin.documents.demo import minimal_pdf
from chemin.documents.enums import DocumentKind
from chemin.documents.services import document_create
from chemin.employments.enums import Channel, ContractType, HowItGoes, Side
from chemin.employments.models import CheckIn, CheckInSide, EmployerRequest
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.models import ExitReview
from chemin.exits.services import pathway_close
from chemin.immersions.enums import Attendance, ImmersionStatus
from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import Placement, PlacementTransition
from chemin.participants.models import Participant
from chemin.participants.services import participant_update
from chemin.partners.models import PartnerReferral
from chemin.pathways.enums import Phase
from chemin.pathways.models import ReferentChange
from chemin.pathways.services import pathway_change_phase
from chemin.portfolio.models import Experience, Skill
from chemin.referrals.services import referral_accept, referral_create
from chemin.steps.enums import StepOwner, StepStatus
from chemin.steps.models import Step
from tests.agreements.factories import IaeEligibilityCheckFactory
from tests.employments.factories import make_employment
from tests.events.factories import EventFactory, EventParticipantFactory
from tests.immersions.factories import ImmersionFactory
from tests.jobwishes.factories import JobWishFactory, change_wish
from tests.opportunities.factories import make_company, make_opportunity
from tests.partners.factories import make_partner
from tests.prescribers.factories import PrescriberFactory
from tests.workshops.factories import RegistrationFactory, WorkshopFactory

FIRST_NAME = "Zéphyrine"
LAST_NAME = "Quorvath-Belleau"
EMAIL = "zephyrine.quorvath@example.org"
PHONE = "07 61 23 45 89"
ADDRESS = "17 impasse des Glycines Zorvathiennes"
FRANCE_TRAVAIL_ID = "9876543ZQ"


@dataclass
class RichPerson:
    participant: Participant
    # Every name, contact detail and free text of hers, by where it was written.
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def identity(self) -> dict[str, str]:
        return {
            "first name": FIRST_NAME,
            "last name": LAST_NAME,
            "email": EMAIL,
            "phone": PHONE,
            "address": ADDRESS,
            "France Travail id": FRANCE_TRAVAIL_ID,
        }

    @property
    def needles(self) -> dict[str, str]:
        return {**self.identity, **self.texts}


def _text(texts: dict[str, str], where: str, words: str) -> str:
    """A text of hers, marked with where it was written so each one is unique."""
    texts[where] = f"{words} (QZV {where})"
    return texts[where]


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def rich_person(*, territory, referent, manager, closed_on: datetime.date) -> RichPerson:
    """Her pathway runs from about ten months before ``closed_on`` to ``closed_on``."""
    texts: dict[str, str] = {}
    referred_on = add_months(closed_on, -10)
    entry = referred_on + datetime.timedelta(days=9)

    prescriber = PrescriberFactory()
    referral = referral_create(
        recorded_by=referent,
        territory=territory,
        prescriber=prescriber,
        referred_on=referred_on,
        reason=_text(texts, "referral reason", "Sort d'une longue maladie, cherche un poste calme"),
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        birth_date=datetime.date(1987, 5, 23),
        email=EMAIL,
        phone=PHONE,
        attachments=[
            ContentFile(minimal_pdf([f"{FIRST_NAME} {LAST_NAME}"]), name="Orientation_Zephyrine_Quorvath.pdf")
        ],
    )
    pathway = referral_accept(
        referral=referral, accepted_by=referent, first_meeting_on=entry, referent=referent
    )
    participant = pathway.participant
    participant_update(
        participant=participant,
        updated_by=referent,
        data={
            "address": ADDRESS,
            "postal_code": "62300",
            "france_travail_registered": True,
            "france_travail_id": FRANCE_TRAVAIL_ID,
            "languages": _text(texts, "languages", "tamoul et créole réunionnais"),
            "qpv_resident": True,
            "income_support": "rsa",
        },
    )
    pathway_change_phase(pathway=pathway, phase=Phase.TOWARDS_EMPLOYMENT, changed_by=referent)
    ReferentChange.objects.create(
        pathway=pathway,
        previous_referent=referent,
        new_referent=referent,
        changed_by=manager,
        reason=_text(texts, "referent change", "Zéphyrine préfère une conseillère"),
    )

    wish = JobWishFactory(
        pathway=pathway, title_in_own_words=_text(texts, "wish", "travailler avec les chevaux")
    )
    change_wish(wish, title_in_own_words=_text(texts, "wish v2", "soigner les chevaux de trait"))
    Step.objects.create(
        pathway=pathway,
        title=_text(texts, "step", "Appeler sa sœur Rosalinde pour la garde"),
        owner=StepOwner.PARTNER,
        owner_name=_text(texts, "step owner", "Rosalinde Quorvath"),
        due_date=entry + datetime.timedelta(days=20),
        status=StepStatus.DONE,
        done_on=entry + datetime.timedelta(days=18),
        created_by=referent,
    )
    for visibility, where in [
        (NoteVisibility.TEAM, "team note"),
        (NoteVisibility.RESTRICTED, "restricted note"),
    ]:
        Note.objects.create(
            pathway=pathway,
            author=referent,
            date=entry + datetime.timedelta(days=5),
            text=_text(texts, where, "Confie un suivi psychiatrique au CMP de Lens"),
            visibility=visibility,
        )
    experience = Experience.objects.create(
        participant=participant,
        kind="paid_work",
        title=_text(texts, "experience title", "Palefrenière au haras des Quatre-Vents"),
        organisation=_text(texts, "experience organisation", "Haras Zorvath"),
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 6, 30),
        description=_text(texts, "experience description", "Soins quotidiens à trente juments"),
    )
    Skill.objects.create(
        participant=participant,
        label=_text(texts, "skill", "Dressage des poulains"),
        kind="professional",
        source_experience=experience,
        self_rating=3,
    )
    Skill.objects.create(
        participant=participant,
        label=_text(texts, "informal skill", "Tressage des crinières"),
        kind="professional",
        source_text=_text(texts, "skill source", "appris avec son grand-père Anselme"),
        self_rating=2,
    )

    identified = entry + datetime.timedelta(days=30)
    health = barrier_create(
        pathway=pathway,
        identified_by=referent,
        category=BarrierCategory.HEALTH,
        situation="15",
        own_words=_text(texts, "barrier words", "Mon dos me lâche depuis l'accident de 2019"),
        identified_on=identified,
        consent_given_on=identified,
        constraints=[ConstraintTerms(kind=ConstraintKind.NO_HEAVY_LOADS)],
    )
    barrier_change_status(
        barrier=health,
        status=BarrierStatus.LIFTED,
        changed_by=referent,
        on=identified + datetime.timedelta(days=60),
        comment=_text(texts, "barrier comment", "Opérée à Salengro, va mieux"),
    )
    mobility = barrier_create(
        pathway=pathway,
        identified_by=referent,
        category=BarrierCategory.MOBILITY,
        situation="6",
        own_words=_text(texts, "mobility words", "Le bus de Loison ne passe plus"),
        identified_on=identified,
    )
    partner = make_partner(territories=[territory], name="Garage solidaire du Bassin")
    PartnerReferral.objects.create(
        pathway=pathway,
        barrier=mobility,
        partner=partner,
        status="done",
        sent_on=identified + datetime.timedelta(days=2),
        answered_on=identified + datetime.timedelta(days=5),
        closed_on=identified + datetime.timedelta(days=20),
        outcome=_text(texts, "partner outcome", "Voiture prêtée à Zéphyrine trois mois"),
        created_by=referent,
    )
    sent_at = at(identified + datetime.timedelta(days=3))
    PrescriberActivation.objects.create(
        pathway=pathway,
        barrier=health,
        prescriber=prescriber,
        request_text=_text(texts, "activation request", "Pouvez-vous appuyer son dossier MDPH"),
        sent_at=sent_at,
        sent_by=referent,
        expires_at=sent_at + datetime.timedelta(days=30),
        status=ActivationStatus.DONE,
        answer_text=_text(texts, "activation answer", "Dossier MDPH déposé par nos soins"),
        answered_at=sent_at + datetime.timedelta(days=4),
        last_answered_at=sent_at + datetime.timedelta(days=4),
        answer_count=1,
    )

    company = make_company(territory, name="Écuries du Pévèle")
    opportunity = make_opportunity(company, referent, rome="A1501", title="Soigneuse animalière")
    proposed = entry + datetime.timedelta(days=100)
    placement = Placement.objects.create(
        pathway=pathway,
        opportunity=opportunity,
        status=PlacementStatus.HIRED,
        status_changed_on=proposed + datetime.timedelta(days=10),
        proposed_on=proposed,
        refusal_detail=_text(texts, "placement detail", "hésitait à cause de sa fille Ondine"),
        created_by=referent,
    )
    PlacementTransition.objects.create(
        placement=placement,
        from_status=PlacementStatus.PROPOSED,
        to_status=PlacementStatus.HIRED,
        on=proposed + datetime.timedelta(days=10),
        by=referent,
        comment=_text(texts, "placement comment", "Entretien réussi malgré le stress"),
    )
    ImmersionFactory(
        pathway=pathway,
        company=company,
        start_date=proposed - datetime.timedelta(days=20),
        end_date=proposed - datetime.timedelta(days=16),
        status=ImmersionStatus.ASSESSED,
        attendance=Attendance.COMPLETED,
        assessed_on=proposed - datetime.timedelta(days=15),
        participant_comments=_text(texts, "immersion person", "J'ai adoré le poney Caramel"),
        tutor_comments=_text(texts, "immersion tutor", "Zéphyrine est très douce avec les bêtes"),
    )
    EventParticipantFactory(pathway=pathway, event=EventFactory(territory=territory, date=proposed))
    RegistrationFactory(pathway=pathway, workshop=WorkshopFactory(territory=territory, past=True))
    IaeEligibilityCheckFactory(pathway=pathway, checked_by=referent, checked_on=entry)

    start = proposed + datetime.timedelta(days=14)
    employment = make_employment(
        pathway,
        company=company,
        job_title="Soigneuse animalière",
        contract_type=ContractType.CDI,
        hours_per_week=Decimal(35),
        start_date=start,
    )
    check_in = CheckIn.objects.filter(employment=employment).order_by("due_on").first()
    for side, where in [(Side.EMPLOYEE, "employee side"), (Side.EMPLOYER, "employer side")]:
        CheckInSide.objects.create(
            check_in=check_in,
            side=side,
            done_on=check_in.due_on,
            channel=Channel.CALL,
            how_it_goes=HowItGoes.RATHER_WELL,
            difficulties=["health"],
            actions_agreed=_text(texts, f"{where} actions", "Prévoir un siège ergonomique"),
            comment=_text(texts, f"{where} comment", "Elle boite encore le matin"),
            recorded_by=referent,
        )
    EmployerRequest.objects.create(
        check_in=check_in,
        sent_to="rh@ecuries-peveles.example.org",
        sent_at=at(check_in.due_on),
        sent_by=referent,
        expires_at=at(check_in.due_on + datetime.timedelta(days=21)),
    )

    appointment = Appointment.objects.create(
        pathway=pathway,
        staff=referent,
        starts_at=at(entry + datetime.timedelta(days=40)),
        duration_minutes=60,
        kind="monthly_follow_up",
        place=_text(texts, "appointment place", "Chez elle, 17 impasse des Glycines"),
        status=AppointmentStatus.HELD,
        status_changed_at=at(entry + datetime.timedelta(days=40), 12),
        notes=_text(texts, "appointment notes", "A pleuré en parlant de son fils Tiburce"),
        created_by=referent,
    )
    ReminderDelivery.objects.create(
        appointment=appointment,
        channel=ReminderChannel.SMS,
        starts_at=appointment.starts_at,
        status=DeliveryStatus.FAILED,
        attempts=1,
        last_error=_text(texts, "reminder error", "numéro 07 61 23 45 89 injoignable"),
    )

    document_create(
        participant=participant,
        pathway=pathway,
        uploaded_by=referent,
        kind=DocumentKind.CV,
        title=_text(texts, "document title", "CV de Zéphyrine"),
        file=ContentFile(minimal_pdf([f"{FIRST_NAME} {LAST_NAME}"]), name="CV_Zephyrine_Quorvath.pdf"),
    )
    texts["document file name"] = "CV_Zephyrine_Quorvath"

    pathway_close(
        pathway=pathway,
        category=ExitCategory.OTHER,
        reason=ExitReason.OTHER,
        detail=_text(texts, "exit detail", "Part vivre chez sa mère à Hénin"),
        closed_on=closed_on,
        closed_by=referent,
    )
    ExitReview.objects.create(
        pathway=pathway,
        achievements=_text(texts, "review achievements", "Zéphyrine a retrouvé confiance"),
        remaining_barriers=_text(texts, "review barriers", "Douleurs au dos persistantes"),
        next_steps=_text(texts, "review next steps", "Suivi par le CMP de Hénin"),
        read_with_person_on=closed_on,
        written_by=referent,
    )
    # An edit through the admin would leave the person's name in the admin's own log.
    LogEntry.objects.create(
        user=manager,
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(participant.pk),
        object_repr=str(participant),
        action_flag=CHANGE,
        change_message="[]",
    )
    participant.refresh_from_db()
    return RichPerson(participant=participant, texts=texts)
