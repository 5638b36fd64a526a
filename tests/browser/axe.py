"""Accessibility scan with the vendored axe-core: WCAG 2.0/2.1 A and AA rules, zero violations."""

from functools import cache

from django.conf import settings
from playwright.sync_api import Page

AXE_FILE = settings.BASE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe_source() -> str:
    return AXE_FILE.read_text(encoding="utf-8")


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds any WCAG A/AA violation on the current page."""
    # Evaluated rather than injected as a <script>, so a Content-Security-Policy cannot block it.
    page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} → {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
    )
    assert not violations, f"axe-core found {len(violations)} violation(s) on {page.url}:\n{report}"
