"""Writes of the exit: closing a pathway with its category, and the end-of-pathway review sent to
the referring prescriber (issue 6, points 5 and 6).

The review email says what the counsellor wrote and the person read, with the person named by first
name and last name initial (as in prescriber activations), the exit category (never its reason:
"health" is special-category data) and the counsellor's contact. Nothing else of the file — no
note, no barrier's words — goes in it. Logs carry ids only.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chemin.activations.services import referring_prescriber, shared_name
from chemin.barriers.models import Barrier
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.models import TEXT_MAX_LENGTH, ExitReview
from chemin.exits.rules import Suggestion, suggest_exit_category
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User

logger = logging.getLogger(__name__)


def exit_suggestion(pathway: Pathway, *, on: datetime.date | None = None) -> Suggestion:
    """The category the pathway's contracts suggest (chemin/exits/rules.py), in one query."""
    employments = Employment.objects.filter(pathway=pathway).select_related("company")
    return suggest_exit_category(employments, on=on or timezone.localdate())


def validate_exit(
    *,
    pathway: Pathway,
    category: str,
    reason: str,
    detail: str,
    closed_on: datetime.date | None,
) -> None:
    """Raise ValidationError (by field) when the exit cannot be recorded as given."""
    errors: dict[str, str] = {}
    if category not in ExitCategory.values:
        errors["category"] = _("Choose the exit category.")
    if category == ExitCategory.OTHER:
        if reason not in ExitReason.values:
            errors["reason"] = _("Say why the pathway ends.")
        elif reason == ExitReason.OTHER and not detail.strip():
            errors["detail"] = _("Say in a few words what the other reason is.")
    if closed_on is None:
        errors["closed_on"] = _("Give the exit date.")
    elif closed_on > timezone.localdate():
        errors["closed_on"] = _("The exit date cannot be in the future.")
    elif closed_on < pathway.entry_date:
        errors["closed_on"] = _("The exit date cannot be before the entry date (%(date)s).") % {
            "date": pathway.entry_date.strftime("%d/%m/%Y")
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pathway_close(
    *,
    pathway: Pathway,
    category: str,
    closed_on: datetime.date,
    closed_by: User,
    reason: str = "",
    detail: str = "",
) -> Pathway:
    """Close an open pathway with its exit: category, reason and detail for an "other" exit, date.

    Who may do it (counsellors, managers and admins of the territory) is the view's check.
    """
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if not pathway.is_open:
        raise ValidationError(_("This pathway is already closed."), code="closed")
    validate_exit(pathway=pathway, category=category, reason=reason, detail=detail, closed_on=closed_on)
    other = category == ExitCategory.OTHER
    pathway.phase = Phase.CLOSED
    pathway.closed_on = closed_on
    pathway.exit_category = category
    pathway.exit_reason = reason if other else ""
    pathway.exit_detail = detail.strip() if other else ""
    pathway.save(
        update_fields=["phase", "closed_on", "exit_category", "exit_reason", "exit_detail", "updated_at"]
    )
    logger.info("pathway %s closed (exit %s) by user %s", pathway.pk, category, closed_by.pk)
    return pathway


def default_remaining_barriers(*, pathway: Pathway, user: User) -> str:
    """A starting point for "remaining barriers": the open barriers, one a line.

    For health and justice barriers, the category alone, and only for those who may read it; never
    a situation or the person's words. The counsellor edits it with the person before sending.
    """
    barriers = (
        Barrier.objects.visible_to(user)
        .filter(pathway=pathway)
        .open()
        .with_detail_visible(user)
        .order_by("pk")
    )
    lines = []
    for barrier in barriers:
        if not barrier.detail_visible:
            line = _("Another barrier, confidential")
        elif barrier.is_special:
            line = str(barrier.get_category_display())
        elif barrier.situation_label:
            line = f"{barrier.get_category_display()} : {barrier.situation_label}"
        else:
            line = str(barrier.get_category_display())
        if f"- {line}" not in lines:
            lines.append(f"- {line}")
    return "\n".join(lines)


def _check_texts(*, achievements: str, remaining_barriers: str, next_steps: str) -> None:
    errors = {}
    if not achievements.strip():
        errors["achievements"] = _("Say what was achieved during the pathway.")
    for field, text in [
        ("achievements", achievements),
        ("remaining_barriers", remaining_barriers),
        ("next_steps", next_steps),
    ]:
        if len(text) > TEXT_MAX_LENGTH:
            errors.setdefault(field, _("This text is too long."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def exit_review_save(
    *,
    pathway: Pathway,
    achievements: str,
    remaining_barriers: str,
    next_steps: str,
    read_with_person_on: datetime.date | None,
    written_by: User,
) -> ExitReview:
    """Write (or rewrite) the review of a closed pathway, until it is sent."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if pathway.is_open:
        raise ValidationError(_("Close the pathway before writing its end-of-pathway review."), code="open")
    _check_texts(achievements=achievements, remaining_barriers=remaining_barriers, next_steps=next_steps)
    if read_with_person_on is not None:
        if read_with_person_on > timezone.localdate():
            raise ValidationError({"read_with_person_on": _("This date cannot be in the future.")})
        if read_with_person_on < pathway.entry_date:
            raise ValidationError({"read_with_person_on": _("This date cannot be before the entry date.")})
    review = ExitReview.objects.filter(pathway=pathway).first()
    if review is not None and review.is_sent:
        raise ValidationError(_("This review has been sent: it can no longer be changed."), code="sent")
    if review is None:
        review = ExitReview(pathway=pathway, written_by=written_by)
    review.achievements = achievements.strip()
    review.remaining_barriers = remaining_barriers.strip()
    review.next_steps = next_steps.strip()
    review.read_with_person_on = read_with_person_on
    review.save()
    logger.info("exit review %s of pathway %s saved by user %s", review.pk, pathway.pk, written_by.pk)
    return review


def refusal_to_send(review: ExitReview | None, pathway: Pathway) -> str | None:
    """Why the review cannot be emailed to the referring prescriber, or None when it can."""
    if review is not None and review.is_sent:
        return _("This review has already been sent.")
    prescriber = referring_prescriber(pathway)
    if prescriber is None:
        return _(
            "This pathway was not opened from a prescriber's referral: there is no referring "
            "prescriber to send the review to. It is kept in the file."
        )
    if not prescriber.email:
        return _(
            "The referring prescriber has no email address: add it in the prescribers directory "
            "to send the review. It is kept in the file."
        )
    return None


@transaction.atomic
def exit_review_send(*, review: ExitReview, sent_by: User) -> ExitReview:
    """Email the review to the referring prescriber once the transaction commits.

    Refused before the person has read it, when it was already sent, and when there is no
    referring prescriber or no address to write to (the review stays kept either way).
    """
    review = ExitReview.objects.select_for_update().select_related("pathway").get(pk=review.pk)
    if review.read_with_person_on is None:
        raise ValidationError(
            {"read_with_person": _("Read the review with the person before sending it.")}, code="not_read"
        )
    refusal = refusal_to_send(review, review.pathway)
    if refusal:
        raise ValidationError(refusal, code="cannot_send")
    prescriber = referring_prescriber(review.pathway)
    review.sent_at = timezone.now()
    review.sent_to = prescriber
    review.sent_to_email = prescriber.email
    review.sent_by = sent_by
    review.save(update_fields=["sent_at", "sent_to", "sent_to_email", "sent_by", "updated_at"])
    message = _review_email(review)
    transaction.on_commit(lambda: _send(message, review.pk))
    logger.info(
        "exit review %s of pathway %s sent to prescriber %s by user %s",
        review.pk,
        review.pathway_id,
        prescriber.pk,
        sent_by.pk,
    )
    return review


def _review_email(review: ExitReview) -> EmailMessage:
    """The email, plain text and in French whatever the sender's interface language."""
    pathway = Pathway.objects.select_related("participant", "territory").get(pk=review.pathway_id)
    sender = review.sent_by
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "prescriber": review.sent_to,
            "person": shared_name(pathway),
            "territory": pathway.territory.name,
            "entry_date": pathway.entry_date,
            "closed_on": pathway.closed_on,
            "category": str(ExitCategory(pathway.exit_category).label),
            "review": review,
            "counsellor": sender.get_full_name() or sender.email,
            "counsellor_email": sender.email,
        }
        subject = render_to_string("exits/email/review_subject.txt", context).strip()
        body = render_to_string("exits/email/review.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[review.sent_to_email],
        reply_to=[sender.email] if sender.email else None,
    )


def _send(message: EmailMessage, review_pk: int) -> None:
    try:
        message.send()
    except Exception:
        # The review stays recorded as sent to that address; the counsellor can forward it again.
        logger.exception("exit review %s: the email could not be sent", review_pk)
        return
    logger.info("exit review %s: email sent", review_pk)
