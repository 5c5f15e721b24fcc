from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from soteria.indicators import manual
from soteria.indicators.models import IndicatorValue, ManualValue
from soteria.interchange import dhis2
from soteria.interchange.models import Dhis2Mapping, IdScheme, MappingKind
from soteria.testing.factories import World, standard_indicator

DHIS2 = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "dhis2"
needs_data = pytest.mark.skipif(
    not DHIS2.is_dir(), reason=f"DHIS2 sample payloads not found at {DHIS2}"
)


def value_set_files() -> list[Path]:
    """Every real JSON file that is a dataValueSet (metadata files are left out)."""
    if not DHIS2.is_dir():
        return []
    out = []
    for path in sorted(DHIS2.rglob("*.json")):
        data = json.loads(path.read_text())
        if isinstance(data, dict) and "dataValues" in data:
            out.append(path)
    return out


def mapping(owner: Any, kind: str, local: str, remote: str, scheme: str = IdScheme.UID) -> None:
    Dhis2Mapping.objects.create(
        owner=owner, kind=kind, local_code=local, remote_id=remote, id_scheme=scheme
    )


def demo_mappings(world: World) -> None:
    """Real DHIS2 demo ids of the sample files, mapped onto the test world."""
    mapping(world.hospital, MappingKind.INDICATOR, "STAFF_TRAINING_HOURS", "f7n9E0hX8qk")
    mapping(world.hospital, MappingKind.UNIT, "HOSP-CARD", "DiszpKrYNg8")


def approved(world: World, period: str, number: float) -> None:
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    value = manual.manual_enter(world.contributor, hours, world.cardiology, period, number)
    value = manual.manual_submit(world.contributor, value)
    manual.manual_approve(world.lead, value)


# --- the real sample files --------------------------------------------------------------


@needs_data
def test_every_real_value_set_file_is_read() -> None:
    files = value_set_files()
    names = {p.name for p in files}
    assert {"dataValues_bulk.json", "dataValues_single_dataset.json"} <= names
    assert "metadata_with_indicators.json" not in names
    for path in files:
        parsed = dhis2.parse_data_value_set(path.read_bytes())
        expected = len(json.loads(path.read_text())["dataValues"])
        assert len(parsed.data_values) == expected, path.name
        assert not parsed.errors, path.name
    bulk = dhis2.parse_data_value_set((DHIS2 / "dataValues_bulk.json").read_bytes())
    assert len(bulk.data_values) == 231


@needs_data
def test_unmapped_real_ids_are_reported(world: World) -> None:
    for path in value_set_files():
        report = dhis2.import_data_value_set(world.contributor, path.read_bytes(), world.hospital)
        assert not report.ok
        data = json.loads(path.read_text())
        first = data["dataValues"][0]
        element = first.get("dataElement", data.get("dataElement"))
        assert any(
            e.index == 0 and e.field == "dataElement" and element in e.message
            for e in report.errors
        ), path.name
    assert not ManualValue.objects.exists()


@needs_data
def test_real_payloads_import_when_mapped_and_reimport_changes_nothing(world: World) -> None:
    demo_mappings(world)
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    folder = DHIS2 / "datavalueset"
    report = dhis2.import_data_value_set(
        world.contributor, (folder / "dataValueSetCreateDate.json").read_bytes(), world.hospital
    )
    assert report.ok, report.errors
    assert (report.created, report.changed) == (1, 0)
    value = ManualValue.objects.get(definition=hours, unit=world.cardiology, period="201201")
    assert value.numerator == 20

    updated = (folder / "dataValueSetCreateDateUpdated.json").read_bytes()
    report = dhis2.import_data_value_set(world.contributor, updated, world.hospital)
    assert (report.created, report.changed, report.unchanged) == (0, 1, 0)
    value.refresh_from_db()
    assert (value.numerator, value.comment) == (22, "new comment")
    entered_at = value.entered_at

    report = dhis2.import_data_value_set(world.contributor, updated, world.hospital)
    assert report.ok and (report.created, report.changed, report.unchanged) == (0, 0, 1)
    value.refresh_from_db()
    assert value.entered_at == entered_at

    report = dhis2.import_data_value_set(
        world.contributor, (folder / "dataValueSetJ.json").read_bytes(), world.hospital
    )
    assert report.ok and report.changed == 1

    # a data value without a value (a DHIS2 delete) is refused, not treated as zero
    report = dhis2.import_data_value_set(
        world.contributor, (folder / "dataValueSetJDeleteNoValue.json").read_bytes(), world.hospital
    )
    assert [(e.index, e.field) for e in report.errors] == [(0, "value")]


@needs_data
def test_disaggregated_real_values_are_refused(world: World) -> None:
    mapping(world.hospital, MappingKind.INDICATOR, "STAFF_TRAINING_HOURS", "BjDrgVrkBI3")
    mapping(world.hospital, MappingKind.UNIT, "HOSP-CARD", "O6uvpzGd5pu")
    report = dhis2.import_data_value_set(
        world.contributor,
        (DHIS2 / "dataValues_single_dataset.json").read_bytes(),
        world.hospital,
    )
    assert {(e.index, e.field) for e in report.errors} >= {
        (0, "categoryOptionCombo"),
        (1, "categoryOptionCombo"),
    }
    assert not ManualValue.objects.exists()


# --- export and round trip --------------------------------------------------------------


def test_export_import_round_trip(world: World) -> None:
    mapping(world.hospital, MappingKind.INDICATOR, "STAFF_TRAINING_HOURS", "f7n9E0hX8qk")
    mapping(world.hospital, MappingKind.UNIT, "HOSP-CARD", "DiszpKrYNg8")
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    edoc = standard_indicator("EDOC_SHARE")
    approved(world, "202601", 12)
    approved(world, "202602", 7.5)
    assert IndicatorValue.objects.filter(definition=hours, unit=world.cardiology).exists()

    result = dhis2.export_data_value_set(
        world.viewer,
        [hours, edoc],
        [world.cardiology, world.surgery],
        dhis2.period_range("202601", "202603"),
        world.hospital,
        data_set="VEM58nY22sO",
    )
    assert result.payload["dataSet"] == "VEM58nY22sO"
    rows = [
        (v["dataElement"], v["period"], v["orgUnit"], v["value"])
        for v in result.payload["dataValues"]
    ]
    assert rows == [
        ("f7n9E0hX8qk", "202601", "DiszpKrYNg8", "12"),
        ("f7n9E0hX8qk", "202602", "DiszpKrYNg8", "7.5"),
    ]
    assert all("lastUpdated" in v for v in result.payload["dataValues"])
    assert any("EDOC_SHARE" in w for w in result.warnings)
    assert any("HOSP-SURG" in w for w in result.warnings)

    # a stranger sees nothing of the hospital
    hidden = dhis2.export_data_value_set(
        world.stranger, [hours], [world.cardiology], ["202601"], world.hospital
    )
    assert hidden.payload["dataValues"] == [] and hidden.warnings

    ManualValue.objects.all().delete()
    report = dhis2.import_data_value_set(
        world.contributor, json.dumps(result.payload), world.hospital, submit=True
    )
    assert report.ok, report.errors
    assert report.created == 2
    stored = {
        v.period: (v.numerator, v.status)
        for v in ManualValue.objects.filter(definition=hours, unit=world.cardiology)
    }
    assert stored == {"202601": (12, "submitted"), "202602": (7.5, "submitted")}


def test_code_and_uid_schemes(world: World) -> None:
    mapping(world.hospital, MappingKind.INDICATOR, "STAFF_TRAINING_HOURS", "STH", IdScheme.CODE)
    mapping(world.hospital, MappingKind.UNIT, "HOSP-CARD", "CARD", IdScheme.CODE)
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    approved(world, "202601", 3)
    uid = dhis2.export_data_value_set(
        world.admin, [hours], [world.cardiology], ["202601"], world.hospital
    )
    assert uid.payload["dataValues"] == [] and len(uid.warnings) == 2
    code = dhis2.export_data_value_set(
        world.admin, [hours], [world.cardiology], ["202601"], world.hospital, id_scheme="CODE"
    )
    assert code.payload["dataElementIdScheme"] == code.payload["orgUnitIdScheme"] == "CODE"
    assert code.payload["dataValues"][0]["dataElement"] == "STH"

    as_uid = {"dataValues": code.payload["dataValues"]}
    report = dhis2.import_data_value_set(world.contributor, as_uid, world.hospital)
    assert {(e.field) for e in report.errors} == {"dataElement", "orgUnit"}
    as_code = {"idScheme": "code", "dataValues": code.payload["dataValues"]}
    report = dhis2.import_data_value_set(world.contributor, as_code, world.hospital)
    assert report.ok and report.unchanged == 1


# --- bad rows ----------------------------------------------------------------------------


def test_every_bad_row_is_reported_and_nothing_is_written(world: World) -> None:
    demo_mappings(world)
    mapping(world.hospital, MappingKind.INDICATOR, "READMISSION_30D", "Readmit0001")
    mapping(world.hospital, MappingKind.UNIT, "HOSP-SURG", "Surgery0001")
    manual.period_lock(world.quality, world.hospital, "2025Q4")

    def row(**extra: Any) -> dict[str, Any]:
        base = {
            "dataElement": "f7n9E0hX8qk",
            "period": "202601",
            "orgUnit": "DiszpKrYNg8",
            "value": "5",
        }
        return {**base, **extra}

    payload = {
        "dataValues": [
            row(),  # good
            row(dataElement="Unknown0001"),
            row(orgUnit="Unknown0002"),
            row(dataElement="Readmit0001"),
            row(period="2026X1"),
            row(value="five", period="202603"),
            row(period="202512"),  # locked
            row(orgUnit="Surgery0001"),  # the contributor has no role there
            row(period="2026Q1"),  # not the indicator's entry period
            row(),  # the same value twice
        ]
    }
    report = dhis2.import_data_value_set(world.contributor, payload, world.hospital)
    found = [(e.index, e.field) for e in report.errors]
    assert found == [
        (1, "dataElement"),
        (2, "orgUnit"),
        (3, "dataElement"),
        (4, "period"),
        (5, "value"),
        (6, "period"),
        (7, "orgUnit"),
        (8, "period"),
        (9, "dataElement"),
    ]
    messages = {e.index: e.message for e in report.errors}
    assert "Unknown0001" in messages[1] and "locked" in messages[6]
    assert "computed" in messages[3]
    assert report.created == 0
    assert not ManualValue.objects.exists()


def test_share_indicators_and_bad_json(world: World) -> None:
    demo_mappings(world)
    mapping(world.hospital, MappingKind.INDICATOR, "EDOC_SHARE", "Edoc0000001")
    payload = {
        "dataValues": [
            {
                "dataElement": "Edoc0000001",
                "period": "202601",
                "orgUnit": "DiszpKrYNg8",
                "value": "50",
            }
        ]
    }
    report = dhis2.import_data_value_set(world.contributor, payload, world.hospital)
    assert [(e.index, e.field) for e in report.errors] == [(0, "dataElement")]
    assert not dhis2.import_data_value_set(world.contributor, b"{not json", world.hospital).ok
    report = dhis2.import_data_value_set(world.contributor, {"values": []}, world.hospital)
    assert [(e.index, e.field) for e in report.errors] == [(-1, "dataValues")]


def test_viewer_cannot_import(world: World, client: Any) -> None:
    demo_mappings(world)
    payload = {
        "dataValues": [
            {
                "dataElement": "f7n9E0hX8qk",
                "period": "202601",
                "orgUnit": "DiszpKrYNg8",
                "value": "5",
            }
        ]
    }
    report = dhis2.import_data_value_set(world.viewer, payload, world.hospital)
    assert [(e.index, e.field) for e in report.errors] == [(0, "orgUnit")]
    assert not ManualValue.objects.exists()
    client.force_login(world.viewer)
    assert client.get(reverse("dhis2-import")).status_code == 403


# --- pages and commands ------------------------------------------------------------------


def test_mapping_page(world: World, client: Any) -> None:
    url = reverse("dhis2-mappings", args=["HOSP"])
    client.force_login(world.stranger)
    assert client.get(url).status_code == 404
    client.force_login(world.viewer)
    assert client.get(url).status_code == 403
    client.force_login(world.admin)
    assert client.get(reverse("dhis2-index")).status_code == 200
    response = client.post(
        url,
        {"kind": "unit", "local_code": "HOSP-CARD", "remote_id": "DiszpKrYNg8", "id_scheme": "UID"},
    )
    assert response.status_code == 302
    response = client.post(
        url, {"kind": "unit", "local_code": "HOSP-SURG", "remote_id": "bad", "id_scheme": "UID"}
    )
    assert response.status_code == 200 and Dhis2Mapping.objects.count() == 1
    mapping_pk = Dhis2Mapping.objects.get().pk
    client.force_login(world.stranger)
    delete = reverse("dhis2-mapping-delete", args=[mapping_pk])
    assert client.post(delete).status_code == 404
    client.force_login(world.admin)
    assert client.post(delete).status_code == 302
    assert not Dhis2Mapping.objects.exists()


def test_export_and_import_pages(world: World, client: Any) -> None:
    demo_mappings(world)
    approved(world, "202601", 4)
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    client.force_login(world.viewer)
    response = client.post(
        reverse("dhis2-export"),
        {
            "owner": world.hospital.pk,
            "indicators": [hours.pk],
            "unit": world.cardiology.pk,
            "period_from": "202601",
            "period_to": "202603",
            "id_scheme": "UID",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    payload = json.loads(response.content)
    assert payload["dataValues"][0]["value"] == "4"

    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.contributor)
    upload = SimpleUploadedFile("set.json", response.content, content_type="application/json")
    page = client.post(reverse("dhis2-import"), {"owner": world.hospital.pk, "file": upload})
    assert page.status_code == 200
    assert b"1 unchanged" in page.content


def test_commands(world: World, tmp_path: Path) -> None:
    demo_mappings(world)
    approved(world, "202601", 9)
    out = tmp_path / "set.json"
    call_command(
        "dhis2_export",
        "--owner", "HOSP", "--indicator", "STAFF_TRAINING_HOURS", "--unit", "HOSP-CARD",
        "--period", "202601", "--output", str(out),
    )  # fmt: skip
    assert json.loads(out.read_text())["dataValues"][0]["value"] == "9"
    ManualValue.objects.all().delete()
    call_command("dhis2_import", str(out), "--owner", "HOSP", "--user", "contributor")
    assert ManualValue.objects.get().numerator == 9
