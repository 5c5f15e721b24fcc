"""The indicator page in Debian's Chromium: the charts render and nothing serious fails axe."""

from __future__ import annotations

from pathlib import Path

from soteria.indicators.targets import target_set
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import standard_indicator, unit_create

pytestmark = BROWSER

AXE = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "axe.min.js"


def _log_in(page, live_server, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_the_indicator_page_draws_its_charts_and_passes_axe(page, live_server, world, values_set):
    readmission = standard_indicator("READMISSION_30D")
    icu = unit_create("HOSP-ICU", parent=world.hospital, name={"en": "Intensive care"})
    quarters = [f"{y}Q{q}" for y in (2022, 2023, 2024, 2025) for q in (1, 2, 3, 4)]
    wobble = [0, 3, -2, 1, 4, -1, 2, -3, 1, 0, 3, -2, 2, 6, 8, 9]
    values_set(readmission, world.hospital, {p: (120 + w, 1000) for p, w in zip(quarters, wobble)})
    values_set(readmission, world.hospital, {"2026Q1": (40, 330)}, partial=True)
    for unit, (num, den) in (
        (world.cardiology, (38, 400)),
        (world.surgery, (60, 420)),
        (icu, (40, 180)),
    ):
        values_set(readmission, unit, {"2026Q1": (num, den)}, partial=True)
    target_set(None, readmission, world.hospital, "2025", 12.5, 1)
    target_set(None, readmission, world.hospital, "2026", 11.5, 1)

    _log_in(page, live_server, "quality")
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto("/scorecards/indicators/READMISSION_30D/?unit=HOSP&period=2026Q1")
    for chart in ("spc", "comparison", "funnel"):
        page.wait_for_selector(f"#chart-{chart} svg.marks")
    page.screenshot(path=str(SCREENSHOTS / "scorecard-indicator.png"), full_page=True)
    assert "Emergency readmissions within 30 days" in page.inner_text("h1")

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target).join(' | '))"""
    )
    assert violations == []
    assert errors == []
