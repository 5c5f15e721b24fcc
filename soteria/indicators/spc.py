"""Statistical process control (SPC) for indicator series — pure Python, no Django.

A series is a list of points in time order (for example the monthly values of one
indicator). Three charts are offered:

- :func:`xmr_chart` — XmR (individuals) chart for plain values;
- :func:`p_chart` — p-chart for proportions (numerator / denominator per point);
- :func:`u_chart` — u-chart for rates (count / exposure, e.g. incidents per 1,000 bed-days).

Each returns an :class:`SpcResult`: the centre line, one :class:`SpcPoint` per input point
(value, process limits, two-sigma lines, special-cause signals and their direction), the
variation icon of the latest point and, given a target, the assurance icon.

Sources
-------
- XmR constants from Wheeler & Chambers, *Understanding Statistical Process Control*:
  ``2.66 = 3 / d2`` with ``d2 = 1.128`` (moving ranges of two points), and ``3.267 = D4``,
  the upper range limit factor for moving ranges of two.
- Special-cause rules, variation and assurance icons from NHS England, *Making Data Count*
  ("MDC"), as also implemented by the NHS-R community's NHSRplotthedots.

Rules (each point may carry several signals)
--------------------------------------------
- ``beyond_limits``: the value is strictly above the upper or strictly below the lower
  process limit.
- ``shift``: 7 or more consecutive points strictly on the same side of the centre line; all
  points of the run are marked. A point exactly on the centre line is on neither side and
  breaks the run (the MDC convention).
- ``trend``: 6 or more consecutive points, each strictly higher (or each strictly lower)
  than the one before; all points of the trend are marked. Two equal neighbours break it.
- ``two_of_three``: in any three consecutive points, two or more are strictly beyond the
  same two-sigma line; those points are marked. The third point may be anywhere, even on
  the other side of the centre line (NHSRplotthedots also requires it to be on the same
  side of the centre line; MDC's wording does not).

Points without a value (a p- or u-chart point whose denominator is 0 or missing) keep their
place in the output with ``value=None`` and no limits; the rules skip them, so such a gap
neither breaks nor extends a run or trend.

A point's ``side`` is the direction of its signals: ``"high"`` or ``"low"``. The limit,
two-of-three and shift signals always agree with the side of the centre line the point is
on; a trend's direction is that of the trend (rising = ``"high"``). Where they differ (a
rising trend still below the centre line) the first of ``beyond_limits``,
``two_of_three``, ``shift``, ``trend`` decides. A turning point shared by a rising and a
falling trend takes the direction of the trend it ends.

Minimum data and degenerate series
----------------------------------
Limits need at least ``min_points`` points with a value (default 12, the NHS guidance; an
XmR chart needs at least two in any case). With fewer, the result has ``reason="too few
points"``, no centre line, no limits, no signals, and neither variation nor assurance.

A series without variation (all moving ranges zero, or a p̄ of 0 or 1) never raises: the
limits then equal the centre line, so every later point off the centre line is beyond
the limits.

Inputs must be finite numbers; a series whose arithmetic would overflow raises
``ValueError`` rather than returning infinities or NaN.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import Literal

Chart = Literal["xmr", "p", "u"]
Side = Literal["high", "low"]
Direction = Literal["higher", "lower"]
Variation = Literal[
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neither",
]
Assurance = Literal["consistently_pass", "consistently_fail", "inconsistent"]

BEYOND_LIMITS = "beyond_limits"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
SIGNAL_PRECEDENCE = (BEYOND_LIMITS, TWO_OF_THREE, SHIFT, TREND)

XMR_LIMIT_FACTOR = 2.66  # 3 / d2: natural process limits are mean ± 2.66 · MR̄
XMR_RANGE_FACTOR = 3.267  # D4: upper range limit = 3.267 · MR̄
D2 = 1.128  # sigma = MR̄ / d2 (the two-sigma line is 2/3 of the way to the limit)
SHIFT_LENGTH = 7
TREND_LENGTH = 6
DEFAULT_MIN_POINTS = 12
TOO_FEW_POINTS = "too few points"


@dataclass(frozen=True)
class SpcPoint:
    """One point of a chart; limits are ``None`` when the point has no value or none exist."""

    index: int
    value: float | None
    lower: float | None
    upper: float | None
    two_sigma_lower: float | None
    two_sigma_upper: float | None
    signals: frozenset[str]
    side: Side | None


@dataclass(frozen=True)
class SpcResult:
    """A chart: centre line, points, and the icons for the latest point.

    ``reason`` says why there are no limits (``"too few points"``); it is ``None`` otherwise.
    ``variation`` and ``assurance`` are ``None`` when there are no limits.
    """

    chart: Chart
    centre: float | None
    points: list[SpcPoint]
    reason: str | None
    variation: Variation | None
    assurance: Assurance | None

    @property
    def limits(self) -> tuple[float, float] | None:
        """(lower, upper) process limits of the latest point that has them, else ``None``.

        Constant across an XmR chart; for p- and u-charts they vary with each point's
        denominator, and these are the latest point's.
        """
        latest = _latest_with_limits(self.points)
        if latest is None or latest.lower is None or latest.upper is None:
            return None
        return (latest.lower, latest.upper)


@dataclass(frozen=True)
class _Band:
    lower: float
    upper: float
    two_lower: float
    two_upper: float


# --- charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Setup:
    """What a chart is drawn from: its values, centre line and each point's band (``centre``
    ``None``: too few points for limits)."""

    chart: Chart
    values: list[float | None]
    centre: float | None
    bands: list[_Band | None]


def xmr_chart(
    values: Sequence[float],
    *,
    baseline: int | None = None,
    screen_ranges: bool = False,
    min_points: int = DEFAULT_MIN_POINTS,
    direction: Direction | None = None,
    target: float | None = None,
) -> SpcResult:
    """XmR (individuals) chart.

    Centre line: the mean of the values — or of the first ``baseline`` values, whose limits
    then apply to the whole series. MR̄ is the mean of the moving ranges |xᵢ − xᵢ₋₁| of the
    same values. Process limits: mean ± 2.66 · MR̄; two-sigma lines: mean ± (2/3) · 2.66 · MR̄
    (sigma = MR̄ / 1.128, so 2 sigma = 1.773 · MR̄).

    With ``screen_ranges`` (Wheeler), moving ranges above the upper range limit 3.267 · MR̄
    are left out and MR̄ is computed once more from the rest (one pass, not repeated), so that
    one large jump does not widen the limits. Off by default here; NHSRplotthedots screens by
    default, so pass ``screen_ranges=True`` to match its limits.
    """
    return _drawn(
        _xmr_setup(values, baseline, screen_ranges, min_points, direction), direction, target
    )


def p_chart(
    numerators: Sequence[float | None],
    denominators: Sequence[float | None],
    *,
    baseline: int | None = None,
    min_points: int = DEFAULT_MIN_POINTS,
    direction: Direction | None = None,
    target: float | None = None,
) -> SpcResult:
    """p-chart for proportions (values and target as fractions between 0 and 1).

    p̄ = Σ numerators / Σ denominators over the points with a value (of the first
    ``baseline`` points, if given). Each point's limits: p̄ ± 3 · √(p̄(1 − p̄) / nᵢ), its
    two-sigma lines p̄ ± 2 · √(…), all clipped to [0, 1]. A point whose denominator is 0 or
    ``None`` (or whose numerator is ``None``) has no value; its numerator is ignored.
    """
    return _drawn(
        _p_setup(numerators, denominators, baseline, min_points, direction), direction, target
    )


def u_chart(
    counts: Sequence[float | None],
    exposures: Sequence[float | None],
    *,
    multiplier: float = 1.0,
    baseline: int | None = None,
    min_points: int = DEFAULT_MIN_POINTS,
    direction: Direction | None = None,
    target: float | None = None,
) -> SpcResult:
    """u-chart for rates, e.g. incidents per 1,000 bed-days with ``multiplier=1000``.

    ū = Σ counts / Σ exposures over the points with a value (of the first ``baseline``
    points, if given). Each point's limits: ū ± 3 · √(ū / nᵢ), its two-sigma lines
    ū ± 2 · √(ū / nᵢ), lower ones clipped at 0. Values, centre line, limits — and so the
    target — are all in display units: multiplied by ``multiplier``. A point whose exposure
    is 0 or ``None`` (or whose count is ``None``) has no value.
    """
    setup = _u_setup(counts, exposures, multiplier, baseline, min_points, direction)
    return _drawn(setup, direction, target)


def _checked_setup(setup: _Setup) -> _Setup:
    """The setup with its centre line and every limit checked finite (``ValueError``)."""
    if setup.centre is not None:
        _checked(setup.centre)
        previous = None
        for b in setup.bands:
            if b is not None and b is not previous:  # an XmR chart repeats one band
                for limit in (b.lower, b.upper, b.two_lower, b.two_upper):
                    _checked(limit)
            previous = b
    return setup


def _drawn(setup: _Setup, direction: Direction | None, target: float | None) -> SpcResult:
    if setup.centre is None:
        return _too_few(setup.chart, setup.values)
    return _chart(setup.chart, setup.values, setup.centre, setup.bands, direction, target)


def _xmr_setup(
    values: Sequence[float],
    baseline: int | None,
    screen_ranges: bool,
    min_points: int,
    direction: Direction | None,
) -> _Setup:
    xs: list[float | None] = [_finite(v, "value") for v in values]
    _check_direction(direction)
    base = [x for x in xs[: _baseline_length(len(xs), baseline)] if x is not None]
    if len(base) < max(_check_min_points(min_points), 2):
        return _Setup("xmr", xs, None, [])
    centre = _mean(base)
    ranges = [abs(b - a) for a, b in pairwise(base)]
    mr_bar = _mean(ranges)
    if screen_ranges:
        url = XMR_RANGE_FACTOR * mr_bar
        mr_bar = _mean([r for r in ranges if r <= url])
    half = XMR_LIMIT_FACTOR * mr_bar
    band = _Band(
        lower=centre - half,
        upper=centre + half,
        two_lower=centre - half * 2 / 3,
        two_upper=centre + half * 2 / 3,
    )
    return _checked_setup(_Setup("xmr", xs, centre, [band] * len(xs)))


def _p_setup(
    numerators: Sequence[float | None],
    denominators: Sequence[float | None],
    baseline: int | None,
    min_points: int,
    direction: Direction | None,
) -> _Setup:
    _same_length(numerators, denominators)
    _check_direction(direction)
    pairs = [
        _pair(num, den, proportion=True) for num, den in zip(numerators, denominators, strict=True)
    ]
    counted = [p for p in pairs[: _baseline_length(len(pairs), baseline)] if p is not None]
    values = [None if p is None else _checked(p[0] / p[1]) for p in pairs]
    if len(counted) < _check_min_points(min_points):
        return _Setup("p", values, None, [])
    p_bar = min(1.0, _ratio(counted))
    variance = max(0.0, p_bar * (1.0 - p_bar))
    bands: list[_Band | None] = []
    for pair in pairs:
        if pair is None:
            bands.append(None)
            continue
        sigma = _checked(math.sqrt(variance / pair[1]))
        bands.append(
            _Band(
                lower=max(0.0, p_bar - 3 * sigma),
                upper=min(1.0, p_bar + 3 * sigma),
                two_lower=max(0.0, p_bar - 2 * sigma),
                two_upper=min(1.0, p_bar + 2 * sigma),
            )
        )
    return _checked_setup(_Setup("p", values, p_bar, bands))


def _u_setup(
    counts: Sequence[float | None],
    exposures: Sequence[float | None],
    multiplier: float,
    baseline: int | None,
    min_points: int,
    direction: Direction | None,
) -> _Setup:
    _same_length(counts, exposures)
    _check_direction(direction)
    scale = _finite(multiplier, "multiplier")
    if scale <= 0:
        raise ValueError("The multiplier must be positive.")
    pairs = [
        _pair(count, exp, proportion=False) for count, exp in zip(counts, exposures, strict=True)
    ]
    counted = [p for p in pairs[: _baseline_length(len(pairs), baseline)] if p is not None]
    values = [None if p is None else _checked(p[0] / p[1] * scale) for p in pairs]
    if len(counted) < _check_min_points(min_points):
        return _Setup("u", values, None, [])
    u_bar = _ratio(counted)
    bands: list[_Band | None] = []
    for pair in pairs:
        if pair is None:
            bands.append(None)
            continue
        sigma = math.sqrt(u_bar / pair[1])
        bands.append(
            _Band(
                lower=_checked(max(0.0, u_bar - 3 * sigma) * scale),
                upper=_checked((u_bar + 3 * sigma) * scale),
                two_lower=_checked(max(0.0, u_bar - 2 * sigma) * scale),
                two_upper=_checked((u_bar + 2 * sigma) * scale),
            )
        )
    return _checked_setup(_Setup("u", values, _checked(u_bar * scale), bands))


# --- the latest point alone --------------------------------------------------------------


@dataclass(frozen=True)
class Latest:
    """What a scorecard row shows of a chart: its latest point with a value and limits, and
    the chart's reason, variation and assurance.

    Equal, field by field, to what the full chart (:func:`xmr_chart`, :func:`p_chart`,
    :func:`u_chart` with the same arguments, no baseline) gives for that point and for the
    chart as a whole — the tests compare both on thousands of random series — at a fraction
    of the cost: no other point's limits and signals are worked out.
    """

    index: int | None
    """Position of the point in the input (``None`` when no point has limits)."""
    value: float | None
    signals: frozenset[str]
    side: Side | None
    lower: float | None
    upper: float | None
    reason: str | None
    variation: Variation | None
    assurance: Assurance | None


def xmr_latest(
    values: Sequence[float],
    *,
    min_points: int = DEFAULT_MIN_POINTS,
    direction: Direction | None = None,
    target: float | None = None,
) -> Latest:
    """:func:`xmr_chart` (no baseline, no range screening), latest point only."""
    return _judged(_xmr_setup(values, None, False, min_points, direction), direction, target)


def p_latest(
    numerators: Sequence[float | None],
    denominators: Sequence[float | None],
    *,
    min_points: int = DEFAULT_MIN_POINTS,
    direction: Direction | None = None,
    target: float | None = None,
) -> Latest:
    """:func:`p_chart` (no baseline), latest point only."""
    setup = _p_setup(numerators, denominators, None, min_points, direction)
    return _judged(setup, direction, target)


def u_latest(
    counts: Sequence[float | None],
    exposures: Sequence[float | None],
    *,
    multiplier: float = 1.0,
    min_points: int = DEFAULT_MIN_POINTS,
    direction: Direction | None = None,
    target: float | None = None,
) -> Latest:
    """:func:`u_chart` (no baseline), latest point only."""
    setup = _u_setup(counts, exposures, multiplier, None, min_points, direction)
    return _judged(setup, direction, target)


def _judged(setup: _Setup, direction: Direction | None, target: float | None) -> Latest:
    if setup.centre is None:
        return _LATEST_TOO_FEW
    return _latest(setup.values, setup.centre, setup.bands, direction, target)


_LATEST_TOO_FEW = Latest(None, None, frozenset(), None, None, None, TOO_FEW_POINTS, None, None)


def _latest(
    values: Sequence[float | None],
    centre: float,
    bands: Sequence[_Band | None],
    direction: Direction | None,
    target: float | None,
) -> Latest:
    """The rules of :func:`_apply_rules` for the last charted point only: the one window of
    three that holds it, the run of sides and the run of steps that end with it."""
    charted = [
        (i, v, b)
        for i, (v, b) in enumerate(zip(values, bands, strict=True))
        if v is not None and b is not None
    ]
    if not charted:  # as the full chart: no point to judge
        return Latest(None, None, frozenset(), None, None, None, None, "common_cause", None)
    index, value, band = charted[-1]
    found: dict[str, Side] = {}
    if value > band.upper:
        found[BEYOND_LIMITS] = "high"
    elif value < band.lower:
        found[BEYOND_LIMITS] = "low"
    if len(charted) >= 3:
        window = charted[-3:]
        if value > band.two_upper and sum(v > b.two_upper for _i, v, b in window) >= 2:
            found[TWO_OF_THREE] = "high"
        elif value < band.two_lower and sum(v < b.two_lower for _i, v, b in window) >= 2:
            found[TWO_OF_THREE] = "low"
    side = _side(value, centre)
    if side is not None:
        run = 0
        for _i, v, _b in reversed(charted):
            if _side(v, centre) != side:
                break
            run += 1
        if run >= SHIFT_LENGTH:
            found[SHIFT] = side
    if len(charted) >= 2:
        vals = [v for _i, v, _b in charted]
        step = _side(vals[-1], vals[-2])
        if step is not None:
            steps = 1
            for k in range(len(vals) - 2, 0, -1):
                if _side(vals[k], vals[k - 1]) != step:
                    break
                steps += 1
            if steps + 1 >= TREND_LENGTH:
                found[TREND] = step
    point_side = next((found[s] for s in SIGNAL_PRECEDENCE if s in found), None)
    variation = variation_of(found, point_side, direction)
    return Latest(
        index=index,
        value=value,
        signals=frozenset(found),
        side=point_side,
        lower=band.lower,
        upper=band.upper,
        reason=None,
        variation=variation,
        assurance=assurance_against(band.lower, band.upper, target, direction),
    )


# --- icons --------------------------------------------------------------------------------


def variation_of(
    signals: Collection[str], side: Side | None, direction: Direction | None
) -> Variation:
    """The variation icon of a point with ``signals`` on ``side`` (what :class:`Latest`
    gives): ``common_cause`` without a signal, ``special_cause_neither`` without a better
    direction, else improvement or concern by whether ``side`` is the good one."""
    if not signals or side is None:
        return "common_cause"
    if direction is None:
        return "special_cause_neither"
    good: Side = "high" if direction == "higher" else "low"
    return "special_cause_improvement" if side == good else "special_cause_concern"


def classify_variation(points: Sequence[SpcPoint], direction: Direction | None) -> Variation:
    """MDC variation icon, from the signals of the latest point that has a value.

    No signal: ``common_cause``. Otherwise, with no preferred direction:
    ``special_cause_neither``; else ``special_cause_improvement`` when the point's side is
    the good one (``"high"`` when higher is better) and ``special_cause_concern`` when not.
    """
    _check_direction(direction)
    latest = next((p for p in reversed(points) if p.value is not None), None)
    if latest is None or not latest.signals or latest.side is None:
        return "common_cause"
    if direction is None:
        return "special_cause_neither"
    good: Side = "high" if direction == "higher" else "low"
    return "special_cause_improvement" if latest.side == good else "special_cause_concern"


def assurance_against(
    lower: float, upper: float, target: float | None, direction: Direction | None
) -> Assurance | None:
    """:func:`assess_assurance` of a target as the charts take it (one that is not finite
    is an error)."""
    return assess_assurance(lower, upper, _optional_finite(target), direction)


def assess_assurance(
    lower: float, upper: float, target: float | None, direction: Direction | None
) -> Assurance | None:
    """MDC assurance icon: can the process as it runs now be relied on to meet the target?

    ``consistently_pass`` when the whole range between the process limits lies on the good
    side of the target, ``consistently_fail`` when it lies wholly on the bad side,
    ``inconsistent`` when the target lies between the limits — a target exactly on a limit
    included, as in NHSRplotthedots. ``None`` without a target or a preferred direction.
    For p- and u-charts, whose limits vary, callers pass the latest point's limits
    (:func:`p_chart` and :func:`u_chart` do).
    """
    _check_direction(direction)
    if target is None or direction is None:
        return None
    if target < lower:  # whole range above the target
        return "consistently_pass" if direction == "higher" else "consistently_fail"
    if target > upper:  # whole range below the target
        return "consistently_fail" if direction == "higher" else "consistently_pass"
    return "inconsistent"


# --- rules --------------------------------------------------------------------------------


def _apply_rules(
    values: Sequence[float | None], centre: float, bands: Sequence[_Band | None]
) -> list[dict[str, Side]]:
    """Signals (name → side) per point; points without value or band are skipped."""
    found: list[dict[str, Side]] = [{} for _ in values]
    charted = [
        (i, v, b)
        for i, (v, b) in enumerate(zip(values, bands, strict=True))
        if v is not None and b is not None
    ]
    idx = [i for i, _, _ in charted]
    vals = [v for _, v, _ in charted]
    band = [b for _, _, b in charted]

    def mark(positions: Iterable[int], signal: str, side: Side) -> None:
        for k in positions:
            found[idx[k]].setdefault(signal, side)

    for k, (v, b) in enumerate(zip(vals, band, strict=True)):
        if v > b.upper:
            mark([k], BEYOND_LIMITS, "high")
        elif v < b.lower:
            mark([k], BEYOND_LIMITS, "low")

    sides = [_side(v, centre) for v in vals]
    for side, run in _runs(sides):
        if side is not None and len(run) >= SHIFT_LENGTH:
            mark(run, SHIFT, side)

    # steps[k] is the direction from point k to point k + 1; a run of m equal steps is a
    # trend of m + 1 points.
    steps = [_side(b, a) for a, b in pairwise(vals)]
    for side, run in _runs(steps):
        if side is not None and len(run) + 1 >= TREND_LENGTH:
            mark([*run, run[-1] + 1], TREND, side)

    for k in range(len(vals) - 2):
        window = range(k, k + 3)
        high = [j for j in window if vals[j] > band[j].two_upper]
        low = [j for j in window if vals[j] < band[j].two_lower]
        if len(high) >= 2:
            mark(high, TWO_OF_THREE, "high")
        if len(low) >= 2:
            mark(low, TWO_OF_THREE, "low")
    return found


def _runs(items: Sequence[Side | None]) -> list[tuple[Side | None, list[int]]]:
    """Maximal runs of equal items, as (item, positions)."""
    return [
        (key, [k for k, _ in group])
        for key, group in groupby(enumerate(items), key=lambda pair: pair[1])
    ]


def _side(value: float, reference: float) -> Side | None:
    if value > reference:
        return "high"
    if value < reference:
        return "low"
    return None


# --- assembling results -------------------------------------------------------------------


def _chart(
    chart: Chart,
    values: Sequence[float | None],
    centre: float,
    bands: Sequence[_Band | None],
    direction: Direction | None,
    target: float | None,
) -> SpcResult:
    found = _apply_rules(values, centre, bands)
    points = []
    for i, (value, band, signals) in enumerate(zip(values, bands, found, strict=True)):
        side = next((signals[s] for s in SIGNAL_PRECEDENCE if s in signals), None)
        points.append(
            SpcPoint(
                index=i,
                value=value,
                lower=band.lower if band else None,
                upper=band.upper if band else None,
                two_sigma_lower=band.two_lower if band else None,
                two_sigma_upper=band.two_upper if band else None,
                signals=frozenset(signals),
                side=side,
            )
        )
    latest = _latest_with_limits(points)
    assurance = None
    if latest is not None and latest.lower is not None and latest.upper is not None:
        assurance = assurance_against(latest.lower, latest.upper, target, direction)
    return SpcResult(
        chart=chart,
        centre=centre,
        points=points,
        reason=None,
        variation=classify_variation(points, direction),
        assurance=assurance,
    )


def _too_few(chart: Chart, values: Sequence[float | None]) -> SpcResult:
    points = [
        SpcPoint(
            index=i,
            value=v,
            lower=None,
            upper=None,
            two_sigma_lower=None,
            two_sigma_upper=None,
            signals=frozenset(),
            side=None,
        )
        for i, v in enumerate(values)
    ]
    return SpcResult(
        chart=chart,
        centre=None,
        points=points,
        reason=TOO_FEW_POINTS,
        variation=None,
        assurance=None,
    )


def _latest_with_limits(points: Sequence[SpcPoint]) -> SpcPoint | None:
    return next((p for p in reversed(points) if p.lower is not None), None)


# --- arithmetic and validation ------------------------------------------------------------


def _mean(xs: Sequence[float]) -> float:
    """Accurate mean: exactly the value when all are equal, never outside [min, max]."""
    if not xs:
        return 0.0
    low, high = min(xs), max(xs)
    if low == high:
        return low
    try:
        total = math.fsum(xs)
    except OverflowError:
        raise ValueError("The values are too large to chart.") from None
    return min(high, max(low, _checked(total / len(xs))))


def _ratio(pairs: Sequence[tuple[float, float]]) -> float:
    try:
        num = math.fsum(p[0] for p in pairs)
        den = math.fsum(p[1] for p in pairs)
    except OverflowError:
        raise ValueError("The values are too large to chart.") from None
    return _checked(num / den)


def _pair(num: float | None, den: float | None, *, proportion: bool) -> tuple[float, float] | None:
    """(numerator, denominator) of a point with a value; ``None`` for a point without."""
    if den is None:
        return None
    d = _finite(den, "denominator")
    if d < 0:
        raise ValueError("Denominators must not be negative.")
    if d == 0 or num is None:
        return None
    n = _finite(num, "numerator")
    if n < 0:
        raise ValueError("Numerators must not be negative.")
    if proportion and n > d:
        raise ValueError("A numerator must not exceed its denominator.")
    return (n, d)


def _finite(x: float, what: str) -> float:
    value = float(x)
    if not math.isfinite(value):
        raise ValueError(f"Each {what} must be a finite number, not {x!r}.")
    return value


def _optional_finite(x: float | None) -> float | None:
    return None if x is None else _finite(x, "target")


def _checked(x: float) -> float:
    if not math.isfinite(x):
        raise ValueError("The values are too large or too small to chart.")
    return x


def _baseline_length(length: int, baseline: int | None) -> int:
    """How many leading points set the limits: all, or the first ``baseline`` (at most all)."""
    if baseline is None:
        return length
    if baseline < 1:
        raise ValueError("The baseline must be at least one point.")
    return min(baseline, length)


def _check_min_points(min_points: int) -> int:
    if min_points < 1:
        raise ValueError("min_points must be at least 1.")
    return min_points


def _check_direction(direction: Direction | None) -> None:
    if direction not in ("higher", "lower", None):
        raise ValueError(f"The direction must be 'higher', 'lower' or None, not {direction!r}.")


def _same_length(a: Sequence[object], b: Sequence[object]) -> None:
    if len(a) != len(b):
        raise ValueError("Numerators and denominators must have the same length.")
