"""The planner's statistics after a bulk write of values: SQLite then reads many (unit,
indicators) pairs through the unique index, not through every value of each unit, and a
series still through the covering index alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from soteria.core import statistics
from soteria.indicators import periods, selectors
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, values_stored
from soteria.organisations.models import OrgUnit
from soteria.scorecards import series
from soteria.testing.factories import indicator_value_build, standard_indicator, unit_create


def _plan(query) -> str:  # type: ignore[no-untyped-def]
    return _explain(*query.query.sql_with_params())


def _explain(sql: str, params: list[object]) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


@pytest.fixture
def stored(world) -> tuple[list[OrgUnit], list[int]]:  # type: ignore[no-untyped-def]
    """24 months of 8 indicators at 12 departments, written in bulk as a run writes them."""
    units = [unit_create(f"D{i:02d}", parent=world.hospital) for i in range(12)]
    definitions = list(IndicatorDefinition.objects.order_by("pk")[:8])
    months = [periods.shifted(periods.parse("202401"), step).code for step in range(24)]
    rows = [
        indicator_value_build(definition, unit, code, 1.0)
        for unit in units
        for definition in definitions
        for code in months
    ]
    IndicatorValue.objects.bulk_create(rows)
    values_stored.send(
        sender=IndicatorValue,
        definition_ids={d.pk for d in definitions},
        unit_ids={u.pk for u in units},
    )
    return units, [d.pk for d in definitions]


@pytest.mark.django_db
def test_values_read_by_pairs_use_the_unique_index(stored) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's")
    units, ids = stored
    wanted = {u.pk: ids[:3] for u in units[:6]}
    query = selectors.period_query(selectors.FIGURE_COLUMNS, wanted, ["202512", "202511"])
    assert query is not None
    plan = _explain(*query)
    assert "indicator_value_series" not in plan, plan  # not every value of each unit
    assert "(definition_id=? AND unit_id=? AND period=?)" in plan, plan
    assert len(selectors.figures_of(wanted, ["202512", "202511"])) == 6 * 3 * 2


@pytest.mark.django_db
def test_a_series_still_reads_the_covering_index_alone(stored) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's")
    units, ids = stored
    query = selectors.series_query(
        series.POINT_COLUMNS,
        {units[0].pk: ids},
        "month",
        starts=(dt.date(2024, 1, 1), dt.date(2025, 6, 1)),
    )
    assert query is not None
    plan = _explain(*query)
    assert "COVERING INDEX indicator_value_series" in plan, plan


@pytest.mark.django_db
def test_statistics_are_kept_after_a_bulk_write(stored) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s",
                [IndicatorValue._meta.db_table],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = %s",
                [IndicatorValue._meta.db_table],
            )
        assert cursor.fetchone()[0] > 0


def _analyses(send) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        send()
    return sum(
        1 for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("ANALYZE")
    )


@pytest.mark.django_db
def test_statistics_follow_large_writes_only(world) -> None:  # type: ignore[no-untyped-def]
    """A few values (hand-entered ones being published) leave the statistics as they are;
    a large write, or one that does not say its size, brings them up to date."""

    def send(**size: int) -> None:
        values_stored.send(sender=IndicatorValue, definition_ids=set(), unit_ids=set(), **size)

    assert _analyses(lambda: send(count=5)) == 0
    assert _analyses(lambda: send(count=statistics.LARGE_WRITE - 1)) == 0
    assert _analyses(lambda: send(count=statistics.LARGE_WRITE)) == 1
    assert _analyses(lambda: send()) == 1


@pytest.mark.django_db
def test_writers_say_how_many_values_they_wrote(world) -> None:  # type: ignore[no-untyped-def]
    from soteria.indicators.manual import manual_approve, manual_enter

    sizes: list[int | None] = []

    def heard(sender, count=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        sizes.append(count)

    values_stored.connect(heard)
    try:
        definition = standard_indicator("EDOC_SHARE")
        entry = manual_enter(
            world.contributor, definition, world.cardiology, "202602", 40, 50, submit=True
        )
        manual_approve(world.lead, entry)
    finally:
        values_stored.disconnect(heard)
    assert sizes and all(isinstance(size, int) and size > 0 for size in sizes), sizes
    assert IndicatorValue.objects.filter(definition=definition).count() == sum(sizes)
