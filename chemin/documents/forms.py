from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from chemin.documents.enums import DocumentKind
from chemin.documents.validators import ACCEPT, size_in_megabytes, validate_upload


class DocumentForm(forms.Form):
    """Add a document: its file is checked on its content (documents.validators)."""

    file = forms.FileField(
        # "File" alone is also the participant file ("Dossier") in other catalogues.
        label=pgettext_lazy("uploaded document", "File"),
        # The validator says "This file is empty." in its own words.
        allow_empty_file=True,
        error_messages={"required": _("Choose the file to add.")},
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"), error_messages={"required": _("Choose the kind of document.")}
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional: the file's name is used otherwise."),
    )

    def __init__(self, *args: Any, kinds: Iterable[DocumentKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "PDF, JPEG or PNG image, ODT or DOCX document; %(size)s MB at most."
        ) % {"size": size_in_megabytes(settings.DOCUMENT_MAX_BYTES)}
        self.fields["kind"].choices = [("", _("Choose…"))] + [
            (kind.value, kind.label) for kind in DocumentKind if kind in kinds
        ]

    def clean_file(self) -> UploadedFile:
        file = self.cleaned_data["file"]
        validate_upload(file)
        return file

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()
