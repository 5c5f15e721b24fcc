"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Mark a module with ``pytestmark = BROWSER`` and ask for the ``page`` fixture (defined in
``soteria/conftest.py``); screenshots go to ``SCREENSHOTS``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason="Debian's Chromium is not installed (scripts/test installs it)",
    ),
]


def browser_page(base_url: str) -> Iterator[Any]:
    # Playwright runs an event loop in this thread; the ORM calls made by the test itself
    # are synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


AXE = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "axe.min.js"


def log_in(page: Any, live_server: Any, username: str) -> None:
    """Sign in through the login page as a factory user (password ``<username>-pw``)."""
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the current page, one line each."""
    page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target).join(' | '))"""
    )
    return found
