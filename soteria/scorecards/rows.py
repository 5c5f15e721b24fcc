"""A row of an indicator table (objective scorecard, unit dashboard): value, target and
status, the sparkline of the last periods, the latest SPC signal in words, variation and
assurance — shared by :mod:`soteria.scorecards.house` and :mod:`soteria.scorecards.dashboard`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from soteria.core.i18n import gettext_kept as _
from soteria.core.links import reverse_kept
from soteria.core.numbers import display
from soteria.indicators import spc
from soteria.indicators.periods import Period
from soteria.indicators.status import IndicatorPart
from soteria.organisations.models import OrgUnit
from soteria.scorecards.charts import Spec, script_json
from soteria.scorecards.selection import unit_period_query
from soteria.scorecards.series import Point, Series
from soteria.scorecards.sparklines import sparkline_from_heights, sparkline_heights

SPARKLINE_LENGTH = 12
"""How many periods a sparkline shows (the SPC signal uses the whole series)."""

SIGNAL_LABELS = {
    spc.BEYOND_LIMITS: gettext_noop("beyond a process limit"),
    spc.SHIFT: gettext_noop("a run of %(n)s or more points on one side of the centre line"),
    spc.TREND: gettext_noop("%(n)s or more points rising or falling in a row"),
    spc.TWO_OF_THREE: gettext_noop("2 of 3 points close to a process limit"),
}
SIDE_LABELS = {"high": gettext_noop("high"), "low": gettext_noop("low")}
VARIATION_LABELS = {
    "common_cause": gettext_noop("Common cause variation: no signal"),
    "special_cause_improvement": gettext_noop("Special cause variation: improvement"),
    "special_cause_concern": gettext_noop("Special cause variation: concern"),
    "special_cause_neither": gettext_noop("Special cause variation (no better direction)"),
}
ASSURANCE_LABELS = {
    "consistently_pass": gettext_noop("Consistently meets the target"),
    "consistently_fail": gettext_noop("Consistently misses the target"),
    "inconsistent": gettext_noop("Hit and miss: the target may or may not be met"),
}
ASSURANCE_ICONS = {"consistently_pass": "P", "consistently_fail": "F", "inconsistent": "?"}


def signal_text(signals: Iterable[str], side: str | None) -> str:
    """A point's special-cause signals in words, in the order of :data:`spc.SIGNAL_PRECEDENCE`."""
    found = set(signals)
    words = [
        _(SIGNAL_LABELS[name]) % {"n": spc.SHIFT_LENGTH if name == spc.SHIFT else spc.TREND_LENGTH}
        for name in spc.SIGNAL_PRECEDENCE
        if name in found
    ]
    if not words:
        return ""
    text = "; ".join(words)
    return f"{text} ({_(SIDE_LABELS[side])})" if side in SIDE_LABELS else text


def spec_json(spec: Spec) -> SafeString:
    """A chart spec as JSON that cannot close or open tags inside a ``<script>`` element."""
    return mark_safe(script_json(spec))  # noqa: S308 - every "<", ">" and "&" is escaped


@dataclass
class IndicatorRow:
    part: IndicatorPart
    visible: bool
    """False when the reader may not see the measured unit's figures (status only)."""
    url: str
    sparkline: SafeString | None = None
    """The sparkline as inline SVG (:func:`sparkline_for`)."""
    signal: str = ""
    """The latest point's SPC signals in words (or why there are none)."""
    variation: str | None = None
    assurance: str | None = None

    @property
    def variation_label(self) -> str:
        return _(VARIATION_LABELS[self.variation]) if self.variation else ""

    @property
    def assurance_label(self) -> str:
        if self.assurance:
            return _(ASSURANCE_LABELS[self.assurance])
        return _("No assurance: it needs a target, a better direction and process limits")

    @property
    def assurance_icon(self) -> str:
        return ASSURANCE_ICONS[self.assurance] if self.assurance else "–"


def _figure(value: float | None, decimals: int) -> str:
    return display(value, decimals, grouping=False)


class Spark(NamedTuple):
    """What a row's sparkline shows: where each period is drawn
    (:func:`~soteria.scorecards.sparklines.sparkline_heights`), the first and last period
    and the latest value with its period (for the description)."""

    heights: list[str | None]
    first: str
    last: str
    value: float
    period: str


def spark_of(points: Sequence[Point]) -> Spark | None:
    """The sparkline of the last :data:`SPARKLINE_LENGTH` of ``points`` (None without a
    value)."""
    points = points[-SPARKLINE_LENGTH:]
    latest = next((p for p in reversed(points) if p.value is not None), None)
    if latest is None or latest.value is None:
        return None
    heights = sparkline_heights([p.value for p in points])
    return Spark(heights, points[0].period, points[-1].period, latest.value, latest.period)


def sparkline_html(definition: Any, spark: Spark | None) -> SafeString | None:
    """A row's sparkline as inline SVG (:mod:`soteria.scorecards.sparklines`), described in
    words for screen readers."""
    if spark is None:
        return None
    description = _(
        "%(indicator)s: %(count)s periods from %(first)s to %(last)s; latest value "
        "%(value)s (%(period)s)"
    ) % {
        "indicator": definition.display_name,
        "count": len(spark.heights),
        "first": spark.first,
        "last": spark.last,
        "value": _figure(spark.value, definition.decimals),
        "period": spark.period,
    }
    svg = sparkline_from_heights(spark.heights, description=description)
    return mark_safe(svg)  # noqa: S308 - every text in it is escaped


def sparkline_for(definition: Any, series: Series) -> SafeString | None:
    """The sparkline of a row from its series: the last :data:`SPARKLINE_LENGTH` periods."""
    return sparkline_html(definition, spark_of(series.points))


def judge_spc(row: IndicatorRow, series: Series) -> None:
    """Set the row's SPC signal (in words), variation and assurance from its series (the
    latest point of its chart, :meth:`Series.judged`)."""
    target = row.part.target.value if row.part.target is not None else None
    point, latest = series.judged(target)
    judge_with(row, point.period if point is not None else None, latest)


def judge_with(row: IndicatorRow, period: str | None, latest: spc.Latest) -> None:
    """Set the row's SPC signal (in words), variation and assurance from the judgement of
    its chart's latest point, ``period`` that point's period."""
    row.variation, row.assurance = latest.variation, latest.assurance
    if latest.reason or period is None:
        row.signal = _("Too few complete periods for process limits (%(n)s needed).") % {
            "n": spc.DEFAULT_MIN_POINTS
        }
        return
    words = signal_text(latest.signals, latest.side)
    if words:
        row.signal = _("%(period)s: special cause — %(signals)s.") % {
            "period": period,
            "signals": words,
        }
    else:
        row.signal = _("%(period)s: no special-cause signal.") % {"period": period}


def indicator_url(code: str, unit: OrgUnit, period: Period) -> str:
    """The indicator page for the unit and period (a table has a row per indicator: the path
    reversed once per code, the query encoded once per unit and period)."""
    path = reverse_kept("scorecard-indicator", code)
    return f"{path}?{unit_period_query(unit.code, period.code)}"
