"""SPC rules pinned against worked examples computed by hand (arithmetic in the comments).

Most examples set the limits from a 12-point baseline that alternates 12, 10, …:
    mean = (6·12 + 6·10) / 12 = 11
    moving ranges: eleven of |10 − 12| = 2  →  MR̄ = 2
    process limits  = 11 ± 2.66·2          = 11 ± 5.32     → [5.68, 16.32]
    two-sigma lines = 11 ± (2/3)·2.66·2    = 11 ± 3.54667  → [7.45333, 14.54667]
and then append the points under test; the baseline's last point (10) is below the mean,
so it never joins a run above the mean, and 12 → 10 → (first appended point) is no trend.
"""

from __future__ import annotations

import inspect
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soteria.indicators import spc
from soteria.indicators.spc import (
    BEYOND_LIMITS,
    SHIFT,
    TREND,
    TWO_OF_THREE,
    SpcResult,
    assess_assurance,
    p_chart,
    u_chart,
    xmr_chart,
)

BASELINE = [12.0, 10.0] * 6
UPPER, LOWER = 16.32, 5.68
TWO_UPPER, TWO_LOWER = 11 + 3.54667, 11 - 3.54667


def with_baseline(*tail: float, **kwargs) -> SpcResult:
    return xmr_chart([*BASELINE, *tail], baseline=12, **kwargs)


def signalled(result: SpcResult, signal: str) -> list[int]:
    return [p.index for p in result.points if signal in p.signals]


def tail_indices(start: int, count: int) -> list[int]:
    """Indices of appended points: the first appended point has index 12."""
    return list(range(12 + start, 12 + start + count))


# --- XmR ----------------------------------------------------------------------------------


def test_xmr_worked_example():
    # 10, 12, 10, 12, … (12 points): mean = (6·10 + 6·12)/12 = 11, MR̄ = 22/11 = 2,
    # limits 11 ± 5.32, two-sigma 11 ± 3.54667.
    result = xmr_chart([10.0, 12.0] * 6)
    assert result.chart == "xmr"
    assert result.reason is None
    assert result.centre == 11
    assert result.limits == pytest.approx((LOWER, UPPER))
    for point in result.points:
        assert (point.lower, point.upper) == pytest.approx((LOWER, UPPER))
        assert point.two_sigma_lower == pytest.approx(TWO_LOWER, abs=1e-5)
        assert point.two_sigma_upper == pytest.approx(TWO_UPPER, abs=1e-5)
        assert point.signals == frozenset()
        assert point.side is None
    assert result.variation == "common_cause"
    assert result.assurance is None


def test_xmr_mean_and_moving_ranges_of_uneven_series():
    # 1, 3, 2, 6, 4, 5, 7, 8, 6, 9, 7, 8: sum = 66 → mean 5.5
    # moving ranges 2, 1, 4, 2, 1, 2, 1, 2, 3, 2, 1: sum = 21 → MR̄ = 21/11 = 1.909…
    # limits 5.5 ± 2.66·21/11 = 5.5 ± 5.07818
    values = [1.0, 3, 2, 6, 4, 5, 7, 8, 6, 9, 7, 8]
    result = xmr_chart(values)
    assert result.centre == pytest.approx(5.5)
    half = 2.66 * 21 / 11
    assert result.limits == pytest.approx((5.5 - half, 5.5 + half))
    assert result.points[0].two_sigma_upper == pytest.approx(5.5 + half * 2 / 3)


def test_baseline_limits_apply_to_later_points():
    # Limits from the first 12 points only; with the 13th (30) the mean would be
    # (132 + 30) / 13 = 12.46 and MR̄ (22 + 20) / 12 = 3.5.
    result = with_baseline(30.0)
    assert result.centre == 11
    assert result.limits == pytest.approx((LOWER, UPPER))
    assert len(result.points) == 13


def test_point_beyond_limits():
    # 17 > 16.32 (upper), 11 inside, 5 < 5.68 (lower); 16.3 just inside the upper limit.
    result = with_baseline(17.0, 11, 5.0, 11, 16.3)
    assert signalled(result, BEYOND_LIMITS) == [12, 14]
    assert result.points[12].side == "high"
    assert result.points[14].side == "low"
    assert result.points[13].signals == result.points[16].signals == frozenset()
    assert signalled(result, TWO_OF_THREE) == []  # one beyond each two-sigma line per window


def test_points_beyond_limits_count_towards_two_of_three():
    # 16 > 14.547 (two-sigma) and 17 > 16.32: both beyond the upper two-sigma line.
    result = with_baseline(16.0, 11, 17.0)
    assert signalled(result, BEYOND_LIMITS) == [14]
    assert signalled(result, TWO_OF_THREE) == [12, 14]


def test_point_exactly_on_the_limit_is_not_beyond():
    # Zero variation: limits are exactly 5; a later 5 is on them, not beyond.
    result = xmr_chart([5.0] * 12 + [5.0], baseline=12)
    assert result.points[-1].signals == frozenset()


def test_screen_ranges_drops_moving_ranges_above_the_upper_range_limit():
    # 10 ×6, 30, 10 ×5: moving ranges 0 ×5, 20, 20, 0 ×4 → MR̄ = 40/11 = 3.636
    # upper range limit = 3.267 · 3.636 = 11.88: both 20s are screened out → MR̄ = 0/9 = 0.
    # mean = (11·10 + 30)/12 = 140/12 = 11.667 either way.
    values = [10.0] * 6 + [30.0] + [10.0] * 5
    plain = xmr_chart(values)
    screened = xmr_chart(values, screen_ranges=True)
    assert plain.centre == screened.centre == pytest.approx(140 / 12)
    assert plain.limits == pytest.approx((140 / 12 - 2.66 * 40 / 11, 140 / 12 + 2.66 * 40 / 11))
    assert screened.limits == pytest.approx((140 / 12, 140 / 12))


def test_screen_ranges_keeps_ordinary_ranges():
    # All moving ranges are 2 = MR̄ ≤ 3.267 · 2: nothing is screened, same limits.
    assert xmr_chart([10.0, 12.0] * 6, screen_ranges=True).limits == pytest.approx((LOWER, UPPER))


# --- shift --------------------------------------------------------------------------------


def test_shift_of_exactly_seven_points_marks_all_seven():
    # 12, 13, 12, 13, 12, 13, 12: all above 11, inside the two-sigma lines, no trend.
    result = with_baseline(12.0, 13, 12, 13, 12, 13, 12)
    assert signalled(result, SHIFT) == tail_indices(0, 7)
    assert {result.points[i].side for i in tail_indices(0, 7)} == {"high"}
    assert signalled(result, TREND) == signalled(result, TWO_OF_THREE) == []


def test_six_points_on_one_side_are_no_shift():
    result = with_baseline(12.0, 13, 12, 13, 12, 13)
    assert signalled(result, SHIFT) == []
    assert result.variation == "common_cause"


def test_shift_below_the_mean_is_low():
    # Baseline 10, 12, … (same mean and limits) ends above the mean, then seven points below
    # 11 and above the lower two-sigma line 7.453.
    result = xmr_chart([10.0, 12.0] * 6 + [10.0, 9, 10, 9, 10, 9, 10], baseline=12)
    assert signalled(result, SHIFT) == tail_indices(0, 7)
    assert result.points[-1].side == "low"


def test_point_on_the_centre_line_breaks_a_run():
    # 6 above, one exactly on the mean (11), 6 above: two runs of six, no shift.
    result = with_baseline(12.0, 13, 12, 13, 12, 13, 11, 12, 13, 12, 13, 12, 13)
    assert signalled(result, SHIFT) == []


# --- trend --------------------------------------------------------------------------------


def test_trend_of_exactly_six_rising_points():
    # 10 (last baseline) → 8 falls; then 8 < 9 < 10 < 11.5 < 12 < 13: six rising points.
    # All inside the two-sigma lines (7.453 … 14.547) and on both sides of 11: no other rule.
    result = with_baseline(8.0, 9, 10, 11.5, 12, 13)
    assert signalled(result, TREND) == tail_indices(0, 6)
    assert result.points[12].side == "high"  # below the mean but part of a rising trend
    assert signalled(result, SHIFT) == signalled(result, TWO_OF_THREE) == []
    assert signalled(result, BEYOND_LIMITS) == []


def test_five_rising_points_are_no_trend():
    result = with_baseline(8.0, 9, 10, 11.5, 12)
    assert signalled(result, TREND) == []


def test_falling_trend_is_low():
    # 10 → 14 rises; 14 > 13 > 12 > 10.5 > 10 > 9: six falling points.
    result = with_baseline(14.0, 13, 12, 10.5, 10, 9)
    assert signalled(result, TREND) == tail_indices(0, 6)
    assert result.points[-1].side == "low"


def test_equal_neighbours_break_a_trend():
    # 8, 9, 10, 10, 11, 12, 13: rising runs of 3 and 4 points; without the tie, 7 points.
    tied = with_baseline(8.0, 9, 10, 10, 11, 12, 13)
    untied = with_baseline(8.0, 9, 10, 10.5, 11, 12, 13)
    assert signalled(tied, TREND) == []
    assert signalled(untied, TREND) == tail_indices(0, 7)


def test_turning_point_takes_the_direction_of_the_trend_it_ends():
    # 8 … 13 rise (6 points), 13 … 8.5 fall (6 points); 13 belongs to both.
    result = with_baseline(8.0, 9, 10, 11.5, 12, 13, 12.5, 12, 10, 9, 8.5)
    assert signalled(result, TREND) == tail_indices(0, 11)
    assert result.points[17].value == 13
    assert result.points[17].side == "high"
    assert result.points[-1].side == "low"


# --- two of three -------------------------------------------------------------------------


def test_two_of_three_beyond_the_upper_two_sigma_line():
    # 15 > 14.547, 12 is not, 15 > 14.547: the two 15s are marked, the 12 is not.
    result = with_baseline(15.0, 12, 15)
    assert signalled(result, TWO_OF_THREE) == [12, 14]
    assert result.points[14].side == "high"
    assert signalled(result, BEYOND_LIMITS) == []  # 15 < 16.32


def test_two_of_three_third_point_may_be_on_the_other_side_of_the_mean():
    # 15, 8, 15: 8 < 11 (other side of the mean) but still inside the two-sigma lines.
    result = with_baseline(15.0, 8, 15)
    assert signalled(result, TWO_OF_THREE) == [12, 14]


def test_two_of_three_on_split_sides_is_no_signal():
    # 15 > 14.547 (high), 12, 7 < 7.453 (low): one beyond each line, not two on one side.
    # 7 > 5.68, so it is not beyond the process limits either.
    result = with_baseline(15.0, 12, 7)
    assert signalled(result, TWO_OF_THREE) == []
    assert result.variation == "common_cause"


def test_two_of_three_low():
    # 7 < 7.453 twice within three points, the middle one anywhere.
    result = with_baseline(7.0, 7.2)
    assert signalled(result, TWO_OF_THREE) == [12, 13]
    assert result.points[13].side == "low"


def test_two_beyond_but_four_apart_is_no_signal():
    # 15, 12, 12, 15: no window of three holds both 15s.
    result = with_baseline(15.0, 12, 12, 15)
    assert signalled(result, TWO_OF_THREE) == []


# --- variation icon -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("higher", "special_cause_improvement"),
        ("lower", "special_cause_concern"),
        (None, "special_cause_neither"),
    ],
)
def test_variation_icon_for_a_high_point(direction, expected):
    assert with_baseline(17.0, direction=direction).variation == expected


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("higher", "special_cause_concern"),
        ("lower", "special_cause_improvement"),
        (None, "special_cause_neither"),
    ],
)
def test_variation_icon_for_a_falling_trend(direction, expected):
    assert with_baseline(14.0, 13, 12, 10.5, 10, 9, direction=direction).variation == expected


def test_variation_icon_looks_only_at_the_latest_point():
    # 17 is beyond the limits, but the latest point (11) has no signal.
    assert with_baseline(17.0, 11, direction="higher").variation == "common_cause"


def test_variation_icon_for_a_rising_trend_when_higher_is_better():
    result = with_baseline(8.0, 9, 10, 11.5, 12, 13, direction="higher")
    assert result.variation == "special_cause_improvement"


# --- assurance ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "direction", "expected"),
    [
        # limits [80, 90]
        (75, "higher", "consistently_pass"),  # whole range above the target, higher good
        (95, "higher", "consistently_fail"),  # whole range below the target
        (85, "higher", "inconsistent"),
        (95, "lower", "consistently_pass"),  # whole range below the target, lower good
        (75, "lower", "consistently_fail"),
        (85, "lower", "inconsistent"),
        (80, "higher", "inconsistent"),  # on a limit: some points may miss it
        (90, "lower", "inconsistent"),
        (None, "higher", None),
        (85, None, None),
    ],
)
def test_assurance(target, direction, expected):
    assert assess_assurance(80.0, 90.0, target, direction) == expected


def test_assurance_on_a_chart_uses_its_limits():
    # limits [5.68, 16.32]
    assert with_baseline(11.0, direction="higher", target=5).assurance == "consistently_pass"
    assert with_baseline(11.0, direction="lower", target=5).assurance == "consistently_fail"
    assert with_baseline(11.0, direction="lower", target=20).assurance == "consistently_pass"
    assert with_baseline(11.0, direction="higher", target=12).assurance == "inconsistent"
    assert with_baseline(11.0, target=12).assurance is None


# --- p-chart ------------------------------------------------------------------------------

# Numerators / denominators:  5/100, 112/400, 0/0, 3/None, 4/16, 1/4, 2/100
# p̄ = (5 + 112 + 4 + 1 + 2) / (100 + 400 + 16 + 4 + 100) = 124 / 620 = 0.2
# p̄(1 − p̄) = 0.16, so σᵢ = √(0.16 / nᵢ):
#   n = 100: σ = 0.04 → limits 0.2 ± 0.12 = [0.08, 0.32], two-sigma [0.12, 0.28]
#   n = 400: σ = 0.02 → limits 0.2 ± 0.06 = [0.14, 0.26], two-sigma [0.16, 0.24]
#   n = 16:  σ = 0.1  → limits 0.2 ± 0.3 = [−0.1 → 0, 0.5], two-sigma [0, 0.4]
#   n = 4:   σ = 0.2  → limits 0.2 ± 0.6 = [−0.4 → 0, 0.8], two-sigma [−0.2 → 0, 0.6]
P_NUM = [5, 112, 0, 3, 4, 1, 2]
P_DEN = [100, 400, 0, None, 16, 4, 100]


def test_p_chart_with_varying_denominators():
    result = p_chart(P_NUM, P_DEN, min_points=5)
    assert result.chart == "p"
    assert result.centre == pytest.approx(0.2)
    expected = [
        (0.05, 0.08, 0.32, 0.12, 0.28),
        (0.28, 0.14, 0.26, 0.16, 0.24),
        None,
        None,
        (0.25, 0.0, 0.5, 0.0, 0.4),
        (0.25, 0.0, 0.8, 0.0, 0.6),
        (0.02, 0.08, 0.32, 0.12, 0.28),
    ]
    for point, row in zip(result.points, expected, strict=True):
        got = (point.value, point.lower, point.upper, point.two_sigma_lower, point.two_sigma_upper)
        if row is None:
            assert got == (None,) * 5
            assert point.signals == frozenset()
        else:
            assert got == pytest.approx(row)
    # 0.05 < 0.08, 0.28 > 0.26, 0.02 < 0.08; 0.25 is inside both wide ranges.
    assert signalled(result, BEYOND_LIMITS) == [0, 1, 6]
    assert [p.side for p in result.points] == ["low", "high", None, None, None, None, "low"]
    # Two-sigma: 0.05 low, 0.28 high, 0.25 and 0.25 inside, 0.02 low — never two on a side
    # in three consecutive valued points.
    assert signalled(result, TWO_OF_THREE) == []


def test_p_chart_icons_use_the_latest_point():
    # Latest point 0.02 (n = 100): limits [0.08, 0.32].
    result = p_chart(P_NUM, P_DEN, min_points=5, direction="lower", target=0.05)
    assert result.variation == "special_cause_improvement"
    assert result.assurance == "consistently_fail"  # 0.05 is below the whole range
    assert result.limits == pytest.approx((0.08, 0.32))
    higher = p_chart(P_NUM, P_DEN, min_points=5, direction="higher", target=0.05)
    assert higher.variation == "special_cause_concern"
    assert higher.assurance == "consistently_pass"


def test_p_chart_counts_only_points_with_a_value_towards_min_points():
    # Seven points, but only five have a denominator above zero.
    result = p_chart(P_NUM, P_DEN, min_points=6)
    assert result.reason == "too few points"
    assert result.limits is None
    assert [p.value for p in result.points] == pytest.approx(
        [0.05, 0.28, None, None, 0.25, 0.25, 0.02]
    )


def test_p_chart_gaps_neither_break_nor_extend_a_run():
    # Baseline: twelve 25/100 → p̄ = 300/1200 = 0.25 (the last baseline point is on it).
    # Then seven 30/100 points: above 0.25 and below the two-sigma line
    # 0.25 + 2·√(0.25·0.75/100) = 0.25 + 2·0.0433 = 0.3366 — with a 0/0 gap among them.
    num = [25] * 12 + [30, 30, 30, 0, 30, 30, 30, 30]
    den = [100] * 12 + [100, 100, 100, 0, 100, 100, 100, 100]
    result = p_chart(num, den, baseline=12)
    assert result.centre == pytest.approx(0.25)
    assert signalled(result, SHIFT) == [12, 13, 14, 16, 17, 18, 19]
    assert result.points[15].value is None


def test_p_chart_without_events_has_zero_width_limits():
    result = p_chart([0] * 12, [50] * 12)
    assert result.centre == 0
    assert result.limits == (0.0, 0.0)
    assert all(p.signals == frozenset() for p in result.points)


def test_p_chart_rejects_impossible_proportions():
    with pytest.raises(ValueError):
        p_chart([5], [4], min_points=1)
    with pytest.raises(ValueError):
        p_chart([1, 2], [4], min_points=1)


# --- u-chart ------------------------------------------------------------------------------


def test_u_chart_with_multiplier():
    # Incidents / bed-days: 12/1000, 9/4000, None/500, 0/250, 3/0
    # ū = (12 + 9 + 0) / (1000 + 4000 + 250) = 21 / 5250 = 0.004 → 4 per 1,000 bed-days
    #   n = 1000: σ = √(0.004/1000) = 0.002 → [−0.002 → 0, 0.010] → ×1000 [0, 10], 2σ [0, 8]
    #   n = 4000: σ = √(0.004/4000) = 0.001 → [0.001, 0.007] → [1, 7], 2σ [2, 6]
    #   n = 250:  σ = √(0.004/250) = 0.004  → [−0.008 → 0, 0.016] → [0, 16], 2σ [0, 12]
    # Values ×1000: 12 (beyond 10), 2.25 (inside [1, 7] and above 2), 0 (inside).
    result = u_chart([12, 9, None, 0, 3], [1000, 4000, 500, 250, 0], multiplier=1000, min_points=3)
    assert result.chart == "u"
    assert result.centre == pytest.approx(4)
    expected = [
        (12, 0, 10, 0, 8),
        (2.25, 1, 7, 2, 6),
        None,
        (0, 0, 16, 0, 12),
        None,
    ]
    for point, row in zip(result.points, expected, strict=True):
        got = (point.value, point.lower, point.upper, point.two_sigma_lower, point.two_sigma_upper)
        assert got == ((None,) * 5 if row is None else pytest.approx(row))
    assert signalled(result, BEYOND_LIMITS) == [0]
    assert result.points[0].side == "high"
    # The latest point with limits is index 3 (n = 250): target 20 per 1,000 is above 16.
    lower_better = u_chart(
        [12, 9, None, 0, 3],
        [1000, 4000, 500, 250, 0],
        multiplier=1000,
        min_points=3,
        direction="lower",
        target=20,
    )
    assert lower_better.assurance == "consistently_pass"
    assert lower_better.variation == "common_cause"  # latest valued point 0 has no signal


def test_u_chart_without_multiplier_is_per_unit():
    result = u_chart([12, 9, 0], [1000, 4000, 250], min_points=3)
    assert result.centre == pytest.approx(0.004)
    assert result.points[0].upper == pytest.approx(0.010)


# --- degenerate series --------------------------------------------------------------------


def test_zero_variation_series():
    # All 5: mean 5, MR̄ 0, limits and two-sigma lines all 5 — no error, no signal…
    flat = xmr_chart([5.0] * 12)
    assert flat.centre == 5
    assert flat.limits == (5.0, 5.0)
    assert all(p.signals == frozenset() for p in flat.points)
    assert flat.variation == "common_cause"
    # …and then any point off the mean is beyond the limits.
    moved = xmr_chart([5.0] * 12 + [5.01], baseline=12)
    assert moved.points[-1].signals == frozenset({BEYOND_LIMITS})
    assert moved.points[-1].side == "high"


def test_zero_variation_of_inexact_floats_sits_exactly_on_the_mean():
    # A naive mean of twelve 0.1s is 0.09999999999999999, which would put every point
    # "beyond" zero-width limits.
    result = xmr_chart([0.1] * 12)
    assert result.centre == 0.1
    assert all(p.signals == frozenset() for p in result.points)


def test_too_few_points():
    result = xmr_chart([10.0, 12.0] * 5 + [10.0], direction="higher", target=5)  # 11 points
    assert result.reason == "too few points"
    assert result.centre is None
    assert result.limits is None
    assert result.variation is None
    assert result.assurance is None
    assert [p.value for p in result.points] == [10.0, 12.0] * 5 + [10.0]
    assert all(p.lower is None and p.signals == frozenset() for p in result.points)


def test_min_points_is_configurable():
    assert xmr_chart([10.0, 12.0] * 5 + [10.0], min_points=11).reason is None
    assert xmr_chart([10.0, 12.0], min_points=1).limits == pytest.approx((11 - 5.32, 11 + 5.32))
    # An XmR chart needs two points for a moving range whatever min_points says.
    assert xmr_chart([10.0], min_points=1).reason == "too few points"


def test_baseline_shorter_than_min_points_is_too_few():
    assert xmr_chart([10.0, 12.0] * 10, baseline=8).reason == "too few points"


def test_empty_series():
    for result in (xmr_chart([]), p_chart([], []), u_chart([], [])):
        assert result.points == []
        assert result.reason == "too few points"


def test_invalid_input_raises():
    with pytest.raises(ValueError):
        xmr_chart([1.0, math.nan] * 6)
    with pytest.raises(ValueError):
        xmr_chart([1.0, 2.0] * 6, baseline=0)
    with pytest.raises(ValueError):
        xmr_chart([1.0, 2.0] * 6, direction="up")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        u_chart([1], [1], multiplier=0)
    with pytest.raises(ValueError):
        xmr_chart([1e308, -1e308] * 6)  # overflow is refused, not returned as inf


# --- properties ---------------------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
options = {
    "min_points": st.integers(min_value=1, max_value=14),
    "baseline": st.none() | st.integers(min_value=1, max_value=40),
    "direction": st.sampled_from(["higher", "lower", None]),
    "target": st.none() | finite,
}


def _check(result: SpcResult) -> None:
    numbers = [result.centre]
    for p in result.points:
        numbers += [p.value, p.lower, p.upper, p.two_sigma_lower, p.two_sigma_upper]
        if p.lower is not None:
            assert result.centre is not None
            assert p.lower <= p.two_sigma_lower <= result.centre
            assert result.centre <= p.two_sigma_upper <= p.upper
        if p.signals:
            assert p.side in ("high", "low")
        assert p.signals <= {BEYOND_LIMITS, SHIFT, TREND, TWO_OF_THREE}
    assert all(math.isfinite(x) for x in numbers if x is not None)
    if result.reason is None:
        assert result.variation is not None


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(finite, max_size=40),
    screen_ranges=st.booleans(),
    **options,
)
def test_xmr_property(values, screen_ranges, **kwargs):
    _check(xmr_chart(values, screen_ranges=screen_ranges, **kwargs))


@st.composite
def proportions(draw):
    den = draw(st.none() | st.integers(min_value=0, max_value=10_000))
    num = draw(st.integers(min_value=0, max_value=den or 0))
    return num, den


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(proportions(), max_size=40), **options)
def test_p_chart_property(rows, **kwargs):
    result = p_chart([n for n, _ in rows], [d for _, d in rows], **kwargs)
    _check(result)
    for p in result.points:
        if p.lower is not None:
            assert p.lower >= 0
            assert p.upper <= 1


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000),
            st.none() | st.just(0.0) | st.floats(min_value=0.01, max_value=1e6),
        ),
        max_size=40,
    ),
    multiplier=st.sampled_from([1.0, 100.0, 1000.0, 100_000.0]),
    **options,
)
def test_u_chart_property(rows, multiplier, **kwargs):
    result = u_chart([c for c, _ in rows], [e for _, e in rows], multiplier=multiplier, **kwargs)
    _check(result)
    for p in result.points:
        if p.lower is not None:
            assert p.lower >= 0


def test_module_is_pure_python():
    source = inspect.getsource(spc)
    assert "import django" not in source
    assert "from django" not in source
