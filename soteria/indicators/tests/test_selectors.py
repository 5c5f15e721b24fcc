"""Selectors of stored values."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q

from soteria.indicators import selectors
from soteria.indicators.models import IndicatorValue
from soteria.testing.factories import indicator_value_create, standard_indicator


def test_period_rows_read_exactly_the_indicators_asked_for_at_each_unit(world):
    alos, seen = standard_indicator("ALOS"), standard_indicator("ED_SEEN_4H")
    for definition in (alos, seen):
        for unit in (world.hospital, world.cardiology, world.surgery):
            for period in ("2026Q1", "2026Q2", "2026Q3"):
                indicator_value_create(definition, unit, period, 1.0)
    wanted = {world.hospital.pk: {alos.pk}, world.cardiology.pk: [alos.pk, seen.pk]}
    columns = ("definition_id", "unit_id", "period")
    found = set(selectors.period_rows(columns, wanted, ["2026Q1", "2026Q3"]))
    assert found == {
        (definition.pk, unit.pk, period)
        for unit, definition in (
            (world.hospital, alos),
            (world.cardiology, alos),
            (world.cardiology, seen),
        )
        for period in ("2026Q1", "2026Q3")
    }
    figures = selectors.figures_of(wanted, ["2026Q2"])
    assert {(f.definition_id, f.unit_id, f.period) for f in figures} == {
        (alos.pk, world.hospital.pk, "2026Q2"),
        (alos.pk, world.cardiology.pk, "2026Q2"),
        (seen.pk, world.cardiology.pk, "2026Q2"),
    }
    assert all(type(f.partial) is bool and f.value == 1.0 for f in figures)
    assert selectors.period_rows(columns, {}, ["2026Q1"]) == []
    assert selectors.period_rows(columns, {world.surgery.pk: []}, ["2026Q1"]) == []
    assert selectors.period_rows(columns, wanted, []) == []


def _world_values(world):  # type: ignore[no-untyped-def]
    alos, seen = standard_indicator("ALOS"), standard_indicator("ED_SEEN_4H")
    for definition in (alos, seen):
        for unit in (world.hospital, world.cardiology, world.surgery):
            for step, period in enumerate(("2025Q4", "2026Q1", "2026Q2")):
                indicator_value_create(
                    definition,
                    unit,
                    period,
                    None if unit == world.surgery and period == "2026Q1" else 1.0 + step,
                    3.0 + step,
                    4.0,
                    partial=period == "2026Q2",
                    reason="no_data" if unit == world.surgery and period == "2026Q1" else "",
                )
    return alos, seen


def test_figures_at_read_one_indicator_and_period_at_the_units_asked_for(world):
    alos, seen = _world_values(world)
    found = selectors.figures_at(alos.pk, [world.cardiology.pk, world.surgery.pk], "2026Q1")
    stored = {
        v.unit_id: v
        for v in IndicatorValue.objects.filter(
            definition=alos, unit__in=[world.cardiology, world.surgery], period="2026Q1"
        )
    }
    assert {f.unit_id for f in found} == stored.keys()
    for figure in found:
        v = stored[figure.unit_id]
        assert figure == selectors.StoredFigure(
            v.definition_id,
            v.unit_id,
            v.period,
            v.value,
            v.numerator,
            v.denominator,
            v.partial,
            v.no_value_reason,
        )
        assert type(figure.partial) is bool
    partial = selectors.figures_at(seen.pk, [world.hospital.pk], "2026Q2")
    assert [(f.partial, f.value) for f in partial] == [(True, 3.0)]
    assert selectors.figures_at(alos.pk, [], "2026Q1") == []
    assert selectors.figures_at(alos.pk, [world.hospital.pk], "2027Q1") == []


def test_series_rows_are_the_values_at_each_unit_of_one_kind_oldest_first(world):
    alos, seen = _world_values(world)
    indicator_value_create(alos, world.hospital, "202601", 9.0)  # another kind of period
    wanted = {world.hospital.pk: {alos.pk}, world.cardiology.pk: [alos.pk, seen.pk]}
    columns = ("definition_id", "unit_id", "period")
    rows = selectors.series_rows(columns, wanted, "quarter")
    assert sorted(rows) == sorted(
        IndicatorValue.objects.filter(
            Q(unit=world.hospital, definition=alos)
            | Q(unit=world.cardiology, definition__in=[alos, seen]),
            period_type="quarter",
        ).values_list(*columns)
    )
    assert [r[2] for r in rows] == sorted(r[2] for r in rows)  # by the period's first day
    window = selectors.series_rows(
        columns, wanted, "quarter", starts=(dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    )
    assert {r[2] for r in window} == {"2026Q1"} and len(window) == 3
    assert selectors.series_rows(columns, {}, "quarter") == []
    assert selectors.series_rows(columns, {world.surgery.pk: []}, "quarter") == []


def test_only_columns_of_the_values_table_are_read(world):
    with pytest.raises(ValueError, match="not columns"):
        selectors.series_rows(("unit_id", "1; DROP TABLE x"), {world.hospital.pk: [1]}, "month")


def test_figures_read_through_the_unique_index(world):
    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's")
    query = selectors.figures_query(1, [world.hospital.pk, world.surgery.pk], "2026Q1")
    assert query is not None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query[0]}", query[1])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "(definition_id=? AND unit_id=? AND period=?)" in plan, plan  # the unique index
