"""Reference data kept in memory per data generation: read once under a token, afresh under
a new one, and always afresh outside a request that announced one."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.core import generation
from soteria.indicators import reference
from soteria.indicators.targets import target_for, target_set
from soteria.testing.factories import standard_indicator, target_create


def _queries(call) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


def test_without_an_announced_generation_every_call_reads_the_database(world):
    alos = standard_indicator("ALOS")
    target_create(alos, world.hospital, "2026", 5.0)
    for _ in range(2):
        found, count = _queries(lambda: reference.definitions([alos.pk]))
        assert count == 1 and found[alos.pk].code == "ALOS"
        rows, count = _queries(
            lambda: reference.targets({alos.pk: alos}, [world.hospital.pk], ["2026"])
        )
        # the caller's definition is attached: no join, no second query
        assert count == 1 and rows[0].definition is alos and rows[0].unit.code == "HOSP"


def test_under_one_generation_definitions_and_targets_are_read_once(world):
    alos = standard_indicator("ALOS")
    target_create(alos, world.hospital, "2026", 5.0)
    target_create(alos, world.cardiology, "2026Q1", 4.0)
    generation.enter("first")
    _found, count = _queries(lambda: reference.definitions([alos.pk]))
    assert count == 1
    _found, count = _queries(lambda: reference.definitions([alos.pk]))
    assert count == 0
    wanted = {alos.pk: alos}
    rows, count = _queries(lambda: reference.targets(wanted, [world.hospital.pk], ["2026"]))
    assert count == 1 and [t.value for t in rows] == [5.0]
    rows, count = _queries(lambda: reference.targets(wanted, [world.hospital.pk], ["2026"]))
    assert count == 0 and [t.value for t in rows] == [5.0]
    # a unit not read yet: one query for it alone; the period filter applies in memory
    units = [world.hospital.pk, world.cardiology.pk]
    rows, count = _queries(lambda: reference.targets(wanted, units, ["2026", "2026Q1"]))
    assert count == 1 and sorted(t.value for t in rows) == [4.0, 5.0]
    rows, count = _queries(lambda: reference.targets(wanted, units, ["2026Q1"]))
    assert count == 0 and [t.value for t in rows] == [4.0]
    # another generation: read again
    generation.enter("second")
    _found, count = _queries(lambda: reference.definitions([alos.pk]))
    assert count == 1


def test_a_changed_target_is_seen_under_the_new_generation(world):
    from soteria.scorecards import freshness

    alos = standard_indicator("ALOS")
    target_set(None, alos, world.cardiology, "2026", 5, 1)
    generation.enter(freshness.current())
    assert target_for(alos, world.cardiology, "2026Q1").value == 5  # an average: as set
    target_set(None, alos, world.cardiology, "2026Q1", 3, 1)  # a change bumps the token
    generation.enter(freshness.current())
    assert target_for(alos, world.cardiology, "2026Q1").value == 3


def test_a_request_forgets_the_generation_it_announced(world, client):
    client.force_login(world.quality)
    response = client.get(reverse("scorecard-dashboard", args=["HOSP-CARD"]))
    assert response.status_code == 200
    assert generation.known() is None
