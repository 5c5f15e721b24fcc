"""Bad input gets a report naming file, line, field and reason — and nothing is written.

With ``allow_partial`` the valid records land and the rejects go to a private quarantine
file with their reasons.
"""

from __future__ import annotations

import json
import os

import pytest

from soteria.warehouse import services, store

from .conftest import encounter, org, patient


def _run(paths, unit, allow_partial=False):
    record = services.import_create(
        actor=None, unit=unit, source_system="his", files=[], allow_partial=allow_partial
    )
    return services.import_run(record=record, paths=list(paths))


def _count(table):
    with store.connect(read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def folder(write_ndjson):
    folder = write_ndjson("Organization.ndjson", [org("H1-MED")]).parent
    write_ndjson("Patient.ndjson", [patient("p1"), patient("p2")])
    return folder


GOOD = [encounter("e1", "p1"), encounter("e2", "p2", cls="AMB")]

CASES = {
    "truncated line": (
        b'{"resourceType":"Encounter","id":"e9","status":"fini',
        "",
        "not valid JSON",
    ),
    "not JSON at all": (b"this is not json", "", "not valid JSON"),
    "non-UTF-8 bytes": (b'{"resourceType":"Encounter","id":"\xff\xfe"}', "", "not valid UTF-8"),
    "wrong resourceType": (
        json.dumps(patient("p9")).encode(),
        "resourceType",
        "a Patient in a file of Encounter resources",
    ),
    "unknown resourceType": (
        b'{"resourceType":"Condition","id":"c1"}',
        "resourceType",
        "Invalid value 'Condition'",
    ),
    "missing required field": (
        json.dumps({k: v for k, v in encounter("e9", "p1").items() if k != "status"}).encode(),
        "status",
        "required field missing",
    ),
    "missing id": (
        json.dumps({k: v for k, v in encounter("e9", "p1").items() if k != "id"}).encode(),
        "id",
        "required field missing",
    ),
    "malformed date": (
        json.dumps(encounter("e9", "p1", start="2025-13-45")).encode(),
        "period.start",
        "malformed date/time",
    ),
    "time without zone": (
        json.dumps(encounter("e9", "p1", start="2025-01-01T10:00:00")).encode(),
        "period.start",
        "malformed date/time",
    ),
    "end before start": (
        json.dumps(
            encounter("e9", "p1", start="2026-02-01T10:00:00Z", end="2026-01-01T10:00:00Z")
        ).encode(),
        "period.end",
        "before period.start",
    ),
    "unknown status code": (
        json.dumps(encounter("e9", "p1", status="done")).encode(),
        "status",
        "is not an encounter status",
    ),
    "unknown class": (
        json.dumps(encounter("e9", "p1", cls="XYZ")).encode(),
        "class",
        "not an encounter class",
    ),
    "unresolvable patient": (
        json.dumps(encounter("e9", "nobody")).encode(),
        "subject",
        "neither in this import nor already in the warehouse",
    ),
    "reference of the wrong type": (
        json.dumps(encounter("e9", "p1", subject={"reference": "Group/1"})).encode(),
        "subject",
        "expected a reference to Patient",
    ),
    "unknown org unit": (
        json.dumps(
            encounter(
                "e9",
                "p1",
                serviceProvider={"reference": "Organization?identifier=urn:his:org|X9"},
            )
        ).encode(),
        "serviceProvider",
        "unknown org unit",
    ),
    "dangling organization reference": (
        json.dumps(encounter("e9", "p1", unit_org="does-not-exist")).encode(),
        "serviceProvider",
        "refers to an Organization that is neither in this import nor in the warehouse",
    ),
    "dangling location reference": (
        json.dumps(
            encounter("e9", "p1", location=[{"location": {"reference": "Location/nowhere"}}])
        ).encode(),
        "location[0].location",
        "refers to a Location that is neither in this import nor in the warehouse",
    ),
    "duplicate id in the file": (
        json.dumps(encounter("e1", "p2")).encode(),
        "id",
        "appears more than once",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_bad_record_is_reported_and_nothing_is_written(case, hospital, folder, write_ndjson):
    bad, field, reason = CASES[case]
    write_ndjson("Encounter.ndjson", [*GOOD, bad])
    record = _run([folder], hospital)
    assert record.status == "failed"
    assert record.error_count >= 1
    matching = [e for e in record.errors if reason in e["reason"]]
    assert matching, record.errors
    error = matching[0]
    assert error["file"] == "Encounter.ndjson"
    assert error["field"] == field
    assert error["line"] in (1, 3)  # the duplicate's first occurrence is line 1
    for table in ("organization", "patient", "encounter"):
        assert _count(table) == 0


def test_an_empty_file_is_reported(hospital, folder, write_ndjson):
    write_ndjson("Encounter.ndjson", [])
    record = _run([folder], hospital)
    assert record.status == "failed"
    assert record.errors[0]["reason"] == "the file is empty"
    assert _count("patient") == 0


def test_a_100_mb_single_line_is_refused_without_reading_it_into_memory(hospital, folder, tmp_path):
    path = folder / "Encounter.ndjson"
    with open(path, "wb") as handle:
        handle.write(json.dumps(GOOD[0]).encode() + b"\n")
        handle.write(b'{"resourceType":"Encounter","id":"big","note":"')
        block = b"x" * (1024 * 1024)
        for _ in range(100):
            handle.write(block)
        handle.write(b'"}\n')
        handle.write(json.dumps(GOOD[1]).encode() + b"\n")
    import tracemalloc

    tracemalloc.start()
    record = _run([folder], hospital)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert record.status == "failed"
    assert record.errors[0]["line"] == 2 and "longer than" in record.errors[0]["reason"]
    assert peak < 40 * 1024 * 1024  # far below the 100 MB line (allocation count, not time)


def test_a_csv_file_or_other_file_is_skipped_and_an_empty_selection_fails(hospital, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    record = _run([other], hospital)
    assert record.status == "failed"
    assert "no FHIR NDJSON or Bundle" in record.errors[0]["reason"]


def test_a_json_file_that_is_not_a_bundle_is_reported(hospital, tmp_path):
    path = tmp_path / "patient.json"
    path.write_text(json.dumps(patient("p1")))
    record = _run([path], hospital)
    assert record.status == "failed"
    assert "expected a Bundle" in record.errors[0]["reason"]


def test_partial_import_lands_valid_records_and_quarantines_the_rest(
    hospital, folder, write_ndjson
):
    bad_date = json.dumps(encounter("e8", "p1", start="2025-13-45")).encode()
    orphan = json.dumps(encounter("e9", "ghost")).encode()
    write_ndjson("Encounter.ndjson", [GOOD[0], bad_date, GOOD[1], orphan, b"{oops"])
    record = _run([folder], hospital, allow_partial=True)
    assert record.status == "partial"
    assert record.counts["Encounter"]["inserted"] == 2
    assert record.counts["Encounter"]["rejected"] >= 2
    assert _count("encounter") == 2
    path = record.quarantine_file
    assert path and oct(os.stat(path).st_mode & 0o777) == "0o600"
    with open(path) as handle:
        rejects = [json.loads(line) for line in handle]
    assert [r["line"] for r in rejects] == [2, 4, 5]
    assert "malformed date" in rejects[0]["errors"][0]["reason"]
    assert json.loads(rejects[0]["record"])["id"] == "e8"
    assert rejects[2]["record"] == "{oops"


def test_the_report_is_capped_but_the_count_is_complete(hospital, folder, write_ndjson):
    write_ndjson("Encounter.ndjson", [b"garbage"] * 1_500)
    record = _run([folder], hospital)
    assert record.error_count == 1_500
    assert len(record.errors) == 1_000
