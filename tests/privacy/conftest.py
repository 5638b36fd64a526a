import pytest
from django.utils import timezone

from chemin.core.dates import add_months
from tests.privacy.people import rich_person


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Documents of each test in a folder of its own, to see them go."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def zephyrine(territory, counsellor, manager):
    """Alice's former participant, her pathway closed three months ago, with data everywhere."""
    return rich_person(
        territory=territory,
        referent=counsellor,
        manager=manager,
        closed_on=add_months(timezone.localdate(), -3),
    )
