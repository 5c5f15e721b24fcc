"""Funnel-plot limits checked against a from-first-principles reference.

The reference below sums exact binomial / Poisson probabilities term by term (with
``math.comb`` and ``fractions.Fraction``), finds ``r_p`` by walking up the cumulative
distribution and applies the interpolation ``α = (F(r_p) - p) / (F(r_p) - F(r_p - 1))``
literally: lower limit ``r_p - α``, upper limit ``r_p + 1 - α`` (Spiegelhalter 2005 and his
funnel code; see the module docstring). The module under test uses a windowed recurrence
instead. scipy is not installed, so no library quantiles are used.
"""

import math
import random
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from soteria.scorecards.funnel import (
    REASON_NO_DENOMINATOR,
    Z95,
    Z998,
    CurveRow,
    FunnelInput,
    _limits,
    curve,
    curve_for,
    funnel,
    proportion_limits,
    rate_limits,
)

# --- reference ------------------------------------------------------------------------------


def phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


def binom_pmf(n: int, theta: Fraction, k: int) -> Fraction:
    return Fraction(math.comb(n, k)) * theta**k * (1 - theta) ** (n - k)


def binom_cdf(n: int, theta: Fraction, r: int) -> float:
    return float(sum((binom_pmf(n, theta, k) for k in range(r + 1)), Fraction(0)))


def poisson_pmf(mu: float, k: int) -> float:
    return math.exp(-mu + k * math.log(mu) - math.lgamma(k + 1))


def interpolated_quantile(pmf, p: float, upper: bool) -> float:
    """Walk up the exact cumulative distribution to r_p, then interpolate."""
    r, cdf = 0, pmf(0)
    while cdf < p:
        r += 1
        cdf += pmf(r)
    return r + (1 if upper else 0) - float(cdf - Fraction(p)) / float(pmf(r))


def ref_proportion(theta: Fraction, n: int, z: float) -> tuple[float, float]:
    lo = interpolated_quantile(lambda k: binom_pmf(n, theta, k), phi(-z), False) / n
    hi = interpolated_quantile(lambda k: binom_pmf(n, theta, k), phi(z), True) / n
    t = float(theta)
    return max(min(lo, t), 0.0), min(max(hi, t), 1.0)


def ref_rate(rate: float, exposure: float, z: float) -> tuple[float, float]:
    mu = rate * exposure
    lo = interpolated_quantile(lambda k: poisson_pmf(mu, k), phi(-z), False) / exposure
    hi = interpolated_quantile(lambda k: poisson_pmf(mu, k), phi(z), True) / exposure
    return max(min(lo, rate), 0.0), max(hi, rate)


# --- limits ---------------------------------------------------------------------------------


def test_z_constants():
    assert phi(Z95) == pytest.approx(0.975, abs=1e-7)
    assert phi(Z998) == pytest.approx(0.999, abs=1e-7)


@pytest.mark.parametrize("z", [Z95, Z998])
def test_proportion_limits_p10_n100_match_exact_binomial(z):
    expected = ref_proportion(Fraction(1, 10), 100, z)
    assert proportion_limits(0.1, 100, z) == pytest.approx(expected, abs=1e-9)


def test_proportion_limits_p10_n100_values():
    # By hand: F(4)=0.0237, F(5)=0.0576 -> 5 - (0.0576-0.025)/(0.0576-0.0237) = 4.038;
    # F(15)=0.9601, F(16)=0.9794 -> 16 + 1 - (0.9794-0.975)/(0.9794-0.9601) = 16.77.
    lo, hi = proportion_limits(0.1, 100, Z95)
    assert lo == pytest.approx(0.0404, abs=2e-4)
    assert hi == pytest.approx(0.1677, abs=2e-4)
    lo998, hi998 = proportion_limits(0.1, 100, Z998)
    assert lo998 < lo and hi998 > hi
    # Close to, but not the same as, the normal approximation 0.1 ± z·0.03.
    assert lo == pytest.approx(0.1 - Z95 * 0.03, abs=2e-3)


def test_marks_agree_with_exact_one_sided_tests():
    # Against 10% with n=100: P(Y >= 16) = 0.040 (not significant), P(Y >= 17) = 0.021;
    # P(Y <= 4) = 0.024 (significant), P(Y <= 5) = 0.058.
    assert 1 - binom_cdf(100, Fraction(1, 10), 15) > 0.025 > 1 - binom_cdf(100, Fraction(1, 10), 16)
    assert binom_cdf(100, Fraction(1, 10), 4) < 0.025 < binom_cdf(100, Fraction(1, 10), 5)
    pts = [FunnelInput(str(k), str(k), k, 100) for k in (4, 5, 16, 17)]
    marks = [p.mark for p in funnel(pts, "proportion", target=0.1).points]
    assert marks == ["below", "par", "par", "above"]


@pytest.mark.parametrize(
    ("theta", "n"), [(Fraction(1, 2), 1), (Fraction(3, 10), 7), (Fraction(1, 20), 250)]
)
@pytest.mark.parametrize("z", [Z95, Z998])
def test_proportion_limits_other_cases(theta, n, z):
    assert proportion_limits(float(theta), n, z) == pytest.approx(
        ref_proportion(theta, n, z), abs=1e-9
    )


@pytest.mark.parametrize(("rate", "exposure"), [(2.0, 1.5), (0.004, 250_000.0), (0.3, 12.0)])
@pytest.mark.parametrize("z", [Z95, Z998])
def test_rate_limits_match_exact_poisson(rate, exposure, z):
    assert rate_limits(rate, exposure, z) == pytest.approx(
        ref_rate(rate, exposure, z), rel=1e-9, abs=1e-12
    )


def test_rate_limits_small_exposure_lower_limit_zero():
    # Expected count 3: F(0) = e^-3 = 0.0498 > 0.025 -> lower quantile interpolates below 0.
    lo, hi = rate_limits(3.0, 1.0, Z95)
    assert lo == 0.0
    # F(6)=0.9665, F(7)=0.9881 -> 7 + 1 - (0.9881-0.975)/(0.9881-0.9665) = 7.39
    assert hi == pytest.approx(7.39, abs=0.01)


def test_rate_limits_large_exposure_near_normal():
    lo, hi = rate_limits(0.004, 1_000_000.0, Z95)  # expected count 4000
    sd = math.sqrt(4000) / 1_000_000
    assert lo == pytest.approx(0.004 - Z95 * sd, rel=2e-3)
    assert hi == pytest.approx(0.004 + Z95 * sd, rel=2e-3)


def test_limits_clipped_near_zero_and_one_symmetrically():
    lo0, hi0 = proportion_limits(0.02, 20, Z95)
    lo1, hi1 = proportion_limits(0.98, 20, Z95)
    assert lo0 == 0.0 and hi1 == 1.0
    assert hi0 == pytest.approx(1 - lo1, abs=1e-12)
    # 20/20 against 98% is the most likely outcome (P = 0.67): on par, not above.
    (p,) = funnel([FunnelInput("a", "A", 20, 20)], "proportion", target=0.98).points
    assert p.mark == "par"
    for theta in (0.001, 0.05, 0.3, 0.5):
        for n in (1, 7, 60, 999):
            lo, hi = proportion_limits(theta, n, Z998)
            mlo, mhi = proportion_limits(1 - theta, n, Z998)
            assert (lo, hi) == pytest.approx((1 - mhi, 1 - mlo), abs=1e-9)
    assert proportion_limits(0.0, 50, Z95) == (0.0, 0.0)
    assert proportion_limits(1.0, 50, Z95) == (1.0, 1.0)
    assert rate_limits(0.0, 10.0, Z95) == (0.0, 0.0)


def test_tiny_expected_count():
    # Binomial(13, 0.001): F(0) = 0.987 >= 0.975 -> r = 0, α = 0.0122, upper = 0.988/13.
    lo, hi = proportion_limits(0.001, 13, Z95)
    assert lo == 0.0
    assert hi == pytest.approx((1 - (0.999**13 - 0.975) / 0.999**13) / 13, rel=1e-6)
    # One event in 13 (P(Y >= 1) = 0.013) is significantly high; none is on par.
    pts = [FunnelInput("one", "1", 1, 13), FunnelInput("none", "0", 0, 13)]
    assert [p.mark for p in funnel(pts, "proportion", target=0.001).points] == ["above", "par"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: proportion_limits(1.2, 10, Z95), "in \\[0, 1\\]"),
        (lambda: proportion_limits(0.5, 0, Z95), "n must be a positive"),
        (lambda: proportion_limits(0.5, math.inf, Z95), "n must be a positive"),
        (lambda: proportion_limits(math.nan, 10, Z95), "target must be finite"),
        (lambda: proportion_limits(0.5, 10, -1.0), "z must be"),
        (lambda: rate_limits(-0.1, 10, Z95), "must not be negative"),
        (lambda: rate_limits(0.1, -10, Z95), "exposure must be a positive"),
    ],
)
def test_limits_reject_invalid_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- funnel ---------------------------------------------------------------------------------


def test_funnel_pooled_target_and_marks():
    points = [
        FunnelInput("a", "Ward A", 10, 100),  # 10%: par
        FunnelInput("b", "Ward B", 30, 100),  # 30%: above
        FunnelInput("c", "Ward C", 1, 100),  # 1%: below
        FunnelInput("d", "Ward D", 90, 700),
        FunnelInput("z", "Ward Z", 0, 0),  # no denominator
    ]
    result = funnel(points, "proportion", multiplier=100)
    assert result.target == pytest.approx(131 / 1000)
    assert result.centre == pytest.approx(13.1)
    by_key = {p.key: p for p in result.points}
    assert [p.key for p in result.points] == ["a", "b", "c", "d", "z"]
    assert by_key["b"].mark == "above" and by_key["b"].outlier
    assert by_key["c"].mark == "below" and by_key["c"].outlier
    assert by_key["a"].mark == "par" and not by_key["a"].outlier
    assert by_key["d"].mark == "par"
    a = by_key["a"]
    assert a.value == pytest.approx(10.0)
    lo, hi = ref_proportion(Fraction(131, 1000), 100, Z95)
    assert (a.lo95, a.hi95) == pytest.approx((lo * 100, hi * 100), abs=1e-7)
    z = by_key["z"]
    assert z.value is None and z.mark is None and z.lo95 is None and not z.outlier
    assert z.reason == REASON_NO_DENOMINATOR


def test_funnel_explicit_target_and_95_only_mark():
    # Target 10%, n=100: 95% upper limit 16.77%, 99.8% upper 20.84%.
    result = funnel([FunnelInput("x", "X", 17, 100)], "proportion", target=0.1)
    (p,) = result.points
    assert p.mark == "above" and not p.outlier
    result = funnel([FunnelInput("x", "X", 21, 100)], "proportion", target=0.1)
    assert result.points[0].outlier


def test_funnel_rates():
    points = [
        FunnelInput("a", "A", 4, 1000.0),  # 4 per 1000 bed-days
        FunnelInput("b", "B", 40, 2000.0),  # 20 per 1000: above
        FunnelInput("c", "C", 0, 50.0),  # 0 with small exposure: par
    ]
    result = funnel(points, "rate", multiplier=1000, target=0.005)
    marks = {p.key: p.mark for p in result.points}
    assert marks == {"a": "par", "b": "above", "c": "par"}
    c = result.points[2]
    assert c.value == 0.0 and c.lo95 == 0.0


def test_funnel_without_any_denominator():
    result = funnel([FunnelInput("a", "A", 0, 0)], "proportion")
    assert result.target is None and result.centre is None
    assert result.points[0].mark is None
    assert curve_for(result) == []


@pytest.mark.parametrize(
    ("point", "kind", "message"),
    [
        (FunnelInput("a", "A", -1, 10), "proportion", "numerator must not be negative"),
        (FunnelInput("a", "A", 1, -10), "rate", "denominator must not be negative"),
        (FunnelInput("a", "A", 11, 10), "proportion", "exceeds denominator"),
        (FunnelInput("a", "A", math.nan, 10), "rate", "finite"),
        (FunnelInput("a", "A", 1, math.inf), "rate", "finite"),
    ],
)
def test_funnel_rejects_invalid_points(point, kind, message):
    with pytest.raises(ValueError, match=message):
        funnel([point], kind)


def test_funnel_rejects_bad_kind_target_multiplier():
    ok = [FunnelInput("a", "A", 1, 10)]
    with pytest.raises(ValueError, match="kind"):
        funnel(ok, "ratio")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        funnel(ok, "proportion", target=2.0)
    with pytest.raises(ValueError, match="multiplier"):
        funnel(ok, "proportion", multiplier=0)


def test_rate_numerator_may_exceed_exposure():
    result = funnel([FunnelInput("a", "A", 30, 10.0)], "rate")
    assert result.points[0].value == pytest.approx(3.0)


# --- curve ----------------------------------------------------------------------------------


def test_curve_rows_log_spaced_and_scaled():
    rows = curve("rate", 0.002, 10.0, 10_000.0, steps=4, multiplier=1000)
    assert [r.n for r in rows] == pytest.approx([10.0, 100.0, 1000.0, 10_000.0])
    assert all(isinstance(r, CurveRow) for r in rows)
    lo, hi = rate_limits(0.002, 1000.0, Z95)
    assert (rows[2].lo95, rows[2].hi95) == pytest.approx((lo * 1000, hi * 1000))


def test_curve_proportion_sizes_are_whole_and_distinct():
    rows = curve("proportion", 0.2, 1, 30, steps=60)
    sizes = [r.n for r in rows]
    assert sizes == sorted(set(sizes)) and all(n == int(n) for n in sizes)
    assert sizes[0] == 1 and sizes[-1] == 30


def test_curve_for_spans_the_units():
    result = funnel(
        [FunnelInput("a", "A", 5, 40), FunnelInput("b", "B", 50, 400)], "proportion", 100
    )
    rows = curve_for(result, steps=30)
    assert rows[0].n == 20 and rows[-1].n == 440
    for r in rows:
        assert r.lo998 <= r.lo95 <= result.centre <= r.hi95 <= r.hi998


def test_curve_rejects_bad_range():
    with pytest.raises(ValueError, match="smaller than"):
        curve("rate", 0.1, 100, 10)
    with pytest.raises(ValueError, match="steps"):
        curve("rate", 0.1, 1, 10, steps=1)


# --- properties -----------------------------------------------------------------------------

thetas = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
sizes = st.integers(min_value=1, max_value=20_000)


@settings(max_examples=200, deadline=None)
@given(theta=thetas, n=sizes)
def test_property_proportion_bands_nest_around_target(theta, n):
    lo95, hi95 = proportion_limits(theta, n, Z95)
    lo998, hi998 = proportion_limits(theta, n, Z998)
    assert 0.0 <= lo998 <= lo95 <= theta <= hi95 <= hi998 <= 1.0


@settings(max_examples=200, deadline=None)
@given(
    rate=st.floats(min_value=0.0, max_value=50.0, allow_nan=False),
    exposure=st.floats(min_value=1e-3, max_value=2e4, allow_nan=False),
)
def test_property_rate_bands_nest_around_target(rate, exposure):
    lo95, hi95 = rate_limits(rate, exposure, Z95)
    lo998, hi998 = rate_limits(rate, exposure, Z998)
    assert 0.0 <= lo998 <= lo95 <= rate <= hi95 <= hi998


@settings(max_examples=200, deadline=None)
@given(theta=st.floats(min_value=0.001, max_value=0.999), n=sizes, factor=st.integers(2, 50))
def test_property_proportion_limits_narrow_as_n_grows(theta, n, factor):
    # Exact limits wiggle between neighbouring n while the expected count is small (clipping
    # at 0 or 1); compare n with a multiple of it once at least one event is expected.
    assume(n * theta * (1 - theta) >= 1)
    for z in (Z95, Z998):
        lo, hi = proportion_limits(theta, n, z)
        lo2, hi2 = proportion_limits(theta, n * factor, z)
        assert hi2 - lo2 <= hi - lo + 1e-12


@settings(max_examples=200, deadline=None)
@given(
    rate=st.floats(min_value=1e-4, max_value=20.0),
    exposure=st.floats(min_value=1e-2, max_value=1e4),
    factor=st.floats(min_value=2.0, max_value=50.0),
)
def test_property_rate_limits_narrow_as_exposure_grows(rate, exposure, factor):
    assume(rate * exposure >= 1)
    for z in (Z95, Z998):
        lo, hi = rate_limits(rate, exposure, z)
        lo2, hi2 = rate_limits(rate, exposure * factor, z)
        assert hi2 - lo2 <= hi - lo + 1e-12


@pytest.mark.parametrize("kind", ["proportion", "rate"])
def test_the_curves_limits_are_the_exact_ones_at_each_size(kind: str) -> None:
    """The curves are worked out for all their sizes at once; at every size they equal the
    exact limits of one size (:func:`_limits`, what the units' marks use)."""
    rng = random.Random(2026)
    for _case in range(80):
        target = rng.uniform(0.0005, 0.7) if kind == "proportion" else rng.uniform(0.0002, 8.0)
        n_min = rng.uniform(1.0, 300.0)
        n_max = n_min * rng.uniform(1.0, 400.0)
        multiplier = rng.choice([1.0, 100.0, 1000.0])
        rows = curve(kind, target, n_min, n_max, steps=60, multiplier=multiplier)  # type: ignore[arg-type]
        for row in rows:
            (lo95, hi95), (lo998, hi998) = _limits(kind, target, row.n, (Z95, Z998))  # type: ignore[arg-type]
            expected = [x * multiplier for x in (lo95, hi95, lo998, hi998)]
            assert [row.lo95, row.hi95, row.lo998, row.hi998] == pytest.approx(
                expected, rel=1e-9, abs=1e-12
            ), (kind, target, row.n)
    assert curve("proportion", 1.0, 1, 50)[0].lo95 == 1.0  # degenerate targets
    assert curve("rate", 0.0, 1, 50)[-1].hi998 == 0.0
