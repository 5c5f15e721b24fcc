from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from soteria.indicators.models import IndicatorDefinition
from soteria.interchange import fhir_measure
from soteria.testing.factories import World, standard_indicator


def _own(world: World) -> IndicatorDefinition:
    return IndicatorDefinition.objects.create(
        code="OTHER_OWN",
        name={"en": "Their own indicator"},
        unit="count",
        direction="higher",
        source="manual",
        owner=world.other_org,
    )


def test_export_pages_offer_only_visible_indicators_and_units(world: World, client: Any) -> None:
    own = _own(world)
    standard_indicator("ADMISSIONS")
    client.force_login(world.viewer)
    for name in ("dhis2-export", "fhir-measure-export", "workbook-export"):
        page = client.get(reverse(name))
        assert page.status_code == 200, name
        assert b"ADMISSIONS" in page.content, name
        assert b"OTHER_OWN" not in page.content and b"Their own" not in page.content, name
        assert b"Other hospital" not in page.content, name
    # posted anyway: not a valid choice, nothing sent
    response = client.post(
        reverse("fhir-measure-export"),
        {
            "indicators": [own.pk],
            "units": [world.hospital.pk],
            "period_from": "2026",
            "period_to": "2026",
            "language": "en",
        },
    )
    assert response["Content-Type"].startswith("text/html")
    assert b"valid choice" in response.content
    client.force_login(world.stranger)
    assert b"OTHER_OWN" in client.get(reverse("workbook-export")).content


def test_period_fields_say_what_is_wrong(world: World, client: Any) -> None:
    client.force_login(world.viewer)
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    form = {
        "indicators": [hours.pk],
        "units": [world.hospital.pk],
        "period_from": "2026X1",
        "period_to": "2025",
        "language": "en",
        "file_format": "xlsx",
    }
    page = client.post(reverse("workbook-export"), form)
    assert page.status_code == 200
    assert b"is not a period" in page.content
    page = client.post(reverse("workbook-export"), {**form, "period_from": "2026"})
    assert b"comes before" in page.content
    page = client.post(
        reverse("workbook-export"), {**form, "period_from": "200001", "period_to": "202612"}
    )
    assert b"at most 240 periods" in page.content


def test_a_selection_too_large_is_refused_with_a_message(
    world: World, client: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    monkeypatch.setattr(fhir_measure, "MAX_CELLS", 5)
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    form = {
        "indicators": [hours.pk],
        "units": [world.hospital.pk],
        "sub_units": "on",
        "period_from": "202601",
        "period_to": "202602",
        "language": "en",
        "file_format": "xlsx",
    }
    client.force_login(world.viewer)
    for name in ("fhir-measure-export", "workbook-export"):
        page = client.post(reverse(name), form)
        assert page["Content-Type"].startswith("text/html"), name
        assert b"1 indicators \xc3\x97 3 units \xc3\x97 2 periods" in page.content, name
    with pytest.raises(CommandError, match="at most 5"):
        call_command(
            "excel_export", "--indicator", "STAFF_TRAINING_HOURS", "--unit", "HOSP",
            "--sub-units", "--from", "202601", "--to", "202602",
            "--output", str(tmp_path / "x.xlsx"),
        )  # fmt: skip
    with pytest.raises(CommandError, match="at most 5"):
        call_command(
            "fhir_measure_export", "--indicator", "STAFF_TRAINING_HOURS", "--unit", "HOSP",
            "--sub-units", "--from", "202601", "--to", "202602",
        )  # fmt: skip
