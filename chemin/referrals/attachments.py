"""Serving the files a prescriber sent with a referral, for the staff page and the prescriber
portal alike."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404

from chemin.referrals.models import ReferralAttachment

logger = logging.getLogger(__name__)

# The downloaded file can do nothing if a browser ever displays it in place (as documents:download).
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


def attachment_response(attached: ReferralAttachment, *, user_pk: int) -> FileResponse:
    """The file as an attachment under a cleaned-up name, with the type detected on upload; each
    download is logged, with ids only."""
    try:
        content = attached.file.open("rb")
    except FileNotFoundError:
        logger.error("referral attachment %s: file missing from the private storage", attached.pk)
        raise Http404 from None
    response = FileResponse(
        content, as_attachment=True, filename=attached.download_filename, content_type=attached.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    logger.info(
        "attachment %s of referral %s downloaded by user %s", attached.pk, attached.referral_id, user_pk
    )
    return response
