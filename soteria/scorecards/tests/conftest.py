"""Fixtures shared by the scorecard tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from soteria.indicators.models import IndicatorDefinition, IndicatorValue
from soteria.organisations.models import OrgUnit
from soteria.testing.factories import indicator_value_create

value_store = indicator_value_create
"""One stored value of an indicator for a unit and period (``code`` like ``2026Q1``)."""


@pytest.fixture
def values_set(db: None) -> Callable[..., list[IndicatorValue]]:
    """``values_set(definition, unit, {"2026Q1": 12.5, ...})``: stored values; a value may be
    a number or a ``(numerator, denominator)`` pair (the value is then their ratio × the
    definition's multiplier). Keyword arguments go to every row (``partial=True``)."""

    def make(
        definition: IndicatorDefinition,
        unit: OrgUnit,
        values: dict[str, Any] | Iterable[tuple[str, Any]],
        **extra: Any,
    ) -> list[IndicatorValue]:
        items = values.items() if isinstance(values, dict) else values
        out = []
        for code, given in items:
            if isinstance(given, tuple):
                num, den = given
                value = num / den * definition.multiplier if den else None
                out.append(value_store(definition, unit, code, value, num, den, **extra))
            else:
                out.append(value_store(definition, unit, code, given, **extra))
        return out

    return make


@pytest.fixture(autouse=True)
def _empty_page_cache() -> None:
    """Every test starts with nothing cached (the cache is per process, not per test)."""
    from soteria.scorecards import caching

    caching.clear()
