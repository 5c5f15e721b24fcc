"""Status: red/amber/green of values against targets, and objectives rolled up from them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from soteria.indicators import periods
from soteria.indicators.models import Direction, IndicatorValue
from soteria.indicators.status import (
    Rag,
    objective_status,
    objective_statuses,
    rag,
    rate_values,
    rule_text,
    score_status,
    thresholds,
)
from soteria.indicators.targets import target_set
from soteria.strategy import services as strategy_services
from soteria.strategy.models import (
    Initiative,
    Milestone,
    Objective,
    ObjectiveIndicator,
    StrategyVersion,
)
from soteria.testing.factories import standard_indicator, strategy_build

G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED

# --- rag -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100, G),
        (95, G),  # exactly at the target
        (94.99, A),
        (90, A),  # exactly at the tolerance edge
        (89.99, R),
        (0, R),
        (-5, R),
    ],
)
def test_higher_is_better(value, expected):
    assert rag(value, 95, 5, Direction.HIGHER) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, G), (95, G), (95.01, A), (100, A), (100.01, R), (1000, R)],
)
def test_lower_is_better(value, expected):
    assert rag(value, 95, 5, Direction.LOWER) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(95, G), (100, G), (90, G), (100.01, R), (89.99, R)],
)
def test_neither_direction_is_green_within_the_tolerance_and_red_outside(value, expected):
    assert rag(value, 95, 5, Direction.NONE) == expected


def test_a_zero_tolerance_has_no_amber():
    assert rag(95, 95, 0, Direction.HIGHER) == G
    assert rag(94.9, 95, 0, Direction.HIGHER) == R
    assert rag(95.1, 95, 0, Direction.LOWER) == R
    assert rag(95, 95, 0, Direction.NONE) == G
    assert rag(95.1, 95, 0, Direction.NONE) == R


@pytest.mark.parametrize(
    ("value", "target", "tolerance"),
    [
        (None, 95, 5),
        (95, None, 5),
        (None, None, None),
        (float("nan"), 95, 5),
        (95, float("nan"), 5),
        (float("inf"), 95, 5),
        ("n/a", 95, 5),
        (True, 1, 0),
    ],
)
@pytest.mark.parametrize("direction", [Direction.HIGHER, Direction.LOWER, Direction.NONE])
def test_no_status_without_a_number_and_never_an_exception(value, target, tolerance, direction):
    assert rag(value, target, tolerance, direction) is None


def test_a_missing_or_odd_tolerance_counts_as_zero_and_directions_may_be_plain_text():
    assert rag(94, 95, None, "higher") == R
    assert rag(94, 95, float("nan"), "higher") == R
    assert rag(94, 95, 1, "higher") == A
    assert rag(96, 95, 1, "lower") == A
    assert rag(96, 95, 1, "sideways") == G  # unknown direction: as "neither"


def test_floating_point_noise_on_a_boundary_counts_as_on_it():
    assert rag(0.1 + 0.2, 0.3, 0, Direction.LOWER) == G
    assert rag(0.3, 0.1 + 0.2, 0, Direction.HIGHER) == G
    assert rag(0.85, 0.95, 0.1, Direction.HIGHER) == A  # 0.95 - 0.1 = 0.8499999…
    assert rag(1.05, 0.95, 0.1, Direction.LOWER) == A


def test_score_thresholds():
    assert score_status(1) == G
    assert score_status(0.75) == G
    assert score_status(0.7499) == A
    assert score_status(0.4) == A
    assert score_status(0.3999) == R
    assert score_status(0) == R
    assert score_status(None) is None


def test_thresholds_for_people():
    assert thresholds(95, 5, Direction.HIGHER, 0) == {G: "≥ 95", A: "≥ 90", R: "< 90"}
    assert thresholds(8, 2, Direction.LOWER, 1) == {G: "≤ 8.0", A: "≤ 10.0", R: "> 10.0"}
    assert thresholds(85, 5, Direction.NONE, 0) == {G: "85 ± 5", R: "outside 85 ± 5"}


# --- values --------------------------------------------------------------------------------------


def value_set(definition, unit, code, value, reason="", partial=False):
    period = periods.parse(code)
    return IndicatorValue.objects.create(
        definition=definition,
        unit=unit,
        period=period.code,
        period_type=period.type.value,
        period_start=period.start,
        value=value,
        no_value_reason=reason,
        definition_version=definition.version,
        partial=partial,
    )


def test_every_value_gets_its_status_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    ratio = standard_indicator("READMISSION_30D")  # lower is better
    target_set(None, ratio, world.hospital, "2026", 10, 2)
    target_set(None, ratio, world.cardiology, "202602", 5, 0)
    values = [
        value_set(ratio, world.hospital, "202601", 9),
        value_set(ratio, world.hospital, "202602", 11),
        value_set(ratio, world.surgery, "202602", 13),
        value_set(ratio, world.cardiology, "202602", 6),
        value_set(ratio, world.cardiology, "202603", 6),
        value_set(ratio, world.cardiology, "202604", None, "no_rows"),
        value_set(ratio, world.other_org, "202602", 1),
    ]
    with django_assert_num_queries(2):
        rated = rate_values(ratio, values)
    assert [r.status for r in rated] == [G, A, R, R, G, None, None]
    assert rated[4].target.inherited


def test_a_total_of_a_period_not_over_is_not_judged_but_a_rate_is(world):
    admissions, readmission = (
        standard_indicator("ADMISSIONS"),
        standard_indicator("READMISSION_30D"),
    )
    target_set(None, admissions, world.hospital, "2026", 1200, 100)
    target_set(None, readmission, world.hospital, "2026", 10, 2)
    rated = rate_values(
        admissions,
        [
            value_set(admissions, world.hospital, "2025", 1250),
            value_set(admissions, world.hospital, "2026", 300, partial=True),
        ],
    )
    assert [r.status for r in rated] == [None, None]  # 2025 has no target
    assert admissions.is_total and not readmission.is_total
    rated = rate_values(
        readmission, [value_set(readmission, world.hospital, "2026", 9, partial=True)]
    )
    assert [r.status for r in rated] == [G]
    assert not standard_indicator("ED_WAIT_MEDIAN").is_total


# --- objectives ----------------------------------------------------------------------------------


def _draft(world) -> StrategyVersion:
    return strategy_build(world.hospital, owner=world.cardiology, approve=False, code="S9")


def _add(version, model, **fields):
    return strategy_services.element_create(actor=None, version=version, model=model, **fields)


@pytest.fixture
def scene(world):
    """An objective of Cardiology with five indicators and five milestones (see the test)."""
    version = _draft(world)
    objective = Objective.objects.get(version=version, code="O1")
    initiative = Initiative.objects.get(version=version, code="I1")
    readmission = ObjectiveIndicator.objects.get(version=version)  # weight 2, at Cardiology
    assert (readmission.weight, readmission.unit) == (2, None)
    links = {"readmission": readmission}
    for name, code, weight, unit in (
        ("seen_4h", "ED_SEEN_4H", 3, world.hospital),
        ("alos", "ALOS", 4, None),
        ("admissions", "ADMISSIONS", 5, None),
        ("mortality", "MORTALITY_INHOSPITAL", 1, None),
    ):
        links[name] = _add(
            version,
            ObjectiveIndicator,
            objective=objective,
            indicator=standard_indicator(code),
            weight=weight,
            unit=unit,
        )
    ind = {name: link.indicator for name, link in links.items()}
    # readmission (lower): 9 against 8 ± 2 at Cardiology → amber, weight 2
    target_set(None, ind["readmission"], world.cardiology, "2026", 8, 2)
    value_set(ind["readmission"], world.cardiology, "2026Q1", 9)
    # seen within 4 h (higher) at the hospital: 96 against 95 → green, weight 3
    target_set(None, ind["seen_4h"], world.hospital, "2026Q1", 95, 5)
    value_set(ind["seen_4h"], world.hospital, "2026Q1", 96)
    value_set(ind["seen_4h"], world.cardiology, "2026Q1", 10)  # not where it is measured
    # length of stay (lower): 7 against 5 ± 1 → red, weight 4
    target_set(None, ind["alos"], world.cardiology, "2026", 5, 1)
    value_set(ind["alos"], world.cardiology, "2026Q1", 7)
    # admissions: a target but no value → not rated
    target_set(None, ind["admissions"], world.cardiology, "2026", 100)
    value_set(ind["admissions"], world.cardiology, "2026Q1", None, "no_rows")
    value_set(ind["admissions"], world.cardiology, "2026Q2", 30, partial=True)
    # mortality: a value but no target → not rated
    value_set(ind["mortality"], world.cardiology, "2026Q1", 2)
    # milestones for 2026Q1 (ends 2026-03-31); the factory's "Go-live" is due 2026-06-30
    for title, due, status in (
        ("done early", dt.date(2026, 2, 15), "done"),  # green
        ("overdue", dt.date(2026, 3, 31), "in_progress"),  # due in the period, not done: red
        ("flagged late", dt.date(2026, 9, 1), "late"),  # not due yet but late: amber
        ("dropped", dt.date(2026, 1, 10), "cancelled"),  # not rated
    ):
        _add(version, Milestone, initiative=initiative, title={"en": title}, due=due, status=status)
    return objective, links


def test_an_objectives_status_is_the_weighted_mean_of_its_parts(world, scene):
    objective, _links = scene
    result = objective_status(objective, "2026Q1")
    by_code = {p.definition.code: p for p in result.indicators}
    assert {code: (p.status, p.weight) for code, p in by_code.items()} == {
        "READMISSION_30D": (A, 2),
        "ED_SEEN_4H": (G, 3),
        "ALOS": (R, 4),
        "ADMISSIONS": (None, 5),
        "MORTALITY_INHOSPITAL": (None, 1),
    }
    assert by_code["ED_SEEN_4H"].unit == world.hospital and by_code["ED_SEEN_4H"].value == 96
    assert by_code["READMISSION_30D"].unit == world.cardiology
    assert by_code["READMISSION_30D"].target.value == 8
    assert by_code["ADMISSIONS"].why_not_rated == "no value"
    assert by_code["ADMISSIONS"].no_value_reason == "no data for this unit and period"
    assert by_code["MORTALITY_INHOSPITAL"].why_not_rated == "no target"
    milestones = {p.milestone.title["en"]: (p.status, p.reason) for p in result.milestones}
    assert milestones == {
        "done early": (G, "done"),
        "overdue": (R, "overdue"),
        "Go-live": (None, "not due yet"),
        "flagged late": (A, "flagged late"),
        "dropped": (None, "cancelled"),
    }
    # rated: indicators 2 + 3 + 4 and milestones 1 + 1 + 1 = 12
    # points: 2 × 0.5 + 3 × 1 + 4 × 0 + 1 × 1 + 1 × 0 + 1 × 0.5 = 5.5 → 5.5 / 12 = 0.458
    assert result.weight_rated == 12
    assert result.points == pytest.approx(5.5)
    assert result.score == pytest.approx(5.5 / 12)
    assert result.status == A
    assert (result.on_track, result.at_risk, result.off_track, result.not_rated) == (2, 2, 2, 4)
    assert result.calculation == "5.5 of 12 weighted points = 46 %: at risk."
    assert "at least 75 %" in result.rule and "at least 40 %" in result.rule
    assert result.rule == rule_text()


def test_an_unfinished_periods_total_is_not_rated_and_says_why(world, scene):
    objective, _links = scene
    result = objective_status(objective, "2026Q2")
    admissions = next(p for p in result.indicators if p.definition.code == "ADMISSIONS")
    assert admissions.value == 30 and admissions.partial
    assert admissions.status is None
    assert admissions.why_not_rated == "the period is not over"


def test_a_later_period_sees_more_milestones_due(world, scene):
    objective, _links = scene
    result = objective_status(objective, "2026S1")  # ends 2026-06-30: Go-live now overdue
    milestones = {p.milestone.title["en"]: p.status for p in result.milestones}
    assert milestones["Go-live"] == R
    # S1 has no values stored: only milestones are rated: done 1, overdue 0, Go-live 0, late 0.5
    assert [p.status for p in result.indicators] == [None] * 5
    assert result.weight_rated == 4 and result.points == pytest.approx(1.5)
    assert result.status == R


def test_done_milestones_are_green_and_cancelled_initiatives_do_not_count(world, scene):
    objective, _links = scene
    for milestone in Milestone.objects.filter(initiative__objective=objective):
        milestone.status = "done"
        milestone.save()
    result = objective_status(objective, "2026Q1")
    assert {p.milestone.title["en"]: p.status for p in result.milestones}["Go-live"] == G
    Initiative.objects.filter(objective=objective).update(status="cancelled")
    result = objective_status(objective, "2026Q1")
    assert all(p.status is None and p.reason == "cancelled" for p in result.milestones)


def test_all_green_is_green_and_nothing_rated_is_no_status(world):
    version = _draft(world)
    objective = Objective.objects.get(version=version, code="O1")
    Milestone.objects.filter(version=version).delete()
    result = objective_status(objective, "2026Q1")
    assert result.status is None and result.score is None
    assert result.calculation == "Nothing is rated for 2026Q1 yet, so the objective has no status."
    readmission = standard_indicator("READMISSION_30D")
    target_set(None, readmission, world.hospital, "2026", 8)  # inherited by Cardiology
    value_set(readmission, world.cardiology, "2026Q1", 7.5)
    result = objective_status(objective, "2026Q1")
    assert result.status == G and result.score == 1
    assert result.indicators[0].target.describe() == "inherited from HOSP, 2026"
    assert result.calculation == "2 of 2 weighted points = 100 %: on track."


def test_the_roll_up_takes_a_fixed_number_of_queries(world, scene):
    objective, _links = scene

    def queries() -> int:
        fresh = Objective.objects.get(pk=objective.pk)
        with CaptureQueriesContext(connection) as captured:
            objective_status(fresh, "2026Q1")
        return len(captured)

    before = queries()
    version = objective.version
    for code in ("ED_LEFT_4H", "ED_WAIT_P90", "BED_DAYS", "DISCHARGES"):
        _add(
            version,
            ObjectiveIndicator,
            objective=objective,
            indicator=standard_indicator(code),
            weight=1,
        )
    initiative = Initiative.objects.get(version=version, code="I1")
    for n in range(5):
        _add(
            version,
            Milestone,
            initiative=initiative,
            title={"en": f"m{n}"},
            due=dt.date(2026, 1, n + 1),
        )
    assert queries() == before <= 5


def test_many_objectives_at_once(world, scene):
    objective, _links = scene
    other = Objective.objects.get(version=world.strategy, code="O1")
    results = objective_statuses([objective, other], "2026Q1")
    assert results[objective.pk].status == A
    assert results[other.pk].indicators[0].definition.code == "READMISSION_30D"
