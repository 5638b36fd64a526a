"""Demo employer answer: on a contract past D+7, the employer answered the follow-up form and
signalled a transport difficulty (the bus does not run early enough for the morning shift).

Called by the demo seeding after the employments and their calendars exist:
``seed_employer_answers(employments=employments)``. Rows are written directly (no email leaves
during the seeding); idempotent: nothing is added when a demo employer answer already exists.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from chemin.employments.employer_link import link_max_age, signals_risk
from chemin.employments.enums import Channel, Difficulty, HowItGoes, Side
from chemin.employments.models import CheckIn, CheckInSide, EmployerRequest, Employment

COMMENT = (
    "Très bonne attitude et travail soigné. Seul souci : le premier bus arrive après la prise de "
    "poste de 6 h, elle a eu deux retards cette semaine."
)


@transaction.atomic
def seed_employer_answers(*, employments: Iterable[Employment]) -> EmployerRequest | None:
    """One answered employer form: the latest check-in already due whose employer side is still
    blank, on the first running employment with a contact email."""
    if EmployerRequest.objects.filter(answered_at__isnull=False).exists():
        return None
    today = timezone.localdate()
    for employment in employments:
        if not employment.is_running or employment.contact is None or not employment.contact.email:
            continue
        check_in = (
            CheckIn.objects.filter(employment=employment, due_on__lte=today)
            .exclude(sides__side=Side.EMPLOYER)
            .order_by("-due_on")
            .first()
        )
        if check_in is None:
            continue
        due_on = check_in.due_on
        sent_by = employment.pathway.referent or employment.created_by
        now = timezone.now()
        # Sent the morning it fell due, answered the next day — never in the future.
        sent_at = min(
            timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(9, 0))),
            now - datetime.timedelta(hours=2),
        )
        answered_at = min(sent_at + datetime.timedelta(hours=30), now)
        difficulties = [Difficulty.TRANSPORT]
        CheckInSide.objects.create(
            check_in=check_in,
            side=Side.EMPLOYER,
            done_on=timezone.localdate(answered_at),
            channel=Channel.ONLINE_FORM,
            how_it_goes=HowItGoes.RATHER_WELL,
            difficulties=difficulties,
            comment=COMMENT,
            recorded_by=None,
        )
        callback_wanted = True
        return EmployerRequest.objects.create(
            check_in=check_in,
            sent_to=employment.contact.email,
            sent_at=sent_at,
            sent_by=sent_by,
            expires_at=sent_at + link_max_age(),
            answered_at=answered_at,
            callback_wanted=callback_wanted,
            risk_signalled=signals_risk(
                how_it_goes=HowItGoes.RATHER_WELL, difficulties=difficulties, callback_wanted=callback_wanted
            ),
        )
    return None
