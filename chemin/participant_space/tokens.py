"""The sign-in links emailed to accompanied people (magic links).

A link carries the account's id and its last sign-in time, signed with a salt of its own and
dated: it works for PARTICIPANT_LINK_MAX_AGE seconds, and only once, since signing in moves the
last sign-in time on. Nothing else is in it: no email address, no name.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User

SALT = "chemin.participant_space.sign-in-link"


class LinkInvalid(Exception):
    """The link was altered, truncated or signed for something else, or its account is gone."""


class LinkExpired(Exception):
    """The link is genuine but older than PARTICIPANT_LINK_MAX_AGE."""


class LinkUsed(Exception):
    """The link is genuine, but the person signed in since it was sent (with it or otherwise)."""


def _login_stamp(user: User) -> str:
    return str(int(user.last_login.timestamp() * 1_000_000)) if user.last_login else ""


def make_token(user: User) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"u": user.pk, "l": _login_stamp(user)})


def user_from_token(token: str) -> User:
    """The account a link signs in, or LinkInvalid / LinkExpired / LinkUsed."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token, max_age=settings.PARTICIPANT_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise LinkInvalid
    user = User.objects.filter(
        pk=payload["u"],
        kind=AccountKind.PARTICIPANT,
        is_active=True,
        participant__isnull=False,
        participant__anonymised_at__isnull=True,
    ).first()
    if user is None:
        raise LinkInvalid
    if payload.get("l") != _login_stamp(user):
        raise LinkUsed
    return user
