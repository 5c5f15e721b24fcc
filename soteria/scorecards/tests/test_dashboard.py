"""A unit's dashboard: its indicators by programme, off track first, pinned ones on top."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.audit.models import AuditEntry
from soteria.indicators.periods import parse
from soteria.indicators.status import Rag
from soteria.indicators.targets import target_set
from soteria.scorecards.dashboard import pin_set, unit_dashboard
from soteria.scorecards.models import Pin
from soteria.strategy import services as strategy_services
from soteria.strategy.models import Objective, ObjectiveIndicator, VersionStatus
from soteria.testing.factories import standard_indicator, strategy_build

Q1 = "2026Q1"


def _strategy(world, extra_links=()):
    """The hospital's approved strategy: objective O1 (Cardiology) measures READMISSION_30D
    at Cardiology; ``extra_links`` adds (code, weight) links to O1 before approval. The
    world's own strategy is archived first, so that this one alone governs."""
    strategy_services.version_transition(
        actor=None, version=world.strategy, status=VersionStatus.ARCHIVED
    )
    version = strategy_build(world.hospital, owner=world.cardiology, approve=False, code="S2")
    objective = Objective.objects.get(version=version, code="O1")
    for code, weight in extra_links:
        strategy_services.element_create(
            actor=None,
            version=version,
            model=ObjectiveIndicator,
            objective=objective,
            indicator=standard_indicator(code),
            weight=weight,
        )
    return strategy_services.version_transition(
        actor=None,
        version=version,
        status=VersionStatus.APPROVED,
        approving_body={"en": "Board"},
        decision_date=dt.date(2025, 3, 1),
    )


@pytest.fixture
def scene(world, values_set):
    _strategy(world, extra_links=[("ALOS", 1), ("ED_SEEN_4H", 1)])
    readmission = standard_indicator("READMISSION_30D")  # lower is better
    alos = standard_indicator("ALOS")  # lower is better
    seen = standard_indicator("ED_SEEN_4H")  # higher is better
    target_set(None, readmission, world.cardiology, "2026", 10, 1)
    target_set(None, alos, world.cardiology, "2026", 5, 1)
    target_set(None, seen, world.cardiology, "2026", 90, 5)
    values_set(readmission, world.cardiology, {Q1: 8})  # green
    values_set(alos, world.cardiology, {Q1: 8})  # red
    values_set(seen, world.cardiology, {Q1: 87})  # amber
    values_set(standard_indicator("ADMISSIONS"), world.cardiology, {Q1: 410})  # not linked
    values_set(standard_indicator("BED_DAYS"), world.surgery, {Q1: 999})  # another unit
    return world


def test_linked_indicators_by_programme_off_track_first_then_the_others(scene):
    board = unit_dashboard(scene.quality, scene.cardiology, parse(Q1))
    assert [g.key.split("-")[0] for g in board.groups] == ["programme", "other"]
    programme = board.groups[0]
    assert "PR1" in programme.title
    assert [(r.part.definition.code, r.part.status) for r in programme.rows] == [
        ("ALOS", Rag.RED),
        ("ED_SEEN_4H", Rag.AMBER),
        ("READMISSION_30D", Rag.GREEN),
    ]
    assert (programme.off_track, programme.at_risk) == (1, 1)
    assert all(r.objective.code == "O1" for r in programme.rows)
    assert [r.part.definition.code for r in board.groups[1].rows] == ["ADMISSIONS"]
    assert "BED_DAYS" not in {r.part.definition.code for r in board.rows}


def test_pinned_indicators_come_first_and_leave_the_other_group(scene):
    admissions = standard_indicator("ADMISSIONS")
    assert pin_set(scene.quality, admissions, scene.cardiology, True)
    board = unit_dashboard(scene.quality, scene.cardiology, parse(Q1))
    assert board.groups[0].key == "pinned"
    assert [r.part.definition.code for r in board.groups[0].rows] == ["ADMISSIONS"]
    assert board.groups[0].rows[0].pinned
    assert "other" not in {g.key for g in board.groups}
    # pins are the user's own
    viewer_board = unit_dashboard(scene.viewer, scene.cardiology, parse(Q1))
    assert viewer_board.groups[0].key != "pinned"
    entry = AuditEntry.objects.filter(action="create").order_by("-pk").first()
    assert entry is not None and entry.actor == scene.quality
    assert not pin_set(scene.quality, admissions, scene.cardiology, False)
    assert not Pin.objects.exists()


def test_the_dashboard_takes_a_fixed_number_of_queries(scene, values_set):
    def count() -> int:
        board_period = parse(Q1)
        with CaptureQueriesContext(connection) as queries:
            board = unit_dashboard(scene.quality, scene.cardiology, board_period)
            assert board.rows
        return len(queries)

    before = count()
    for code in ("DISCHARGES", "PATIENTS", "ED_ARRIVALS", "BED_OCCUPANCY"):
        definition = standard_indicator(code)
        values_set(definition, scene.cardiology, {Q1: 5, "2025Q4": 4, "2025Q3": 6})
        pin_set(scene.quality, definition, scene.cardiology, True)
    assert count() == before


def test_the_page_shows_groups_sparklines_and_pin_buttons(scene, client):
    client.force_login(scene.quality)
    url = reverse("scorecard-dashboard", args=["HOSP-CARD"]) + f"?period={Q1}"
    html = client.get(url).content.decode()
    assert html.index("Average length of stay") < html.index("Emergency readmissions")
    assert html.count('<svg class="sparkline"') == html.count('scope="row"')  # a row each
    assert "☆" in html
    response = client.post(
        reverse("scorecard-pin", args=["HOSP-CARD"]),
        {"indicator": "ADMISSIONS", "pinned": "1", "period": Q1},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?period={Q1}")
    assert Pin.objects.filter(user=scene.quality, definition__code="ADMISSIONS").exists()


def test_a_head_of_department_sees_only_their_own_dashboards(scene, client):
    client.force_login(scene.lead)  # unit lead of HOSP-CARD
    assert client.get(reverse("scorecard-dashboard", args=["HOSP-CARD"])).status_code == 200
    for code in ("HOSP-SURG", "HOSP", "OTHER", "NOPE"):
        assert client.get(reverse("scorecard-dashboard", args=[code])).status_code == 404
        response = client.post(
            reverse("scorecard-pin", args=[code]), {"indicator": "ADMISSIONS", "pinned": "1"}
        )
        assert response.status_code == 404
    assert not Pin.objects.exists()


def test_a_bad_period_or_indicator_is_not_found_never_an_error(scene, client):
    client.force_login(scene.quality)
    url = reverse("scorecard-dashboard", args=["HOSP-CARD"])
    assert client.get(url + "?period=2026Q7").status_code == 404
    response = client.post(
        reverse("scorecard-pin", args=["HOSP-CARD"]), {"indicator": "NOPE", "pinned": "1"}
    )
    assert response.status_code == 404
