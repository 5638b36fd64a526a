"""Demo accounts of the people outside the organisation: Céline Delcourt, the France Travail Arras
référent who refers people on the prescriber portal, and Anthony Hochart, whom she referred, in his
own space. Both sign in with the demo password; Anthony can also ask for a sign-in link. A référent
of the Mission Locale waits for a manager to approve her request for an account.

Anthony chose in his space to let Céline see his job wishes and job proposals on top of the
milestones. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from chemin.activations.models import PrescriberActivation
from chemin.activations.services import link_max_age
from chemin.participants.models import Participant
from chemin.prescribers.enums import OrganisationKind
from chemin.prescribers.models import PortalAccessRequest, Prescriber
from chemin.privacy.enums import ConsentChannel, ConsentPurpose, SharedItem
from chemin.privacy.models import ConsentRecord
from chemin.privacy.services import consent_record
from chemin.referrals.models import Referral

PRESCRIBER = ("Céline", "Delcourt", "France Travail Arras")
PARTICIPANT = ("Anthony", "Hochart")
ANTHONY_SHARES = [SharedItem.MILESTONES, SharedItem.JOB_WISHES, SharedItem.JOB_PROPOSALS]


def _account(*, email: str, first_name: str, last_name: str, kind: AccountKind, password: str) -> User:
    user, created = User.objects.get_or_create(
        email=email.lower(), defaults={"first_name": first_name, "last_name": last_name, "kind": kind}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_outside_accounts(*, password: str) -> list[tuple[User, str]]:
    """The two accounts, with what each is (for the list of demo logins)."""
    first_name, last_name, organisation = PRESCRIBER
    prescriber = Prescriber.objects.filter(
        first_name=first_name, last_name=last_name, organisation__name=organisation
    ).first()
    participant = Participant.objects.filter(first_name=PARTICIPANT[0], last_name=PARTICIPANT[1]).first()
    accounts = []
    if prescriber is not None:
        # First the agreement given at each first meeting; Anthony's own choice comes after.
        _share_milestones_with(prescriber)
    if prescriber is not None and prescriber.email:
        if prescriber.user_id is None:
            prescriber.user = _account(
                email=prescriber.email,
                first_name=first_name,
                last_name=last_name,
                kind=AccountKind.PRESCRIBER,
                password=password,
            )
            prescriber.save(update_fields=["user", "updated_at"])
        accounts.append((prescriber.user, str(AccountKind.PRESCRIBER.label)))
    if participant is not None and participant.email:
        if participant.user_id is None:
            participant.user = _account(
                email=participant.email,
                first_name=participant.first_name,
                last_name=participant.last_name,
                kind=AccountKind.PARTICIPANT,
                password=password,
            )
            participant.save(update_fields=["user", "updated_at"])
        chose_already = ConsentRecord.objects.filter(
            participant=participant, purpose=ConsentPurpose.PRESCRIBER_SHARING, by_participant=True
        ).exists()
        if not chose_already:
            consent_record(
                participant=participant,
                purpose=ConsentPurpose.PRESCRIBER_SHARING,
                granted=True,
                scope=ANTHONY_SHARES,
                recorded_by=None,
                by_participant=True,
                channel=ConsentChannel.PARTICIPANT_SPACE,
            )
        accounts.append((participant.user, str(AccountKind.PARTICIPANT.label)))
    if prescriber is not None and participant is not None:
        _ask_celine(prescriber, participant)
    # A référent of the Mission Locale asked for an account: Thierry (manager) has to decide.
    PortalAccessRequest.objects.get_or_create(
        email="helene.roussel@ml-arrageois.example.org",
        defaults={
            "first_name": "Hélène",
            "last_name": "Roussel",
            "job_title": "Conseillère en insertion",
            "organisation_name": "Mission Locale de l’Arrageois",
            "organisation_kind": OrganisationKind.MISSION_LOCALE,
            "phone": "03 21 15 20 40",
        },
    )
    return accounts


def _share_milestones_with(prescriber: Prescriber) -> None:
    """The other people Céline's agency referred agreed, at their first meeting, that she follows
    their milestones (the default)."""
    referrals = Referral.objects.filter(
        prescriber__organisation=prescriber.organisation, participant__isnull=False
    ).select_related("participant", "pathway__referent")
    for referral in referrals:
        if ConsentRecord.objects.filter(
            participant=referral.participant, purpose=ConsentPurpose.PRESCRIBER_SHARING
        ).exists():
            continue
        consent_record(
            participant=referral.participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=True,
            recorded_by=referral.pathway.referent,
            given_on=referral.first_meeting_on,
        )


def _ask_celine(prescriber: Prescriber, participant: Participant) -> None:
    """Karim asks Céline, on her portal, whether France Travail can fund a forklift licence."""
    pathway = participant.pathways.filter(referral__prescriber=prescriber).order_by("-pk").first()
    if pathway is None or PrescriberActivation.objects.filter(prescriber=prescriber).exists():
        return
    sent_at = timezone.now() - datetime.timedelta(days=2)
    PrescriberActivation.objects.create(
        pathway=pathway,
        prescriber=prescriber,
        request_text=(
            "Anthony vise un poste de préparateur de commandes : deux entrepôts d’Arras recrutent avec le "
            "CACES R489 (catégories 1, 3 et 5). France Travail peut-il financer la formation (AIF) ?"
        ),
        sent_at=sent_at,
        sent_by=pathway.referent,
        expires_at=sent_at + link_max_age(),
    )
