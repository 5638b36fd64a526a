"""Browser tests: Debian's Chromium driven by Playwright against Django's live server."""

import os
import shutil

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from chemin.accounts.models import User
from tests.accounts.factories import UserFactory

# Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to run in the
# same test process unless told it is safe. It is: the server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HEADLESS_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if chromium is None:
        # Never a skip: a missing browser must fail the run (`make test` installs it as root).
        pytest.fail("Chromium is missing: install Debian's package with `apt-get install chromium`.")
    return {**browser_type_launch_args, "executable_path": chromium, "headless": True, "args": HEADLESS_FLAGS}


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "fr-FR"}


# A page answering with an error status (a test checking a 404 or a 403) is logged by Chromium as
# a console error too; that one is the test's subject, not a fault of the page's scripts.
HTTP_STATUS_MESSAGE = "Failed to load resource: the server responded with a status of"


@pytest.fixture(autouse=True)
def no_console_error(page: Page):
    """Every browser test fails if the page broke its Content-Security-Policy (an inline script,
    an on…= handler, an inline style, a resource from elsewhere: Chromium reports each in the
    console), logged any other error in the console, or raised an uncaught script error."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith(HTTP_STATUS_MESSAGE)
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"Uncaught: {error}"))
    yield errors
    assert not errors, "Console errors (Content-Security-Policy violations included):\n" + "\n".join(errors)


def log_in_as(page: Page, live_server, user: User) -> Page:
    """Sign the browser in as ``user`` without going through the login form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


@pytest.fixture
def logged_in_page(page: Page, live_server, reference_data) -> Page:
    return log_in_as(page, live_server, UserFactory(first_name="Alice", last_name="Martin"))
