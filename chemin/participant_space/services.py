"""Writes of the participant space: opening it (staff), emailing sign-in links, the person's
sharing choice. The person's other changes go through their apps' own services (steps, job
wishes, portfolio, appointments), marked as theirs.

Logs carry ids only: never an email address or a name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from chemin.participant_space.tokens import make_token
from chemin.participants.models import Participant
from chemin.privacy.enums import ConsentChannel, ConsentPurpose
from chemin.privacy.models import ConsentRecord
from chemin.privacy.services import consent_record

logger = logging.getLogger(__name__)

# At most this many links per address and per window (seconds): enough for a person who lost
# the email, too few to flood someone's mailbox.
LINKS_PER_WINDOW = 3
LINK_WINDOW_SECONDS = 15 * 60


class SpaceError(Exception):
    """The space cannot be opened; ``message`` says why, for the staff member."""


def sign_in_url(user: User, *, site_url: str) -> str:
    return site_url.rstrip("/") + reverse("space:link_sign_in", kwargs={"token": make_token(user)})


def send_link(user: User, *, site_url: str, first_time: bool) -> bool:
    """Email a sign-in link, in the organisation's language. False if the email could not go."""
    context = {
        "first_name": user.first_name,
        "url": sign_in_url(user, site_url=site_url),
        "minutes": settings.PARTICIPANT_LINK_MAX_AGE // 60,
        "first_time": first_time,
        "organisation_name": getattr(settings, "ORGANISATION_NAME", ""),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("participant_space/email/link_subject.txt", context)
        body = render_to_string("participant_space/email/link.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])
    try:
        message.send()
    except Exception as error:
        # No traceback: a refused recipient's error quotes the address (logs carry ids only).
        logger.error("sign-in link for user %s could not be sent (%s)", user.pk, type(error).__name__)
        return False
    logger.info("sign-in link sent to user %s", user.pk)
    return True


@transaction.atomic
def space_open(*, participant: Participant, opened_by: User, site_url: str) -> User:
    """Open the person's space: an account of their own (no password: they sign in by email link,
    or choose a password later), linked to their file, and a first link by email.

    Opening it again sends a new link (and brings the account's email in line with the file).
    Raises SpaceError when the file has no email address, or another account already uses it.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    email = (participant.email or "").strip().lower()
    if not email:
        raise SpaceError("no_email")
    others = User.objects.filter(email__iexact=email)
    user = participant.user
    if user is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise SpaceError("email_taken")
    first_time = user is None
    if user is None:
        user = User.objects.create_user(
            email,
            None,  # an unusable password: the link is the way in
            kind=AccountKind.PARTICIPANT,
            first_name=participant.first_name,
            last_name=participant.last_name,
        )
        participant.user = user
        participant.save(update_fields=["user", "updated_at"])
    else:
        user.email = email
        user.first_name = participant.first_name
        user.last_name = participant.last_name
        user.is_active = True
        user.save(update_fields=["email", "first_name", "last_name", "is_active"])
    logger.info("space of participant %s opened (user %s) by user %s", participant.pk, user.pk, opened_by.pk)
    send_link(user, site_url=site_url, first_time=first_time)
    return user


def _rate_key(email: str) -> str:
    from django.utils.crypto import salted_hmac

    return "space-link:" + salted_hmac("space-link-rate", email).hexdigest()


def link_request(*, email: str, site_url: str) -> None:
    """Email a sign-in link if a person's account has that address; otherwise do nothing.

    The caller answers the same either way (no one learns whether an address is known). A few
    requests per address and quarter of an hour; more are ignored, as silently.
    """
    email = email.strip().lower()
    key = _rate_key(email)
    count = cache.get(key, 0)
    if count >= LINKS_PER_WINDOW:
        logger.info("sign-in link request over the limit, ignored")
        return
    cache.set(key, count + 1, LINK_WINDOW_SECONDS)
    user = User.objects.filter(
        email__iexact=email,
        kind=AccountKind.PARTICIPANT,
        is_active=True,
        participant__isnull=False,
        participant__anonymised_at__isnull=True,
    ).first()
    if user is None:
        logger.info("sign-in link requested for no known account")
    # Queued either way, and sent by the worker: a known address answers no slower than another.
    from chemin.participant_space.tasks import send_sign_in_link

    send_sign_in_link.enqueue(user.pk if user else 0, site_url)


@transaction.atomic
def sharing_update(*, participant: Participant, items: Iterable[str]) -> ConsentRecord:
    """The person chooses, in their space, what their prescriber may see: a new record of the
    sharing history (nothing chosen: they share nothing)."""
    items = list(items)
    return consent_record(
        participant=participant,
        purpose=ConsentPurpose.PRESCRIBER_SHARING,
        granted=bool(items),
        scope=items,
        recorded_by=None,
        by_participant=True,
        channel=ConsentChannel.PARTICIPANT_SPACE,
    )
