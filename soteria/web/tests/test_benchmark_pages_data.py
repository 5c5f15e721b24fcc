"""The page benchmark's data builder (benchmarks/pages_data.py) on a tiny data set, in the
test database: so that it keeps working as the models and services change. The benchmark
itself (timings) never runs in the test suite."""

from __future__ import annotations

import pytest

from benchmarks import pages_data
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, Target
from soteria.organisations.models import Membership, OrgUnit, Role
from soteria.strategy.models import (
    Initiative,
    Milestone,
    Objective,
    ObjectiveIndicator,
    StrategyVersion,
    VersionStatus,
)
from soteria.testing.factories import standard_indicator

pytestmark = pytest.mark.django_db


def _build(**sizes: int) -> dict:
    standard_indicator("ADMISSIONS")  # the standard set (loaded again if a test flushed it)
    return pages_data.build(pages_data.Sizes(**sizes), seed=7)


def test_tiny_data_set_has_the_expected_rows() -> None:
    meta = _build(units=8, indicators=2, months=3, objectives=4)

    # 1 region, 2 hospitals, 3 departments each
    assert OrgUnit.objects.count() == 9
    region = OrgUnit.objects.get(code=pages_data.REGION)
    assert OrgUnit.objects.filter(parent=region).count() == 2
    # 3 months (2026-08 … 2026-10) + 2026Q3, 2026Q4 + 2026S2 + 2026 = 7 periods
    assert IndicatorValue.objects.values("definition").distinct().count() == 2
    assert IndicatorValue.objects.count() == 2 * 9 * 7
    assert not IndicatorValue.objects.filter(row_facts__isnull=True).exists()  # as after a run
    periods = set(IndicatorValue.objects.values_list("period", flat=True))
    assert periods == {"202608", "202609", "202610", "2026Q3", "2026Q4", "2026S2", "2026"}
    assert set(IndicatorValue.objects.filter(partial=True).values_list("period", flat=True)) == {
        "2026Q4",
        "2026S2",
        "2026",
    }

    # values roll up: the region's count is the sum of its hospitals' (and of the months)
    counted = IndicatorValue.objects.filter(definition__denominator__isnull=True).exclude(
        definition__numerator__aggregate="percentile"
    )
    code = counted.values_list("definition__code", flat=True).first()
    assert code is not None
    rows = IndicatorValue.objects.filter(definition__code=code)
    hospitals = sum(
        rows.filter(unit__parent=region, period="2026Q3").values_list("numerator", flat=True)
    )
    assert rows.get(unit=region, period="2026Q3").numerator == pytest.approx(hospitals)
    months = sum(
        rows.filter(unit=region, period__in=["202608", "202609"]).values_list(
            "numerator", flat=True
        )
    )
    assert rows.get(unit=region, period="2026Q3").numerator == pytest.approx(months)

    version = StrategyVersion.objects.get(pk=meta["version_id"])
    assert version.status == VersionStatus.APPROVED
    assert Objective.objects.filter(version=version).count() == 4
    assert ObjectiveIndicator.objects.filter(version=version).count() == 4 * 2
    assert Initiative.objects.filter(version=version).count() == 4
    assert Milestone.objects.filter(version=version).count() >= 4 * 2
    assert 0 < Target.objects.count() <= 8
    assert not Target.objects.filter(approved_at__isnull=True).exists()

    assert (
        Membership.objects.get(user__username=pages_data.USERNAME, unit=region).role
        == Role.QUALITY_MANAGER
    )
    assert meta["counts"]["values"] == 2 * 9 * 7


def test_the_regions_own_indicators_are_valid_definitions() -> None:
    standard = IndicatorDefinition.objects.filter(standard=True, active=True).count()
    wanted = standard + len(pages_data.EXTRA)
    _build(units=4, indicators=wanted, months=1, objectives=1)

    owned = IndicatorDefinition.objects.filter(owner__code=pages_data.REGION)
    assert owned.count() == len(pages_data.EXTRA)
    assert IndicatorValue.objects.values("definition").distinct().count() == wanted
