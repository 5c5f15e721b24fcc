"""Periods on a run chart are in time order whatever layer brings them first."""

from __future__ import annotations

from soteria.scorecards import charts


def test_the_period_axis_is_sorted_in_time_order():
    points = [
        {"period": p, "start": f"{p[:4]}-01-01", "value": 5.0, "lower": 1.0, "upper": 9.0}
        for p in ("2024Q1", "2024Q2", "2025Q1", "2026Q3")
    ]
    spec = charts.spc_chart(
        points,
        title="t",
        y_title="y",
        description="d",
        value_format=",.1f",
        target=6.0,
        signal_labels={},
    )
    sorts = [
        layer["encoding"]["x"].get("sort")
        for layer in spec["layer"]
        if "x" in layer.get("encoding", {})
    ]
    assert sorts and all(s == "ascending" for s in sorts)
