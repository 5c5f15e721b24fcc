"""The page shell's cached parts (``soteria.web.shell``): the unit picker and the reminder
are cached, but never shown stale or to someone with other rights."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.organisations import services as unit_services
from soteria.organisations.models import Role
from soteria.scorecards import caching
from soteria.testing.factories import role_give, user_create


def picker(html: str) -> list[tuple[str, bool, str]]:
    """(code, selected, label) of each option of the unit picker."""
    match = re.search(r'<select id="unit-picker".*?</select>', html, re.S)
    assert match, "the unit picker is missing"
    return [
        (code, bool(selected), label.replace("\u00a0", "").strip())
        for code, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', match.group(0)
        )
        if code
    ]


def unit_page(client, unit) -> str:
    response = client.get(reverse("unit-detail", args=[unit.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_picker_lists_what_the_user_may_see_and_selects_the_current_unit(client, world):
    client.force_login(world.contributor)  # contributor on cardiology
    options = picker(unit_page(client, world.cardiology))
    assert options == [("HOSP-CARD", True, "Cardiology")]
    client.force_login(world.quality)  # quality manager of the hospital
    options = picker(unit_page(client, world.surgery))
    assert [code for code, _, _ in options] == ["HOSP", "HOSP-CARD", "HOSP-SURG"]
    assert [code for code, selected, _ in options if selected] == ["HOSP-SURG"]
    # The same cached options, another current unit: only that one is selected.
    options = picker(unit_page(client, world.hospital))
    assert [code for code, selected, _ in options if selected] == ["HOSP"]


def test_the_cached_picker_is_not_shared_between_different_rights(client, world):
    client.force_login(world.quality)
    assert "HOSP-SURG" in {c for c, _, _ in picker(unit_page(client, world.cardiology))}
    client.force_login(world.lead)  # unit lead of cardiology only: no surgery
    assert {c for c, _, _ in picker(unit_page(client, world.cardiology))} == {"HOSP-CARD"}
    # A user with exactly the lead's rights shares the lead's cached options.
    twin = user_create("twin")
    role_give(twin, world.cardiology, Role.UNIT_LEAD)
    client.force_login(twin)
    assert {c for c, _, _ in picker(unit_page(client, world.cardiology))} == {"HOSP-CARD"}


def test_the_picker_shows_a_change_at_once(client, world):
    client.force_login(world.quality)
    unit_page(client, world.cardiology)  # cached
    unit_services.unit_update(actor=world.admin, unit=world.cardiology, name={"en": "Heart centre"})
    labels = {code: label for code, _, label in picker(unit_page(client, world.hospital))}
    assert labels["HOSP-CARD"] == "Heart centre"
    # A role given elsewhere shows at once too.
    role_give(world.quality, world.other_org, Role.VIEWER)
    assert "OTHER" in {c for c, _, _ in picker(unit_page(client, world.hospital))}


def test_a_cached_shell_asks_nothing_for_the_picker_and_the_reminder(client, world):
    client.force_login(world.quality)
    unit_page(client, world.hospital)
    with CaptureQueriesContext(connection) as warm:
        unit_page(client, world.hospital)
    caching.clear()
    with CaptureQueriesContext(connection) as cold:
        unit_page(client, world.hospital)
    warm_sql = [q["sql"] for q in warm.captured_queries]
    extra = [q["sql"] for q in cold.captured_queries if q["sql"] not in warm_sql]
    # Cold: the picker's units and the reminder's open rounds; warm: neither.
    assert any("organisations_orgunit" in sql for sql in extra), extra
    assert any("rounds_updateround" in sql for sql in extra), extra
    assert not any("rounds_updateround" in sql for sql in warm_sql)


def test_a_name_with_markup_is_escaped_in_the_picker(client, world):
    unit_services.unit_update(actor=world.admin, unit=world.surgery, name={"en": "<b>Surgery</b>"})
    client.force_login(world.admin)
    html = unit_page(client, world.region)
    select = html.split('id="unit-picker"')[1].split("</select>")[0]
    assert "&lt;b&gt;Surgery&lt;/b&gt;" in select
    assert "<b>" not in select


def _topbar(html: str) -> str:
    match = re.search(r'<header class="topbar">.*?</header>', html, re.S)
    assert match, "the top bar is missing"
    return match.group(0)


def _csrf_fields(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', _topbar(html))


def test_the_cached_top_bar_carries_each_request_s_own_csrf_fields_and_path(world):
    from django.test import Client

    first, second = Client(), Client()
    for browser in (first, second):  # the same user in two browsers: one cached top bar
        browser.force_login(world.quality)
    html_first = unit_page(first, world.hospital)
    html_second = unit_page(second, world.cardiology)
    tokens_first, tokens_second = _csrf_fields(html_first), _csrf_fields(html_second)
    assert len(tokens_first) == 2 and len(tokens_second) == 2  # language and logout forms
    assert set(tokens_first).isdisjoint(tokens_second)
    assert caching.CSRF_SLOT not in html_second
    # each form's token is valid for its own session: logging out works from both
    for browser, tokens in ((first, tokens_first), (second, tokens_second)):
        browser_csrf = Client(enforce_csrf_checks=True)
        browser_csrf.cookies = browser.cookies
        response = browser_csrf.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[1]})
        assert response.status_code == 302
    # the language form returns to the page it was on, the picker selects its unit
    assert 'name="next" value="/units/HOSP-CARD/"' in _topbar(html_second)
    assert [c for c, selected, _ in picker(html_second) if selected] == ["HOSP-CARD"]


def test_the_top_bar_is_not_shared_between_users_and_shows_a_new_name(client, world):
    client.force_login(world.quality)
    assert '<span class="who">quality</span>' in _topbar(unit_page(client, world.hospital))
    client.force_login(world.viewer)  # same page, another user
    assert '<span class="who">viewer</span>' in _topbar(unit_page(client, world.hospital))
    world.viewer.username = "viewer-renamed"
    world.viewer.save()  # no data-generation bump: the name is in the key
    assert "viewer-renamed" in _topbar(unit_page(client, world.hospital))


def test_the_login_page_has_the_language_form_with_its_own_csrf_field(client):
    html = client.get(reverse("login") + "?next=/units/").content.decode()
    bar = _topbar(html)
    assert 'name="next" value="/login/?next=/units/"' in bar
    assert len(_csrf_fields(html)) == 1 and caching.CSRF_SLOT not in html
    assert "unit-picker" not in bar
