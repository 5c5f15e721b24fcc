"""The analytics API answers indicators × periods × units, only for units the caller may see."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from soteria.indicators.models import ComputeRun, IndicatorValue
from soteria.indicators.services import compute_after_import, compute_run
from soteria.indicators.tests.test_standard_set import AS_OF, hospital_rows
from soteria.testing.factories import World


@pytest.fixture(autouse=True)
def _private_warehouse(settings: Any, tmp_path: Path) -> None:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"


@pytest.fixture
def computed(world: World) -> World:
    hospital_rows(world).write()
    assert compute_run(ComputeRun.objects.create(), as_of=AS_OF).status == "succeeded"
    return world


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_json_answer_with_names(computed: World) -> None:
    response = _client(computed.quality).get(
        "/api/v1/analytics/", {"dx": "ALOS;DISCHARGES", "pe": "202602,2026Q1", "ou": "HOSP-CARD"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["headers"][:4] == ["indicator", "period", "unit", "value"]
    rows = {(r[0], r[1], r[2]): r for r in body["rows"]}
    assert rows[("ALOS", "202602", "HOSP-CARD")][3] == pytest.approx(2.5)
    assert rows[("ALOS", "202602", "HOSP-CARD")][4:6] == [10, 4]
    assert rows[("DISCHARGES", "2026Q1", "HOSP-CARD")][3] == 8
    assert body["metaData"]["items"]["ALOS"] == "Average length of stay"
    assert body["metaData"]["items"]["HOSP-CARD"] == "Cardiology"


def test_csv_answer(computed: World) -> None:
    response = _client(computed.quality).get(
        "/api/v1/analytics/",
        {"dx": "BED_OCCUPANCY", "pe": "202602", "ou": "HOSP", "children": "true", "format": "csv"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["indicator", "period", "unit"]
    units = {r[2] for r in rows[1:]}
    assert units == {"HOSP", "HOSP-CARD", "HOSP-SURG"}


def test_units_out_of_reach_are_unknown(computed: World) -> None:
    lead = _client(computed.lead)  # unit lead of HOSP-CARD only
    ok = lead.get(
        "/api/v1/analytics/", {"dx": "ALOS", "pe": "2026", "ou": "HOSP-CARD", "children": "1"}
    )
    assert ok.status_code == 200
    assert {r[2] for r in ok.json()["rows"]} == {"HOSP-CARD"}
    refused = lead.get("/api/v1/analytics/", {"dx": "ALOS", "pe": "2026", "ou": "HOSP"})
    assert refused.status_code == 400
    assert "not yours to see" in refused.json()["ou"][0]
    stranger = _client(computed.stranger).get(
        "/api/v1/analytics/", {"dx": "ALOS", "pe": "2026", "ou": "HOSP-CARD"}
    )
    assert stranger.status_code == 400
    assert APIClient().get(
        "/api/v1/analytics/", {"dx": "ALOS", "pe": "2026", "ou": "HOSP"}
    ).status_code in {401, 403}


def test_bad_parameters_are_named(computed: World) -> None:
    response = _client(computed.quality).get(
        "/api/v1/analytics/", {"dx": "ALOS,NOPE", "pe": "2026Q5", "ou": ""}
    )
    assert response.status_code == 400
    body = response.json()
    assert "Unknown indicator 'NOPE'." in body["dx"]
    assert "not a period" in body["pe"][0]
    assert body["ou"] == ["Give at least one code."]


def test_indicator_catalogue(computed: World) -> None:
    response = _client(computed.viewer).get("/api/v1/indicators/ALOS/")
    assert response.status_code == 200
    assert response.json()["denominator"] == {"fact": "discharge", "aggregate": "count"}


def test_an_import_queues_a_computation_of_what_it_touched(computed: World) -> None:
    from soteria.testing.warehouse import WarehouseRows
    from soteria.warehouse.models import ImportRecord

    record = ImportRecord.objects.create(unit=computed.hospital, source_system="test")
    rows = WarehouseRows()
    rows.encounter(computed.surgery.pk, "2025-06-01 08:00", "2025-06-03 08:00", patient="p9")
    rows.rows["encounter"][0]["import_id"] = record.pk
    rows.write()
    record.counts = {"Encounter": {"inserted": 1, "updated": 0}}
    run = compute_after_import(record)
    assert run is not None
    assert run.scope == {"roots": [computed.region.pk], "years": [2025]}
    before = IndicatorValue.objects.filter(period_start__year=2026).count()
    compute_run(run, as_of=AS_OF)
    assert (
        IndicatorValue.objects.get(
            definition__code="DISCHARGES", unit=computed.surgery, period="202506"
        ).value
        == 1
    )
    assert IndicatorValue.objects.filter(period_start__year=2026).count() == before
    record.counts = {"Encounter": {"inserted": 0, "updated": 0, "unchanged": 1}}
    assert compute_after_import(record) is None


def test_command_computes_everything(computed: World, capsys: Any) -> None:
    IndicatorValue.objects.all().delete()
    call_command("compute_indicators", "--as-of", AS_OF.isoformat())
    assert "values in" in capsys.readouterr().out
    assert IndicatorValue.objects.filter(
        definition__code="ALOS", unit=computed.hospital, period="2026Q1"
    ).exists()
