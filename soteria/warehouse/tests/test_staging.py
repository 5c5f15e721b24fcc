"""Staging keeps an import's rows on disk, not in memory; fingerprints run alongside."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from soteria.warehouse import readers, store
from soteria.warehouse.csv_import import import_csv
from soteria.warehouse.ingest import ImportOptions, Staging, import_fhir
from soteria.warehouse.services import pseudonymiser

from .conftest import encounter, org, patient


def test_staged_rows_go_to_parquet_files_and_read_back_alike(tmp_path):
    with store.connect(tmp_path / "w.duckdb") as con:
        con.begin()
        staging = Staging(con, ("organization", "patient"))
        assert staging.folder.parent == tmp_path / "w.staging"
        rows = [
            {
                "source_system": "his",
                "patient_key": f"k{i}",
                "birth_year": 1948 + i,
                "gender": None if i else "female",
                "deceased": bool(i % 2),
                "last_updated": dt.datetime(2026, 1, 2, 3, 4, 5, 678_901),
                "_file": 0,
                "_line": i + 1,
                "_offset": 100 * i,
                "_length": 99,
            }
            for i in range(5)
        ]
        for row in rows:
            staging.add("patient", row)
        staging.add(
            "organization",
            {"organization_id": "o1", "identifiers": ["urn:x|1", "urn:y|2"], "_line": 1},
        )
        assert staging.rows == {"organization": 1, "patient": 5}  # counted, not kept
        staging.flush()
        assert staging.rows == {"organization": 0, "patient": 0}
        assert [p.suffix for p in staging.parts["patient"]] == [".parquet"]
        read = con.execute(
            "SELECT patient_key, birth_year, gender, deceased, last_updated, _line, _offset "
            "FROM stg_patient ORDER BY _line"
        ).fetchall()
        assert read == [
            (
                r["patient_key"],
                r["birth_year"],
                r["gender"],
                r["deceased"],
                r["last_updated"],
                r["_line"],
                r["_offset"],
            )
            for r in rows
        ]
        assert con.execute("SELECT identifiers FROM stg_organization").fetchall() == [
            (["urn:x|1", "urn:y|2"],)
        ]
        staging.add("patient", {**rows[0], "patient_key": "k9", "_line": 9})
        staging.flush()
        assert con.execute("SELECT count(*) FROM stg_patient").fetchall() == [(6,)]
        folder = staging.folder
        staging.close()
        assert not folder.exists()
        con.rollback()


def test_the_staging_folder_goes_when_an_import_fails(hospital, write_ndjson, monkeypatch):
    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    write_ndjson("Encounter.ndjson", [encounter("e1", "p1")])

    def boom(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("soteria.warehouse.ingest.Importer.check_duplicates", boom)
    warehouse = folder.parent / "w.duckdb"
    with pytest.raises(RuntimeError):
        import_fhir(
            [folder],
            ImportOptions(source_system="his", scope=hospital),
            pseudonymiser(),
            warehouse=warehouse,
        )
    assert not any((folder.parent / "w.staging").iterdir())


def test_fingerprints_are_computed_alongside_and_report_failures(tmp_path):
    paths = []
    for i, text in enumerate([b"a\nb\n", b"no newline at the end", b""]):
        path = tmp_path / f"f{i}.ndjson"
        path.write_bytes(text)
        paths.append(path)
    sources = [readers.Source(p, p.name, "ndjson", None) for p in paths]
    with readers.Fingerprints(sources) as fingerprints:
        fingerprints.wait_all()
    assert [(s.size, s.lines) for s in sources] == [(4, 2), (21, 1), (0, 0)]
    assert sources[0].sha256 == hashlib.sha256(b"a\nb\n").hexdigest()
    missing = [readers.Source(tmp_path / "gone.ndjson", "gone.ndjson", "ndjson", None)]
    with readers.Fingerprints(missing) as fingerprints, pytest.raises(FileNotFoundError):
        fingerprints.wait(0)


def test_many_rejects_found_by_a_query_are_noted_page_by_page(
    hospital, write_ndjson, monkeypatch, tmp_path
):
    monkeypatch.setattr("soteria.warehouse.ingest.REJECT_PAGE", 3)
    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1")])
    good = [encounter(f"e{i}", "p1") for i in range(4)]
    write_ndjson("Encounter.ndjson", [*good, *good[:3], encounter("e9", "p1")])
    result = import_fhir(
        [folder],
        ImportOptions(
            source_system="his",
            scope=hospital,
            allow_partial=True,
            quarantine_dir=tmp_path / "q",
        ),
        pseudonymiser(),
        warehouse=tmp_path / "w.duckdb",
    )
    assert result.written and result.error_count == 6
    assert sorted(e["line"] for e in result.errors) == [1, 2, 3, 5, 6, 7]
    assert result.counts["Encounter"]["inserted"] == 2  # e3 and e9
    assert result.fast_files == ["Patient.ndjson", "Encounter.ndjson"]
    source = (folder / "Encounter.ndjson").read_text().splitlines()
    with open(result.quarantine_file) as handle:
        rejects = [json.loads(line) for line in handle]
    assert [(r["line"], r["record"]) for r in rejects] == [
        (n, source[n - 1]) for n in (1, 2, 3, 5, 6, 7)
    ]


def test_a_csv_import_leaves_no_staged_files_either(hospital, tmp_path, settings):
    folder = tmp_path / "his"
    folder.mkdir()
    (folder / "bed_capacity.csv").write_text("unit_code,date,beds\nH1-MED,2026-01-01,40\n")
    result = import_csv(
        [folder], ImportOptions(source_system="his", scope=hospital), pseudonymiser()
    )
    assert result.ok and result.counts["BedCapacity"]["inserted"] == 1
    staging = settings.WAREHOUSE_PATH.parent / "warehouse.staging"
    assert staging.is_dir() and not any(staging.iterdir())


def test_has_schema_tells_a_complete_warehouse_without_writing(tmp_path):
    import duckdb

    from soteria.warehouse import store

    path = tmp_path / "w.duckdb"
    assert not store.has_schema(path)
    with store.connect(path):
        pass
    assert store.has_schema(path)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE experience_answer")  # as a warehouse of an older release
    con.close()
    assert not store.has_schema(path)
