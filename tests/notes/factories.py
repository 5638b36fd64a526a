import datetime

import factory
from django.utils import timezone

from chemin.notes.enums import NoteVisibility
from chemin.notes.models import Note
from tests.participants.factories import PathwayFactory


class NoteFactory(factory.django.DjangoModelFactory):
    """A team note; ``NoteFactory(restricted=True)`` for one only the referent and managers read."""

    class Meta:
        model = Note

    pathway = factory.SubFactory(PathwayFactory)
    author = factory.LazyAttribute(lambda note: note.pathway.referent)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    text = factory.Faker("paragraph", locale="fr_FR")
    visibility = NoteVisibility.TEAM

    class Params:
        restricted = factory.Trait(visibility=NoteVisibility.RESTRICTED)
        for_prescriber = factory.Trait(visibility=NoteVisibility.PRESCRIBER)
        for_participant = factory.Trait(visibility=NoteVisibility.PARTICIPANT)
