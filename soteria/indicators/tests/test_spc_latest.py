"""The latest point alone (``xmr_latest``, ``p_latest``, ``u_latest``) is what the full chart
says of that point and of the chart, on thousands of random series: ties with the centre
line and between neighbours, gaps, runs, trends, degenerate series, too few points."""

from __future__ import annotations

import random

import pytest

from soteria.indicators import spc

CASES = 3000


def _expected(result: spc.SpcResult) -> tuple:
    latest = next((p for p in reversed(result.points) if p.lower is not None), None)
    if latest is None:
        return (None, None, frozenset(), None, None, None)
    return (latest.index, latest.value, latest.signals, latest.side, latest.lower, latest.upper)


def _got(found: spc.Latest) -> tuple:
    return (found.index, found.value, found.signals, found.side, found.lower, found.upper)


SEEN: dict[str, set] = {"signals": set(), "variation": set(), "assurance": set()}
"""What the random series covered (a test of the tests: every rule must have fired)."""


def _same(full: spc.SpcResult, found: spc.Latest) -> None:
    SEEN["signals"].update(found.signals)
    SEEN["variation"].add(found.variation)
    SEEN["assurance"].add(found.assurance)
    assert _got(found) == _expected(full)
    assert (found.reason, found.variation, found.assurance) == (
        full.reason,
        full.variation,
        full.assurance,
    )


def _options(rng: random.Random) -> dict:
    return {
        "direction": rng.choice(["higher", "lower", None]),
        "target": rng.choice([None, rng.uniform(-5, 15), 5.0]),
        "min_points": rng.choice([1, 2, 3, 12]),
    }


def _values(rng: random.Random, n: int) -> list[float]:
    style = rng.random()
    if style < 0.3:  # few distinct values: ties with the centre line and neighbours
        return [float(rng.choice([4, 5, 6])) for _ in range(n)]
    if style < 0.5:  # runs and trends
        start, step = rng.uniform(0, 10), rng.choice([-1.0, 1.0, 0.5])
        return [start + step * k + rng.choice([0.0, 0.0, 3.0, -3.0]) for k in range(n)]
    if style < 0.55:
        return [7.0] * n  # no variation at all
    return [rng.gauss(5, 2) for _ in range(n)]


def test_xmr_latest_is_the_full_chart_s_latest_point():
    rng = random.Random(2026)
    for _ in range(CASES):
        values = _values(rng, rng.randint(0, 40))
        options = _options(rng)
        _same(spc.xmr_chart(values, **options), spc.xmr_latest(values, **options))


def _counts(rng: random.Random, n: int, proportion: bool) -> tuple[list, list]:
    nums: list[float | None] = []
    dens: list[float | None] = []
    size = rng.choice([5, 50, 500])
    rate = rng.uniform(0.0, 1.0)
    for _ in range(n):
        kind = rng.random()
        if kind < 0.08:
            nums.append(rng.choice([None, 3.0]))
            dens.append(None)
        elif kind < 0.14:
            nums.append(0.0)
            dens.append(0.0)
        elif kind < 0.18:
            nums.append(None)
            dens.append(float(size))
        else:
            d = float(rng.randint(1, size))
            n_ = float(rng.randint(0, int(d))) if proportion else float(rng.randint(0, size))
            if rng.random() < 0.3:
                n_ = round(d * rate)
            nums.append(n_)
            dens.append(d)
    return nums, dens


def test_p_latest_is_the_full_chart_s_latest_point():
    rng = random.Random(7)
    for _ in range(CASES):
        nums, dens = _counts(rng, rng.randint(0, 40), proportion=True)
        options = _options(rng)
        if options["target"] is not None:
            options["target"] = rng.choice([0.0, 0.5, 1.0, rng.random()])
        _same(spc.p_chart(nums, dens, **options), spc.p_latest(nums, dens, **options))


def test_u_latest_is_the_full_chart_s_latest_point():
    rng = random.Random(11)
    for _ in range(CASES):
        nums, dens = _counts(rng, rng.randint(0, 40), proportion=False)
        options = _options(rng)
        multiplier = rng.choice([1.0, 1000.0])
        _same(
            spc.u_chart(nums, dens, multiplier=multiplier, **options),
            spc.u_latest(nums, dens, multiplier=multiplier, **options),
        )


def test_the_random_series_made_every_rule_fire():
    if not SEEN["signals"]:
        pytest.skip("run with the tests above")
    assert SEEN["signals"] == set(spc.SIGNAL_PRECEDENCE)
    assert SEEN["variation"] >= {
        "common_cause",
        "special_cause_improvement",
        "special_cause_concern",
        "special_cause_neither",
        None,
    }
    assert SEEN["assurance"] >= {"consistently_pass", "consistently_fail", "inconsistent", None}


@pytest.mark.parametrize(
    "call",
    [
        lambda f: f["p"]([2.0], [1.0]),  # numerator above denominator
        lambda f: f["p"]([1.0], [-1.0]),  # negative denominator
        lambda f: f["u"]([1.0], [1.0], multiplier=0),
        lambda f: f["xmr"]([1.0, float("nan")]),
        lambda f: f["xmr"]([1e308, -1e308, 1e308], min_points=2),  # overflow
        lambda f: f["xmr"]([1.0, 2.0], direction="up"),
    ],
)
def test_bad_input_raises_as_the_full_chart_does(call):
    full = {"xmr": spc.xmr_chart, "p": spc.p_chart, "u": spc.u_chart}
    latest = {"xmr": spc.xmr_latest, "p": spc.p_latest, "u": spc.u_latest}
    with pytest.raises(ValueError) as expected:
        call(full)
    with pytest.raises(ValueError) as got:
        call(latest)
    assert str(got.value) == str(expected.value)
