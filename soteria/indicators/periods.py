"""Reporting periods, named as DHIS2 names them.

``202603`` (month), ``2026Q1`` (quarter), ``2026S1`` (half-year), ``2026`` (year). Every
indicator value is computed per org unit × month and rolled up to the longer periods by
summing numerators and denominators (or, for percentiles and distinct counts, by going back
to the rows) — so a period is always a whole number of months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PeriodType(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


PERIOD_TYPE_LABELS = {
    PeriodType.MONTH: _("Month"),
    PeriodType.QUARTER: _("Quarter"),
    PeriodType.HALF_YEAR: _("Half-year"),
    PeriodType.YEAR: _("Year"),
}

_MONTHS_IN = {
    PeriodType.MONTH: 1,
    PeriodType.QUARTER: 3,
    PeriodType.HALF_YEAR: 6,
    PeriodType.YEAR: 12,
}
_PATTERNS = [
    (re.compile(r"^(\d{4})(0[1-9]|1[0-2])$"), PeriodType.MONTH),
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodType.QUARTER),
    (re.compile(r"^(\d{4})S([12])$"), PeriodType.HALF_YEAR),
    (re.compile(r"^(\d{4})$"), PeriodType.YEAR),
]


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period: its first month (year, month) and how many months it spans."""

    year: int
    month: int
    type: PeriodType

    @property
    def months(self) -> int:
        return _MONTHS_IN[self.type]

    @cached_property
    def code(self) -> str:
        if self.type is PeriodType.MONTH:
            return f"{self.year:04d}{self.month:02d}"
        if self.type is PeriodType.QUARTER:
            return f"{self.year:04d}Q{(self.month - 1) // 3 + 1}"
        if self.type is PeriodType.HALF_YEAR:
            return f"{self.year:04d}S{(self.month - 1) // 6 + 1}"
        return f"{self.year:04d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        """The first day after the period."""
        index = self.year * 12 + self.month - 1 + self.months
        return date(index // 12, index % 12 + 1, 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def month_periods(self) -> list[Period]:
        index = self.year * 12 + self.month - 1
        return [
            month_of(date((index + i) // 12, (index + i) % 12 + 1, 1)) for i in range(self.months)
        ]

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return self.code


def parse(code: str) -> Period:
    """The period a DHIS2-style code names; ``ValueError`` with a readable message if none."""
    text = code.strip()
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if match:
            year = int(match.group(1))
            if kind is PeriodType.YEAR:
                return Period(year, 1, kind)
            number = int(match.group(2))
            first = number if kind is PeriodType.MONTH else (number - 1) * _MONTHS_IN[kind] + 1
            return Period(year, first, kind)
    raise ValueError(
        f"'{code}' is not a period: use 202603 (month), 2026Q1, 2026S1 or 2026 (year)."
    )


def month_of(day: date) -> Period:
    return Period(day.year, day.month, PeriodType.MONTH)


def containing(month: Period) -> list[Period]:
    """The month itself and the quarter, half-year and year it belongs to."""
    m = month.month
    return [
        month,
        Period(month.year, (m - 1) // 3 * 3 + 1, PeriodType.QUARTER),
        Period(month.year, (m - 1) // 6 * 6 + 1, PeriodType.HALF_YEAR),
        Period(month.year, 1, PeriodType.YEAR),
    ]


def period_of(day: date, kind: PeriodType) -> Period:
    """The period of the given kind that holds ``day``."""
    size = _MONTHS_IN[kind]
    return Period(day.year, (day.month - 1) // size * size + 1, kind)


def shifted(period: Period, steps: int) -> Period:
    """The period ``steps`` periods of the same kind later (earlier when negative)."""
    index = period.year * 12 + period.month - 1 + steps * period.months
    return Period(index // 12, index % 12 + 1, period.type)


def last_complete(kind: PeriodType, today: date) -> Period:
    """The latest period of this kind that has ended by ``today``."""
    return shifted(period_of(today, kind), -1)


def months_between(first: date, last: date) -> list[Period]:
    """Every month from the one holding ``first`` to the one holding ``last``, inclusive."""
    out = []
    index, stop = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    while index <= stop:
        out.append(Period(index // 12, index % 12 + 1, PeriodType.MONTH))
        index += 1
    return out


def parse_period(code: Any, field: str = "period") -> Period:
    """The period a code names, or a ``ValidationError`` on ``field`` saying why not."""
    if isinstance(code, Period):
        return code
    try:
        return parse(str(code or ""))
    except ValueError:
        raise ValidationError(
            {
                field: gettext(
                    "'%(code)s' is not a period: use 202603 (month), 2026Q1 (quarter), "
                    "2026S1 (half-year) or 2026 (year)."
                )
                % {"code": code}
            }
        ) from None
