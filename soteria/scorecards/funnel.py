"""Funnel plots for comparing units (wards, departments, hospitals) against a common target.

Method: D. J. Spiegelhalter, "Funnel plots for comparing institutional performance",
*Statistics in Medicine* 24 (2005) 1185–1202. Each unit's indicator (a proportion or a
rate) is plotted against its size (denominator or exposure); control limits around the
target are drawn as a function of size, so that small units are not flagged merely for
being noisy. This is the comparison used, for example, by the Danish national
patient-experience survey (LUP) to mark a unit as significantly above, on par with or
below the national figure.

Limits ("exact" limits with interpolation, Spiegelhalter 2005, Appendix A.1.1):

* For a target ``θ`` and a unit of size ``n``, let ``F`` be the cumulative distribution and
  ``P`` the probability function of the count ``Y`` under the null: ``Binomial(n, θ)`` for
  proportions, ``Poisson(θ·n)`` for rates (a count per unit of exposure ``n``).
* For a tail probability ``p`` (``Φ(-z)`` for the lower limit, ``Φ(z)`` for the upper),
  let ``r_p`` be the smallest integer with ``F(r_p) ≥ p`` and ``α = (F(r_p) - p) / P(r_p)``,
  the interpolation between neighbouring integers that makes the limits a smooth function
  of ``n`` rather than a staircase. The limits on the count scale are::

      lower = r_p - α          (p = Φ(-z); the paper's formula)
      upper = r_p + 1 - α      (p = Φ(z))

  and on the indicator's scale ``lower / n`` and ``upper / n``.
* The upper limit interpolates the upper tail ``P(Y ≥ r)`` the same way the lower limit
  interpolates ``P(Y ≤ r)``, as the R funnel-plot code published alongside the method
  does (``funnel4``, ``qbinom.interp``, 2016). Applying ``r_p - α`` to the upper tail
  too would flag the count ``r_p`` itself although ``P(Y ≥ r_p) > 1 - p`` (e.g. 16/100
  against 10%); with this
  choice a whole count is marked above/below only when its exact one-sided tail
  probability is at most ``Φ(-z)``, and the binomial limits are symmetric:
  ``upper(θ, n) = 1 - lower(1 - θ, n)``.
* Proportion limits are clipped to ``[0, 1]``, rate limits below at 0, and limits never
  cross the target (``lower ≤ target ≤ upper``, a guard against rounding).

The exact distributions are used, never the normal approximation, which is poor for small
units and for proportions near 0 or 1 (exactly where funnel plots are most used). The
binomial needs an integer ``n``: a non-integer denominator is rounded to the nearest
integer (at least 1) for the limits. For one size (:func:`proportion_limits`,
:func:`rate_limits`) the cumulative distribution is summed over a window of ±((z + 6)
standard deviations + 10) around the mean, outside of which the probability mass is
negligible, so the cost grows with ``√n``, not ``n`` (a few milliseconds for a million). A
funnel's units and its curves take all their sizes at once, with the distribution function
of SciPy's ``bdtr`` / ``pdtr`` (:func:`_limits_along`): the same quantiles to ~1e-12.

Marks: a unit is ``"above"`` / ``"below"`` when its value lies strictly outside the 95%
limits (two-sided, ``z = 1.959964``), else ``"par"``; ``outlier`` is true strictly outside
the 99.8% limits (``z = 3.090232``), Spiegelhalter's "alarm" level.

This module needs NumPy and SciPy, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
from scipy.special import bdtr, pdtr

Kind = Literal["proportion", "rate"]
Mark = Literal["above", "par", "below"]

#: Two-sided 95% limits (about 2 standard deviations).
Z95 = 1.959964
#: Two-sided 99.8% limits (about 3 standard deviations).
Z998 = 3.090232

_KINDS: tuple[Kind, ...] = ("proportion", "rate")

REASON_NO_DENOMINATOR = "no_denominator"


@dataclass(frozen=True, slots=True)
class FunnelInput:
    """One unit: its count (numerator) and its size (denominator or exposure)."""

    key: str
    label: str
    numerator: float
    denominator: float


@dataclass(frozen=True, slots=True)
class FunnelPoint:
    """One unit's position in the funnel. Values and limits are scaled by the multiplier.

    ``value``, the limits and ``mark`` are None when the unit has no denominator; then
    ``reason`` says why (``REASON_NO_DENOMINATOR``).
    """

    key: str
    label: str
    numerator: float
    denominator: float
    value: float | None
    lo95: float | None
    hi95: float | None
    lo998: float | None
    hi998: float | None
    mark: Mark | None
    outlier: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class FunnelResult:
    """The units, the target they were compared with and how values were scaled.

    ``target`` is on the raw scale (a fraction or a count per unit of exposure), ``centre``
    on the display scale (``target × multiplier``). ``target`` is None only when no unit
    has a positive denominator and no target was given.
    """

    kind: Kind
    target: float | None
    multiplier: float
    points: tuple[FunnelPoint, ...]

    @property
    def centre(self) -> float | None:
        return None if self.target is None else self.target * self.multiplier

    def denominators(self) -> list[float]:
        """The positive denominators, for choosing the curve's range."""
        return [p.denominator for p in self.points if p.denominator > 0]


class CurveRow(NamedTuple):
    """Limits at size ``n`` for drawing the funnel (display scale)."""

    n: float
    lo95: float
    hi95: float
    lo998: float
    hi998: float


# --- distributions -------------------------------------------------------------------------


def _phi(x: float) -> float:
    """Standard normal cumulative distribution function."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _window_pmf(kind: Kind, theta: float, n: float, z_max: float) -> tuple[int, np.ndarray]:
    """Probabilities of counts ``lo, lo+1, ..., hi`` around the mean; returns ``(lo, pmf)``.

    The window spans ``(z_max + 6)`` standard deviations + 10 either side of the mean, so
    the mass left outside is far below double precision next to the tail probabilities.

    Computed from the mode outwards by the recurrence ``P(k+1)/P(k)`` (relative weights as
    running products, normalised at the end), so there is no overflow or underflow for
    large ``n``; vectorised with NumPy (a curve asks for ~100 windows of up to a few
    thousand counts each).
    """
    size = int(n)
    if kind == "proportion":
        mean = size * theta
        sd = math.sqrt(size * theta * (1.0 - theta))
    else:
        mean = theta * n
        sd = math.sqrt(mean)
    span = (z_max + 6.0) * sd + 10.0
    lo = max(0, math.floor(mean - span))
    hi = math.ceil(mean + span)
    if kind == "proportion":
        hi = min(size, hi)
    mode = min(max(math.floor(mean), lo), hi)

    def ratios(k: np.ndarray) -> np.ndarray:
        """P(k+1) / P(k) for each k."""
        if kind == "proportion":
            return (size - k) / (k + 1.0) * (theta / (1.0 - theta))
        return mean / (k + 1.0)

    weights = np.empty(hi - lo + 1)
    weights[mode - lo] = 1.0
    weights[mode - lo + 1 :] = np.cumprod(ratios(np.arange(mode, hi, dtype=float)))
    below = np.cumprod(1.0 / ratios(np.arange(mode - 1, lo - 1, -1, dtype=float)))
    weights[: mode - lo] = below[::-1]
    return lo, weights / weights.sum()


def _interpolated_quantiles(
    lo: int, pmf: np.ndarray, tails: Sequence[tuple[float, bool]]
) -> list[float]:
    """Interpolated quantiles on the count scale, one per ``(p, upper)`` in ``tails``.

    ``r_p`` is the smallest count with ``F(r_p) ≥ p`` and ``α = (F(r_p) - p) / P(r_p)``;
    the lower limit is ``r_p - α``, the upper limit ``r_p + 1 - α`` (see the module
    docstring).
    """
    cdf = np.cumsum(pmf)
    probabilities = np.array([p for p, _upper in tails])
    indices = np.minimum(np.searchsorted(cdf, probabilities, side="left"), len(cdf) - 1)
    out: list[float] = []
    for (p, upper), idx in zip(tails, indices.tolist(), strict=True):
        mass = float(pmf[idx])
        alpha = (float(cdf[idx]) - p) / mass if mass > 0 else 0.0
        out.append(lo + idx + (1 if upper else 0) - alpha)
    return out


def _check_z(z: float) -> None:
    if not math.isfinite(z) or z <= 0:
        raise ValueError(f"z must be a positive finite number, got {z!r}")


def _limits(kind: Kind, target: float, n: float, zs: Sequence[float]) -> list[tuple[float, float]]:
    """(lower, upper) limits on the raw scale for each z, from one pass over the pmf."""
    if kind == "proportion":
        n_eff = float(max(1, round(n)))
        if target <= 0.0 or target >= 1.0:  # degenerate: every unit has the target exactly
            return [(target, target) for _ in zs]
    else:
        n_eff = n
        if target == 0.0:
            return [(0.0, 0.0) for _ in zs]
    lo, pmf = _window_pmf(kind, target, n_eff, max(zs))
    tails: list[tuple[float, bool]] = []
    for z in zs:
        tails += [(_phi(-z), False), (_phi(z), True)]
    q = _interpolated_quantiles(lo, pmf, tails)
    ceiling = 1.0 if kind == "proportion" else math.inf
    return [
        (
            max(min(q[2 * i] / n_eff, target), 0.0),
            min(max(q[2 * i + 1] / n_eff, target), ceiling),
        )
        for i in range(len(zs))
    ]


def _check_target(kind: Kind, target: float) -> None:
    if not math.isfinite(target):
        raise ValueError(f"target must be finite, got {target!r}")
    if kind == "proportion" and not 0.0 <= target <= 1.0:
        raise ValueError(f"a proportion target must lie in [0, 1], got {target!r}")
    if kind == "rate" and target < 0.0:
        raise ValueError(f"a rate target must not be negative, got {target!r}")


def _check_size(name: str, n: float) -> None:
    if not math.isfinite(n) or n <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {n!r}")


def proportion_limits(target: float, n: float, z: float) -> tuple[float, float]:
    """Exact binomial funnel limits (with interpolation) for a proportion, clipped to [0, 1].

    ``target`` is the proportion under the null, ``n`` the denominator (rounded to an
    integer ≥ 1), ``z`` the standard-normal quantile of the two-sided level (``Z95``,
    ``Z998``).
    """
    _check_target("proportion", target)
    _check_size("n", n)
    _check_z(z)
    return _limits("proportion", target, n, (z,))[0]


def rate_limits(target_rate: float, exposure: float, z: float) -> tuple[float, float]:
    """Exact Poisson funnel limits (with interpolation) for a rate (count per exposure).

    The count is ``Poisson(target_rate × exposure)``; the limits are the interpolated
    quantiles divided by ``exposure``. The lower limit is at least 0.
    """
    _check_target("rate", target_rate)
    _check_size("exposure", exposure)
    _check_z(z)
    return _limits("rate", target_rate, exposure, (z,))[0]


# --- funnel --------------------------------------------------------------------------------


def _check_kind(kind: str) -> None:
    if kind not in _KINDS:
        raise ValueError(f"kind must be 'proportion' or 'rate', got {kind!r}")


def _validate(kind: Kind, point: FunnelInput) -> None:
    for name in ("numerator", "denominator"):
        value = getattr(point, name)
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"{point.key}: {name} must be a finite number, got {value!r}")
        if value < 0:
            raise ValueError(f"{point.key}: {name} must not be negative, got {value!r}")
    if kind == "proportion" and point.numerator > point.denominator:
        raise ValueError(
            f"{point.key}: numerator ({point.numerator!r}) exceeds denominator "
            f"({point.denominator!r}) for a proportion"
        )


def funnel(
    points: Sequence[FunnelInput],
    kind: Kind,
    multiplier: float = 1.0,
    target: float | None = None,
) -> FunnelResult:
    """Place each unit in the funnel around ``target`` and mark it above / par / below.

    ``target`` (raw scale) defaults to the pooled value ``Σ numerator / Σ denominator`` over
    the units with a positive denominator. ``multiplier`` scales values and limits for
    display (e.g. 100 for per cent, 1000 for per 1,000 bed-days); marks are judged on the
    raw scale. Units with a zero denominator are kept, without value or mark.

    Raises ValueError for an unknown kind, negative or non-finite counts, a proportion
    whose numerator exceeds its denominator, or an invalid target or multiplier.
    """
    _check_kind(kind)
    if not math.isfinite(multiplier) or multiplier <= 0:
        raise ValueError(f"multiplier must be a positive finite number, got {multiplier!r}")
    for p in points:
        _validate(kind, p)
    usable = [p for p in points if p.denominator > 0]
    if target is None:
        if usable:
            target = math.fsum(p.numerator for p in usable) / math.fsum(
                p.denominator for p in usable
            )
    else:
        _check_target(kind, target)

    # every unit's limits at once (see _limits_along)
    sized = [p.denominator for p in points if p.denominator > 0]
    limits = (
        iter(_limits_along(kind, target, np.array(sized, dtype=float), (Z95, Z998)).tolist())
        if target is not None and sized
        else iter(())
    )
    out: list[FunnelPoint] = []
    for p in points:
        if p.denominator <= 0 or target is None:
            out.append(
                FunnelPoint(
                    key=p.key,
                    label=p.label,
                    numerator=p.numerator,
                    denominator=p.denominator,
                    value=None,
                    lo95=None,
                    hi95=None,
                    lo998=None,
                    hi998=None,
                    mark=None,
                    outlier=False,
                    reason=REASON_NO_DENOMINATOR,
                )
            )
            continue
        raw = p.numerator / p.denominator
        lo95, hi95, lo998, hi998 = next(limits)
        mark: Mark = "above" if raw > hi95 else "below" if raw < lo95 else "par"
        out.append(
            FunnelPoint(
                key=p.key,
                label=p.label,
                numerator=p.numerator,
                denominator=p.denominator,
                value=raw * multiplier,
                lo95=lo95 * multiplier,
                hi95=hi95 * multiplier,
                lo998=lo998 * multiplier,
                hi998=hi998 * multiplier,
                mark=mark,
                outlier=raw > hi998 or raw < lo998,
            )
        )
    return FunnelResult(kind=kind, target=target, multiplier=multiplier, points=tuple(out))


def curve(
    kind: Kind,
    target: float,
    n_min: float,
    n_max: float,
    steps: int = 60,
    multiplier: float = 1.0,
) -> list[CurveRow]:
    """Limit curves for drawing: ``steps`` sizes log-spaced from ``n_min`` to ``n_max``.

    For proportions the sizes are rounded to integers (duplicates dropped), as the limits
    are defined for whole denominators. Limits are multiplied by ``multiplier``.
    """
    _check_kind(kind)
    _check_target(kind, target)
    _check_size("n_min", n_min)
    _check_size("n_max", n_max)
    if n_max < n_min:
        raise ValueError(f"n_max ({n_max!r}) is smaller than n_min ({n_min!r})")
    if steps < 2:
        raise ValueError(f"steps must be at least 2, got {steps!r}")
    log_lo, log_hi = math.log(n_min), math.log(n_max)
    sizes = [math.exp(log_lo + (log_hi - log_lo) * i / (steps - 1)) for i in range(steps)]
    if kind == "proportion":
        sizes = sorted({float(max(1, round(n))) for n in sizes})
    limits = _limits_along(kind, target, np.array(sizes, dtype=float), (Z95, Z998))
    return [
        CurveRow(
            n=n,
            lo95=lo95 * multiplier,
            hi95=hi95 * multiplier,
            lo998=lo998 * multiplier,
            hi998=hi998 * multiplier,
        )
        for n, (lo95, hi95, lo998, hi998) in zip(sizes, limits.tolist(), strict=True)
    ]


def _limits_along(kind: Kind, target: float, sizes: np.ndarray, zs: Sequence[float]) -> np.ndarray:
    """:func:`_limits` at every one of ``sizes`` at once (a funnel's units, its curves' 60
    sizes): the same interpolated quantiles (the smallest count ``r`` with ``F(r) ≥ p``, ``α =
    (F(r) - p) / P(r)``), with ``F`` from the regularised incomplete beta and gamma functions
    (``scipy.special.bdtr``, ``pdtr``) for all sizes in one call, instead of each size's
    window of probabilities: equal to :func:`_limits` to ~1e-12. Returns, per size,
    ``(lower, upper)`` for each z in turn."""
    if kind == "proportion":
        n = np.maximum(1, np.round(sizes)).astype(np.int64)
        if target <= 0.0 or target >= 1.0:  # degenerate: every unit has the target exactly
            return np.full((len(sizes), 2 * len(zs)), target)
        mean = n * target
        sd = np.sqrt(n * target * (1.0 - target))
        top = n

        def cdf(k: np.ndarray) -> np.ndarray:
            return np.where(k < 0, 0.0, bdtr(np.clip(k, 0, n), n, target))

    else:
        n = sizes.astype(float)
        if target == 0.0:
            return np.zeros((len(sizes), 2 * len(zs)))
        mean = target * n
        sd = np.sqrt(mean)
        top = np.full(len(sizes), np.iinfo(np.int64).max // 2)

        def cdf(k: np.ndarray) -> np.ndarray:
            return np.where(k < 0, 0.0, pdtr(np.maximum(k, 0), mean))

    ceiling = 1.0 if kind == "proportion" else math.inf
    out = np.empty((len(sizes), 2 * len(zs)))
    for i, z in enumerate(zs):
        for j, (p, upper) in enumerate(((_phi(-z), False), (_phi(z), True))):
            # from the normal approximation to the smallest r with F(r) ≥ p: a few steps
            r = np.clip(np.floor(mean + (z if upper else -z) * sd), 0, top).astype(np.int64)
            at = cdf(r)
            for _step in range(10_000):
                low = at < p
                if not low.any():
                    break
                r = np.where(low, r + 1, r)
                at = np.where(low, cdf(r), at)
            below = cdf(r - 1)
            for _step in range(10_000):
                high = (r > 0) & (below >= p)
                if not high.any():
                    break
                r = np.where(high, r - 1, r)
                at = np.where(high, below, at)
                below = np.where(high, cdf(r - 1), below)
            mass = at - below
            alpha = np.divide(at - p, mass, out=np.zeros_like(mass), where=mass > 0)
            q = (r + (1 if upper else 0) - alpha) / n
            out[:, 2 * i + j] = (
                np.minimum(np.maximum(q, target), ceiling)
                if upper
                else np.maximum(np.minimum(q, target), 0.0)
            )
    return out


def curve_for(result: FunnelResult, steps: int = 60) -> list[CurveRow]:
    """The limit curves spanning a funnel's units: from half the smallest denominator
    (at least 1 for proportions) to 1.1 × the largest. Empty when there is nothing to draw.
    """
    sizes = result.denominators()
    if not sizes or result.target is None:
        return []
    n_min = min(sizes) / 2.0
    if result.kind == "proportion":
        n_min = max(1.0, n_min)
    return curve(
        result.kind, result.target, n_min, max(sizes) * 1.1, steps, multiplier=result.multiplier
    )
