"""The Content-Security-Policy really blocks inline scripts, and the browser tests notice it and any
other script error."""

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_injected_inline_script_does_not_run_and_is_reported(page: Page, no_console_error):
    page.goto("/compte/connexion/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
            const button = document.createElement("button");
            button.setAttribute("onclick", "window.clicked = true");
            document.body.appendChild(button);
            button.click();
        }"""
    )
    assert page.evaluate("window.injected === undefined && window.clicked === undefined")
    page.wait_for_timeout(200)  # console messages arrive asynchronously
    assert len(no_console_error) == 2, no_console_error
    assert all("Content Security Policy" in error for error in no_console_error)
    # Seen, as every browser test would see it; cleared so this one test passes.
    no_console_error.clear()


def test_an_uncaught_script_error_is_reported_too(page: Page, no_console_error):
    page.goto("/compte/connexion/")
    page.evaluate("() => { setTimeout(() => { throw new Error('boom'); }, 0); }")
    page.wait_for_timeout(200)
    assert no_console_error == ["Uncaught: boom"]
    no_console_error.clear()
