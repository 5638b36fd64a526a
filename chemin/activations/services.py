"""Sending a prescriber activation and recording the prescriber's answer through the signed link.

The link carries only the activation's id, signed with a salt of its own (a link of another kind
cannot be replayed here) and a timestamp: it stops working ACTIVATION_LINK_MAX_AGE_DAYS after
sending, and the activation's ``expires_at`` says the same in the database.

The email says only what the person agreed to share with their prescriber: their first name and
last name initial, who asks (counsellor and territory) and the request. For a health or justice
barrier it says nothing of the category. Logs carry ids only.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chemin.accounts.models import User
from chemin.activations.enums import ActivationStatus
from chemin.activations.models import ANSWER_MAX_LENGTH, REQUEST_MAX_LENGTH, PrescriberActivation
from chemin.barriers.models import Barrier
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber
from chemin.referrals.models import Referral

logger = logging.getLogger(__name__)

TOKEN_SALT = "chemin.activations.answer-link"
# A link may change its answer a few times (accepted, then done); beyond that it is misuse.
MAX_ANSWERS = 20


class ActivationLinkInvalid(Exception):
    """The link was altered, truncated or signed for something else."""


class ActivationLinkExpired(Exception):
    """The link is genuine but too old: ``activation`` says which request it was."""

    def __init__(self, activation: PrescriberActivation | None) -> None:
        super().__init__("activation link expired")
        self.activation = activation


def link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ACTIVATION_LINK_MAX_AGE_DAYS)


def referring_prescriber(pathway: Pathway) -> Prescriber | None:
    """The prescriber whose referral opened the pathway; None for a pathway opened without one."""
    referral = Referral.objects.filter(pathway=pathway).select_related("prescriber__organisation").first()
    return referral.prescriber if referral else None


def activation_token(activation: PrescriberActivation) -> str:
    return signing.dumps({"activation": activation.pk}, salt=TOKEN_SALT)


def activation_from_token(token: str) -> PrescriberActivation:
    """The activation a link points to, or ActivationLinkInvalid / ActivationLinkExpired."""
    queryset = PrescriberActivation.objects.select_related(
        "pathway__participant", "pathway__territory", "prescriber__organisation", "sent_by"
    )
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        # Genuine but old: find which request it was, to say whom to contact.
        try:
            payload = signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:  # pragma: no cover - same signature, checked just above
            raise ActivationLinkInvalid from None
        activation = queryset.filter(pk=_activation_id(payload)).first()
        raise ActivationLinkExpired(activation) from None
    except signing.BadSignature:
        raise ActivationLinkInvalid from None
    activation = queryset.filter(pk=_activation_id(payload)).first()
    if activation is None:
        raise ActivationLinkInvalid
    if activation.is_expired():
        raise ActivationLinkExpired(activation)
    return activation


def _activation_id(payload: object) -> int | None:
    if isinstance(payload, dict) and isinstance(payload.get("activation"), int):
        return payload["activation"]
    return None


def answer_url(activation: PrescriberActivation, *, site_url: str) -> str:
    path = reverse("activation_answers:answer", kwargs={"token": activation_token(activation)})
    return site_url.rstrip("/") + path


def shared_name(pathway: Pathway) -> str:
    """What the prescriber reads of the person: first name and last name initial."""
    participant = pathway.participant
    initial = participant.last_name[:1].upper()
    return f"{participant.first_name} {initial}." if initial else participant.first_name


def default_request_text(*, pathway: Pathway, barrier: Barrier | None) -> str:
    """A starting point for the request, in the language of the email (French).

    Special-category barriers (health, justice) are never named: the counsellor says more by
    phone if the person agrees.
    """
    with translation.override(settings.LANGUAGE_CODE):
        name = shared_name(pathway)
        if barrier is None or barrier.is_special:
            return _(
                "Along %(name)s's pathway, a difficulty stands in the way of returning to work. "
                "Could you tell us what you can do, or whom we should contact?"
            ) % {"name": name}
        what = barrier.situation_label or barrier.get_category_display()
        return _(
            "%(name)s meets a difficulty on the way back to work (%(category)s: %(what)s). "
            "Can you help lift it, for instance through an aid or funding you hold? "
            "Tell us what is possible."
        ) % {"name": name, "category": barrier.get_category_display(), "what": what}


@transaction.atomic
def activation_send(
    *,
    pathway: Pathway,
    barrier: Barrier | None,
    request_text: str,
    sent_by: User,
    site_url: str,
) -> PrescriberActivation:
    """Record the request and email the referring prescriber a signed, expiring answer link.

    The email leaves once the transaction commits, so a rolled-back request sends nothing.
    """
    if not pathway.is_open:
        raise ValidationError(_("The pathway is closed: the prescriber can no longer be asked."))
    if barrier is not None and barrier.pathway_id != pathway.pk:
        raise ValidationError(_("This barrier belongs to another pathway."))
    prescriber = referring_prescriber(pathway)
    if prescriber is None:
        raise ValidationError(
            _(
                "This pathway was not opened from a prescriber's referral: there is no referring "
                "prescriber to ask."
            )
        )
    if not prescriber.email:
        raise ValidationError(
            _("The referring prescriber has no email address: add it in the prescribers directory first.")
        )
    request_text = request_text.strip()
    if not request_text:
        raise ValidationError({"request_text": _("Say what you are asking the prescriber.")})
    if len(request_text) > REQUEST_MAX_LENGTH:
        raise ValidationError({"request_text": _("The request is too long.")})

    sent_at = timezone.now()
    activation = PrescriberActivation.objects.create(
        pathway=pathway,
        barrier=barrier,
        prescriber=prescriber,
        request_text=request_text,
        sent_at=sent_at,
        sent_by=sent_by,
        expires_at=sent_at + link_max_age(),
    )
    message = _request_email(activation, site_url=site_url)
    transaction.on_commit(lambda: _send(message, activation.pk))
    logger.info(
        "activation %s sent on pathway %s (barrier %s) to prescriber %s by user %s",
        activation.pk,
        pathway.pk,
        barrier.pk if barrier else None,
        prescriber.pk,
        sent_by.pk,
    )
    return activation


def _request_email(activation: PrescriberActivation, *, site_url: str) -> EmailMessage:
    """The email, in French whatever the sender's interface language."""
    pathway = activation.pathway
    context = {
        "prescriber": activation.prescriber,
        "person": shared_name(pathway),
        "counsellor": activation.sent_by.get_full_name() or activation.sent_by.email,
        "counsellor_email": activation.sent_by.email,
        "territory": pathway.territory.name,
        "request_text": activation.request_text,
        "url": answer_url(activation, site_url=site_url),
        "expires_at": activation.expires_at,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("activations/email/request_subject.txt", context).strip()
        body = render_to_string("activations/email/request.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[activation.prescriber.email],
        reply_to=[activation.sent_by.email] if activation.sent_by.email else None,
    )


def _send(message: EmailMessage, activation_pk: int) -> None:
    try:
        message.send()
    except Exception:
        # The request stays recorded and visible as waiting; the counsellor can call instead.
        logger.exception("activation %s: the email could not be sent", activation_pk)
        return
    logger.info("activation %s: email sent", activation_pk)


@transaction.atomic
def activation_answer(
    *,
    activation: PrescriberActivation,
    status: str,
    answer_text: str,
    now: datetime.datetime | None = None,
) -> PrescriberActivation:
    """Record (or change) the prescriber's answer; the first answer fixes the delay."""
    now = now or timezone.now()
    activation = PrescriberActivation.objects.select_for_update().get(pk=activation.pk)
    if activation.is_expired(now):
        raise ActivationLinkExpired(activation)
    if status not in ActivationStatus.answers():
        raise ValidationError({"status": _("Choose an answer.")})
    answer_text = answer_text.strip()
    if status == ActivationStatus.NOT_POSSIBLE and not answer_text:
        raise ValidationError({"answer_text": _("Say why it is not possible: it helps us look elsewhere.")})
    if len(answer_text) > ANSWER_MAX_LENGTH:
        raise ValidationError({"answer_text": _("The answer is too long.")})
    if activation.answer_count >= MAX_ANSWERS:
        raise ValidationError(_("This request has been answered too many times: contact the counsellor."))

    activation.status = status
    activation.answer_text = answer_text
    activation.answered_at = activation.answered_at or now
    activation.last_answered_at = now
    activation.answer_count += 1
    activation.save(
        update_fields=[
            "status",
            "answer_text",
            "answered_at",
            "last_answered_at",
            "answer_count",
            "updated_at",
        ]
    )
    logger.info("activation %s answered (%s), answer %s", activation.pk, status, activation.answer_count)
    return activation
