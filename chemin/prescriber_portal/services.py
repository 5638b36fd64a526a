"""Writes of the prescriber portal: the digest setting, and the weekly digest email.

The digest covers whole days: from the day of the last one (included) to today (excluded), so a
change is told once, the week after the day it happened. The first digest covers the last week.
Logs carry ids only.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from chemin.prescriber_portal.milestones import Follow, follow_many, has_changes
from chemin.prescribers.models import Prescriber
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral

logger = logging.getLogger(__name__)

DIGEST_FIRST_PERIOD = datetime.timedelta(days=7)


@transaction.atomic
def prescriber_digest_set(*, prescriber: Prescriber, weekly: bool) -> Prescriber:
    """Turn the prescriber's weekly digest on or off."""
    prescriber.digest_weekly = weekly
    prescriber.save(update_fields=["digest_weekly", "updated_at"])
    logger.info("prescriber %s: weekly digest %s", prescriber.pk, "on" if weekly else "off")
    return prescriber


def person_name(referral: Referral) -> str:
    """How an email names the person: first name and last name initial (as activations do)."""
    initial = referral.last_name[:1].upper()
    return f"{referral.first_name} {initial}." if initial else referral.first_name


@dataclass(frozen=True)
class Digest:
    since: datetime.date
    until: datetime.date
    decisions: list[Referral]
    follows: list[Follow]

    @property
    def is_empty(self) -> bool:
        return not self.decisions and not self.follows


def digest_period(prescriber: Prescriber, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    if prescriber.digest_sent_at is None:
        return today - DIGEST_FIRST_PERIOD, today
    return timezone.localdate(prescriber.digest_sent_at), today


def digest_for(prescriber: Prescriber, *, today: datetime.date) -> Digest:
    """What changed, in the period, for the people this prescriber referred: the decisions on
    their referrals, and the new milestones of those who share them."""
    since, until = digest_period(prescriber, today)
    referrals = list(
        Referral.objects.filter(prescriber=prescriber)
        .filter(
            Q(decided_on__gte=since, decided_on__lt=until)
            | Q(status=ReferralStatus.ACCEPTED, pathway__closed_on__isnull=True)
            | Q(status=ReferralStatus.ACCEPTED, pathway__closed_on__gte=since)
        )
        .select_related("pathway")
        .order_by("last_name", "first_name", "pk")
    )
    decisions = [r for r in referrals if r.decided_on is not None and since <= r.decided_on < until]
    follows = [follow for follow in follow_many(referrals, since=since, until=until) if has_changes(follow)]
    return Digest(since=since, until=until, decisions=decisions, follows=follows)


def _digest_email(prescriber: Prescriber, digest: Digest, *, site_url: str) -> EmailMessage:
    context = {
        "prescriber": prescriber,
        "digest": digest,
        "decisions": [(person_name(r), r) for r in digest.decisions],
        "follows": [(person_name(f.referral), f) for f in digest.follows],
        "url": site_url.rstrip("/") + reverse("portal:home"),
        "settings_url": site_url.rstrip("/") + reverse("portal:settings"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("prescriber_portal/email/digest_subject.txt", context).strip()
        body = render_to_string("prescriber_portal/email/digest.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[prescriber.user.email])


@transaction.atomic
def prescriber_digest_send(
    *, prescriber: Prescriber, site_url: str, now: datetime.datetime | None = None
) -> bool:
    """Email the prescriber what changed since their last digest; nothing when nothing changed.
    Either way the period is closed, so the next digest starts from today. Return whether an
    email left."""
    now = now or timezone.now()
    prescriber = (
        Prescriber.objects.select_for_update(of=("self",)).select_related("user").get(pk=prescriber.pk)
    )
    today = timezone.localdate(now)
    if prescriber.user is None or not prescriber.user.is_active or not prescriber.digest_weekly:
        return False
    if prescriber.digest_sent_at is not None and timezone.localdate(prescriber.digest_sent_at) >= today:
        return False  # Already done today.
    digest = digest_for(prescriber, today=today)
    prescriber.digest_sent_at = now
    prescriber.save(update_fields=["digest_sent_at", "updated_at"])
    if digest.is_empty:
        logger.info("prescriber %s: nothing changed, no digest", prescriber.pk)
        return False
    # Sent inside the transaction: if the email cannot leave, the period stays open for next time.
    _digest_email(prescriber, digest, site_url=site_url).send()
    logger.info(
        "prescriber %s: digest sent (%s decisions, %s people)",
        prescriber.pk,
        len(digest.decisions),
        len(digest.follows),
    )
    return True


def prescriber_digests_send(*, site_url: str, now: datetime.datetime | None = None) -> int:
    """Send the week's digest to every prescriber with a portal account and the digest on; one
    transaction each, so one failure does not stop the others. Return how many emails left."""
    sent = 0
    prescribers = Prescriber.objects.filter(digest_weekly=True, user__isnull=False, user__is_active=True)
    for prescriber_pk in prescribers.values_list("pk", flat=True):
        try:
            sent += prescriber_digest_send(
                prescriber=Prescriber(pk=prescriber_pk), site_url=site_url, now=now
            )
        except Exception as error:
            # No traceback: a refused recipient's error quotes the address (logs carry ids only).
            logger.error("prescriber %s: the digest failed (%s)", prescriber_pk, type(error).__name__)
    return sent
