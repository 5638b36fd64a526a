"""Two-factor authentication for staff (django-otp): a time-based code from an authenticator app
(TOTP), and ten single-use recovery codes for the day the phone is lost.

Required when TWO_FACTOR_REQUIRED is on (the default in production): a staff member signed in with
their password is sent to set up their app the first time, then to type a code at every sign-in,
before any other page (TwoFactorMiddleware). `make run`'s demo leaves it off (DEBUG).
"""

from __future__ import annotations

import base64

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from chemin.accounts.models import User

APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODES = 10


def is_staff_member(user: User) -> bool:
    """Who must use two factors: the organisation's staff (members of a territory, admins)."""
    return user.is_superuser or user.memberships.exists()


def has_app(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user: User) -> TOTPDevice:
    """The authenticator being set up (not confirmed yet): the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=APP_DEVICE_NAME).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=APP_DEVICE_NAME)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key as the apps ask for it when typed by hand: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// link as an inline SVG QR code (drawn here: no image service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title=title, dark="#1b1b1b")


@transaction.atomic
def confirm_app(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a first code; returns fresh recovery codes, or None if the code is wrong."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten new single-use codes; the earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(user: User, token: str):
    """The confirmed device (app or recovery code) that accepts this code, or None."""
    token = token.replace(" ", "").lower()
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None
