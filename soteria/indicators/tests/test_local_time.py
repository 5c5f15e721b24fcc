"""Months, days and midnights are counted in the unit's local time; durations in real time."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from soteria.indicators.local_time import offsets
from soteria.indicators.models import ComputeRun, IndicatorValue
from soteria.indicators.services import compute_run
from soteria.organisations.models import OrgUnit
from soteria.testing.factories import World
from soteria.testing.warehouse import WarehouseRows

AS_OF = date(2026, 5, 1)


def test_summer_time_changes_are_found_to_the_minute() -> None:
    warsaw = offsets("Europe/Warsaw", date(2026, 1, 1), date(2026, 12, 1))
    assert warsaw.first == 3600
    assert warsaw.changes == (
        (datetime(2026, 3, 29, 1, 0), 7200),
        (datetime(2026, 10, 25, 1, 0), 3600),
    )
    # UTC−02:30 in summer, −03:30 in winter; the window reaches two months back
    st_johns = offsets("America/St_Johns", date(2026, 1, 1), date(2026, 6, 1))
    assert st_johns.first == -(2 * 3600 + 1800)
    assert st_johns.changes == (
        (datetime(2025, 11, 2, 4, 30), -(3 * 3600 + 1800)),
        (datetime(2026, 3, 8, 5, 30), -(2 * 3600 + 1800)),
    )


def test_a_zone_without_summer_time_is_one_offset() -> None:
    hanoi = offsets("Asia/Ho_Chi_Minh", date(2025, 1, 1), date(2026, 12, 1))
    assert hanoi.constant and hanoi.first == 7 * 3600


@pytest.fixture(autouse=True)
def _private_warehouse(settings: Any, tmp_path: Path) -> None:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"


def _zone(world: World, name: str) -> None:
    OrgUnit.objects.filter(path__startswith=world.region.path).update(time_zone=name)


def _computed(rows: WarehouseRows) -> dict[tuple[str, str, str], float | None]:
    rows.write()
    run = compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    assert run.status == "succeeded", run.error
    return {
        (v.definition.code, v.unit.code, v.period): v.value
        for v in IndicatorValue.objects.select_related("definition", "unit")
    }


def _new_year_rows(world: World) -> WarehouseRows:
    rows = WarehouseRows()
    # 23:30 UTC on 31 December is 00:30 on 1 January in Warsaw
    rows.encounter(
        world.surgery.pk,
        "2025-12-31 23:30",
        "2026-01-02 09:00",
        locations=[(world.surgery.pk, "2025-12-31 23:30", "2026-01-02 09:00")],
    )
    return rows


def test_a_stay_begun_after_local_midnight_belongs_to_the_new_year(world: World) -> None:
    _zone(world, "Europe/Warsaw")
    values = _computed(_new_year_rows(world))
    assert values[("ADMISSIONS", "HOSP-SURG", "202601")] == 1
    assert ("ADMISSIONS", "HOSP-SURG", "202512") not in values
    # in the ward at local midnight on 1 and 2 January (not at 00:00 UTC on 1 January,
    # which is 01:00 in Warsaw — the same count here, but in January, not December)
    assert values[("BED_DAYS", "HOSP-SURG", "202601")] == 1
    assert ("BED_DAYS", "HOSP-SURG", "202512") not in values


def test_in_utc_the_same_stay_begins_in_december(world: World) -> None:
    values = _computed(_new_year_rows(world))
    assert values[("ADMISSIONS", "HOSP-SURG", "202512")] == 1
    assert ("ADMISSIONS", "HOSP-SURG", "202601") not in values


def test_the_midnight_census_is_taken_at_local_midnight(world: World) -> None:
    _zone(world, "Asia/Ho_Chi_Minh")
    rows = WarehouseRows()
    # 16:00–18:00 UTC is 23:00–01:00 in Hanoi: in the ward at local midnight
    rows.encounter(
        world.surgery.pk,
        "2026-03-01 16:00",
        "2026-03-01 18:00",
        locations=[(world.surgery.pk, "2026-03-01 16:00", "2026-03-01 18:00")],
    )
    values = _computed(rows)
    assert values[("BED_DAYS", "HOSP-SURG", "202603")] == 1


def test_waits_across_the_change_to_summer_time_are_real_minutes(world: World) -> None:
    _zone(world, "Europe/Warsaw")
    rows = WarehouseRows()
    # arrives 01:30 CET, seen 03:30 CEST: 60 minutes, not 120
    rows.ed_arrival(world.surgery.pk, "2026-03-29 00:30", seen_after=60, left_after=200)
    values = _computed(rows)
    assert values[("ED_WAIT_MEDIAN", "HOSP-SURG", "202603")] == 60


def test_units_in_different_zones_are_each_counted_in_their_own(world: World) -> None:
    OrgUnit.objects.filter(pk=world.cardiology.pk).update(time_zone="Asia/Ho_Chi_Minh")
    rows = WarehouseRows()
    for unit in (world.cardiology.pk, world.surgery.pk):
        # 20:00 UTC on 31 March: 1 April in Hanoi (UTC+7), still 31 March in UTC
        rows.encounter(unit, "2026-03-31 20:00", "2026-04-02 08:00", patient=f"p{unit}")
    values = _computed(rows)
    assert values[("ADMISSIONS", "HOSP-CARD", "202604")] == 1
    assert values[("ADMISSIONS", "HOSP-SURG", "202603")] == 1
    assert values[("ADMISSIONS", "HOSP", "2026Q1")] == 1
    assert values[("ADMISSIONS", "HOSP", "2026Q2")] == 1
