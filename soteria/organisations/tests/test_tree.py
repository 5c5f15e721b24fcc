"""The org-unit tree kept in memory per data generation: lookups by code, ancestors and
children read once under a token, again after any unit change, never without a token."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from soteria.core import generation
from soteria.organisations import services as unit_services
from soteria.organisations import tree
from soteria.scorecards import freshness


def _walk(world) -> tuple:
    unit = tree.unit_by_code("HOSP-CARD")
    return (
        unit.code,
        [u.code for u in tree.ancestors(unit)],
        [u.code for u in tree.children(world.hospital)],
        tree.unit_by_code("NOPE"),
    )


def test_without_an_announced_generation_every_lookup_queries(world):
    with CaptureQueriesContext(connection) as queries:
        found = _walk(world)
    assert found == ("HOSP-CARD", ["REG", "HOSP", "HOSP-CARD"], ["HOSP-CARD", "HOSP-SURG"], None)
    assert len(queries) == 4


def test_under_a_generation_the_tree_is_read_once_and_again_after_a_change(world):
    generation.enter(freshness.current())
    expected = ("HOSP-CARD", ["REG", "HOSP", "HOSP-CARD"], ["HOSP-CARD", "HOSP-SURG"], None)
    with CaptureQueriesContext(connection) as first:
        assert _walk(world) == expected
    with CaptureQueriesContext(connection) as second:
        assert _walk(world) == expected
    assert len(first) == 1 and len(second) == 0
    unit_services.unit_update(
        actor=world.admin, unit=world.surgery, name={"en": "Theatres"}
    )  # bumps the data generation
    generation.enter(freshness.current())
    names = {u.code: u.display_name for u in tree.children(world.hospital)}
    assert names["HOSP-SURG"] == "Theatres"
