import pytest

from chemin.core import timeline
from chemin.pathways.timeline import pathway_events


@pytest.fixture
def only_pathway_timeline(monkeypatch):
    """The timeline fed by the pathway source alone, so query counts pinned here stay ours.

    Each other source pins its own count in its app's tests.
    """
    monkeypatch.setattr(timeline, "_sources", [pathway_events])
