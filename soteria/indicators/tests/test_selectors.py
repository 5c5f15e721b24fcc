"""Selectors of stored values."""

from __future__ import annotations

from soteria.indicators.selectors import values_at
from soteria.testing.factories import indicator_value_create, standard_indicator


def test_values_at_reads_exactly_the_indicators_asked_for_at_each_unit(world):
    alos, seen = standard_indicator("ALOS"), standard_indicator("ED_SEEN_4H")
    for definition in (alos, seen):
        for unit in (world.hospital, world.cardiology, world.surgery):
            for period in ("2026Q1", "2026Q2"):
                indicator_value_create(definition, unit, period, 1.0)
    wanted = {world.hospital.pk: {alos.pk}, world.cardiology.pk: [alos.pk, seen.pk]}
    found = {
        (v.definition_id, v.unit_id, v.period)
        for v in values_at(wanted).filter(period="2026Q1").select_related("definition")
    }
    assert found == {
        (alos.pk, world.hospital.pk, "2026Q1"),
        (alos.pk, world.cardiology.pk, "2026Q1"),
        (seen.pk, world.cardiology.pk, "2026Q1"),
    }
    assert not values_at({}).exists() and not values_at({world.surgery.pk: []}).exists()
