"""End to end in Debian's Chromium: log in, switch language, edit an objective."""

from __future__ import annotations

from soteria.strategy.models import Objective
from soteria.strategy.services import version_copy
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import role_give, strategy_build, unit_create, user_create

pytestmark = BROWSER


def test_log_in_switch_language_and_edit_an_objective(page, live_server):
    from soteria.organisations.models import Role

    hospital = unit_create(
        "WSS",
        kind="hospital",
        name={"en": "Provincial Hospital", "pl": "Szpital Wojewódzki"},
        language="pl",
    )
    cardiology = unit_create(
        "WSS-KARD", parent=hospital, name={"en": "Cardiology", "pl": "Oddział Kardiologii"}
    )
    approved = strategy_build(hospital, owner=cardiology)
    draft = version_copy(actor=None, version=approved)
    user = user_create("marta")
    role_give(user, cardiology, Role.CONTRIBUTOR)

    page.goto("/")
    assert "/login/" in page.url
    page.fill("#id_username", "marta")
    page.fill("#id_password", "marta-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    with page.expect_navigation():
        page.select_option("#language-picker", "pl")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert "Wyloguj" in page.content()  # "Log out" in Polish

    page.goto(f"/versions/{draft.pk}/")
    page.screenshot(path=str(SCREENSHOTS / "house-pl.png"), full_page=True)
    objective = Objective.objects.get(version=draft)
    page.click(f"#objective-{objective.pk} a[href$='/elements/objective/{objective.pk}/edit/']")
    page.fill("input[name=title_pl]", "Dokumentacja w pełni elektroniczna")
    page.fill("input[name=title_en]", "")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"**/versions/{draft.pk}/**")
    assert "Dokumentacja w pełni elektroniczna" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "house-pl-edited.png"), full_page=True)

    objective.refresh_from_db()
    assert objective.title == {"pl": "Dokumentacja w pełni elektroniczna"}

    # A validation error is shown next to the field, in Polish, and nothing is saved.
    page.goto(f"/elements/objective/{objective.pk}/edit/")
    page.fill("input[name=title_pl]", "")
    page.click("main form.form button[type=submit]")
    assert page.locator(".errorlist").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "objective-error-pl.png"), full_page=True)
    objective.refresh_from_db()
    assert objective.title == {"pl": "Dokumentacja w pełni elektroniczna"}


def _log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_a_hand_entered_value_is_entered_approved_and_shown(page, live_server):
    from soteria.indicators.models import IndicatorDefinition, IndicatorValue
    from soteria.organisations.models import Role

    hospital = unit_create("WSS", kind="hospital", name={"en": "Provincial Hospital"})
    cardiology = unit_create("WSS-KARD", parent=hospital, name={"en": "Cardiology"})
    nurse, head = user_create("ewa"), user_create("jan")
    role_give(nurse, cardiology, Role.CONTRIBUTOR)
    role_give(head, cardiology, Role.UNIT_LEAD)
    hours = IndicatorDefinition.objects.get(code="STAFF_TRAINING_HOURS")

    _log_in(page, live_server, "ewa")
    page.goto("/indicators/manual/?period=202609")
    cell = page.locator(f"form:has(input[name=definition][value='{hours.pk}'])").first
    cell.locator("input[name$=numerator]").fill("42")
    with page.expect_navigation():  # the post, its redirect and the page it leads to
        cell.locator("button[value=submit]").click()
    page.screenshot(path=str(SCREENSHOTS / "manual-entry.png"), full_page=True)
    assert not IndicatorValue.objects.filter(definition=hours).exists()  # not yet approved

    _log_in(page, live_server, "jan")
    page.goto("/indicators/manual/approvals/")
    page.screenshot(path=str(SCREENSHOTS / "manual-approvals.png"), full_page=True)
    with page.expect_navigation():
        page.click("form[action*='/approve/'] button")

    page.goto("/indicators/STAFF_TRAINING_HOURS/?unit=WSS&period_type=quarter")
    page.screenshot(path=str(SCREENSHOTS / "indicator-values.png"), full_page=True)
    row = page.locator("tr", has_text="2026Q3")
    assert "42" in row.inner_text()
