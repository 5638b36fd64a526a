import factory
from django.core.files.base import ContentFile

from chemin.documents.enums import DocumentKind
from chemin.documents.models import Document
from tests.documents.samples import PDF
from tests.participants.factories import PathwayFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    """A PDF CV on the private storage; ``DocumentFactory(kind=DocumentKind.IDENTITY)`` for others."""

    class Meta:
        model = Document
        exclude = ["data"]

    pathway = factory.SubFactory(PathwayFactory)
    participant = factory.LazyAttribute(lambda document: document.pathway.participant)
    uploaded_by = factory.LazyAttribute(lambda document: document.pathway.referent)
    kind = DocumentKind.CV
    title = factory.Sequence(lambda n: f"Document {n}")
    data = PDF
    # Saved on the private storage, under a random name, when the row is saved.
    file = factory.LazyAttribute(lambda document: ContentFile(document.data, name="upload.pdf"))
    original_filename = "CV Nadia.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda document: len(document.data))
