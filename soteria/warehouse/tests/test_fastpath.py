"""The DuckDB fast path writes exactly what the Python path writes, and steps aside for
any file it cannot take whole."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from soteria.demo.builder import build_demo
from soteria.organisations.models import OrgUnit
from soteria.warehouse import store
from soteria.warehouse.ingest import ImportOptions, import_fhir
from soteria.warehouse.services import pseudonymiser
from soteria.warehouse.synthetic import NDJSON_FILES, generate


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
