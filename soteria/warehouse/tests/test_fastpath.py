"""The DuckDB fast path writes exactly what the Python path writes, and steps aside for
any file it cannot take whole."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from soteria.demo.builder import build_demo
from soteria.organisations.models import OrgUnit
from soteria.warehouse import fastpath, store
from soteria.warehouse.ingest import ImportOptions, import_fhir
from soteria.warehouse.services import pseudonymiser
from soteria.warehouse.synthetic import NDJSON_FILES, generate

from .conftest import encounter, org, patient


def _dump(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {}
        for table in store.TABLES:
            columns = [c for c in store.column_names(table) if c != "import_id"]
            tables[table] = sorted(
                con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(),
                key=repr,
            )
        return tables


@pytest.fixture
def export(db, tmp_path) -> tuple[Path, OrgUnit]:
    build_demo(log=lambda _line: None)
    folder = tmp_path / "export"
    generate(folder, encounters=3_000, organisations=["FI-JVL"])
    return folder, OrgUnit.objects.get(code="FI-JVL")


def test_both_paths_write_identical_rows(export, tmp_path):
    folder, unit = export
    paths = [folder / name for name in NDJSON_FILES]
    fast = import_fhir(
        paths,
        ImportOptions(source_system="his", scope=unit),
        pseudonymiser(),
        warehouse=tmp_path / "fast.duckdb",
    )
    slow = import_fhir(
        paths,
        ImportOptions(source_system="his", scope=unit, fast=False),
        pseudonymiser(),
        warehouse=tmp_path / "slow.duckdb",
    )
    assert fast.ok and slow.ok
    assert fast.fast_files == ["Patient.ndjson", "Encounter.ndjson"]
    assert slow.fast_files == []
    assert fast.counts == slow.counts
    a, b = _dump(tmp_path / "fast.duckdb"), _dump(tmp_path / "slow.duckdb")
    for table in store.TABLES:
        assert a[table] == b[table], table
    assert len(a["encounter"]) == 3_000 and a["encounter_location"]


def test_a_file_with_one_bad_line_goes_the_careful_way(export, tmp_path):
    folder, unit = export
    lines = (folder / "Encounter.ndjson").read_text().splitlines()
    broken = json.loads(lines[10])
    broken["period"]["start"] = "2025-02-30T10:00:00Z"
    lines[10] = json.dumps(broken)
    (folder / "Encounter.ndjson").write_text("\n".join(lines) + "\n")
    result = import_fhir(
        [folder / n for n in NDJSON_FILES],
        ImportOptions(source_system="his", scope=unit),
        pseudonymiser(),
        warehouse=tmp_path / "w.duckdb",
    )
    assert not result.ok and not result.written
    assert result.fast_files == ["Patient.ndjson"]
    assert result.errors[0]["line"] == 11 and result.errors[0]["field"] == "period.start"


def test_duplicates_found_after_the_fast_path_are_quarantined_with_their_lines(
    export, tmp_path, settings
):
    folder, unit = export
    lines = (folder / "Encounter.ndjson").read_text().splitlines()
    lines.append(lines[0])
    (folder / "Encounter.ndjson").write_text("\n".join(lines) + "\n")
    result = import_fhir(
        [folder / n for n in NDJSON_FILES],
        ImportOptions(
            source_system="his", scope=unit, allow_partial=True, quarantine_dir=tmp_path / "q"
        ),
        pseudonymiser(),
        warehouse=tmp_path / "w.duckdb",
    )
    assert "Encounter.ndjson" in result.fast_files
    assert result.written and not result.ok
    with open(result.quarantine_file) as handle:
        rejects = [json.loads(line) for line in handle]
    assert [r["line"] for r in rejects] == [1, 3001]
    assert rejects[0]["record"] == lines[0]


def _import(folder, unit, warehouse, fast=True, names=NDJSON_FILES):
    return import_fhir(
        [folder / n for n in names],
        ImportOptions(source_system="his", scope=unit, fast=fast),
        pseudonymiser(),
        warehouse=warehouse,
    )


def test_the_fast_path_works_within_a_small_memory_limit(export, tmp_path, settings):
    """The fast path shares the import's one DuckDB memory budget and streams: it needs no
    room for the file (no wall-clock or memory figure here — see benchmarks/)."""
    folder, unit = export
    settings.WAREHOUSE_MEMORY_LIMIT = "128MB"
    result = _import(folder, unit, tmp_path / "small.duckdb")
    assert result.ok and result.fast_files == ["Patient.ndjson", "Encounter.ndjson"]
    slow = _import(folder, unit, tmp_path / "slow.duckdb", fast=False)
    assert result.counts == slow.counts
    assert _dump(tmp_path / "small.duckdb") == _dump(tmp_path / "slow.duckdb")


def test_a_second_import_with_new_changed_and_unchanged_records_writes_alike(export, tmp_path):
    folder, unit = export
    for name in ("fast", "slow"):
        assert _import(folder, unit, tmp_path / f"{name}.duckdb", fast=name == "fast").ok
    lines = (folder / "Encounter.ndjson").read_text().splitlines()
    changed = []
    for i, line in enumerate(lines[:50]):
        resource = json.loads(line)
        if i % 2:  # a newer version
            resource["meta"]["lastUpdated"] = "2030-01-01T00:00:00Z"
            resource["status"] = "entered-in-error"
        else:  # a new encounter
            resource["id"] += "-new"
        changed.append(json.dumps(resource))
    (folder / "Encounter.ndjson").write_text("\n".join([*changed, *lines[50:]]) + "\n")
    fast = _import(folder, unit, tmp_path / "fast.duckdb")
    slow = _import(folder, unit, tmp_path / "slow.duckdb", fast=False)
    assert "Encounter.ndjson" in fast.fast_files
    assert fast.counts == slow.counts
    assert fast.counts["Encounter"]["inserted"] == 25
    assert fast.counts["Encounter"]["updated"] == 25
    assert fast.counts["Encounter"]["unchanged"] == 3_000 - 50
    assert _dump(tmp_path / "fast.duckdb") == _dump(tmp_path / "slow.duckdb")


def test_many_location_stays_none_of_the_last_ones_mapped_go_the_careful_way(
    hospital, write_ndjson, tmp_path
):
    """The fast path looks at the last TAIL_STAYS stays for an encounter's unit; beyond
    that it steps aside, and the Python path finds the unit of an earlier stay."""
    locations = [
        {
            "resourceType": "Location",
            "id": "ward",
            "managingOrganization": {"reference": "Organization/org-h1-med"},
        },
        {"resourceType": "Location", "id": "corridor"},  # known, but maps to no unit
    ]
    folder = write_ndjson("Location.ndjson", locations).parent
    write_ndjson("Organization.ndjson", [org("H1-MED"), org("H1-SUR")])
    write_ndjson("Patient.ndjson", [patient("p1")])

    def stays(*ids: str) -> list[dict]:
        return [{"location": {"reference": f"Location/{i}"}} for i in ids]

    med = hospital.children.get(code="H1-MED").pk
    names = ["Organization.ndjson", "Location.ndjson", "Patient.ndjson", "Encounter.ndjson"]
    for case, location, taken in (
        ("short", stays("ward", *["corridor"] * (fastpath.TAIL_STAYS - 1)), True),
        ("long", stays("ward", *["corridor"] * fastpath.TAIL_STAYS), False),
    ):
        write_ndjson(
            "Encounter.ndjson",
            [encounter("e1", "p1", unit_org="org-h1-sur", location=location)],
        )
        result = _import(folder, hospital, tmp_path / f"{case}.duckdb", names=names)
        assert result.ok, result.errors
        assert ("Encounter.ndjson" in result.fast_files) is taken, case
        with duckdb.connect(str(tmp_path / f"{case}.duckdb"), read_only=True) as con:
            assert con.execute("SELECT unit_id FROM encounter").fetchall() == [(med,)], case


def test_nothing_is_left_in_the_staging_folder(export, tmp_path):
    folder, unit = export
    lines = (folder / "Encounter.ndjson").read_text().splitlines()
    lines[5] = lines[5].replace('"status":"', '"status":"x')  # the Python path for this one
    (folder / "Encounter.ndjson").write_text("\n".join(lines) + "\n")
    result = _import(folder, unit, tmp_path / "w.duckdb")
    assert not result.ok and result.fast_files == ["Patient.ndjson"]
    staging = tmp_path / "w.staging"
    assert staging.is_dir() and not any(staging.iterdir())
    assert not list(tmp_path.glob("**/*.parquet"))
