"""Writes on prescribers that span models."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from chemin.prescribers.enums import AccessRequestStatus
from chemin.prescribers.models import PortalAccessRequest, Prescriber, PrescriberOrganisation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewPrescriber:
    """A référent typed in by hand (in the referral form), with their organisation's name and kind."""

    organisation_name: str
    organisation_kind: str
    first_name: str
    last_name: str
    job_title: str = ""
    email: str = ""
    phone: str = ""


@transaction.atomic
def prescriber_create(*, details: NewPrescriber) -> Prescriber:
    """Add a référent, and their organisation unless one of that kind already reads the same.

    "france travail lens" and "France Travail Lens" are one organisation: the directory must not
    fill up with near twins when people type the name by hand in the referral form.
    """
    organisation = PrescriberOrganisation.objects.same_name(
        name=details.organisation_name, kind=details.organisation_kind
    ).first()
    if organisation is None:
        organisation = PrescriberOrganisation.objects.create(
            name=details.organisation_name.strip(), kind=details.organisation_kind
        )
        logger.info("prescriber organisation %s created", organisation.pk)
    prescriber = Prescriber.objects.create(
        organisation=organisation,
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        job_title=details.job_title.strip(),
        email=details.email,
        phone=details.phone,
    )
    logger.info("prescriber %s created in organisation %s", prescriber.pk, organisation.pk)
    return prescriber


def _invitation_email(prescriber: Prescriber, user: User, *, invited_by: User, site_url: str) -> EmailMessage:
    """The "choose your password" email, in French whatever the sender's interface language."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "prescriber": prescriber,
        "organisation": prescriber.organisation.name,
        "email": user.email,
        "invited_by": invited_by.get_full_name() or invited_by.email,
        "url": site_url.rstrip("/") + path,
        "hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("prescribers/email/invitation_subject.txt", context).strip()
        body = render_to_string("prescribers/email/invitation.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


def _follow_the_new_address(prescriber: Prescriber, user: User) -> None:
    """The référent's address was corrected in the directory since the last invitation: the
    account moves to it, and whoever held the old address loses it (no password, signed out)."""
    email = User.objects.normalize_email(prescriber.email).lower()
    if email == user.email:
        return
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError(
            _(
                "The address %(email)s is already used by another account of Chemin faisant: "
                "give this référent another address, or contact an administrator."
            )
            % {"email": email},
            code="email_taken",
        )
    user.email = email
    user.set_unusable_password()
    user.session_generation += 1
    user.save(update_fields=["email", "password", "session_generation", "updated_at"])
    logger.info(
        "prescriber %s: portal account %s moved to the directory's new address", prescriber.pk, user.pk
    )


@transaction.atomic
def prescriber_invite(*, prescriber: Prescriber, invited_by: User, site_url: str) -> User:
    """Open the référent's account on the prescriber portal (or reuse it) and email them a link
    to choose their password. Inviting again sends a new link.

    The account has no usable password until they choose one. An address already used by a staff
    member, an accompanied person or another référent is refused: one account, one window.
    """
    prescriber = Prescriber.objects.select_for_update().select_related("organisation").get(pk=prescriber.pk)
    if not prescriber.email:
        raise ValidationError(
            _("This référent has no email address: add it first, the invitation is sent by email."),
            code="no_email",
        )
    user = prescriber.user
    if user is None:
        email = User.objects.normalize_email(prescriber.email).lower()
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            taken = (
                existing.kind != AccountKind.PRESCRIBER or Prescriber.objects.filter(user=existing).exists()
            )
            if taken:
                raise ValidationError(
                    _(
                        "The address %(email)s is already used by another account of Chemin faisant: "
                        "give this référent another address, or contact an administrator."
                    )
                    % {"email": email},
                    code="email_taken",
                )
            user = existing
        else:
            user = User.objects.create_user(
                email,
                None,  # No usable password: they choose one through the link.
                first_name=prescriber.first_name,
                last_name=prescriber.last_name,
                kind=AccountKind.PRESCRIBER,
            )
            logger.info("prescriber %s: portal account %s created", prescriber.pk, user.pk)
        prescriber.user = user
        prescriber.save(update_fields=["user", "updated_at"])
    elif not user.is_active:
        raise ValidationError(
            _("This référent's portal account is deactivated: contact an administrator."),
            code="inactive",
        )
    else:
        _follow_the_new_address(prescriber, user)
    message = _invitation_email(prescriber, user, invited_by=invited_by, site_url=site_url)
    transaction.on_commit(lambda: message.send())
    logger.info(
        "prescriber %s invited to the portal (account %s) by user %s", prescriber.pk, user.pk, invited_by.pk
    )
    return user


# --- Access requested by a référent on the portal's public page, decided by a manager ---


def access_request_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    job_title: str,
    organisation_name: str,
    organisation_kind: str,
) -> PortalAccessRequest:
    """Record the request; asking again while one waits changes nothing (one request per address)."""
    email = User.objects.normalize_email(email).lower()
    waiting = PortalAccessRequest.objects.filter(
        email__iexact=email, status=AccessRequestStatus.PENDING
    ).first()
    if waiting is not None:
        logger.info("portal access request %s asked again", waiting.pk)
        return waiting
    request = PortalAccessRequest.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone,
        job_title=job_title.strip(),
        organisation_name=organisation_name.strip(),
        organisation_kind=organisation_kind,
    )
    logger.info("portal access request %s recorded", request.pk)
    return request


def _lock_pending(access_request: PortalAccessRequest) -> PortalAccessRequest:
    access_request = PortalAccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if access_request.status != AccessRequestStatus.PENDING:
        raise ValidationError(_("This request was already decided."), code="already_decided")
    return access_request


@transaction.atomic
def access_request_approve(
    *, access_request: PortalAccessRequest, approved_by: User, site_url: str
) -> Prescriber:
    """Add the référent to the directory (in their organisation, found by its name or created),
    or find them there by their address, and send them the invitation."""
    access_request = _lock_pending(access_request)
    prescriber = Prescriber.objects.filter(
        email__iexact=access_request.email,
        organisation__in=PrescriberOrganisation.objects.same_name(
            name=access_request.organisation_name, kind=access_request.organisation_kind
        ),
    ).first() or prescriber_create(
        details=NewPrescriber(
            organisation_name=access_request.organisation_name,
            organisation_kind=access_request.organisation_kind,
            first_name=access_request.first_name,
            last_name=access_request.last_name,
            job_title=access_request.job_title,
            email=access_request.email,
            phone=access_request.phone,
        )
    )
    prescriber_invite(prescriber=prescriber, invited_by=approved_by, site_url=site_url)
    access_request.status = AccessRequestStatus.APPROVED
    access_request.prescriber = prescriber
    access_request.decided_by = approved_by
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "prescriber", "decided_by", "decided_at"])
    logger.info("portal access request %s approved by user %s", access_request.pk, approved_by.pk)
    return prescriber


@transaction.atomic
def access_request_decline(*, access_request: PortalAccessRequest, declined_by: User) -> PortalAccessRequest:
    access_request = _lock_pending(access_request)
    access_request.status = AccessRequestStatus.DECLINED
    access_request.decided_by = declined_by
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "decided_by", "decided_at"])
    logger.info("portal access request %s declined by user %s", access_request.pk, declined_by.pk)
    return access_request
