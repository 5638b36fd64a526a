import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test stores its documents in a folder of its own, to count what is left on disk."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
