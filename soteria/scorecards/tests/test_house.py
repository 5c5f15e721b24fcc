"""The living strategy house: roll-ups, trends, drill-down, rights, htmx and query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.indicators.periods import parse
from soteria.indicators.status import Rag
from soteria.indicators.targets import target_set
from soteria.scorecards import caching
from soteria.scorecards.house import Tally, Trend, live_house
from soteria.strategy import services as strategy_services
from soteria.strategy.models import (
    Initiative,
    Milestone,
    Objective,
    ObjectiveIndicator,
    Priority,
    Programme,
)
from soteria.testing.factories import standard_indicator, strategy_build, unit_create

G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED
NOW, BEFORE = "2026Q2", "2026Q1"


def create(version, model, **fields):
    return strategy_services.element_create(actor=None, version=version, model=model, **fields)


@pytest.fixture
def scene(world, values_set):
    """A hand-made house of the hospital (readmissions: lower is better, target 10 ± 2).

    ============  ======  =================  ==============  ========  ========  ======
    objective     owner   measured at        2026Q1          2026Q2    priority  prog.
    ============  ======  =================  ==============  ========  ========  ======
    O1            CARD    CARD               13 red          9 green   P1        PA
    O2            SURG    SURG               11 amber        11 amber  P1        PB
    O3            WARD    WARD (below CARD)  9 green         13 red    P2        PA
    O4            HOSP    CARD (mortality)   —               —         P2        PB
    O5            HOSP    HOSP               —               9 green   P1        PB
    ============  ======  =================  ==============  ========  ========  ======

    O1 also has an initiative whose milestone is done (green); O3 one without milestones.
    """
    ward = unit_create("HOSP-CARD-W1", parent=world.cardiology, name={"en": "Ward 1"})
    readmissions = standard_indicator("READMISSION_30D")
    mortality = standard_indicator("MORTALITY_INHOSPITAL")
    target_set(None, readmissions, world.hospital, "2026", 10, 2)
    version = strategy_build(world.hospital, code="LIVE", approve=False)
    p1 = create(version, Priority, code="LP1", title={"en": "Quality first"})
    p2 = create(version, Priority, code="LP2", title={"en": "Close to home"})
    pa = create(
        version, Programme, code="PA", title={"en": "Clinical care"}, owner_unit=world.hospital
    )
    pb = create(
        version, Programme, code="PB", title={"en": "Operations"}, owner_unit=world.hospital
    )
    # strategy_build's own objective would count too: it belongs to the hospital
    Objective.objects.filter(version=version).delete()
    Programme.objects.filter(version=version, code="PR1").delete()
    Priority.objects.filter(version=version, code="P1").delete()

    def objective(code, owner, programme, priority, measured_unit=None, indicator=readmissions):
        o = create(
            version,
            Objective,
            programme=programme,
            code=code,
            title={"en": f"Objective {code}"},
            owner_unit=owner,
            priority=priority,
        )
        create(version, ObjectiveIndicator, objective=o, indicator=indicator, unit=measured_unit)
        return o

    objectives = {
        "O1": objective("O1", world.cardiology, pa, p1),
        "O2": objective("O2", world.surgery, pb, p1),
        "O3": objective("O3", ward, pa, p2),
        "O4": objective("O4", world.hospital, pb, p2, world.cardiology, mortality),
        "O5": objective("O5", world.hospital, pb, p1),
    }
    for unit, before, now in (
        (world.cardiology, 13, 9),
        (world.surgery, 11, 11),
        (ward, 9, 13),
        (world.hospital, None, 9),
    ):
        values_set(readmissions, unit, {BEFORE: before, NOW: now} if before else {NOW: now})
    done = create(
        version,
        Initiative,
        objective=objectives["O1"],
        code="LI1",
        title={"en": "Discharge lounge"},
        owner_unit=world.cardiology,
    )
    create(
        version,
        Milestone,
        initiative=done,
        title={"en": "Opened"},
        due=dt.date(2026, 5, 1),
        status="done",
    )
    create(
        version,
        Initiative,
        objective=objectives["O3"],
        code="LI2",
        title={"en": "Ward rounds"},
        owner_unit=ward,
    )
    return version, objectives, ward, (p1, p2), (pa, pb)


def _by_code(rollups):
    return {r.element.code: r for r in rollups}


def test_priorities_and_programmes_roll_up_the_mean_of_their_objectives(world, scene):
    version, _objectives, _ward, _priorities, _programmes = scene
    live = live_house(version, world.hospital, parse(NOW))
    cards = {c.objective.code: c for c in live.objectives}
    assert {code: c.status for code, c in cards.items()} == {
        "O1": G,  # 9 ≤ 10 and the milestone is done: (1 + 1) / 2
        "O2": A,
        "O3": R,
        "O4": None,
        "O5": G,
    }
    priorities, programmes = _by_code(live.priorities), _by_code(live.programmes)
    # P1: mean(1, 0.5, 1) = 0.83 → green; P2: mean(0) (O4 unrated, left out) → red
    assert priorities["LP1"].score == pytest.approx(2.5 / 3)
    assert priorities["LP1"].status == G
    assert priorities["LP2"].score == 0 and priorities["LP2"].status == R
    # PA: mean(1, 0) = 0.5 → amber; PB: mean(0.5, 1) = 0.75 → green (exactly on the edge)
    assert programmes["PA"].score == pytest.approx(0.5) and programmes["PA"].status == A
    assert programmes["PB"].score == pytest.approx(0.75) and programmes["PB"].status == G
    assert live.overall.score == pytest.approx(2.5 / 4) and live.overall.status == A
    # counts
    assert priorities["LP1"].objective_tally == Tally(on_track=2, at_risk=1)
    assert programmes["PB"].indicators == Tally(on_track=1, at_risk=1, not_rated=1)
    assert cards["O1"].initiatives == Tally(on_track=1)
    assert cards["O3"].initiatives == Tally(not_rated=1)
    assert programmes["PA"].initiatives == Tally(on_track=1, not_rated=1)


def test_trend_arrows_compare_with_the_previous_period(world, scene):
    version, *_ = scene
    live = live_house(version, world.hospital, parse(NOW))
    trends = {c.objective.code: c.trend for c in live.objectives}
    assert trends["O1"].direction == Trend.UP  # red (0.5 with the milestone) → green
    assert trends["O2"].direction == Trend.FLAT
    assert trends["O3"].direction == Trend.DOWN
    assert trends["O4"].direction is None
    assert trends["O5"].direction is None  # no value in 2026Q1
    assert trends["O3"].label == "worsening: 0 % (100 % in 2026Q1)"
    assert "not rated in 2026Q1" in trends["O5"].label
    programmes = _by_code(live.programmes)
    # PA: mean(0.5, 1) = 0.75 before, 0.5 now
    assert programmes["PA"].trend.direction == Trend.DOWN


def test_the_page_shows_statuses_in_words_and_icons_with_the_rule(client, world, scene):
    version, objectives, *_ = scene
    client.force_login(world.viewer)
    url = reverse("scorecard-house", args=[version.pk]) + f"?period={NOW}"
    html = client.get(url).content.decode()
    o3 = re.search(r'<li class="live-objective live-objective--red".*?</li>', html, re.S)
    assert o3 is not None
    assert "Objective O3" in o3.group(0)
    assert "off track" in o3.group(0) and "✖" in o3.group(0)
    assert "↓" in o3.group(0) and "worsening" in o3.group(0)
    assert "plain mean of the scores of its objectives" in html
    assert "Green when the weighted score is at least 75 %" in html
    assert f"/scorecards/objectives/{objectives['O3'].pk}/?unit=HOSP&amp;period={NOW}" in html


def test_drilling_down_counts_only_the_units_subtree(client, world, scene):
    version, _objectives, ward, *_ = scene
    live = live_house(version, world.cardiology, parse(NOW))
    # owned in the subtree (O1 cardiology, O3 its ward) or measured there (O4)
    assert sorted(c.objective.code for c in live.objectives) == ["O1", "O3", "O4"]
    assert _by_code(live.programmes)["PB"].objectives[0].objective.code == "O4"
    live = live_house(version, ward, parse(NOW))
    assert [c.objective.code for c in live.objectives] == ["O3"]
    assert _by_code(live.programmes)["PA"].status == R

    client.force_login(world.viewer)
    base = reverse("scorecard-house", args=[version.pk])
    html = client.get(base + f"?period={NOW}").content.decode()
    assert "Drill down to" in html
    assert f"?unit=HOSP-CARD&amp;period={NOW}" in html
    assert f"?unit=HOSP-SURG&amp;period={NOW}" in html
    html = client.get(base + f"?unit=HOSP-CARD&period={NOW}").content.decode()
    assert "Objective O1" in html and "Objective O2" not in html
    assert f"?unit=HOSP-CARD-W1&amp;period={NOW}" in html  # the next level down
    assert f'href="{base}?unit=HOSP&amp;period={NOW}"' in html  # and back up


def test_a_head_of_department_sees_only_what_they_may(client, world, scene):
    version, *_ = scene
    client.force_login(world.lead)  # unit lead of HOSP-CARD only
    theirs = strategy_build(world.other_org, code="THEIRS")
    assert client.get(reverse("scorecard-house", args=[theirs.pk])).status_code == 404
    objective = Objective.objects.get(version=theirs)
    assert client.get(reverse("scorecard-objective", args=[objective.pk])).status_code == 404

    base = reverse("scorecard-house", args=[version.pk])
    response = client.get(base + f"?period={NOW}")
    assert response.status_code == 200  # they read the hospital's strategy…
    html = response.content.decode()
    assert "Cardiology, 2026Q2" in html  # …from their own department
    assert "Objective O1" in html and "Objective O2" not in html
    assert "unit=HOSP&amp;" not in html and "unit=HOSP-SURG" not in html
    assert f"?unit=HOSP-CARD-W1&amp;period={NOW}" in html
    for unit in ("HOSP", "HOSP-SURG", "REG", "OTHER"):
        assert client.get(base + f"?unit={unit}").status_code == 404, unit
    # a unit outside the strategy's subtree is not found either, even for a regional admin
    client.force_login(world.admin)
    assert client.get(base + "?unit=REG").status_code == 404
    assert client.get(base + "?period=2026Q9").status_code == 404


def test_the_index_lists_approved_versions_the_user_may_see(client, world, scene):
    client.force_login(world.lead)
    strategy_build(world.other_org, code="THEIRS")
    html = client.get(reverse("scorecard-house-index")).content.decode()
    assert reverse("scorecard-house", args=[world.strategy.pk]) in html
    assert "THEIRS" not in html
    assert "No approved version yet" in html  # the scene's draft strategy


def test_an_htmx_request_gets_the_house_body_only(client, world, scene):
    version, *_ = scene
    client.force_login(world.viewer)
    url = reverse("scorecard-house", args=[version.pk]) + f"?unit=HOSP-CARD&period={BEFORE}"
    full = client.get(url)
    partial = client.get(url, headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="house-body"')
    assert "<html" not in body and "topbar" not in body
    assert "Cardiology, 2026Q1" in body and 'hx-push-url="true"' in body
    assert "HX-Request" in partial["Vary"]
    restore = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()  # a history restore wants the whole page


def _grow(version, owner, programme, indicators, n):
    """Add ``n`` objectives with two indicators each, one of them with a value."""
    for i in range(n):
        o = create(
            version,
            Objective,
            programme=programme,
            code=f"X{Objective.objects.count()}",
            title={"en": f"More {i}"},
            owner_unit=owner,
        )
        for definition in indicators:
            create(version, ObjectiveIndicator, objective=o, indicator=definition)
        initiative = create(
            version,
            Initiative,
            objective=o,
            code=f"XI{Initiative.objects.count()}",
            title={"en": "More"},
            owner_unit=owner,
        )
        create(
            version, Milestone, initiative=initiative, title={"en": "M"}, due=dt.date(2026, 1, 1)
        )


def _queries(client, url):
    caching.clear()  # the page as rendered when nothing is cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_house(client, world, scene, values_set):
    version, _objectives, _ward, _priorities, (pa, _pb) = scene
    indicators = [standard_indicator("ALOS"), standard_indicator("ED_WAIT_MEDIAN")]
    target_set(None, indicators[0], world.hospital, "2026", 5, 1)
    values_set(indicators[0], world.surgery, {NOW: 4.5})
    client.force_login(world.viewer)
    urls = [
        reverse("scorecard-house", args=[version.pk]) + f"?period={NOW}",
        reverse("scorecard-house", args=[version.pk]) + f"?unit=HOSP-SURG&period={NOW}",
    ]
    _grow(version, world.surgery, pa, indicators, 2)
    small = [_queries(client, url) for url in urls]
    _grow(version, world.surgery, pa, indicators, 6)
    large = [_queries(client, url) for url in urls]
    assert live_house(version, world.surgery, parse(NOW)).overall.indicators.total == 17
    assert small == large
    assert max(large) <= 30


def _figures(live):
    def rollup(r):
        return (
            r.score,
            r.status,
            r.trend.direction,
            r.objective_tally,
            r.indicators,
            r.initiatives,
        )

    return {
        "overall": rollup(live.overall),
        "priorities": [rollup(r) for r in live.priorities],
        "programmes": [rollup(r) for r in live.programmes],
        "cards": [(c.score, c.status, c.previous.score) for c in live.objectives],
        "unassigned": len(live.unassigned),
    }


@pytest.mark.parametrize("period", [NOW, BEFORE, "2026", "202604"])
def test_the_cached_sheet_gives_the_same_house(world, scene, period):
    from soteria.scorecards import freshness
    from soteria.scorecards.house_sheet import live_house_cached

    version, _objectives, ward, *_ = scene
    token = freshness.current()
    for unit in (world.hospital, world.cardiology, ward, world.surgery):
        expected = live_house(version, unit, parse(period))
        got = live_house_cached(version, unit, parse(period), token=token, query="?unit=X&y=1")
        assert _figures(got) == _figures(expected)
        assert all("?unit=X&amp;y=1" in card.html for card in got.objectives)
        for card in got.objectives:
            assert "small muted" in card.html_owner and "small muted" not in card.html


def test_a_card_without_its_owner_is_the_same_card_for_names_needing_escapes(world, scene):
    """The plain card is the owner card with the owner's span cut out: the span must be
    written exactly as the template escapes the name (quotes, ampersands, angle brackets)."""
    from soteria.scorecards import freshness
    from soteria.scorecards.house_sheet import live_house_cached

    version, objectives, ward, *_ = scene
    ward.name = {"en": 'O\'Brien & "Partners" <Ward>'}
    ward.save()
    live = live_house_cached(
        version, world.hospital, parse(NOW), token=freshness.current(), query="?q=1"
    )
    card = next(c for c in live.objectives if c.objective_id == objectives["O3"].pk)
    span = '<span class="small muted">O&#39;Brien &amp; &#34;Partners&#34; &lt;Ward&gt;</span>'
    assert span in card.html_owner
    assert card.html_owner.replace(span, "", 1) == card.html  # nothing else differs
