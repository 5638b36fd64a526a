"""Which pages are reads of personal data, recorded in the audit trail (``ReadEntry``).

``READS`` is the one place that says it: a URL name, the kind of read and the URL argument that
holds the participant (or the object read). Any other page with a ``participant_pk`` argument —
every section of a participant file — is a read of the file. Adding a page is one line here.

chemin/audit/middleware.py records one read per successful (200) response to a signed-in user;
a view may raise the kind of its read with ``mark_read`` (the notes list showing restricted notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import ResolverMatch

from chemin.audit.enums import ReadKind

# The request attribute ``mark_read`` sets.
MARKED_KIND = "audit_read_kind"
MAX_FILTERS = 20


@dataclass(frozen=True)
class Read:
    kind: ReadKind
    # The URL argument holding the participant's id; None for a read not tied to one person.
    participant_kwarg: str | None = "participant_pk"
    # The URL argument holding the id of the object read within the file, if any.
    object_kwarg: str | None = None
    # Keep the query string's filters (exports of several people: what went out).
    keep_filters: bool = False


FILE_SECTION = Read(ReadKind.PARTICIPANT_FILE)

READS: dict[str, Read | None] = {
    "participants:detail": Read(ReadKind.PARTICIPANT_FILE, participant_kwarg="pk"),
    "participants:timeline": Read(ReadKind.PARTICIPANT_FILE, participant_kwarg="pk"),
    "participants:edit": Read(ReadKind.PARTICIPANT_FILE, participant_kwarg="pk"),
    "portfolio:cv": Read(ReadKind.EXPORT),
    "documents:download": Read(ReadKind.DOCUMENT, object_kwarg="pk"),
    # The person's subject access export (RGPD art. 15): everything the file holds.
    "participant_privacy:export": Read(ReadKind.EXPORT),
    # Reporting's drill-down and its exports name the people behind a figure.
    "reporting:people": Read(ReadKind.PEOPLE_LIST, participant_kwarg=None, keep_filters=True),
    "reporting:people_export": Read(ReadKind.EXPORT, participant_kwarg=None, keep_filters=True),
    # What a prescriber sent with a referral, downloaded by staff or on the prescriber portal.
    "referrals:attachment": Read(ReadKind.DOCUMENT, participant_kwarg=None, object_kwarg="attachment_pk"),
    "portal:attachment": Read(ReadKind.DOCUMENT, participant_kwarg=None, object_kwarg="attachment_pk"),
    # A prescriber reading what the person shares with them: the referral's id is recorded.
    "portal:follow": Read(ReadKind.PARTICIPANT_FILE, participant_kwarg=None, object_kwarg="pk"),
    # The access log shows who read and changed the file, not what the file holds.
    "audit:file_log": None,
}


@dataclass(frozen=True)
class ReadFacts:
    kind: ReadKind
    url_name: str
    participant_id: int | None
    object_id: int | None
    filters: dict[str, str]


def mark_read(request: HttpRequest, kind: ReadKind) -> None:
    """Record this page's read as ``kind`` rather than the kind ``READS`` gives it."""
    setattr(request, MARKED_KIND, kind)


def _int_or_none(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def read_of(request: HttpRequest) -> ReadFacts | None:
    """What the request read, or None when the page is not a read of personal data."""
    match: ResolverMatch | None = getattr(request, "resolver_match", None)
    if match is None:
        return None
    if match.view_name in READS:
        read = READS[match.view_name]
    elif "participant_pk" in match.kwargs:
        read = FILE_SECTION
    else:
        read = None
    if read is None:
        return None
    return ReadFacts(
        kind=getattr(request, MARKED_KIND, None) or read.kind,
        url_name=match.view_name,
        participant_id=_int_or_none(match.kwargs.get(read.participant_kwarg))
        if read.participant_kwarg
        else None,
        object_id=_int_or_none(match.kwargs.get(read.object_kwarg)) if read.object_kwarg else None,
        filters=_filters(request) if read.keep_filters else {},
    )


def _filters(request: HttpRequest) -> dict[str, str]:
    """The query string, bounded: a crafted URL cannot fill the trail (nor hold a NUL character,
    which PostgreSQL's JSON refuses)."""
    return {
        key.replace("\x00", "")[:50]: value.replace("\x00", "")[:200]
        for key, value in list(request.GET.items())[:MAX_FILTERS]
    }
