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
