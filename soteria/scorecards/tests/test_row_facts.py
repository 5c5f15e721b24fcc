"""Row facts: a table row charted from what is kept with the stored value equals the row
charted from its series — sparkline, signal, variation and assurance — and the facts follow
every write of values."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from soteria.indicators import periods
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, values_stored
from soteria.indicators.periods import PeriodType
from soteria.scorecards import row_facts
from soteria.scorecards.rows import (
    IndicatorRow,
    judge_spc,
    judge_with,
    sparkline_for,
    sparkline_html,
)
from soteria.scorecards.series import DEFAULT_LENGTH, Point, Series, series_for_many
from soteria.testing.factories import (
    indicator_value_build,
    indicator_value_create,
    standard_indicator,
)


def _definition(chart: str, direction: str, multiplier: float) -> IndicatorDefinition:
    return IndicatorDefinition(
        code=f"T_{chart}",
        name={"en": f"Test {chart}"},
        spc_chart=chart,
        direction=direction,
        multiplier=multiplier,
        decimals=1,
    )


def _points(rng: random.Random, kind: PeriodType, count: int) -> list[Point]:
    """A random stored series: gaps (no row), rows without a value, partial periods, counts
    that a p-chart can take or not (a numerator above its denominator)."""
    period = periods.parse({"month": "202301", "quarter": "2019Q1"}.get(kind.value, "2015"))
    if kind == PeriodType.HALF_YEAR:
        period = periods.parse("2014S1")
    level = rng.uniform(5, 60)
    out = []
    for _step in range(count):
        period = periods.shifted(period, 1 + (rng.random() < 0.08))
        if rng.random() < 0.06:
            out.append(Point(period.code, period.start, None, None, None, False, ""))
            continue
        den = float(rng.randint(0, 400))
        num = float(rng.randint(0, int(den) + (5 if rng.random() < 0.05 else 0)))
        level += rng.gauss(0, 3) + (8 if rng.random() < 0.04 else 0)
        value = round(level if rng.random() < 0.5 else (num / den * 100 if den else level), 3)
        partial = rng.random() < 0.05
        out.append(Point(period.code, period.start, value, num, den, partial, ""))
    return out


def _row(definition: IndicatorDefinition, target: float | None) -> IndicatorRow:
    part = SimpleNamespace(
        definition=definition, target=None if target is None else SimpleNamespace(value=target)
    )
    return IndicatorRow(part=part, visible=True, url="")  # type: ignore[arg-type]


def _shown(row: IndicatorRow) -> tuple[object, ...]:
    return (str(row.sparkline), row.signal, row.variation, row.assurance)


@pytest.mark.parametrize("seed", range(6))
def test_a_row_from_its_facts_equals_the_row_from_its_series(seed: int) -> None:
    """Thousands of windows: every period of random series of every kind of chart, period
    and direction, against random targets (some on the kept limits themselves)."""
    rng = random.Random(seed)
    compared = 0
    for chart in ("xmr", "p", "u"):
        for direction in ("higher", "lower", "none"):
            definition = _definition(chart, direction, rng.choice([1.0, 100.0, 1000.0]))
            kind = rng.choice(list(PeriodType))
            points = _points(rng, kind, rng.randint(1, 60))
            facts = row_facts.facts_along(definition, points)
            assert len(facts) == len(points)
            length = DEFAULT_LENGTH[kind]
            for index, point in enumerate(points):
                first = periods.shifted(periods.parse(point.period), -(length - 1)).start
                window = [p for p in points[: index + 1] if p.start >= first][-length:]
                series = Series(definition, 1, kind.value, window)
                kept = row_facts.decode(row_facts.encode(facts[index]))
                assert kept == facts[index]
                targets = [None, rng.uniform(0, 100)]
                if kept.lower is not None:  # exactly on a kept limit (on the chart's scale)
                    scale = definition.multiplier if kept.kind == "p" else 1.0
                    targets.append(kept.lower * scale)
                for target in targets:
                    live, stored = _row(definition, target), _row(definition, target)
                    live.sparkline = sparkline_for(definition, series)
                    judge_spc(live, series)
                    stored.sparkline = sparkline_html(definition, kept.spark)
                    judge_with(stored, kept.period, kept.latest(definition, target))
                    assert _shown(stored) == _shown(live), (chart, direction, point.period)
                    compared += 1
    assert compared > 300


def test_facts_of_another_version_or_none_are_not_used() -> None:
    assert row_facts.decode(None) is None
    assert row_facts.decode("") is None
    assert row_facts.decode('[0,"xmr","xmr",null,[],null,null,null,null,null]') is None


# --- kept with the stored values -----------------------------------------------------------


def _kept(definition: IndicatorDefinition, unit_id: int) -> dict[str, str | None]:
    return dict(
        IndicatorValue.objects.filter(definition=definition, unit_id=unit_id).values_list(
            "period", "row_facts"
        )
    )


def _expected(definition: IndicatorDefinition, unit_id: int, code: str) -> row_facts.Facts:
    period = periods.parse(code)
    series = series_for_many([(definition, unit_id)], period.type.value, until=period.start)
    points = series[(definition.pk, unit_id)].points
    return row_facts.facts_along(definition, points)[-1]


@pytest.mark.django_db
def test_a_saved_value_and_the_later_ones_of_its_series_get_their_facts(world) -> None:
    definition = standard_indicator("READMISSION_30D")
    for month in range(1, 16):
        code = f"2025{month:02d}" if month <= 12 else f"2026{month - 12:02d}"
        indicator_value_create(definition, world.cardiology, code, 10.0 + month % 4, 3, 30)
    kept = _kept(definition, world.cardiology.pk)
    assert all(kept.values())
    assert row_facts.decode(kept["202603"]) == _expected(definition, world.cardiology.pk, "202603")
    # an earlier value changed: the later periods' facts follow
    value = IndicatorValue.objects.get(
        definition=definition, unit=world.cardiology, period="202502"
    )
    value.numerator, value.value = 27, 90.0  # a p-chart: its limits move
    value.save()
    after = _kept(definition, world.cardiology.pk)
    assert after["202603"] != kept["202603"]
    assert row_facts.decode(after["202603"]) == _expected(definition, world.cardiology.pk, "202603")
    assert after["202501"] == kept["202501"]  # before the change: as it was


@pytest.mark.django_db
def test_values_written_in_bulk_get_their_facts_on_the_signal(world) -> None:
    definition = standard_indicator("ALOS")
    rows = [
        indicator_value_build(
            definition, world.cardiology, f"2025{month:02d}", 4.0 + month / 10, 40 + month, 10
        )
        for month in range(1, 13)
    ]
    IndicatorValue.objects.bulk_create(rows)  # no post_save
    assert not any(_kept(definition, world.cardiology.pk).values())
    values_stored.send(
        sender=IndicatorValue, definition_ids={definition.pk}, unit_ids={world.cardiology.pk}
    )
    kept = _kept(definition, world.cardiology.pk)
    assert all(kept.values())
    assert row_facts.decode(kept["202512"]) == _expected(definition, world.cardiology.pk, "202512")


@pytest.mark.django_db
def test_rows_are_charted_from_facts_in_one_query_and_from_series_where_there_are_none(
    world,
) -> None:
    definitions = [standard_indicator(c) for c in ("READMISSION_30D", "ALOS", "ED_SEEN_4H")]
    for definition in definitions:
        for month in range(1, 13):
            code = f"2025{month:02d}"
            indicator_value_create(definition, world.cardiology, code, 50.0 + month % 5, 5, 10)
    period = periods.parse("202512")

    def rows() -> list[IndicatorRow]:
        return [
            IndicatorRow(
                part=SimpleNamespace(  # type: ignore[arg-type]
                    definition=d, unit=world.cardiology, target=SimpleNamespace(value=52.0)
                ),
                visible=True,
                url="",
            )
            for d in definitions
        ]

    with CaptureQueriesContext(connection) as queries:
        from_facts = rows()
        row_facts.chart_rows(from_facts, period)
    assert len(queries) == 1
    IndicatorValue.objects.filter(definition=definitions[1]).update(row_facts=None)
    with CaptureQueriesContext(connection) as queries:
        mixed = rows()
        row_facts.chart_rows(mixed, period)
    assert len(queries) == 2  # the facts, then the one series without
    assert [_shown(r) for r in mixed] == [_shown(r) for r in from_facts]
    assert all(r.sparkline and "svg" in r.sparkline for r in mixed)


@pytest.mark.django_db
def test_the_command_works_them_out_again(world) -> None:
    from django.core.management import CommandError, call_command

    definition = standard_indicator("ALOS")
    for month in range(1, 4):
        indicator_value_create(definition, world.cardiology, f"2025{month:02d}", 4.0 + month)
    IndicatorValue.objects.update(row_facts=None)
    call_command("refresh_row_facts", "--indicator", "ALOS")
    assert all(_kept(definition, world.cardiology.pk).values())
    with pytest.raises(CommandError, match="NOPE"):
        call_command("refresh_row_facts", "--indicator", "NOPE")
