"""Anonymising a person's file: at the end of the retention period (a nightly job of the worker,
chemin/privacy/tasks.py) or when the person asks for the erasure of their data.

What goes: names, contact, identifiers and every free text written about or by the person, in
every app (chemin/privacy/registry.py says which column is what), their documents (rows and files),
and the values the change history (chemin/audit) and the admin's log hold about them.
What stays: every row, date, code and category the statistics count (chemin/reporting/indicators.py
reads entries, exits and their categories, contracts, placements, immersions, barriers by category,
partner referrals, appointments — none of the erased columns), the birth month, the commune and the
situation (income support, RQTH, QPV…), and the consent and anonymisation records. The file shows
"Personne anonymisée n°<id>" from then on.

Every change is a QuerySet.update(): no model code, no signal, so nothing copies the old values
into the change history on the way. Logs carry ids only.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Count, F, Max, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chemin.accounts.models import User
from chemin.audit.services import scrub_participant_history
from chemin.documents.models import Document
from chemin.participants.models import Participant
from chemin.pathways.enums import Phase
from chemin.privacy.enums import AnonymisationReason
from chemin.privacy.models import AnonymisationRecord
from chemin.privacy.registry import ERASED_TEXT, PERSONAL_DATA, PersonalData
from chemin.referrals.models import ReferralAttachment

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExpiredFile:
    """A person whose pathways all closed more than the retention period ago."""

    participant_id: int
    last_closed_on: datetime.date


def _scrub(declaration: PersonalData, participant: Participant, erased: str) -> list[int]:
    """Erase and replace the declared columns of the person's rows; return the rows' ids."""
    rows = declaration.rows(participant.pk)
    pks = list(rows.values_list("pk", flat=True))
    if not pks:
        return []
    model = declaration.model._default_manager
    for name in declaration.erase:
        # An empty text stays empty ("is it filled" rules still hold); encrypted columns can
        # answer this comparison too (chemin/core/encryption.py).
        model.filter(pk__in=pks).exclude(**{name: ""}).update(**{name: erased})
    for name in declaration.erase_unique:
        numbered = Concat(Value(f"{erased} #"), Cast("pk", output_field=CharField()))
        model.filter(pk__in=pks).exclude(**{name: ""}).update(**{name: numbered})
    if declaration.replace:
        values = {
            name: value(participant) if callable(value) else value
            for name, value in declaration.replace.items()
        }
        model.filter(pk__in=pks).update(**values)
    return pks


def _scrub_admin_log(declaration: PersonalData, pks: list[int]) -> None:
    """The admin's own log prints each row's name (a participant's is their name)."""
    content_type = ContentType.objects.get_for_model(declaration.model)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in pks]).update(
        object_repr=f"#{declaration.model._meta.model_name}"
    )


def _delete_documents(participant: Participant) -> int:
    """Delete the rows now, the files once the deletion is committed (a rollback keeps them),
    as documents.services.document_delete does for one document."""
    documents = list(Document.objects.filter(participant=participant).only("pk", "file"))
    for document in documents:
        storage, name = document.file.storage, document.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    Document.objects.filter(pk__in=[document.pk for document in documents]).delete()
    # The files a prescriber sent with their referrals go the same way.
    attachments = list(
        ReferralAttachment.objects.filter(referral__participant=participant).only("pk", "file")
    )
    for attachment in attachments:
        storage, name = attachment.file.storage, attachment.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    ReferralAttachment.objects.filter(pk__in=[attachment.pk for attachment in attachments]).delete()
    return len(documents) + len(attachments)


def _close_space_account(user_id: int) -> None:
    """The account of the person's own space: signed out everywhere, never to sign in again, and
    holding nothing that names them."""
    User.objects.filter(pk=user_id).update(
        email=f"compte-ferme-{user_id}@anonyme.invalid",
        first_name="",
        last_name="",
        is_active=False,
        password=make_password(None),
        session_generation=F("session_generation") + 1,
    )


@transaction.atomic
def anonymise_participant(
    participant: Participant,
    *,
    reason: AnonymisationReason | str,
    by: User | None = None,
    requested_on: datetime.date | None = None,
) -> AnonymisationRecord:
    """Anonymise the person's file everywhere, once, and record it (see the module docstring).

    ``by`` and ``requested_on``: who carried out the person's request, and the day they asked;
    the retention job has neither. Raise ValidationError when the file is already anonymised or
    while a pathway is still open (close it first: its exit counts in the statistics).
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    reason = AnonymisationReason(reason)
    if participant.anonymised_at is not None:
        raise ValidationError(_("This file is already anonymised."), code="already_anonymised")
    pathways = participant.pathways.aggregate(
        open=Count("pk", filter=~Q(phase=Phase.CLOSED)), last_closed_on=Max("closed_on")
    )
    if pathways["open"]:
        raise ValidationError(
            _("The pathway is still open: close it first, with its exit category, then erase the data."),
            code="pathway_open",
        )
    with translation.override(settings.LANGUAGE_CODE):
        # Stored data, in the organisation's language like everything the team types.
        erased = str(ERASED_TEXT)
        documents = _delete_documents(participant)
        for declaration in PERSONAL_DATA:
            pks = _scrub(declaration, participant, erased)
            if pks:
                _scrub_admin_log(declaration, pks)
    now = timezone.now()
    Participant.objects.filter(pk=participant.pk).update(anonymised_at=now)
    if participant.user_id is not None:
        _close_space_account(participant.user_id)
    history = scrub_participant_history(participant_ids=[participant.pk])
    record = AnonymisationRecord.objects.create(
        participant=participant,
        reason=reason,
        requested_on=requested_on,
        last_closed_on=pathways["last_closed_on"] if reason == AnonymisationReason.RETENTION else None,
        performed_at=now,
        performed_by=by,
    )
    logger.info(
        "participant %s anonymised (%s) by %s: %s documents deleted, %s history entries scrubbed",
        participant.pk,
        reason.value,
        f"user {by.pk}" if by else "the retention job",
        documents,
        history,
    )
    return record


def expired_files(*, today: datetime.date | None = None) -> list[ExpiredFile]:
    """People not anonymised yet, every pathway of whom closed more than
    settings.RETENTION_CLOSED_PATHWAY_DAYS days ago, the longest closed first."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.RETENTION_CLOSED_PATHWAY_DAYS)
    rows = (
        Participant.objects.filter(anonymised_at__isnull=True)
        .annotate(
            open_pathways=Count("pathways", filter=~Q(pathways__phase=Phase.CLOSED)),
            last_closed_on=Max("pathways__closed_on"),
        )
        .filter(open_pathways=0, last_closed_on__lt=cutoff)
        .order_by("last_closed_on", "pk")
        .values_list("pk", "last_closed_on")
    )
    return [ExpiredFile(participant_id=pk, last_closed_on=closed) for pk, closed in rows]


def anonymise_expired(*, dry_run: bool, today: datetime.date | None = None) -> list[ExpiredFile]:
    """Anonymise every expired file (``expired_files``), each in its own transaction; with
    ``dry_run``, only say which ones would be, changing nothing. Returns the files concerned
    (with ``dry_run``) or those anonymised; a file that fails is logged and left for next time."""
    expired = expired_files(today=today)
    if dry_run:
        return expired
    done = []
    for file in expired:
        try:
            anonymise_participant(Participant(pk=file.participant_id), reason=AnonymisationReason.RETENTION)
        except Exception:
            logger.exception("participant %s: anonymisation failed", file.participant_id)
        else:
            done.append(file)
    logger.info("retention: %s of %s expired files anonymised", len(done), len(expired))
    return done
