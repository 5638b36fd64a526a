from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.audit.enums import ReadKind
from chemin.audit.reads import mark_read
from chemin.notes import services
from chemin.notes.forms import NoteFilterForm, NoteForm
from chemin.notes.models import Note
from chemin.participants.access import current_pathway, file_access, participant_or_404

if TYPE_CHECKING:
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway

NOTES_PER_PAGE = 25


@dataclass(frozen=True)
class _NotesFile:
    participant: Participant
    pathway: Pathway | None
    # Notes are written on the current pathway, by the staff of its territory.
    can_write: bool


def _notes_file(request: HttpRequest, participant_pk: int) -> _NotesFile:
    """The file, if the user may read its notes: 404 outside their territories, 403 for business
    developers (they see the job-facing profile only, see ``is_job_facing_only``)."""
    participant = participant_or_404(request.user, participant_pk)
    pathway = current_pathway(participant)
    access = file_access(request.user, pathway)
    if access.job_facing_only:
        raise PermissionDenied
    return _NotesFile(participant=participant, pathway=pathway, can_write=access.can_work)


def _render_list(request: HttpRequest, file: _NotesFile, note_form: NoteForm | None) -> HttpResponse:
    participant = file.participant
    notes = (
        Note.objects.visible_to(request.user)
        .for_participant(participant)
        .select_related("author")
        .newest_first()
    )
    filters = NoteFilterForm(request.GET)
    filtered = False
    if filters.is_valid():
        if visibility := filters.cleaned_data["visibility"]:
            notes = notes.filter(visibility=visibility)
            filtered = True
        if words := filters.cleaned_data["q"]:
            notes = notes.search(words)
            filtered = True
    page = Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page"))
    # The page's notes, loaded once for the template too: showing restricted ones is audited as such.
    if any(note.is_restricted for note in page.object_list):
        mark_read(request, ReadKind.RESTRICTED_NOTES)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "participant": participant,
        "pathway": file.pathway,
        "job_facing_only": False,
        "page": page,
        "filters": filters,
        "filtered": filtered,
        "query_string": query.urlencode(),
        "note_form": note_form,
    }
    if request.htmx and request.method == "GET":
        return render(request, "notes/includes/note_results.html", {**context, "swap_oob": True})
    return render(request, "notes/note_list.html", context)


@require_GET
def note_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """The notes of a file the user may read, newest first; the restricted ones others may not
    read are filtered out in the query, so neither the list, the search nor the count shows them."""
    file = _notes_file(request, participant_pk)
    return _render_list(request, file, NoteForm() if file.can_write else None)


@require_POST
def note_create(request: HttpRequest, participant_pk: int) -> HttpResponse:
    file = _notes_file(request, participant_pk)
    if not file.can_write:
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_create(pathway=file.pathway, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Note added."))
            return redirect("notes:list", participant_pk=file.participant.pk)
    return _render_list(request, file, form)


@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    """Only the author changes a note, and only while they may still read it."""
    file = _notes_file(request, participant_pk)
    participant = file.participant
    note = get_object_or_404(Note.objects.visible_to(request.user).for_participant(participant), pk=pk)
    if note.author_id != request.user.pk:
        raise PermissionDenied
    if note.is_restricted:
        mark_read(request, ReadKind.RESTRICTED_NOTES)
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(note=note, edited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Note saved."))
            return redirect("notes:list", participant_pk=participant.pk)
    context = {
        "participant": participant,
        "pathway": file.pathway,
        "job_facing_only": False,
        "note": note,
        "form": form,
    }
    return render(request, "notes/note_edit.html", context)
