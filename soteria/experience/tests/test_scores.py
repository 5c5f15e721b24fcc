"""Scores against figures worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from soteria.experience import scores


@dataclass
class A:
    score: float | None = None
    point: int | None = None
    positive: bool = False
    negative: bool = False
    excluded: bool = False
    response_id: int | None = None


FFT = {
    "VG": A(100, None, True, False),
    "G": A(75, None, True, False),
    "N": A(50),
    "P": A(25, None, False, True),
    "VP": A(0, None, False, True),
    "DK": A(None, None, False, False, True),
}
FIVE = {p: A((p - 1) * 25.0, p, p >= 4, p <= 2) for p in range(1, 6)}
NR = A(excluded=True)


def test_fft_excludes_dont_know_from_the_denominator() -> None:
    answers = [FFT[c] for c in ["VG", "G", "G", "N", "P", "VP", "DK", "DK"]]
    result = scores.fft(answers, min_n=5)
    # 6 answers other than don't know: 3 positive (50 %), 2 negative (33.3 %)
    assert (result.n, result.dont_know) == (6, 2)
    assert result.positive == pytest.approx(50.0)
    assert result.negative == pytest.approx(100 / 3)
    assert not result.suppressed


def test_fft_is_suppressed_below_the_minimum_cell(settings) -> None:
    answers = [FFT[c] for c in ["VG", "G", "P", "DK", "DK", "DK"]]  # 3 valid
    assert scores.fft(answers, min_n=5).suppressed
    assert scores.fft(answers, min_n=5).positive is None
    settings.SOTERIA_MIN_CELL = 3
    assert scores.fft(answers).positive == pytest.approx(200 / 3)
    settings.SOTERIA_MIN_CELL = 4
    assert scores.fft(answers).suppressed


def test_five_point_mean_with_t_interval() -> None:
    answers = [FIVE[p] for p in (5, 4, 4, 3, 2)] + [NR, NR]
    result = scores.five_point_mean(answers, min_n=5)
    # mean 3.6; squared deviations 1.96+0.16+0.16+0.36+2.56 = 5.2; s² = 5.2/4 = 1.3
    # s = 1.140175; s/√5 = 0.509902; t(0.975, 4) = 2.776445; half-width 1.415710
    assert result.n == 5
    assert result.mean == pytest.approx(3.6)
    assert result.sd == pytest.approx(1.140175, abs=1e-6)
    assert result.lower == pytest.approx(2.184290, abs=1e-5)
    # 3.6 + 1.415710 = 5.015710 lies past the top of the scale: the interval stops at 5.
    assert result.upper == 5.0
    assert scores.t_quantile(0.975, 4) == pytest.approx(2.776445, abs=1e-6)


def test_five_point_interval_stays_on_the_scale() -> None:
    low = scores.five_point_mean([FIVE[p] for p in (1, 1, 1, 2, 4)], min_n=5)
    assert low.lower == 1.0 and 1.0 < low.upper < 5.0
    middle = scores.five_point_mean([FIVE[p] for p in (3, 3, 4, 3, 3)], min_n=5)
    assert 1.0 < middle.lower < middle.mean < middle.upper < 5.0


def test_linear_mean_matches_the_five_point_mean() -> None:
    answers = [FIVE[p] for p in (5, 4, 4, 3, 2)] + [NR]
    mean = scores.mean_score(answers, min_n=5)
    assert mean.mean == pytest.approx(65.0)  # (100+75+75+50+25)/5
    assert scores.five_point_to_linear(3.6) == pytest.approx(mean.mean)


def test_top_and_bottom_box_leave_out_not_relevant() -> None:
    always, usually = A(100, None, True, False), A(66.7)
    never, sometimes = A(0, None, False, True), A(33.3, None, False, True)
    answers = [always, always, usually, never, sometimes, NR]
    top = scores.top_box(answers, min_n=5)
    assert (top.n, top.count, top.excluded) == (5, 2, 1)
    assert top.percent == pytest.approx(40.0)
    assert scores.share(answers, negative=True, min_n=5).percent == pytest.approx(40.0)


def test_domain_pools_answers_and_counts_respondents_once() -> None:
    q1 = [
        A(positive=True, response_id=1),
        A(positive=True, response_id=2),
        A(negative=True, response_id=3),
    ]
    q2 = [
        A(positive=True, response_id=1),
        A(excluded=True, response_id=2),
        A(positive=True, response_id=3),
        A(negative=True, response_id=4),
        A(negative=True, response_id=5),
    ]
    pooled = scores.domain_top_box({"Q1": q1, "Q2": q2}, min_n=5)
    # 7 answers besides not relevant, 4 in the top box; respondents 1–5
    assert (pooled.n, pooled.count) == (7, 4)
    assert pooled.percent == pytest.approx(400 / 7)
    # 7 answers but only 5 people: a minimum of 6 suppresses it
    assert scores.domain_top_box({"Q1": q1, "Q2": q2}, min_n=6).suppressed


def test_no_valid_answers_gives_no_figure() -> None:
    assert scores.fft([FFT["DK"]] * 9, min_n=0).positive is None
    assert scores.mean_score([], min_n=0).mean is None
    assert scores.five_point_mean([FIVE[3]], min_n=0).suppressed  # an interval needs two
