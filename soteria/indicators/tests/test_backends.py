"""DuckDB and Spark compute the same numerators and denominators for every standard indicator.

Hypothesis writes small random warehouses (stays crossing months, transfers between wards,
open stays, readmissions near the 30-day edge, ED visits never seen…); each is computed on
the embedded DuckDB file and on Spark in local mode reading the Parquet export of the same
file, and every (indicator, unit, period) must agree.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soteria.indicators import engine
from soteria.indicators.definitions import compile_definition, database_resolver
from soteria.indicators.models import IndicatorDefinition, Source
from soteria.organisations.models import OrgUnit
from soteria.testing.factories import World
from soteria.testing.warehouse import WarehouseRows
from soteria.warehouse import store

pytestmark = pytest.mark.spark

AS_OF = date(2026, 5, 1)
START = datetime(2026, 1, 1)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = engine.spark_session("local[1]", shuffle_partitions=1)
    yield session
    session.stop()


def _standard() -> list[engine.Compiled]:
    resolve = database_resolver()
    return [
        compile_definition(d, resolve)
        for d in IndicatorDefinition.objects.filter(source=Source.COMPUTED, standard=True)
    ]


def _both(
    rows: WarehouseRows, spark: Any, zones: dict[int, str] | None = None
) -> tuple[dict, dict]:
    definitions = _standard()
    tree = engine.Tree.from_paths(OrgUnit.objects.values_list("pk", "path"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.duckdb"
        with override_settings(WAREHOUSE_PATH=path):
            rows.write(path)
            store.export_parquet(Path(tmp) / "parquet", path)
            with engine.duckdb_backend(path) as duck:
                a = engine.compute(
                    definitions, duck, tree, date(2025, 12, 1), date(2026, 4, 1), AS_OF, zones=zones
                )
            with engine.spark_backend(Path(tmp) / "parquet", spark) as sp:
                b = engine.compute(
                    definitions, sp, tree, date(2025, 12, 1), date(2026, 4, 1), AS_OF, zones=zones
                )
    return _keyed(a), _keyed(b)


def _keyed(results: list[engine.Result]) -> dict[tuple[str, int, str], tuple]:
    return {
        (r.code, r.unit_id, r.period): (r.numerator, r.denominator, r.value, r.reason)
        for r in results
    }


def _assert_same(duck: dict, spark: dict) -> None:
    assert duck.keys() == spark.keys()
    for key, (num, den, value, reason) in duck.items():
        s_num, s_den, s_value, s_reason = spark[key]
        assert reason == s_reason, key
        for x, y in ((num, s_num), (den, s_den), (value, s_value)):
            assert (x is None) == (y is None), key
            if x is not None:
                assert x == pytest.approx(y, rel=1e-12, abs=1e-9), key


def _minutes(n: int) -> str:
    return (START + timedelta(minutes=n)).isoformat(sep=" ")


@st.composite
def warehouses(draw: st.DrawFn, units: list[int]) -> WarehouseRows:
    w = WarehouseRows()
    minute = st.integers(min_value=-20 * 1440, max_value=115 * 1440)
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        start = draw(minute)
        length = draw(st.sampled_from([0, 30, 600, 1440, 2000, 4 * 1440 + 5, 31 * 1440]))
        unit = draw(st.sampled_from(units))
        cls = draw(st.sampled_from(["IMP", "IMP", "AMB", "EMER", "VR"]))
        status = draw(
            st.sampled_from(["finished", "finished", "finished", "in-progress", "cancelled"])
        )
        end = None if status == "in-progress" else _minutes(start + length)
        locations = []
        if cls == "IMP" and end is not None and draw(st.booleans()):
            middle = start + length // 2
            locations = [
                (draw(st.sampled_from([*units, None])), _minutes(start), _minutes(middle)),
                (draw(st.sampled_from(units)), _minutes(middle), end),
            ]
        w.encounter(
            unit,
            _minutes(start),
            end,
            patient=draw(st.sampled_from(["p1", "p2", "p3", "p4"])),
            cls=cls,
            status=status,
            admit_source=draw(st.sampled_from(["emd", "gp", None])),
            disposition=draw(st.sampled_from(["home", "exp", "hosp", None])),
            locations=locations,
        )
    for _ in range(draw(st.integers(min_value=0, max_value=10))):
        seen = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
        left = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=600)))
        w.ed_arrival(
            draw(st.sampled_from(units)), _minutes(draw(minute)), seen_after=seen, left_after=left
        )
    for unit in draw(st.lists(st.sampled_from(units), max_size=2, unique=True)):
        first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 60)))
        w.beds(
            unit, first, first + timedelta(days=draw(st.integers(0, 45))), draw(st.integers(0, 12))
        )
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        w.incident(draw(st.sampled_from(units)), _minutes(draw(minute)), harm=draw(st.booleans()))
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        kind = draw(st.sampled_from(["pos", "neg", "dk", "mid"]))
        w.answer(
            draw(st.sampled_from(units)),
            _minutes(draw(minute)),
            positive=kind == "pos",
            negative=kind == "neg",
            dont_know=kind == "dk",
        )
    return w


def test_hand_made_warehouse_agrees(world: World, spark: Any) -> None:
    from soteria.indicators.tests.test_standard_set import hospital_rows

    duck, sp = _both(hospital_rows(world), spark)
    assert len(duck) > 300
    _assert_same(duck, sp)


@pytest.mark.django_db
def test_random_warehouses_agree(spark: Any) -> None:
    from soteria.testing.factories import world_build

    world = world_build()
    units = [world.cardiology.pk, world.surgery.pk, world.hospital.pk]
    zone = st.sampled_from(["UTC", "Europe/Warsaw", "Asia/Ho_Chi_Minh", "America/St_Johns"])

    @settings(
        max_examples=3,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(warehouses(units), st.lists(zone, min_size=3, max_size=3))
    def check(rows: WarehouseRows, zones: list[str]) -> None:
        """Units in different time zones (St John's: UTC−03:30, summer time)."""
        duck, sp = _both(rows, spark, dict(zip(units, zones, strict=True)))
        _assert_same(duck, sp)

    check()
