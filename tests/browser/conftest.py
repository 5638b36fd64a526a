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


@pytest.fixture(autouse=True)
def no_content_security_policy_violation(page: Page):
    """Every browser test fails if the page broke its Content-Security-Policy (an inline script,
    an on…= handler, an inline style, a resource from elsewhere): Chromium reports each in the
    console."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield violations
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


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
