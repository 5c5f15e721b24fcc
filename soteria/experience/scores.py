"""Scores of patient-experience answers — pure functions, no database.

Rules (also on the results page and in docs/experience.md):

- **Friends-and-Family**: % positive = (very good + good) ÷ all answers except "don't
  know" × 100; % negative = (poor + very poor) ÷ the same. "Don't know" is left out of the
  denominator, never counted as neutral.
- **Top box %**: answers in the top box ÷ answers other than "don't know"/"not relevant" ×
  100, per question; per **domain**, pooled over the domain's questions (every answer of every
  question in the domain counts once).
- **Linear mean 0–100**: the mean of the answers' scores (each option's place on 0–100,
  a 0–10 answer × 10), excluding "don't know"/"not relevant".
- **Five-point mean**: mean of the points 1–5 with a 95 % confidence interval from
  Student's t (mean ± t₀.₉₇₅,ₙ₋₁ · s/√n, s the sample standard deviation), excluding "not
  relevant" and "don't know"; the interval is cut at the ends of the scale (1 and 5): with
  few, spread answers the plain formula reaches past them, where no mean can lie.
- **Suppression**: a figure resting on fewer than ``SOTERIA_MIN_CELL`` (default 5)
  respondents is not shown (``suppressed``; figures ``None``). Respondents are counted once
  even when they answered several questions of a domain.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

DEFAULT_MIN_CELL = 5


class Scored(Protocol):
    """What a score needs of an answer (``Answer`` rows qualify)."""

    score: float | None
    point: int | None
    positive: bool
    negative: bool
    excluded: bool


def min_cell() -> int:
    return int(getattr(settings, "SOTERIA_MIN_CELL", DEFAULT_MIN_CELL))


def _respondents(answers: Sequence[Scored]) -> int:
    ids = [getattr(a, "response_id", None) for a in answers]
    if any(i is None for i in ids):
        return len(answers)
    return len(set(ids))


@dataclass(frozen=True)
class Share:
    n: int
    """answers counted (don't know / not relevant left out)"""
    count: int
    percent: float | None
    excluded: int
    suppressed: bool


@dataclass(frozen=True)
class FftScore:
    n: int
    dont_know: int
    positive: float | None
    negative: float | None
    suppressed: bool


@dataclass(frozen=True)
class Mean:
    n: int
    mean: float | None
    suppressed: bool


@dataclass(frozen=True)
class MeanCI:
    n: int
    mean: float | None
    sd: float | None
    lower: float | None
    upper: float | None
    suppressed: bool


def _valid(answers: Iterable[Scored]) -> tuple[list[Scored], int]:
    valid, excluded = [], 0
    for a in answers:
        if a.excluded:
            excluded += 1
        else:
            valid.append(a)
    return valid, excluded


def _limit(min_n: int | None) -> int:
    return min_cell() if min_n is None else min_n


def share(answers: Iterable[Scored], *, negative: bool = False, min_n: int | None = None) -> Share:
    """% of answers in the top box (or, with ``negative``, the bottom box)."""
    valid, excluded = _valid(answers)
    count = sum(1 for a in valid if (a.negative if negative else a.positive))
    suppressed = _respondents(valid) < _limit(min_n)
    percent = None if suppressed or not valid else 100.0 * count / len(valid)
    return Share(len(valid), count, percent, excluded, suppressed)


def top_box(answers: Iterable[Scored], *, min_n: int | None = None) -> Share:
    return share(answers, min_n=min_n)


def domain_top_box(
    answers_by_question: Mapping[str, Sequence[Scored]], *, min_n: int | None = None
) -> Share:
    """Top box pooled over every answer to the domain's questions."""
    pooled = [a for answers in answers_by_question.values() for a in answers]
    return share(pooled, min_n=min_n)


def fft(answers: Iterable[Scored], *, min_n: int | None = None) -> FftScore:
    """Friends-and-Family % positive and % negative, "don't know" excluded."""
    valid, dont_know = _valid(answers)
    suppressed = _respondents(valid) < _limit(min_n)
    if suppressed or not valid:
        return FftScore(len(valid), dont_know, None, None, suppressed)
    positive = sum(1 for a in valid if a.positive)
    negative = sum(1 for a in valid if a.negative)
    return FftScore(
        len(valid), dont_know, 100.0 * positive / len(valid), 100.0 * negative / len(valid), False
    )


def mean_score(answers: Iterable[Scored], *, min_n: int | None = None) -> Mean:
    """Linear 0–100 mean of the scored answers."""
    valid = [a for a in _valid(answers)[0] if a.score is not None]
    suppressed = _respondents(valid) < _limit(min_n)
    if suppressed or not valid:
        return Mean(len(valid), None, suppressed)
    return Mean(len(valid), sum(float(a.score or 0) for a in valid) / len(valid), False)


def t_quantile(probability: float, df: int) -> float:
    from scipy.stats import t

    return float(t.ppf(probability, df))


def mean_with_ci(
    values: Sequence[float], confidence: float = 0.95
) -> tuple[float, float, float, float]:
    """Mean, sample standard deviation and the t-based interval of ``values`` (n ≥ 2)."""
    n = len(values)
    if n < 2:
        raise ValueError("a confidence interval needs at least two values")
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
    return mean, sd, mean - half, mean + half


def five_point_mean(
    answers: Iterable[Scored], *, min_n: int | None = None, confidence: float = 0.95
) -> MeanCI:
    """Mean on the 1–5 scale with its confidence interval."""
    valid = [a for a in _valid(answers)[0] if a.point is not None]
    suppressed = _respondents(valid) < max(_limit(min_n), 2)
    if suppressed:
        return MeanCI(len(valid), None, None, None, None, True)
    mean, sd, lower, upper = mean_with_ci([float(a.point or 0) for a in valid], confidence)
    return MeanCI(len(valid), mean, sd, max(lower, 1.0), min(upper, 5.0), False)


def five_point_to_linear(mean: float) -> float:
    """A five-point mean (1–5) on the linear 0–100 scale the warehouse stores."""
    return (mean - 1.0) * 25.0
