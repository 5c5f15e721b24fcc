"""What a scorecard row shows of a series — its sparkline and its latest SPC judgement —
worked out when values are stored, not on every page.

A row of an indicator table (objective scorecard, unit dashboard) shows, for an indicator
at a unit and a period, the sparkline of the last stored periods up to that one and the SPC
judgement of the latest complete period of the series up to it
(:func:`soteria.scorecards.series.series_for_many` with ``until``). Both depend on nothing
but the stored values of that series, so they are worked out for every stored value when
values are written — :func:`refresh`, on the ``values_stored`` signal of the bulk writers
(a computation run, the publishing of hand-entered values) and on a single value's save —
and kept in the value's ``row_facts`` column: language-free (period codes, numbers, signal
codes, where the sparkline is drawn), a JSON array (:func:`encode`). A table reads them
with one query (:func:`chart_rows`) and writes the texts in the reader's language; the
assurance depends on the target of the day and the better direction, so it is worked out
then, from the kept process limits, with the very arithmetic of the chart.

A value without them (written by code that sends no signal) or with an older
:data:`VERSION` is charted from its series as before: the page is the same either way,
only slower. ``manage.py refresh_row_facts`` works them out for every stored value.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from django.db import connection, transaction

from soteria.indicators import periods, selectors, spc
from soteria.indicators.models import IndicatorDefinition, IndicatorValue
from soteria.indicators.periods import Period, PeriodType
from soteria.scorecards.rows import (
    IndicatorRow,
    Spark,
    judge_spc,
    judge_with,
    spark_of,
    sparkline_for,
    sparkline_html,
)
from soteria.scorecards.series import (
    DEFAULT_LENGTH,
    Point,
    chart_kind,
    chart_target,
    direction_of,
    latest_unscaled,
    series_for_many,
    start_of,
)

VERSION = 1
"""Of the layout of :func:`encode` and of what it keeps: facts of another version are not
used (the row is charted from its series) until :func:`refresh` writes them again."""

_TABLE = IndicatorValue._meta.db_table
_BATCH = 500
"""Units read at a time when refreshing (one query per indicator and batch)."""


class Facts(NamedTuple):
    """What is kept with a stored value (see the module docstring)."""

    version: int
    wanted: str
    """The chart the indicator asked for when they were worked out (``chart_kind``)."""
    kind: str
    """The chart drawn (a p-chart falls back to XmR when a numerator exceeds its
    denominator): tells the scale of ``lower`` and ``upper``."""
    period: str | None
    """The period of the latest charted point; None when no point has limits."""
    signals: list[str]
    side: str | None
    reason: str | None
    lower: float | None
    """The latest point's process limits on the chart's own scale (a p-chart's in
    fractions)."""
    upper: float | None
    spark: Spark | None

    def latest(self, definition: IndicatorDefinition, target: float | None) -> spc.Latest:
        """The judgement of the latest point as :func:`~soteria.scorecards.series.latest_for`
        gives it against ``target`` (the indicator's value and index aside, which a row does
        not show)."""
        if self.reason:
            return spc.Latest(None, None, frozenset(), None, None, None, self.reason, None, None)
        direction = direction_of(definition)
        side: Any = self.side
        signals = frozenset(self.signals)
        assurance = None
        if self.lower is not None and self.upper is not None:
            goal = chart_target(self.kind, definition, target)  # type: ignore[arg-type]
            assurance = spc.assurance_against(self.lower, self.upper, goal, direction)
        return spc.Latest(
            None,
            None,
            signals,
            side,
            self.lower,
            self.upper,
            None,
            spc.variation_of(signals, side, direction),
            assurance,
        )


# --- working them out ------------------------------------------------------------------------


def facts_along(definition: IndicatorDefinition, points: Sequence[Point]) -> list[Facts]:
    """The facts of each point of a unit's whole series of one kind of period (oldest
    first): for the i-th, what a table shows for its period — the series up to it, as
    long as :data:`~soteria.scorecards.series.DEFAULT_LENGTH` says."""
    if not points:
        return []
    kind = PeriodType(periods.parse(points[0].period).type)
    length = DEFAULT_LENGTH[kind]
    wanted = chart_kind(definition)
    out = []
    first = 0
    for index, point in enumerate(points):
        start = periods.shifted(periods.parse(point.period), -(length - 1)).start
        while points[first].start < start:
            first += 1
        window = points[first : index + 1]
        drawn, charted, latest = latest_unscaled(definition, [p for p in window if not p.partial])
        out.append(
            Facts(
                VERSION,
                wanted,
                drawn,
                charted.period if charted is not None else None,
                sorted(latest.signals),
                latest.side,
                latest.reason,
                latest.lower,
                latest.upper,
                spark_of(window),
            )
        )
    return out


def encode(facts: Facts) -> str:
    """The JSON array kept in ``row_facts``: the fields of :class:`Facts` in order, the
    sparkline as ``[heights joined by ",", first, last, value, period]``."""
    spark = facts.spark
    kept: list[Any] = list(facts[:-1])
    kept.append(
        None
        if spark is None
        else [",".join(h or "" for h in spark.heights), spark.first, spark.last]
        + [spark.value, spark.period]
    )
    return json.dumps(kept, separators=(",", ":"))


def decode(text: str | None) -> Facts | None:
    """:func:`encode` read back; None for no text or another :data:`VERSION`."""
    if not text:
        return None
    kept = json.loads(text)
    if not kept or kept[0] != VERSION:
        return None
    spark = kept[-1]
    if spark is not None:
        heights, first, last, value, period = spark
        spark = Spark([h or None for h in heights.split(",")], first, last, value, period)
    return Facts(*kept[:-1], spark)  # type: ignore[call-arg]


def refresh(
    definition_ids: Iterable[int] | None,
    unit_ids: Iterable[int] | None,
    period_type: str | None = None,
) -> int:
    """Work out the facts of every stored value of the given indicators at the given units
    (None: all of them; ``period_type``: that kind of period only) and keep them with the
    values. Returns how many values were written."""
    definitions = IndicatorDefinition.objects.all()
    if definition_ids is not None:
        definitions = definitions.filter(pk__in=list(definition_ids))
    units = None if unit_ids is None else sorted(set(unit_ids))
    written = 0
    with transaction.atomic():
        for definition in definitions:
            for chunk in _chunks(units):
                updates = [
                    (encode(facts), pk)
                    for series in _series(definition, chunk, period_type)
                    for (pk, _point), facts in zip(
                        series,
                        facts_along(definition, [point for _pk, point in series]),
                        strict=True,
                    )
                ]
                if updates:
                    with connection.cursor() as cursor:
                        cursor.executemany(
                            f"UPDATE {_TABLE} SET row_facts = %s WHERE id = %s",  # noqa: S608
                            updates,
                        )
                written += len(updates)
    return written


def _chunks(units: list[int] | None) -> Iterator[list[int] | None]:
    if units is None:
        yield None
        return
    for start in range(0, len(units), _BATCH):
        yield units[start : start + _BATCH]


def _series(
    definition: IndicatorDefinition, units: list[int] | None, period_type: str | None
) -> Iterator[list[tuple[int, Point]]]:
    """Each stored series of ``definition`` (at ``units``, of ``period_type``), oldest
    first, as (value id, point) pairs."""
    where: list[str] = ["definition_id = %s"]
    params: list[Any] = [definition.pk]
    if units is not None:
        where.append(f"unit_id IN ({', '.join(['%s'] * len(units))})")
        params += units
    if period_type is not None:
        where.append("period_type = %s")
        params.append(period_type)
    sql = (
        "SELECT id, unit_id, period_type, period, value, numerator, denominator, partial "  # noqa: S608
        f"FROM {_TABLE} WHERE {' AND '.join(where)} "
        "ORDER BY unit_id, period_type, period_start"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    current: list[tuple[int, Point]] = []
    key = None
    for pk, unit_id, kind, code, value, num, den, partial in rows:
        if (unit_id, kind) != key:
            if current:
                yield current
            current, key = [], (unit_id, kind)
        current.append((pk, Point(code, start_of(code), value, num, den, bool(partial), "")))
    if current:
        yield current


# --- reading them -----------------------------------------------------------------------------


def chart_rows(
    rows: Sequence[IndicatorRow],
    period: Period,
    kept: Mapping[tuple[int, int], Facts] | None = None,
) -> None:
    """Set the sparkline and the SPC judgement of every row (its indicator at its measured
    unit, for ``period``): from the facts kept with the stored value (one query for the
    table, unless the caller read them with the values: ``kept`` by (definition id, unit
    id)), else from the series (one more query for those rows)."""
    if kept is None:
        kept = _read({(r.part.definition.pk, r.part.unit.pk) for r in rows}, period.code)
    missing = []
    for row in rows:
        definition = row.part.definition
        facts = kept.get((definition.pk, row.part.unit.pk))
        if facts is None or facts.wanted != chart_kind(definition):
            missing.append(row)
            continue
        target = row.part.target.value if row.part.target is not None else None
        row.sparkline = sparkline_html(definition, facts.spark)
        judge_with(row, facts.period, facts.latest(definition, target))
    if not missing:
        return
    pairs = {(r.part.definition.pk, r.part.unit.pk): r.part.definition for r in missing}
    series = series_for_many(
        [(definition, unit_id) for (_pk, unit_id), definition in pairs.items()],
        period.type,
        until=period.start,
    )
    for row in missing:
        found = series[(row.part.definition.pk, row.part.unit.pk)]
        row.sparkline = sparkline_for(row.part.definition, found)
        judge_spc(row, found)


def _read(pairs: set[tuple[int, int]], code: str) -> dict[tuple[int, int], Facts]:
    """The facts kept with the values of ``pairs`` (definition id, unit id) for the period
    ``code`` (one query; a pair without a value or without facts is left out)."""
    if not pairs:
        return {}
    by_unit: dict[int, list[int]] = defaultdict(list)
    for definition_id, unit_id in pairs:
        by_unit[unit_id].append(definition_id)
    out = {}
    rows = selectors.period_rows(("definition_id", "unit_id", "row_facts"), by_unit, [code])
    for definition_id, unit_id, text in rows:
        facts = decode(text)
        if facts is not None:
            out[(definition_id, unit_id)] = facts
    return out


def on_value_saved(sender: Any, instance: IndicatorValue, raw: bool = False, **kwargs: Any) -> None:
    """A single value saved: its series is worked out again (``post_save``)."""
    if raw:
        return
    refresh([instance.definition_id], [instance.unit_id], instance.period_type)


def on_values_stored(
    sender: Any,
    definition_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
    **kwargs: Any,
) -> None:
    """Values written in bulk (``values_stored``): their series are worked out again."""
    refresh(definition_ids, unit_ids)
