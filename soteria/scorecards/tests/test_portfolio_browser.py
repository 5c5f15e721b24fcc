"""The initiatives portfolio in Debian's Chromium: it renders, its filters work without
JavaScript, and nothing serious fails axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    Milestone,
    Objective,
    Programme,
)
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import World

pytestmark = BROWSER

AXE = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "axe.min.js"


def _log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _more_initiatives(world: World) -> None:
    """A second programme in surgery: one initiative overspent with an overdue milestone,
    one on hold with two funders."""
    version = world.strategy

    def create(model: Any, **fields: Any) -> Any:
        return model.objects.create(version=version, **fields)

    programme = create(
        Programme, code="PR2", title={"en": "Patient safety"}, owner_unit=world.hospital, order=1
    )
    objective = create(
        Objective,
        programme=programme,
        code="O2",
        title={"en": "Fewer falls"},
        owner_unit=world.surgery,
    )
    falls = create(
        Initiative,
        objective=objective,
        code="I2",
        title={"en": "Falls prevention"},
        owner_unit=world.surgery,
        start=dt.date(2025, 9, 1),
        end=dt.date(2027, 6, 30),
        status="in_progress",
    )
    create(
        FundingSource,
        initiative=falls,
        programme_name={"en": "Recovery fund"},
        funder={"en": "Ministry of Health"},
        amount=Decimal("200000"),
        currency="EUR",
    )
    create(
        BudgetLine,
        initiative=falls,
        category={"en": "Sensors"},
        planned=Decimal("100000"),
        spent=Decimal("130000"),
        currency="EUR",
    )
    create(
        Milestone,
        initiative=falls,
        title={"en": "Risk assessment"},
        due=dt.date(2025, 11, 1),
        status="done",
    )
    create(Milestone, initiative=falls, title={"en": "Pilot ward"}, due=dt.date(2026, 2, 1))
    create(Milestone, initiative=falls, title={"en": "All wards"}, due=dt.date(2027, 3, 1))
    hold = create(
        Initiative,
        objective=objective,
        code="I4",
        title={"en": "Bed alarms"},
        owner_unit=world.surgery,
        start=dt.date(2026, 3, 1),
        end=dt.date(2028, 2, 28),
        status="on_hold",
    )
    for name, amount in (("EU4Health", "80000"), ("Regional budget", "20000")):
        create(
            FundingSource,
            initiative=hold,
            programme_name={"en": name},
            amount=Decimal(amount),
            currency="EUR",
        )
    create(
        BudgetLine,
        initiative=hold,
        category={"en": "Alarms"},
        planned=Decimal("90000"),
        spent=Decimal("10000"),
        currency="EUR",
    )


def _axe(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations: list[str] = page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target).join(' | '))"""
    )
    return violations


def test_the_portfolio_renders_filters_and_passes_axe(page, live_server, world):
    _more_initiatives(world)
    _log_in(page, live_server, "quality")
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto("/scorecards/initiatives/?unit=HOSP&period=2026Q1")
    assert "Initiatives portfolio" in page.inner_text("h1")
    assert page.locator(".pf-group").count() == 2
    assert page.locator(".pf-track[role=img]").count() == 3
    assert page.locator(".pf-ms--overdue").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "scorecard-portfolio.png"), full_page=True)
    assert _axe(page) == []

    # the group switch and the filters are plain links and a GET form
    page.click(".pf-toolbar a:text('Funding programme')")
    page.wait_for_url("**group=funding**")
    groups = page.locator(".pf-group h2").all_inner_texts()
    assert [g.strip() for g in groups] == ["EU4Health", "Recovery fund", "Regional budget"]
    page.select_option("#pf-status", "on_hold")
    page.click(".pf-filters button[type=submit]")
    page.wait_for_url("**status=on_hold**")
    assert page.locator(".pf-row").count() == 2  # Bed alarms under both of its funders
    page.screenshot(path=str(SCREENSHOTS / "scorecard-portfolio-funding.png"), full_page=True)
    assert _axe(page) == []
    assert errors == []
