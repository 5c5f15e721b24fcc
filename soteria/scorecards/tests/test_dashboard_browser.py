"""End to end in Chromium: a department's dashboard, pinning an indicator, axe check."""

from __future__ import annotations

from soteria.organisations.models import OrgUnit, Role
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import role_give, user_create

from .test_house_browser import NOW, _log_in, _scene, _serious_axe_violations

pytestmark = BROWSER


def test_a_head_of_department_pins_an_indicator_to_the_dashboard(page, live_server, values_set):
    _scene(values_set)
    cardiology = OrgUnit.objects.get(code="WSS-KARD")
    user = user_create("anna")
    role_give(user, cardiology, Role.UNIT_LEAD)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(page, live_server, "anna")
    page.goto(f"/scorecards/units/WSS-KARD/?period={NOW}")
    page.wait_for_selector("svg.sparkline")
    first = page.locator("main table tbody tr").first
    name = first.locator("th a").inner_text()
    with page.expect_navigation():  # the pin's post, its redirect and the dashboard again
        first.locator("button:has-text('Pin')").click()
    assert page.locator("#group-pinned").count() == 1
    assert page.locator("main section").first.locator("th a").first.inner_text() == name
    page.wait_for_selector("svg.sparkline")
    page.screenshot(path=str(SCREENSHOTS / "scorecard-dashboard.png"), full_page=True)
    assert _serious_axe_violations(page) == []
    assert errors == []
