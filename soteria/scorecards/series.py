"""Time series of stored indicator values, with their SPC chart — what every page plots.

One place decides which SPC chart fits an indicator (:func:`chart_kind`) and reads a unit's
series in one query (:func:`series_for`) or many units' series in one query
(:func:`series_for_many`, for dashboards: no query per row).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, cast

from soteria.indicators import periods, selectors, spc
from soteria.indicators.models import (
    Direction,
    IndicatorDefinition,
    NoValueReason,
)
from soteria.indicators.periods import PeriodType
from soteria.indicators.spc import Latest

DEFAULT_LENGTH = {
    PeriodType.MONTH: 36,
    PeriodType.QUARTER: 16,
    PeriodType.HALF_YEAR: 10,
    PeriodType.YEAR: 8,
}
"""How many periods a series shows by default (SPC wants at least 12 points)."""


POINT_COLUMNS = (
    "definition_id",
    "unit_id",
    "period",
    "value",
    "numerator",
    "denominator",
    "partial",
    "no_value_reason",
)
"""What a series reads of each stored value: all of it in the covering index
``indicator_value_series`` (see ``IndicatorValue.Meta``), so the read never visits the table."""


class Point(NamedTuple):
    """One period of a series (a named tuple: a dashboard builds a couple of thousand)."""

    period: str
    start: date
    value: float | None
    numerator: float | None
    denominator: float | None
    partial: bool
    reason: str
    """Why there is no value (``NoValueReason`` label), or ``""``."""


@dataclass(frozen=True)
class Series:
    definition: IndicatorDefinition
    unit_id: int
    period_type: str
    points: list[Point]
    """Oldest first."""

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def values(self) -> list[float | None]:
        return [p.value for p in self.points]

    def spc(self, target: float | None = None) -> Charted:
        """The SPC chart of the complete periods (a period not over is left out: its value
        is not comparable with whole periods)."""
        return chart_for(self.definition, [p for p in self.points if not p.partial], target)

    def judged(self, target: float | None = None) -> tuple[Point | None, Latest]:
        """What :meth:`spc` gives for its latest charted point (and the chart's reason,
        variation and assurance), without charting the others: for table rows."""
        return latest_for(self.definition, [p for p in self.points if not p.partial], target)


@dataclass(frozen=True)
class Charted:
    """An SPC chart and the series points it was drawn from (``points[i]`` is
    ``result.points[i]``)."""

    result: spc.SpcResult
    points: list[Point]

    def pairs(self) -> list[tuple[Point, spc.SpcPoint]]:
        return list(zip(self.points, self.result.points, strict=True))


def chart_kind(definition: IndicatorDefinition) -> spc.Chart:
    """The SPC chart chosen for the indicator when it was saved
    (``IndicatorDefinition.spc_chart``, see ``definitions.spc_chart_kind``)."""
    kind = definition.spc_chart
    return cast(spc.Chart, kind if kind in ("xmr", "p", "u") else "xmr")


def direction_of(definition: IndicatorDefinition) -> spc.Direction | None:
    return (
        "higher"
        if definition.direction == Direction.HIGHER
        else "lower"
        if definition.direction == Direction.LOWER
        else None
    )


def _inputs(
    definition: IndicatorDefinition, points: Sequence[Point], target: float | None
) -> tuple[spc.Chart, list[Point], dict[str, Any]]:
    """The chart :func:`chart_kind` picks (a p-chart's series whose numerator exceeds its
    denominator somewhere falls back to XmR), the points it charts and its arguments — the
    same for the full chart and for its latest point. A p-chart works in fractions: its
    target is divided by the multiplier here, its results multiplied back by the caller."""
    points = list(points)
    kind = chart_kind(definition)
    direction = direction_of(definition)
    multiplier = float(definition.multiplier or 1.0)
    if kind == "p":
        pairs = [(p.numerator, p.denominator) for p in points]
        if all(n is None or d is None or n <= d for n, d in pairs):
            return (
                "p",
                points,
                {
                    "numerators": [n for n, _ in pairs],
                    "denominators": [d for _, d in pairs],
                    "direction": direction,
                    "target": chart_target("p", definition, target),
                },
            )
    if kind == "u":
        return (
            "u",
            points,
            {
                "counts": [p.numerator for p in points],
                "exposures": [p.denominator for p in points],
                "multiplier": multiplier,
                "direction": direction,
                "target": target,
            },
        )
    valued = [p for p in points if p.value is not None]
    values = [float(p.value) for p in valued if p.value is not None]
    min_points = spc.DEFAULT_MIN_POINTS if len(values) >= 2 else 2
    return (
        "xmr",
        valued,
        {"values": values, "direction": direction, "target": target, "min_points": min_points},
    )


def chart_for(
    definition: IndicatorDefinition, points: Sequence[Point], target: float | None = None
) -> Charted:
    """The chart :func:`chart_kind` picks; a p-chart's series whose numerator exceeds its
    denominator somewhere falls back to XmR. Target in the indicator's own unit (%)."""
    kind, charted, arguments = _inputs(definition, points, target)
    if kind == "p":
        result = _scaled(spc.p_chart(**arguments), float(definition.multiplier or 1.0))
    else:
        result = spc.u_chart(**arguments) if kind == "u" else spc.xmr_chart(**arguments)
    return Charted(result, charted)


def chart_target(
    kind: spc.Chart, definition: IndicatorDefinition, target: float | None
) -> float | None:
    """The target on the scale of a chart of ``kind``: a p-chart works in fractions (the
    target in % divided by the multiplier), the others in the indicator's own unit."""
    if kind == "p" and target is not None:
        return target / float(definition.multiplier or 1.0)
    return target


def latest_for(
    definition: IndicatorDefinition, points: Sequence[Point], target: float | None = None
) -> tuple[Point | None, Latest]:
    """:func:`chart_for`'s latest charted point (the same chart, the same fallback and
    scaling) and the point of the series it belongs to."""
    kind, charted, arguments = _inputs(definition, points, target)
    found = _latest_of(kind, arguments)
    if kind == "p":
        found = _latest_scaled(found, float(definition.multiplier or 1.0))
    return (charted[found.index] if found.index is not None else None), found


def latest_unscaled(
    definition: IndicatorDefinition, points: Sequence[Point]
) -> tuple[spc.Chart, Point | None, Latest]:
    """:func:`latest_for` with no target and on the chart's own scale (a p-chart's limits
    in fractions): the chart actually drawn (after the fallback), the point and its
    judgement — what :mod:`soteria.scorecards.row_facts` keeps, the assurance being worked
    out later against the target of the day (:func:`chart_target`)."""
    kind, charted, arguments = _inputs(definition, points, None)
    found = _latest_of(kind, arguments)
    return kind, (charted[found.index] if found.index is not None else None), found


def _latest_of(kind: spc.Chart, arguments: dict[str, Any]) -> Latest:
    if kind == "p":
        return spc.p_latest(**arguments)
    return spc.u_latest(**arguments) if kind == "u" else spc.xmr_latest(**arguments)


def _latest_scaled(found: Latest, factor: float) -> Latest:
    """:func:`_scaled` for the latest point alone."""

    def s(x: float | None) -> float | None:
        return x * factor if x is not None else None

    return replace(found, value=s(found.value), lower=s(found.lower), upper=s(found.upper))


def _scaled(result: spc.SpcResult, factor: float) -> spc.SpcResult:
    """A p-chart works in fractions; values are shown in % (× multiplier)."""

    def s(x: float | None) -> float | None:
        return x * factor if x is not None else None

    points = [
        spc.SpcPoint(
            p.index,
            s(p.value),
            s(p.lower),
            s(p.upper),
            s(p.two_sigma_lower),
            s(p.two_sigma_upper),
            p.signals,
            p.side,
        )
        for p in result.points
    ]
    return spc.SpcResult(
        result.chart, s(result.centre), points, result.reason, result.variation, result.assurance
    )


def series_for(
    definition: IndicatorDefinition,
    unit_id: int,
    period_type: str,
    *,
    length: int | None = None,
    until: date | None = None,
) -> Series:
    """The last ``length`` periods of a unit's values (one query)."""
    return series_for_many([(definition, unit_id)], period_type, length=length, until=until)[
        (definition.pk, unit_id)
    ]


def series_for_many(
    pairs: Iterable[tuple[IndicatorDefinition, int]],
    period_type: str,
    *,
    length: int | None = None,
    until: date | None = None,
) -> dict[tuple[int, int], Series]:
    """Series of many (indicator, unit) pairs in one query, keyed by (definition id, unit id).

    ``until``: the last period starts on or before this day (default: the newest stored).
    """
    pairs = list(pairs)
    length = length or DEFAULT_LENGTH[PeriodType(period_type)]
    found: dict[tuple[int, int], list[Point]] = defaultdict(list)
    if pairs:
        # One condition per unit (its definitions by IN), not one per pair: the same rows,
        # and a query that is far cheaper to build for the dozens of pairs of a dashboard.
        by_unit: dict[int, set[int]] = defaultdict(set)
        for definition, unit_id in pairs:
            by_unit[unit_id].add(definition.pk)
        starts = None
        if until is not None:
            # Only the ``length`` periods ending with the one holding ``until``: a unit with
            # years of history must not cost more than one with two.
            last = periods.period_of(until, PeriodType(period_type))
            starts = (periods.shifted(last, -(length - 1)).start, until)
        # Only the columns a point needs, as tuples: no model instances (and none of the
        # stored value's JSON details) for the hundreds of rows of a dashboard; no converters
        # either (on SQLite: text to date, integer to boolean, one call per column and row):
        # the boolean is converted here, and no date read (a period's first day follows
        # from its code). Points made positionally (a named tuple's keywords cost more than
        # the rest of the loop), each reason's label looked up once.
        labels: dict[str, str] = {}
        for d_id, u_id, code, value, num, den, partial, reason in selectors.series_rows(
            POINT_COLUMNS, by_unit, period_type, starts=starts
        ):
            label = labels.get(reason)
            if label is None:
                label = labels[reason] = NoValueReason.label_of(reason)
            found[(d_id, u_id)].append(
                Point(code, start_of(code), value, num, den, bool(partial), label)
            )
    return {
        (d.pk, unit_id): Series(d, unit_id, period_type, found.get((d.pk, unit_id), [])[-length:])
        for d, unit_id in pairs
    }


@lru_cache(maxsize=8192)
def start_of(code: str) -> date:
    """The first day of the period a stored code names (what its ``period_start`` holds; the
    database driver would turn every row's date from text, one call per row)."""
    return periods.parse(code).start
