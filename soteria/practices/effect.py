"""The measured effect of an adoption: the adopting unit's stored monthly values of the
chosen indicator before and after the practice started.

The rule (also in ``docs/practices.md``):

- *Before* is up to the 6 whole months before the month the practice started; *after* is
  up to the 6 months from the start: from the start month itself when the practice started
  on its first day, otherwise from the month after (a month the practice started in the
  middle of is a changeover month and counts on neither side).
- Only months that are over and have a value count (a month still running, or one whose
  value is withheld for too few cases, is left out).
- With fewer than :data:`MIN_VALUES` values on a side, no comparison is made.
- The level of each side: for a ratio indicator (a numerator over a denominator: rates,
  shares, average length of stay) the side's numerators summed over its denominators
  summed (× the multiplier), as the engine rolls periods up — never the mean of monthly
  ratios, which would give a month with 3 patients the weight of one with 300; for any
  other indicator the mean of the monthly values.
- The change is the level after minus the level before, judged better or worse by the
  indicator's direction.
- Chance (two-sided p-value, about the change shown): for a share of counted cases
  (whole numerators within whole denominators: readmissions of discharges) Fisher's exact
  test on the pooled counts before and after; for any other indicator Welch's t-test on the
  monthly values of the two sides (with at most 6 months a side it only catches large,
  steady shifts). A pooled ratio that is not such a share (length of stay: bed-days per
  discharge) gets the t-test only when the plain mean of its monthly ratios moves the same
  way as the pooled figure — otherwise the test would be about another change, and none is
  shown. A high p-value means the change could well be ordinary variation.

This is a before/after comparison of one unit, not proof that the practice caused the
change: seasons, case mix and other changes at the same time move indicators too.

Values are read with :func:`soteria.scorecards.series.series_for` (one query), as the
indicator pages read them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from statistics import fmean
from typing import Literal

from soteria.indicators import periods
from soteria.indicators.models import Direction, IndicatorDefinition
from soteria.indicators.periods import PeriodType
from soteria.organisations.models import OrgUnit
from soteria.scorecards import series
from soteria.scorecards.series import Point

WINDOW = 6
"""Months on each side of the start."""
MIN_VALUES = 3
"""Values a side needs before the means are compared."""
ALPHA = 0.05
"""Level of the chance test."""

Judgement = Literal["better", "worse", "unchanged", "no_direction"]


@dataclass(frozen=True)
class Effect:
    definition: IndicatorDefinition
    unit: OrgUnit
    started_on: dt.date
    before: list[Point]
    after: list[Point]
    before_months: tuple[periods.Period, periods.Period]
    """First and last month of the window before."""
    after_months: tuple[periods.Period, periods.Period]
    """First and last month of the window after."""

    @property
    def enough(self) -> bool:
        return len(self.before) >= MIN_VALUES and len(self.after) >= MIN_VALUES

    @cached_property
    def pooled(self) -> bool:
        """Whether the sides are pooled numerators over pooled denominators (a ratio
        indicator whose every counted month has both)."""
        points = [*self.before, *self.after]
        return bool(
            self.definition.is_ratio
            and points
            and all(p.numerator is not None and p.denominator for p in points)
        )

    def _level(self, points: list[Point]) -> float | None:
        if not points:
            return None
        if self.pooled:
            numerator = sum(float(p.numerator or 0) for p in points)
            denominator = sum(float(p.denominator or 0) for p in points)
            return numerator / denominator * float(self.definition.multiplier)
        return fmean(float(p.value) for p in points if p.value is not None)

    @cached_property
    def mean_before(self) -> float | None:
        """The level before (pooled for ratios, see the module)."""
        return self._level(self.before)

    @cached_property
    def mean_after(self) -> float | None:
        """The level after (pooled for ratios, see the module)."""
        return self._level(self.after)

    @property
    def denominator_before(self) -> float | None:
        return sum(float(p.denominator or 0) for p in self.before) if self.pooled else None

    @property
    def denominator_after(self) -> float | None:
        return sum(float(p.denominator or 0) for p in self.after) if self.pooled else None

    @property
    def change(self) -> float | None:
        """Level after − level before; None without enough values."""
        if not self.enough or self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before

    @cached_property
    def counted_share(self) -> bool:
        """Pooled, and every month is whole counts with the numerator within the
        denominator (a share of cases: readmissions of discharges…)."""
        return self.pooled and all(
            float(p.numerator or 0).is_integer()
            and float(p.denominator or 0).is_integer()
            and 0 <= float(p.numerator or 0) <= float(p.denominator or 0)
            for p in [*self.before, *self.after]
        )

    @property
    def months_disagree(self) -> bool:
        """A pooled ratio whose change points one way while the plain mean of the monthly
        ratios points the other (small and large months pulling apart)."""
        if not self.pooled or self.change is None:
            return False
        plain = fmean(float(p.value) for p in self.after if p.value is not None) - fmean(
            float(p.value) for p in self.before if p.value is not None
        )
        return plain * self.change < 0

    @property
    def test(self) -> Literal["fisher", "welch"] | None:
        """Which chance test applies: Fisher's exact test on the pooled counts of a share;
        otherwise Welch's t-test on the monthly values (not for a pooled ratio whose months
        disagree with its pooled change: that test would be about another change)."""
        if not self.enough:
            return None
        if self.counted_share:
            return "fisher"
        if self.months_disagree:
            return None
        return "welch"

    @cached_property
    def p_value(self) -> float | None:
        """The two-sided p-value of :attr:`test`; None when no test applies or neither
        side varies."""
        from scipy import stats

        if self.test == "fisher":
            cases = [
                sum(float(p.numerator or 0) for p in side) for side in (self.before, self.after)
            ]
            totals = [
                sum(float(p.denominator or 0) for p in side) for side in (self.before, self.after)
            ]
            table = [[int(c), int(t - c)] for c, t in zip(cases, totals, strict=True)]
            return float(stats.fisher_exact(table).pvalue)
        if self.test != "welch":
            return None
        before = [float(p.value) for p in self.before if p.value is not None]
        after = [float(p.value) for p in self.after if p.value is not None]
        if len(set(before)) < 2 and len(set(after)) < 2:
            return None
        p = float(stats.ttest_ind(after, before, equal_var=False).pvalue)
        return None if math.isnan(p) else p

    @property
    def significant(self) -> bool | None:
        """Whether the change is unlikely to be chance alone at the 5 % level."""
        p = self.p_value
        return None if p is None else p < ALPHA

    @property
    def relative_change(self) -> float | None:
        """The change as a share of the mean before (None when that is 0)."""
        change = self.change
        if change is None or not self.mean_before:
            return None
        return change / abs(self.mean_before)

    @property
    def relative_percent(self) -> float | None:
        relative = self.relative_change
        return None if relative is None else 100 * relative

    @property
    def judgement(self) -> Judgement | None:
        change = self.change
        if change is None:
            return None
        if self.definition.direction == Direction.NONE:
            return "no_direction"
        if round(change, int(self.definition.decimals)) == 0:
            return "unchanged"
        better = change > 0 if self.definition.direction == Direction.HIGHER else change < 0
        return "better" if better else "worse"


def windows(started_on: dt.date) -> tuple[list[periods.Period], list[periods.Period]]:
    """The months before and after a start (see the module)."""
    start_month = periods.month_of(started_on)
    first_after = start_month if started_on.day == 1 else periods.shifted(start_month, 1)
    before = [periods.shifted(start_month, -i) for i in range(WINDOW, 0, -1)]
    after = [periods.shifted(first_after, i) for i in range(WINDOW)]
    return before, after


def effect_of(definition: IndicatorDefinition, unit: OrgUnit, started_on: dt.date) -> Effect:
    """The before/after comparison of ``unit``'s values of ``definition`` (one query)."""
    before_months, after_months = windows(started_on)
    found = series.series_for(
        definition,
        unit.pk,
        PeriodType.MONTH,
        length=2 * WINDOW + 1,
        until=after_months[-1].start,
    )
    counted = {p.period: p for p in found.points if p.value is not None and not p.partial}
    return Effect(
        definition=definition,
        unit=unit,
        started_on=started_on,
        before=[counted[m.code] for m in before_months if m.code in counted],
        after=[counted[m.code] for m in after_months if m.code in counted],
        before_months=(before_months[0], before_months[-1]),
        after_months=(after_months[0], after_months[-1]),
    )
