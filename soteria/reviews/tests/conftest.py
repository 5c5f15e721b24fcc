"""Fixtures of the review report tests: the world with values, targets and a report."""

from __future__ import annotations

from typing import Any

import pytest

from soteria.testing.factories import (
    World,
    indicator_value_create,
    standard_indicator,
    target_create,
)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from soteria.scorecards import caching

    caching.clear()


@pytest.fixture
def figures(world: World) -> dict[str, Any]:
    """READMISSION_30D at cardiology: 2025S2 9.5 %, 2026S1 12.0 % (target 10 %, off
    track), 2026S2 target 8 %; plus a small-number count indicator at cardiology."""
    readmissions = standard_indicator("READMISSION_30D")
    indicator_value_create(readmissions, world.cardiology, "2025S2", 9.5, 19, 200)
    now = indicator_value_create(readmissions, world.cardiology, "2026S1", 12.0, 24, 200)
    target_create(readmissions, world.cardiology, "2026S1", 10.0)
    target_create(readmissions, world.cardiology, "2026S2", 8.0)
    return {"readmissions": readmissions, "now": now}
