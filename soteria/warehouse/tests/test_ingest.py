"""FHIR import: real Synthea bulk data, idempotency, updates, pseudonymisation, atomicity."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from soteria.warehouse import services, store
from soteria.warehouse.ingest import ImportOptions, import_fhir
from soteria.warehouse.models import ImportRecord, MappingKind, UnitMapping

from .conftest import SYNTHEA, encounter, org, patient


def _run(paths, unit, system="his", allow_partial=False, actor=None):
    record = services.import_create(
        actor=actor, unit=unit, source_system=system, files=[], allow_partial=allow_partial
    )
    return services.import_run(record=record, paths=list(paths))


def _rows(sql, *params):
    with store.connect(read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _map_synthea(unit):
    for line in (SYNTHEA / "Organization.000.ndjson").read_text().splitlines():
        resource = json.loads(line)
        for ident in resource["identifier"]:
            UnitMapping.objects.create(
                source_system="synthea",
                kind=MappingKind.ORGANIZATION,
                identifier=f"{ident['system']}|{ident['value']}",
                unit=unit,
            )


def test_synthea_bulk_export_imports_and_reimporting_changes_nothing(hospital):
    _map_synthea(hospital)
    record = _run([SYNTHEA], hospital, system="synthea")
    assert record.status == "succeeded", record.errors[:5]
    assert record.counts["Encounter"]["inserted"] == 1215
    assert record.counts["Patient"]["inserted"] == 13
    assert record.counts["Organization"]["inserted"] == 43
    skipped = {f["name"] for f in record.files if f.get("skipped")}
    assert {"Condition.000.ndjson", "Practitioner.000.ndjson", "log.ndjson"} <= skipped
    classes = dict(_rows("SELECT class_code, count(*) FROM encounter GROUP BY 1"))
    assert classes == {"AMB": 1133, "IMP": 49, "EMER": 23, "HH": 9, "VR": 1}
    assert not _rows("SELECT 1 FROM encounter WHERE discharge_disposition LIKE '0%'")

    again = _run([SYNTHEA], hospital, system="synthea")
    assert again.status == "succeeded"
    assert again.counts["Encounter"] == {
        "read": 1215,
        "inserted": 0,
        "updated": 0,
        "unchanged": 1215,
        "rejected": 0,
    }
    assert _rows("SELECT count(*) FROM encounter")[0][0] == 1215
    assert _rows("SELECT count(*) FROM patient")[0][0] == 13


def test_no_direct_identifier_survives_in_the_warehouse(hospital):
    _map_synthea(hospital)
    _run([SYNTHEA], hospital, system="synthea")
    secrets: set[str] = set()
    birth_dates: set[str] = set()
    for line in (SYNTHEA / "Patient.000.ndjson").read_text().splitlines():
        resource = json.loads(line)
        secrets.add(resource["id"])
        birth_dates.add(resource["birthDate"])
        secrets.update(i["value"] for i in resource.get("identifier", []))
        for name in resource.get("name", []):
            secrets.add(name["family"])
            secrets.update(name.get("given", []))
        secrets.update(t["value"] for t in resource.get("telecom", []))
        for address in resource.get("address", []):
            secrets.update(address.get("line", []))
            secrets.add(address.get("postalCode", ""))
    for line in (SYNTHEA / "Encounter.000.ndjson").read_text().splitlines():
        secrets.add(json.loads(line)["id"])
    secrets.discard("")
    with duckdb.connect(str(store.warehouse_path()), read_only=True) as con:
        for table in store.TABLES:
            for row in con.execute(f"SELECT * FROM {table}").fetchall():
                values = " ".join(str(v) for v in row if v is not None)
                tokens = set(values.replace("[", " ").replace("]", " ").replace("'", " ").split())
                leaked = [
                    s for s in secrets if len(s) > 3 and (s in values if " " in s else s in tokens)
                ]
                assert not leaked, (table, leaked[:3])
                # (an encounter may start on a birthday; a patient row never holds the date)
                if table == "patient":
                    assert not [d for d in birth_dates if d in values]
    key_path = Path(services.pseudonymiser.__globals__["settings"].PSEUDONYM_KEY_PATH)
    assert oct(key_path.stat().st_mode & 0o777) == "0o600"
    raw_key = key_path.read_bytes()
    with duckdb.connect(str(store.warehouse_path()), read_only=True) as con:
        dump = str(con.execute("SELECT * FROM patient").fetchall())
    assert raw_key.hex() not in dump


def test_patient_fields_are_coarsened(hospital, write_ndjson):
    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1", deceasedDateTime="2026-02-03T04:05:06Z")])
    write_ndjson("Encounter.ndjson", [encounter("e1", "p1")])
    assert _run([folder], hospital).status == "succeeded"
    assert _rows("SELECT birth_year, gender, area_code, deceased, deceased_month FROM patient") == [
        (1948, "female", "PL-64", True, "2026-02")
    ]
    (unit_id,) = _rows("SELECT unit_id FROM encounter")[0]
    assert unit_id == hospital.children.get(code="H1-MED").pk


def test_a_newer_version_replaces_the_older_and_an_older_one_does_not(hospital, write_ndjson):
    folder = write_ndjson("Organization.ndjson", [org("H1-MED"), org("H1-SUR")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson(
        "Encounter.ndjson", [encounter("e1", "p1", meta={"lastUpdated": "2026-01-15T00:00:00Z"})]
    )
    _run([folder], hospital)
    write_ndjson(
        "Encounter.ndjson",
        [
            encounter(
                "e1", "p1", unit_org="org-h1-sur", meta={"lastUpdated": "2026-01-20T00:00:00Z"}
            )
        ],
    )
    newer = _run([folder / "Encounter.ndjson"], hospital)
    assert newer.counts["Encounter"]["updated"] == 1
    write_ndjson(
        "Encounter.ndjson",
        [
            encounter(
                "e1", "p1", unit_org="org-h1-med", meta={"lastUpdated": "2026-01-16T00:00:00Z"}
            )
        ],
    )
    older = _run([folder / "Encounter.ndjson"], hospital)
    assert older.counts["Encounter"]["unchanged"] == 1
    (unit_id,) = _rows("SELECT unit_id FROM encounter")[0]
    assert unit_id == hospital.children.get(code="H1-SUR").pk
    assert _rows("SELECT count(*) FROM encounter")[0][0] == 1


def test_a_correction_records_where_the_record_counted_before(hospital, write_ndjson):
    """A stay corrected into another department and year leaves values there to recompute."""
    from soteria.indicators.services import import_scope

    folder = write_ndjson("Organization.ndjson", [org("H1-MED"), org("H1-SUR")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson(
        "Encounter.ndjson",
        [
            encounter(
                "e1",
                "p1",
                start="2025-12-30T08:00:00+01:00",
                end="2025-12-31T10:00:00+01:00",
                meta={"lastUpdated": "2026-01-01T00:00:00Z"},
            )
        ],
    )
    first = _run([folder], hospital)
    assert first.replaced_periods == []
    write_ndjson(
        "Encounter.ndjson",
        [
            encounter(
                "e1",
                "p1",
                unit_org="org-h1-sur",
                start="2026-01-02T08:00:00+01:00",
                end="2026-01-03T10:00:00+01:00",
                meta={"lastUpdated": "2026-01-05T00:00:00Z"},
            )
        ],
    )
    corrected = _run([folder / "Encounter.ndjson"], hospital)
    assert corrected.counts["Encounter"]["updated"] == 1
    medicine = hospital.children.get(code="H1-MED").pk
    assert corrected.replaced_periods == [[medicine, 2025]]
    assert import_scope(corrected) == {"roots": [hospital.root_id], "years": [2025, 2026]}


def test_location_stays_and_beds_resolve_to_units(hospital, write_ndjson):
    ward = {
        "resourceType": "Location",
        "id": "ward-med",
        "identifier": [{"system": "urn:soteria:org-unit", "value": "H1-MED"}],
        "physicalType": {"coding": [{"code": "wa"}]},
    }
    beds = [
        {
            "resourceType": "Location",
            "id": f"bed-{i}",
            "physicalType": {"coding": [{"code": "bd"}]},
            "partOf": {"reference": "Location/ward-med"},
            "status": "active",
        }
        for i in range(3)
    ]
    folder = write_ndjson("Location.ndjson", [*beds, ward]).parent
    write_ndjson("Organization.ndjson", [org("H1")])
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson(
        "Encounter.ndjson",
        [
            encounter(
                "e1",
                "p1",
                unit_org="org-h1",
                location=[
                    {
                        "location": {"reference": "Location/ward-med"},
                        "period": {
                            "start": "2026-01-10T08:00:00+01:00",
                            "end": "2026-01-14T10:00:00+01:00",
                        },
                    }
                ],
            )
        ],
    )
    record = _run([folder], hospital)
    assert record.status == "succeeded", record.errors
    med = hospital.children.get(code="H1-MED").pk
    assert (
        _rows("SELECT count(*) FROM location WHERE physical_type = 'bd' AND unit_id = ?", med)[0][0]
        == 3
    )
    assert _rows("SELECT unit_id FROM encounter")[0][0] == med
    assert _rows("SELECT unit_id, location_id FROM encounter_location") == [(med, "ward-med")]


def test_bundles_import_with_bundle_internal_references(hospital, tmp_path):
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": "urn:uuid:p-77",
                "resource": patient("p-77"),
                "request": {"method": "POST"},
            },
            {
                "fullUrl": "urn:uuid:e-77",
                "resource": encounter(
                    "e-77",
                    "p-77",
                    subject={"reference": "urn:uuid:p-77"},
                    serviceProvider={
                        "reference": "Organization?identifier=urn:soteria:org-unit|H1-SUR"
                    },
                ),
            },
            {"fullUrl": "urn:uuid:o-1", "resource": org("H1-SUR", "o-1")},
        ],
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    record = _run([path], hospital)
    assert record.status == "succeeded", record.errors
    assert record.counts["Encounter"]["inserted"] == 1
    assert record.counts["Organization"]["inserted"] == 1


def test_records_outside_the_import_unit_are_rejected(hospital, write_ndjson):
    folder = write_ndjson("Organization.ndjson", [org("H2")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson("Encounter.ndjson", [encounter("e1", "p1", unit_org="org-h2")])
    record = _run([folder], hospital)
    assert record.status == "failed"
    assert any("outside H1" in e["reason"] for e in record.errors)
    assert _rows("SELECT count(*) FROM encounter")[0][0] == 0


def test_import_record_keeps_who_when_what(hospital, write_ndjson, world):
    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson("Encounter.ndjson", [encounter("e1", "p1")])
    from soteria.organisations.models import Role
    from soteria.testing.factories import role_give

    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    record = _run([folder], hospital, actor=world.contributor)
    record = ImportRecord.objects.get(pk=record.pk)
    assert record.actor == world.contributor
    assert record.started_at and record.finished_at and record.duration_seconds is not None
    assert {f["name"] for f in record.files} == {
        "Organization.ndjson",
        "Patient.ndjson",
        "Encounter.ndjson",
    }
    assert all(len(f["sha256"]) == 64 for f in record.files)
    with pytest.raises(Exception):  # viewers may not import
        services.import_create(actor=world.viewer, unit=hospital, source_system="x", files=[])


def test_parquet_export_and_import_round_trip(hospital, write_ndjson, tmp_path, settings):
    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1"), patient("p2")])
    write_ndjson("Encounter.ndjson", [encounter("e1", "p1"), encounter("e2", "p2", cls="AMB")])
    _run([folder], hospital)
    counts = store.export_parquet(tmp_path / "parquet")
    assert counts["encounter"] == 2 and (tmp_path / "parquet" / "encounter.parquet").exists()
    settings.WAREHOUSE_PATH = tmp_path / "copy.duckdb"
    loaded = store.import_parquet(tmp_path / "parquet")
    assert loaded["patient"] == 2
    assert _rows("SELECT count(*) FROM encounter")[0][0] == 2


def test_the_key_file_is_created_private_and_reused(tmp_path):
    from soteria.warehouse.pseudonymise import KeyError_, Pseudonymiser, load_or_create_key

    path = tmp_path / "k" / "key"
    key = load_or_create_key(path)
    assert load_or_create_key(path) == key
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    a = Pseudonymiser(key).pseudonym("Patient", "123")
    assert a == Pseudonymiser(key).pseudonym("Patient", "123")
    assert a != Pseudonymiser(os.urandom(32)).pseudonym("Patient", "123")
    assert "key" not in repr(Pseudonymiser(key)).replace("<key hidden>", "")
    os.chmod(path, 0o644)
    with pytest.raises(KeyError_):
        load_or_create_key(path)


def test_direct_api_of_the_importer_reports_counts(hospital, write_ndjson):
    from soteria.warehouse.services import pseudonymiser

    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson("Encounter.ndjson", [encounter("e1", "p1")])
    result = import_fhir(
        [folder], ImportOptions(source_system="his", scope=hospital), pseudonymiser()
    )
    assert result.ok and result.written and result.records_read == 3


def test_a_mapping_made_after_the_organisation_was_stored_is_used(hospital, write_ndjson):
    """An Organization stored without a unit (no mapping yet, partial import) must not hide
    a mapping made later: encounters referring to it resolve through today's mappings."""
    his_org = {
        "resourceType": "Organization",
        "id": "org-his-7",
        "identifier": [{"system": "urn:his:org", "value": "W7"}],
        "name": "Ward 7",
    }
    first = _run([write_ndjson("Organization.ndjson", [his_org])], hospital, allow_partial=True)
    assert first.status != "failed"
    assert _rows("SELECT unit_id FROM organization WHERE organization_id = 'org-his-7'") == [
        (None,)
    ]
    surgery = hospital.subtree().get(code="H1-SUR")
    UnitMapping.objects.create(
        source_system="his",
        kind=MappingKind.ORGANIZATION,
        identifier="urn:his:org|W7",
        unit=surgery,
    )
    files = [
        write_ndjson("Patient.ndjson", [patient("p1")], folder="second"),
        write_ndjson(
            "Encounter.ndjson", [encounter("e1", "p1", unit_org="org-his-7")], folder="second"
        ),
    ]
    second = _run(files, hospital)
    assert second.status == "succeeded", second.errors
    assert _rows("SELECT unit_id FROM encounter") == [(surgery.pk,)]


def test_an_encounter_at_unmapped_locations_names_what_to_map(hospital, write_ndjson):
    ward = {
        "resourceType": "Location",
        "id": "loc-w9",
        "identifier": [{"system": "urn:his:ward", "value": "W9"}],
        "name": "Ward 9",
    }
    stay = encounter("e1", "p1")
    del stay["serviceProvider"]
    stay["location"] = [{"location": {"reference": "Location/loc-w9"}, "status": "completed"}]
    files = [
        write_ndjson("Location.ndjson", [ward]),
        write_ndjson("Patient.ndjson", [patient("p1")]),
        write_ndjson("Encounter.ndjson", [stay]),
    ]
    record = _run(files, hospital)
    assert record.status == "failed"
    problem = next(p for p in record.errors if p["file"] == "Encounter.ndjson")
    assert problem["field"] == "location"
    assert "urn:his:ward|W9" in problem["reason"]
