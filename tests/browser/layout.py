"""Phone-width checks shared by the browser tests: no page may scroll sideways at 360 px."""

from playwright.sync_api import Page

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def assert_no_horizontal_overflow(page: Page) -> None:
    """At the page's current viewport size."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} overflows horizontally by {overflow}px"


def assert_fits_a_phone(page: Page) -> None:
    """Look at the current page on a 360 px phone, then go back to a desktop size."""
    page.set_viewport_size(PHONE)
    try:
        assert_no_horizontal_overflow(page)
    finally:
        page.set_viewport_size(DESKTOP)
