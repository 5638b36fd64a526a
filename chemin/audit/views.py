"""The audit trail's pages: a participant file's access log, and the admins' audit search.

chemin/audit/access.py says who sees what: the file's log is for the managers and admins of the
file's territory (404 outside the user's territories, 403 for other roles); the search is for
admins (403 for anyone else).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from chemin.accounts.models import User
from chemin.audit import selectors
from chemin.audit.access import administered_territories, can_read_file_log, can_search, search_scope
from chemin.audit.forms import AuditSearchForm
from chemin.audit.models import ChangeEntry, ReadEntry
from chemin.participants.access import current_pathway, participant_or_404

PAGE_SIZE = 50


@require_GET
def file_log(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """Who read the file, its restricted notes and exports, and who changed what, newest first."""
    participant = participant_or_404(request.user, participant_pk)
    pathway = current_pathway(participant)
    if not can_read_file_log(request.user, pathway):
        raise PermissionDenied
    entries = selectors.history(
        ReadEntry.objects.filter(participant=participant), ChangeEntry.objects.filter(participant=participant)
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "participant": participant,
        "pathway": pathway,
        "job_facing_only": False,
        "page": page,
        "rows": selectors.history_rows(page.object_list),
    }
    return render(request, "audit/file_log.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The admins' search through reads and changes, by staff member, file, kind and period."""
    if not can_search(request.user):
        raise PermissionDenied
    users = User.objects.order_by("last_name", "first_name", "pk")
    if not request.user.is_superuser:
        users = users.filter(memberships__territory__in=administered_territories(request.user)).distinct()
    form = AuditSearchForm(request.GET or None, users=users)
    page = rows = None
    if not form.is_bound or form.is_valid():
        reads = ReadEntry.objects.filter(search_scope(request.user, "user"))
        changes = ChangeEntry.objects.filter(search_scope(request.user, "actor"))
        if form.is_bound:
            reads, changes = form.apply(reads, changes)
        page = Paginator(selectors.history(reads, changes), PAGE_SIZE).get_page(request.GET.get("page"))
        rows = selectors.history_rows(page.object_list)
    return render(request, "audit/search.html", {"form": form, "page": page, "rows": rows})
