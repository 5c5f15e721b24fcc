"""Hand-entered indicators entered only at some kinds of unit (``entered_at``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from soteria.indicators import manual
from soteria.indicators.definitions import definition_fields
from soteria.indicators.models import IndicatorDefinition
from soteria.testing.factories import World, standard_indicator, unit_create


def test_standard_set_enters_training_hours_at_departments_not_wards_or_hospitals(
    world: World,
) -> None:
    training = standard_indicator("STAFF_TRAINING_HOURS")
    ward = unit_create("HOSP-CARD-W1", parent=world.cardiology, kind="ward")
    assert manual.applies_to(training, world.cardiology)  # a department
    assert not manual.applies_to(training, ward)
    assert not manual.applies_to(training, world.hospital)


def test_empty_means_every_unit(world: World) -> None:
    training = standard_indicator("STAFF_TRAINING_HOURS")
    training.entered_at = []
    ward = unit_create("HOSP-CARD-W1", parent=world.cardiology, kind="ward")
    assert manual.applies_to(training, ward) and manual.applies_to(training, world.hospital)


def test_entering_at_another_kind_is_refused_with_the_reason(world: World) -> None:
    training = standard_indicator("STAFF_TRAINING_HOURS")
    with pytest.raises(ValidationError) as caught:
        manual.check_entry(training, world.hospital, "202601", 12)
    assert "entered at department" in str(caught.value)
    assert "HOSP is a hospital" in str(caught.value)


def test_entry_cells_skip_units_of_other_kinds(world: World) -> None:
    unit_create("HOSP-CARD-W1", parent=world.cardiology, kind="ward")
    cells = manual.entry_cells(world.quality, "202601")
    training = {c.unit.code for c in cells if c.definition.code == "STAFF_TRAINING_HOURS"}
    assert training == {"HOSP-CARD", "HOSP-SURG"}


def test_unknown_kinds_are_refused(world: World) -> None:
    definition = IndicatorDefinition(
        code="X1", name={"en": "x"}, unit="count", direction="higher", source="manual",
        entered_at=["department", "planet"],
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        definition.full_clean()
    assert "planet" in str(caught.value.message_dict["entered_at"])


def test_standard_file_field_is_read() -> None:
    fields = definition_fields({"code": "X", "entered_at": ["ward"]})
    assert fields["entered_at"] == ["ward"]
    assert definition_fields({"code": "X"})["entered_at"] == []
