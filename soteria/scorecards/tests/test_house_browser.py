"""End to end in Chromium: the live house, its period and unit switches (htmx), and the
objective scorecard with its sparklines — screenshots and an axe check of both pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from soteria.indicators.periods import parse, shifted
from soteria.indicators.targets import target_set
from soteria.organisations.models import Role
from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    Milestone,
    Objective,
    ObjectiveIndicator,
    Priority,
    Programme,
)
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import (
    role_give,
    standard_indicator,
    strategy_build,
    unit_create,
    user_create,
)

pytestmark = BROWSER

AXE = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "axe.min.js"
NOW = "2026Q2"


def _quarters(n: int) -> list[str]:
    end = parse(NOW)
    return [shifted(end, i - n + 1).code for i in range(n)]


def _scene(values_set):
    """A hospital strategy with two priorities, two programmes, four objectives, a spiking
    length of stay, steady ED waits and an initiative with milestones, budget and funding."""
    hospital = unit_create("WSS", kind="hospital", name={"en": "Provincial Hospital"})
    cardiology = unit_create("WSS-KARD", parent=hospital, name={"en": "Cardiology"})
    surgery = unit_create("WSS-CHIR", parent=hospital, name={"en": "Surgery"})
    unit_create("WSS-KARD-1", parent=cardiology, name={"en": "Cardiology ward 1"})
    version = strategy_build(hospital, owner=cardiology)
    safe = Priority.objects.get(version=version)
    near = Priority.objects.create(
        version=version, code="P2", title={"en": "Care close to home"}, order=10
    )
    digital = Programme.objects.get(version=version)
    flow = Programme.objects.create(
        version=version, code="PR2", title={"en": "Patient flow"}, owner_unit=hospital, order=10
    )
    stay, wait = standard_indicator("ALOS"), standard_indicator("ED_WAIT_MEDIAN")
    readmissions = standard_indicator("READMISSION_30D")
    target_set(None, stay, hospital, "2026", 6, 1)
    target_set(None, wait, hospital, "2026", 60, 5)
    target_set(None, readmissions, hospital, "2026", 10, 2)
    spike = [5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.1, 4.9, 6.6]
    values_set(stay, cardiology, dict(zip(_quarters(14), spike)))
    values_set(wait, cardiology, dict(zip(_quarters(14), [29.0, 31.0] * 7)))
    values_set(stay, surgery, dict(zip(_quarters(4), [7.5, 7.8, 8.1, 8.4])))
    values_set(readmissions, surgery, dict(zip(_quarters(2), [(9, 100), (12, 100)])))

    records = Objective.objects.get(version=version)  # O1, cardiology, serves P1
    for definition in (stay, wait):
        ObjectiveIndicator.objects.create(version=version, objective=records, indicator=definition)

    def objective(code, title, owner, programme, priority, indicators):
        o = Objective.objects.create(
            version=version,
            code=code,
            title={"en": title},
            owner_unit=owner,
            programme=programme,
            priority=priority,
        )
        for definition in indicators:
            ObjectiveIndicator.objects.create(version=version, objective=o, indicator=definition)
        return o

    objective("O2", "Shorter stays after surgery", surgery, flow, safe, [stay, readmissions])
    objective("O3", "Fast emergency care", cardiology, flow, near, [wait])
    objective("O4", "Heart clinic in every district", cardiology, digital, near, [])
    initiative = Initiative.objects.get(version=version)
    for title, due, status in (
        ("Pilot ward", dt.date(2025, 10, 1), "done"),
        ("Staff training", dt.date(2026, 9, 15), "in_progress"),
    ):
        Milestone.objects.create(
            version=version, initiative=initiative, title={"en": title}, due=due, status=status
        )
    BudgetLine.objects.create(
        version=version,
        initiative=initiative,
        category={"en": "Training"},
        planned=Decimal("80000"),
        spent=Decimal("65000"),
        currency="EUR",
    )
    FundingSource.objects.create(
        version=version,
        initiative=initiative,
        programme_name={"en": "Own funds"},
        funder={"en": "Provincial Hospital"},
        amount=Decimal("250000"),
        currency="EUR",
    )
    return version, safe, records


def _log_in(page, live_server, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _serious_axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target).join(', '))"""
    )


def test_live_house_switches_period_and_unit_then_opens_an_objective(page, live_server, values_set):
    version, priority, records = _scene(values_set)
    user = user_create("ewa")
    role_give(user, version.strategy.unit, Role.VIEWER)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(page, live_server, "ewa")

    page.goto("/scorecards/")
    house_path = f"/scorecards/versions/{version.pk}/"
    assert page.locator(f"main a[href='{house_path}']").count() == 1
    page.goto(f"{house_path}?period={NOW}")
    assert page.inner_text("#house-status-h") == "Provincial Hospital, 2026Q2"
    page.evaluate("window.__sameDocument = true")

    # period: one quarter back, then the year — swapped in by htmx, the address follows
    page.click("#house-body a[rel=prev]")
    page.wait_for_function(
        "document.getElementById('house-status-h').textContent.includes('2026Q1')"
    )
    assert page.url.endswith(f"{house_path}?unit=WSS&period=2026Q1")
    page.click("#house-body .segmented a:text-is('Year')")
    page.wait_for_function(
        "document.getElementById('house-status-h').textContent.endsWith(', 2026')"
    )
    page.click("#house-body .segmented a:text-is('Quarter')")
    page.wait_for_function(
        "document.getElementById('house-status-h').textContent.includes('2026Q1')"
    )
    page.click("#house-body a[rel=next]")
    page.wait_for_function(
        "document.getElementById('house-status-h').textContent.includes('2026Q2')"
    )
    # drill down to cardiology: surgery's objective is no longer counted
    assert page.locator("#house-body a:text('Shorter stays after surgery')").count() == 2
    page.click("#house-body .unit-drill a:text-is('Cardiology')")
    page.wait_for_function(
        "document.getElementById('house-status-h').textContent.startsWith('Cardiology,')"
    )
    assert page.url.endswith(f"{house_path}?unit=WSS-KARD&period={NOW}")
    assert page.evaluate("window.__sameDocument") is True  # never a full page load
    page.wait_for_function("document.activeElement.id === 'house-status-h'")
    assert page.locator("#house-body a:text('Shorter stays after surgery')").count() == 0
    assert page.locator(".unit-drill a:text-is('Cardiology ward 1')").count() == 1
    assert page.locator(".unit-trail a:text-is('Provincial Hospital')").count() == 1

    page.click(f"#priority-{priority.pk} summary")
    page.screenshot(path=str(SCREENSHOTS / "scorecard-house.png"), full_page=True)
    assert _serious_axe_violations(page) == []

    # priority → objective → indicator
    page.click(f"#priority-{priority.pk} a:text('Electronic records')")
    page.wait_for_url(re.compile(rf".*/scorecards/objectives/{records.pk}/\?unit=WSS-KARD.*"))
    assert page.locator("svg.sparkline").count() == 2  # drawn on the server, no script
    link = page.locator("a.indicator-link:text('Average length of stay')")
    assert link.get_attribute("href") == f"/scorecards/indicators/ALOS/?unit=WSS-KARD&period={NOW}"
    assert "beyond a process limit" in page.inner_text("main")
    assert "Consistently meets the target" in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / "scorecard-objective.png"), full_page=True)
    assert _serious_axe_violations(page) == []
    assert errors == []
