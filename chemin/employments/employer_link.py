"""The employer side of a follow-up check-in, answered without an account through an emailed link.

Sending: a counsellor, manager, admin or business developer of the pathway's territory emails
the employment's contact a link to a short form (how it goes, difficulties seen, callback wanted,
free text). The link carries only the request's id, signed with a salt of its own (a link of
another kind cannot be replayed here) and a timestamp: it stops working
EMPLOYER_LINK_MAX_AGE_DAYS after sending, and ``EmployerRequest.expires_at`` says the same in the
database.

Answering: the employer answers once. The answer becomes the check-in's employer side (channel
"online form", no staff member); a second visit, a tampered or an expired link records nothing.

The email tells the employer only what they already know: the employee's first name and last
name initial, the job, which check-in, and who asks. Never a barrier, never health. Logs carry ids.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chemin.core.alerts import Alert, AlertKind
from chemin.core.timeline import TimelineEvent
from chemin.employments.enums import Channel, Difficulty, HowItGoes, Milestone, Side
from chemin.employments.models import CheckIn, CheckInSide, EmployerRequest

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

logger = logging.getLogger(__name__)

TOKEN_SALT = "chemin.employments.employer-link"
COMMENT_MAX_LENGTH = 2000
TIMELINE_KIND = "employer_answer"

# How the employer reads each check-in, in the email and on the form.
MILESTONE_PHRASES = {
    Milestone.D7: gettext_lazy("follow-up at D+7"),
    Milestone.TRIAL_END: gettext_lazy("follow-up at the end of the trial period"),
    Milestone.M1: gettext_lazy("follow-up at M+1"),
    Milestone.M3: gettext_lazy("follow-up at M+3"),
    Milestone.M6: gettext_lazy("follow-up at M+6"),
}


class EmployerLinkInvalid(Exception):
    """The link was altered, truncated or signed for something else."""


class EmployerLinkExpired(Exception):
    """The link is genuine but too old: ``request`` says which one it was."""

    def __init__(self, request: EmployerRequest | None) -> None:
        super().__init__("employer link expired")
        self.request = request


class EmployerLinkAnswered(Exception):
    """The check-in's employer side is already recorded (through this link or by staff)."""

    def __init__(self, request: EmployerRequest) -> None:
        super().__init__("employer link already answered")
        self.request = request


def signals_risk(*, how_it_goes: int, difficulties: Iterable[str], callback_wanted: bool) -> bool:
    """The employer's answer signals a risk of rupture — the one place this rule is written.

    Any of: the employer says it is at risk of breaking off (1 on the 4-point scale); two
    difficulties or more at once; or a callback asked for while things go with difficulties or
    worse (≤ 2). One difficulty on a job that goes well is ordinary life at work, not a risk.
    """
    if how_it_goes == HowItGoes.AT_RISK:
        return True
    if len(set(difficulties)) >= 2:
        return True
    return callback_wanted and how_it_goes <= HowItGoes.DIFFICULT


def link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.EMPLOYER_LINK_MAX_AGE_DAYS)


def employer_token(request: EmployerRequest) -> str:
    return signing.dumps({"employer_request": request.pk}, salt=TOKEN_SALT)


def answer_url(request: EmployerRequest, *, site_url: str) -> str:
    path = reverse("employer_answers:answer", kwargs={"token": employer_token(request)})
    return site_url.rstrip("/") + path


def _queryset():
    return EmployerRequest.objects.select_related(
        "check_in__employment__pathway__participant",
        "check_in__employment__pathway__territory",
        "check_in__employment__company",
        "sent_by",
    )


def _request_id(payload: object) -> int | None:
    if isinstance(payload, dict) and isinstance(payload.get("employer_request"), int):
        return payload["employer_request"]
    return None


def request_from_token(token: str) -> EmployerRequest:
    """The request a link points to, or EmployerLinkInvalid / EmployerLinkExpired."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        # Genuine but old: find which request it was, to say whom to contact.
        try:
            payload = signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:  # pragma: no cover - same signature, checked just above
            raise EmployerLinkInvalid from None
        raise EmployerLinkExpired(_queryset().filter(pk=_request_id(payload)).first()) from None
    except signing.BadSignature:
        raise EmployerLinkInvalid from None
    request = _queryset().filter(pk=_request_id(payload)).first()
    if request is None:
        raise EmployerLinkInvalid
    if request.is_expired():
        raise EmployerLinkExpired(request)
    return request


def shared_name(participant: Participant) -> str:
    """What the employer reads of the person: first name and last name initial."""
    initial = participant.last_name[:1].upper()
    return f"{participant.first_name} {initial}." if initial else participant.first_name


def milestone_phrase(check_in: CheckIn) -> str:
    return str(MILESTONE_PHRASES[Milestone(check_in.milestone)])


def employer_side_recorded(check_in: CheckIn) -> bool:
    return CheckInSide.objects.filter(check_in=check_in, side=Side.EMPLOYER).exists()


@transaction.atomic
def employer_request_send(*, check_in: CheckIn, sent_by: User, site_url: str) -> EmployerRequest:
    """Email the employment's contact a signed, expiring link to answer the check-in's employer side.

    Sending again before an answer renews the same request (new link, new expiry). The email
    leaves once the transaction commits, so a rolled-back request sends nothing.
    """
    # Locked without joins: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    employment = check_in.employment
    contact = employment.contact
    if not employment.is_running:
        raise ValidationError(_("The contract has ended: the employer is no longer asked."))
    if contact is None or not contact.email:
        raise ValidationError(
            _(
                "The employer contact of this contract has no email address: add it on the "
                "company's page, or record the employer side after a call."
            )
        )
    existing = EmployerRequest.objects.filter(check_in=check_in).first()
    if (existing is not None and existing.is_answered) or employer_side_recorded(check_in):
        raise ValidationError(_("The employer side of this check-in is already recorded."))

    sent_at = timezone.now()
    request, _created = EmployerRequest.objects.update_or_create(
        check_in=check_in,
        defaults={
            "sent_to": contact.email,
            "sent_at": sent_at,
            "sent_by": sent_by,
            "expires_at": sent_at + link_max_age(),
        },
    )
    request = _queryset().get(pk=request.pk)
    message = _request_email(request, contact_name=contact.full_name, site_url=site_url)
    transaction.on_commit(lambda: _send(message, request.pk))
    logger.info(
        "employer request %s sent for check-in %s (employment %s) to contact %s by user %s",
        request.pk,
        check_in.pk,
        employment.pk,
        contact.pk,
        sent_by.pk,
    )
    return request


def _request_email(request: EmployerRequest, *, contact_name: str, site_url: str) -> EmailMessage:
    """The email, in French whatever the sender's interface language."""
    employment = request.check_in.employment
    pathway = employment.pathway
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contact_name": contact_name,
            "person": shared_name(pathway.participant),
            "job_title": employment.job_title,
            "company": employment.company.name,
            "check_in": milestone_phrase(request.check_in),
            "counsellor": request.sent_by.get_full_name() or request.sent_by.email,
            "counsellor_email": request.sent_by.email,
            "territory": pathway.territory.name,
            "url": answer_url(request, site_url=site_url),
            "expires_at": request.expires_at,
        }
        subject = render_to_string("employments/email/employer_request_subject.txt", context).strip()
        body = render_to_string("employments/email/employer_request.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[request.sent_to],
        reply_to=[request.sent_by.email] if request.sent_by.email else None,
    )


def _send(message: EmailMessage, request_pk: int) -> None:
    try:
        message.send()
    except Exception:
        # The request stays recorded as waiting; the counsellor can call the employer instead.
        logger.exception("employer request %s: the email could not be sent", request_pk)
        return
    logger.info("employer request %s: email sent", request_pk)


@transaction.atomic
def employer_request_answer(
    *,
    request: EmployerRequest,
    how_it_goes: int,
    difficulties: list[str],
    callback_wanted: bool,
    comment: str,
    now: datetime.datetime | None = None,
) -> CheckInSide:
    """Record the employer's answer as the check-in's employer side, once.

    Raises EmployerLinkExpired past the expiry, EmployerLinkAnswered when the side already exists
    (answered through the link, or recorded by staff meanwhile), ValidationError on bad values.
    """
    now = now or timezone.now()
    request = EmployerRequest.objects.select_for_update().get(pk=request.pk)
    if request.is_answered or employer_side_recorded(request.check_in):
        raise EmployerLinkAnswered(request)
    if request.is_expired(now):
        raise EmployerLinkExpired(request)
    if how_it_goes not in HowItGoes.values:
        raise ValidationError({"how_it_goes": _("Say how it goes.")})
    unknown = set(difficulties) - set(Difficulty.values)
    if unknown:
        raise ValidationError({"difficulties": _("Choose difficulties from the list.")})
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": _("The comment is too long.")})
    # Keep the list's order, whatever order the browser sent them in.
    difficulties = [value for value in Difficulty.values if value in difficulties]

    try:
        with transaction.atomic():
            side = CheckInSide.objects.create(
                check_in=request.check_in,
                side=Side.EMPLOYER,
                done_on=timezone.localdate(now),
                channel=Channel.ONLINE_FORM,
                how_it_goes=how_it_goes,
                difficulties=difficulties,
                actions_agreed="",
                comment=comment,
                recorded_by=None,
            )
    except IntegrityError:
        # Staff recorded the employer side between our check and the insert.
        raise EmployerLinkAnswered(request) from None
    request.answered_at = now
    request.callback_wanted = callback_wanted
    request.risk_signalled = signals_risk(
        how_it_goes=how_it_goes, difficulties=difficulties, callback_wanted=callback_wanted
    )
    request.save(update_fields=["answered_at", "callback_wanted", "risk_signalled", "updated_at"])
    logger.info(
        "employer request %s answered (check-in %s, side %s, risk %s)",
        request.pk,
        request.check_in_id,
        side.pk,
        request.risk_signalled,
    )
    return side


@transaction.atomic
def employer_risk_handle(*, request: EmployerRequest, handled_by: User) -> EmployerRequest:
    """A counsellor took the signalled risk in hand: it leaves the alerts."""
    request = EmployerRequest.objects.select_for_update().get(pk=request.pk)
    if not request.risk_signalled:
        raise ValidationError(_("This answer signalled no risk."))
    if request.risk_handled_at is None:
        request.risk_handled_at = timezone.now()
        request.risk_handled_by = handled_by
        request.save(update_fields=["risk_handled_at", "risk_handled_by", "updated_at"])
        logger.info("employer request %s: risk handled by user %s", request.pk, handled_by.pk)
    return request


def _answer_url(participant_pk: int) -> str:
    url = reverse("participants:timeline", kwargs={"pk": participant_pk})
    return f"{url}?kind={TIMELINE_KIND}"


RISK_ALERT = AlertKind(
    "employer_risk", gettext_lazy("Risks of breaking off signalled by the employer"), order=70
)


def employer_risk_alerts(user: User) -> list[Alert]:
    """Employer answers that signalled a risk of rupture, not yet taken in hand, on the pathways
    the user follows (referent, or manager/admin of the territory). One query.

    An alert goes away when a counsellor marks it handled, when staff record a later side of the
    same contract (they have been in touch since), when the contract ends or the pathway closes.
    """
    later_staff_side = CheckInSide.objects.filter(
        check_in__employment=OuterRef("check_in__employment"),
        recorded_by__isnull=False,
        created_at__gt=OuterRef("answered_at"),
    )
    requests = (
        EmployerRequest.objects.followed_by(user)
        .filter(
            risk_signalled=True, risk_handled_at__isnull=True, check_in__employment__ended_on__isnull=True
        )
        .exclude(Exists(later_staff_side))
        .select_related("check_in__employment__pathway__participant")
        .order_by("answered_at", "pk")
    )
    alerts = []
    for request in requests:
        employment = request.check_in.employment
        participant = employment.pathway.participant
        alerts.append(
            Alert(
                kind=RISK_ALERT.code,
                # No difficulty named: a health difficulty would show on a shared screen.
                title=_("%(person)s: the employer signals a risk of breaking off (%(job)s)")
                % {"person": participant.full_name, "job": employment.job_title},
                url=_answer_url(participant.pk),
                since=timezone.localdate(request.answered_at),
                territory_id=employment.pathway.territory_id,
                referent_id=employment.pathway.referent_id,
            )
        )
    return alerts


def employer_answer_events(participant: Participant, user: User) -> list[TimelineEvent]:
    """The employer's answers through the link on the participant timeline, flagged when they
    signal a risk. Business developers see them (the employer relationship is theirs), except a
    health difficulty, which only the referent and managers read. A fixed number of queries."""
    from chemin.participants.access import can_see_restricted, current_pathway
    from chemin.participants.models import Participant as ParticipantModel

    if not ParticipantModel.objects.visible_to(user).filter(pk=participant.pk).exists():
        return []
    requests = list(
        EmployerRequest.objects.filter(
            check_in__employment__pathway__participant=participant, answered_at__isnull=False
        )
        .select_related("check_in__employment")
        .order_by("answered_at")
    )
    if not requests:
        return []
    sides = {
        side.check_in_id: side
        for side in CheckInSide.objects.filter(
            check_in__in=[request.check_in_id for request in requests], side=Side.EMPLOYER
        )
    }
    # Who may read a health difficulty: asked only when one is there.
    if any(Difficulty.HEALTH in side.difficulties for side in sides.values()):
        sees_health = can_see_restricted(user, current_pathway(participant))
    else:
        sees_health = False
    kind_label = _("Employer follow-up")
    labels = dict(Difficulty.choices)
    events = []
    for request in requests:
        side = sides.get(request.check_in_id)
        if side is None:  # pragma: no cover - the side is created with the answer
            continue
        difficulties = [
            str(labels[value])
            for value in side.difficulties
            if value in labels and (sees_health or value != Difficulty.HEALTH)
        ]
        title = _("Employer's answer to the %(check_in)s: %(how)s") % {
            "check_in": milestone_phrase(request.check_in),
            "how": side.get_how_it_goes_display(),
        }
        if request.risk_signalled:
            title = _("%(title)s — risk of breaking off") % {"title": title}
        details = []
        if difficulties:
            details.append(_("Difficulties: %(list)s.") % {"list": ", ".join(difficulties)})
        if request.callback_wanted:
            details.append(_("Wishes to be called back."))
        if side.comment:
            details.append(side.comment)
        events.append(
            TimelineEvent(
                at=request.answered_at,
                kind=TIMELINE_KIND,
                kind_label=kind_label,
                title=title,
                detail="\n".join(details),
                url=_answer_url(participant.pk),
                extra={
                    "employer_request_id": request.pk,
                    "employment_id": request.check_in.employment_id,
                    "risk": request.risk_signalled,
                },
            )
        )
    return events
