"""The objective scorecard: indicators with sparkline, SPC signal and assurance; initiatives
with their milestone timeline, budget and funding; rights; fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.indicators.periods import parse, shifted
from soteria.indicators.targets import target_set
from soteria.scorecards import caching
from soteria.scorecards.house import objective_page
from soteria.strategy.models import Initiative, Milestone, Objective, ObjectiveIndicator
from soteria.testing.factories import standard_indicator

NOW = "2026Q2"
SPIKE = [5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.2, 4.8, 5.1, 4.9, 5.0, 5.1, 4.9, 9.0]
STEADY = [29.0, 31.0] * 7


def create(version, model, **fields):
    """An element straight into the (approved, so frozen) version: test data, not an edit."""
    return model.objects.create(version=version, **fields)


def quarters(last: str, n: int) -> list[str]:
    end = parse(last)
    return [shifted(end, i - n + 1).code for i in range(n)]


@pytest.fixture
def scene(world, values_set):
    """The world's objective O1 (cardiology) with two more indicators of 14 quarters each —
    length of stay jumping at the end, ED waits steady far below their target — and two more
    milestones, created out of date order."""
    objective = Objective.objects.get(version=world.strategy)
    stay, wait = standard_indicator("ALOS"), standard_indicator("ED_WAIT_MEDIAN")
    for definition, series in ((stay, SPIKE), (wait, STEADY)):
        create(world.strategy, ObjectiveIndicator, objective=objective, indicator=definition)
        values_set(definition, world.cardiology, dict(zip(quarters(NOW, 14), series)))
    target_set(None, stay, world.hospital, "2026", 6, 1)
    target_set(None, wait, world.hospital, "2026", 60, 5)
    initiative = Initiative.objects.get(objective=objective)
    create(
        world.strategy,
        Milestone,
        initiative=initiative,
        title={"en": "Training"},
        due=dt.date(2026, 3, 1),
        status="late",
    )
    create(
        world.strategy,
        Milestone,
        initiative=initiative,
        title={"en": "Pilot ward"},
        due=dt.date(2025, 10, 1),
        status="done",
    )
    return objective, stay, wait


def _url(objective, **query):
    params = "&".join(f"{k}={v}" for k, v in {"period": NOW, **query}.items())
    return reverse("scorecard-objective", args=[objective.pk]) + "?" + params


def _row(html, link_pk):
    found = re.search(rf'<tr id="indicator-{link_pk}">.*?</tr>', html, re.S)
    assert found is not None
    return found.group(0)


def test_indicators_show_sparkline_spc_signal_and_assurance(client, world, scene):
    objective, stay, _wait = scene
    client.force_login(world.viewer)
    html = client.get(_url(objective)).content.decode()
    links = {link.indicator.code: link for link in objective.indicators.select_related("indicator")}
    spike = _row(html, links["ALOS"].pk)
    # the last quarter is beyond the upper limit; for a length of stay that is a concern
    assert "2026Q2: special cause — beyond a process limit (high)." in spike
    assert "Special cause variation: concern" in spike
    assert "9.0" in spike  # the value, with the definition's decimals
    assert "Hit and miss" in spike or "Consistently" in spike
    steady = _row(html, links["ED_WAIT_MEDIAN"].pk)
    assert "2026Q2: no special-cause signal." in steady
    assert "Common cause variation" in steady
    assert "Consistently meets the target" in steady  # limits 24.7–35.3, target 60
    assert '<span class="spc-icon" aria-hidden="true">P</span>' in steady
    readmissions = _row(html, links["READMISSION_30D"].pk)
    assert "no values yet" in readmissions
    assert "Too few complete periods" in readmissions

    # the sparkline: the last 12 quarters drawn inline, named for screen readers
    svg = ET.fromstring(re.search(r'<svg class="sparkline".*?</svg>', spike, re.S).group(0))
    name = svg.get("aria-label")
    assert svg.get("role") == "img" and name.startswith(stay.display_name)
    assert "from 2023Q3 to 2026Q2" in name and "latest value 9.0 (2026Q2)" in name
    [line] = svg.iter("{http://www.w3.org/2000/svg}polyline")
    heights = [float(pair.split(",")[1]) for pair in line.get("points").split()]
    assert len(heights) == 12
    assert heights[-1] == min(heights)  # the spike is the highest point, drawn at the top
    assert "<svg" not in readmissions
    assert "web/charts.js" not in html  # no chart script needed: sparklines are SVG
    # the link to the indicator page, at the unit where the value is measured
    assert f"/scorecards/indicators/ALOS/?unit=HOSP-CARD&amp;period={NOW}" in spike


def test_initiatives_show_milestones_in_date_order_budget_and_funding(client, world, scene):
    objective, *_ = scene
    client.force_login(world.viewer)
    html = client.get(_url(objective)).content.decode()
    timeline = re.search(r'<ol class="timeline".*?</ol>', html, re.S)
    assert timeline is not None
    titles = re.findall(r'<span class="timeline__title">([^<]+)</span>', timeline.group(0))
    assert titles == ["Pilot ward", "Training", "Go-live"]
    dates = re.findall(r'<time class="timeline__date" datetime="([^"]+)"', timeline.group(0))
    assert dates == ["2025-10-01", "2026-03-01", "2026-06-30"]
    # done → on track; late and due before 2026-07-01 → overdue (off track)
    assert re.findall(r"\((done|overdue|flagged late|not due yet)\)", timeline.group(0)) == [
        "done",
        "overdue",
        "overdue",
    ]
    assert "120,000 EUR spent of 500,000 EUR planned (24 %)" in html
    assert '<span style="width: 24%"></span>' in html
    assert "Recovery fund" in html and "1,000,000 EUR" in html
    assert reverse("initiative-detail", args=[Initiative.objects.get().pk]) in html


def test_the_status_rule_and_calculation_owner_and_notes_are_shown(client, world, scene):
    objective, *_ = scene
    objective.description = {"en": "Paper records retired by 2027."}
    objective.save()
    client.force_login(world.viewer)
    html = unescape(client.get(_url(objective)).content.decode())
    page = objective_page(objective, world.cardiology, parse(NOW))
    assert page.result.calculation in html
    assert "Green when the weighted score is at least 75 %" in html
    assert "Paper records retired by 2027." in html
    assert "Owner unit</dt><dd>Cardiology" in html
    assert "Status in 2026Q2" in html
    # ALOS red (9 > 6 + 1), waits green, readmissions unrated; milestones done, overdue ×2
    assert page.result.on_track == 2 and page.result.off_track == 3
    assert page.indicator_tally.not_rated == 1
    assert page.initiative_tally.off_track == 1  # mean(1, 0, 0) = 0.33


def test_figures_of_units_the_reader_may_not_see_are_withheld(client, world, scene):
    objective, stay, _wait = scene
    link = ObjectiveIndicator.objects.get(objective=objective, indicator=stay)
    link.unit = world.surgery
    link.save()
    client.force_login(world.lead)  # cardiology only
    html = client.get(_url(objective)).content.decode()
    row = _row(html, link.pk)
    assert "its figures are not shown" in row
    assert "vega-spec" not in row and "special cause" not in row
    # the indicator link then uses a unit they may see
    assert f"/scorecards/indicators/ALOS/?unit=HOSP-CARD&amp;period={NOW}" in row
    assert client.get(_url(objective, unit="HOSP-SURG")).status_code == 404


def _queries(client, url):
    caching.clear()  # the page as rendered when nothing is cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_indicators_and_initiatives(client, world, scene, values_set):
    objective, *_ = scene
    client.force_login(world.viewer)

    def link(code):
        definition = standard_indicator(code)
        create(world.strategy, ObjectiveIndicator, objective=objective, indicator=definition)
        values_set(definition, world.cardiology, {q: 50.0 for q in quarters(NOW, 6)})

    link("ED_SEEN_4H")  # a share whose measures refer to another indicator's
    before = _queries(client, _url(objective))
    for code in ("ED_LEFT_4H", "ED_WAIT_P90", "MORTALITY_INHOSPITAL"):
        link(code)
    for n in range(3):
        initiative = create(
            world.strategy,
            Initiative,
            objective=objective,
            code=f"IX{n}",
            title={"en": f"More {n}"},
            owner_unit=world.cardiology,
        )
        create(
            world.strategy,
            Milestone,
            initiative=initiative,
            title={"en": "M"},
            due=dt.date(2027, 1, 1),
        )
    html = client.get(_url(objective)).content.decode()
    assert html.count('<svg class="sparkline"') == 6
    assert _queries(client, _url(objective)) == before


def test_the_old_objective_status_address_redirects_here(client, world, scene):
    objective, *_ = scene
    client.force_login(world.viewer)
    response = client.get(reverse("objective-status", args=[objective.pk]) + "?period=2026S1")
    assert response.status_code == 302
    assert response["Location"] == reverse("scorecard-objective", args=[objective.pk]) + (
        "?period=2026S1"
    )
    client.force_login(world.stranger)
    assert client.get(reverse("objective-status", args=[objective.pk])).status_code == 404
    assert client.get(_url(objective)).status_code == 404
