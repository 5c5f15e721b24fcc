"""A review report in Debian's Chromium: written with the editor, sent for review, signed
by the unit lead; nothing serious fails axe on the report and edit pages."""

from __future__ import annotations

from typing import Any

from soteria.reviews import services
from soteria.reviews.models import ReportStatus, ReviewReport
from soteria.testing.browser import BROWSER, SCREENSHOTS, log_in, serious_violations
from soteria.testing.factories import World

pytestmark = BROWSER


def test_write_submit_and_sign_a_report(
    page: Any, live_server: Any, world: World, figures: dict
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    report = services.report_create(world.contributor, world.cardiology, "2026S1", language="en")

    log_in(page, live_server, "contributor")
    page.goto(f"/reviews/{report.pk}/edit/")
    assert serious_violations(page) == []
    editor = page.locator(".richtext-editor").first
    editor.click()
    page.keyboard.type("Waiting times fell ")
    page.get_by_role("button", name="Bold").first.click()
    page.keyboard.type("by a third")
    page.click("main form.review-form button[type=submit]")
    page.wait_for_url(f"**/reviews/{report.pk}/")
    report.refresh_from_db()
    assert "Waiting times fell" in report.introduction
    assert (
        "<strong>by a third</strong>" in report.introduction
        or "<b>by a third</b>" in report.introduction
    )
    page.wait_for_selector(".vega-embed svg")  # the SPC chart of the indicator off target
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "review-report.png"), full_page=True)
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(f"**/reviews/{report.pk}/")

    log_in(page, live_server, "lead")
    page.goto(f"/reviews/{report.pk}/")
    page.get_by_role("button", name="Sign and freeze").click()
    page.wait_for_url(f"**/reviews/{report.pk}/")
    assert ReviewReport.objects.get(pk=report.pk).status == ReportStatus.SIGNED
    assert page.get_by_text("Signed and frozen").is_visible()
    assert errors == []
