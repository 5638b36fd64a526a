import pytest

from chemin.core import sms


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    """The locmem SMS backend keeps messages in a module list: start every test with it empty."""
    sms.outbox.clear()
    yield
    sms.outbox.clear()
