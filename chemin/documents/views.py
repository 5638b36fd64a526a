"""The documents section of a participant file. Permissions: chemin/documents/access.py."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chemin.documents import services
from chemin.documents.access import DocumentsFile, documents_file
from chemin.documents.forms import DocumentForm

logger = logging.getLogger(__name__)

# The downloaded file can do nothing if a browser ever displays it in place: no script, no
# plugin, no request anywhere, as in a sandboxed frame.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


def _render_list(request: HttpRequest, file: DocumentsFile, form: DocumentForm | None) -> HttpResponse:
    documents = file.documents().select_related("uploaded_by").newest_first()
    context = {
        "participant": file.participant,
        "pathway": file.pathway,
        "job_facing_only": file.job_facing_only,
        "documents": documents,
        "can_manage": file.can_manage,
        "form": form,
    }
    return render(request, "documents/document_list.html", context)


@require_GET
def document_list(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """The documents of the file the user may read, newest first, and the form to add one."""
    file = documents_file(request.user, participant_pk)
    form = DocumentForm(kinds=file.readable_kinds) if file.can_manage else None
    return _render_list(request, file, form)


@require_POST
def document_upload(request: HttpRequest, participant_pk: int) -> HttpResponse:
    file = documents_file(request.user, participant_pk)
    file.check_can_manage()
    form = DocumentForm(request.POST, request.FILES, kinds=file.readable_kinds)
    if form.is_valid():
        try:
            document = services.document_create(
                participant=file.participant,
                pathway=file.pathway,
                uploaded_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Document “%(title)s” added.") % {"title": document.title})
            return redirect("documents:list", participant_pk=file.participant.pk)
    return _render_list(request, file, form)


@require_GET
def document_download(request: HttpRequest, participant_pk: int, pk: int) -> FileResponse:
    """The file, as an attachment under a cleaned-up name, with the type detected on upload.

    A document of another participant, or of a kind the user may not read, is a 404.
    """
    file = documents_file(request.user, participant_pk)
    document = get_object_or_404(file.documents(), pk=pk)
    try:
        content = document.file.open("rb")
    except FileNotFoundError:
        logger.error("document %s: file missing from the private storage", document.pk)
        raise Http404 from None
    response = FileResponse(
        content,
        as_attachment=True,
        filename=document.download_filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    # Each read of a participant's document is traced, with ids only.
    logger.info(
        "document %s of participant %s downloaded by user %s",
        document.pk,
        file.participant.pk,
        request.user.pk,
    )
    return response


@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    """Ask for confirmation, then delete the document and its file."""
    file = documents_file(request.user, participant_pk)
    file.check_can_manage()
    document = get_object_or_404(file.documents(), pk=pk)
    if request.method == "POST":
        title = document.title
        services.document_delete(document=document, deleted_by=request.user)
        messages.success(request, _("Document “%(title)s” deleted.") % {"title": title})
        return redirect("documents:list", participant_pk=file.participant.pk)
    context = {
        "participant": file.participant,
        "pathway": file.pathway,
        "job_facing_only": file.job_facing_only,
        "document": document,
    }
    return render(request, "documents/document_delete.html", context)
