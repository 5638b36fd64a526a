"""Demo documents: a CV and an immersion agreement on a few files, small PDFs written here.

``chemin.demo.pathways`` calls ``seed_documents(pathways=…)`` with the demo pathways. Running it
again adds nothing: a document is found again by its participant and title. The files go through
``document_create``, so they are checked and stored like any upload.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction

from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document
from chemin.documents.services import document_create
from chemin.pathways.models import Pathway

# Every third pathway gets documents, so the demo shows files with and without.
EVERY = 3


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF showing ``lines`` in Helvetica: just what a PDF reader needs (catalogue,
    page tree, page, font, content stream and the cross-reference table of their offsets).
    Characters outside Latin-1 are replaced by "?" (WinAnsi encoding)."""

    def escape(text: str) -> bytes:
        raw = text.encode("cp1252", errors="replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    text = (
        b"BT /F1 12 Tf 16 TL 72 770 Td " + b" ".join(b"(" + escape(line) + b") '" for line in lines) + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_offset = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_offset)
    return bytes(pdf)


def _cv(pathway: Pathway) -> list[str]:
    participant = pathway.participant
    return [
        f"{participant.first_name} {participant.last_name}",
        "Curriculum vitae",
        "",
        "Projet : employé·e libre-service, préparation de commandes",
        "2019-2024 : organisation de la vie familiale, budget, rendez-vous",
        "2016-2018 : bénévole aux Restos du cœur de Liévin (accueil, tri)",
        "Permis B en cours",
    ]


def _agreement(pathway: Pathway) -> list[str]:
    participant = pathway.participant
    return [
        "Convention de PMSMP (période de mise en situation en milieu professionnel)",
        "",
        f"Bénéficiaire : {participant.first_name} {participant.last_name}",
        "Entreprise d'accueil : supermarché de Liévin",
        "Poste observé : employé·e libre-service",
        "Durée : 10 jours ouvrés",
    ]


@transaction.atomic
def seed_documents(*, pathways: Iterable[Pathway]) -> None:
    """A CV on every third file, and an immersion agreement on every other one of those, added by
    the pathway's referent. Idempotent."""
    ordered = sorted(pathways, key=lambda pathway: pathway.pk)
    for index, pathway in enumerate(ordered[::EVERY]):
        documents = [(DocumentKind.CV, "CV", "cv.pdf", _cv(pathway))]
        if index % 2 == 0:
            documents.append(
                (DocumentKind.AGREEMENT, "Convention de PMSMP", "convention-pmsmp.pdf", _agreement(pathway))
            )
        for kind, title, filename, lines in documents:
            if Document.objects.filter(participant=pathway.participant, title=title).exists():
                continue
            document_create(
                participant=pathway.participant,
                pathway=pathway,
                uploaded_by=pathway.referent,
                kind=kind,
                title=title,
                file=ContentFile(minimal_pdf(lines), name=filename),
            )
