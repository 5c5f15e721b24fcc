"""CSV exports through the versioned column mapping."""

from __future__ import annotations

import json

import pytest

from soteria.warehouse import services, store
from soteria.warehouse.csv_import import MappingError, load_mapping

ED_HEADER = (
    "arrival_id,encounter_id,patient_id,unit_code,arrival_time,triage_time,"
    "first_seen_time,departure_time,triage_category,disposition"
)


def _csv(folder, name, header, rows):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _run(paths, unit, allow_partial=False):
    record = services.import_create(
        actor=None, unit=unit, source_system="his", files=[], allow_partial=allow_partial
    )
    return services.import_run(record=record, paths=list(paths))


def _rows(sql):
    with store.connect(read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def exports(tmp_path):
    folder = tmp_path / "his"
    _csv(
        folder,
        "ed_arrivals.csv",
        ED_HEADER,
        [
            "a1,e1,p1,H1-MED,2026-01-05T10:00:00+01:00,2026-01-05T10:05:00+01:00,"
            "2026-01-05T10:40:00+01:00,2026-01-05T14:00:00+01:00,3,admitted",
            "a2,,p2,H1-MED,2026-01-05T11:00:00+01:00,,,2026-01-05T12:00:00+01:00,5,"
            "left_without_being_seen",
        ],
    )
    _csv(
        folder,
        "bed_capacity.csv",
        "unit_code,date,beds",
        ["H1-MED,2026-01-01,40", "H1-SUR,2026-01-01,32"],
    )
    _csv(
        folder,
        "waiting_list.csv",
        "entry_id,patient_id,unit_code,specialty,listed_on,removed_on,removal_reason",
        ["w1,p1,H1-SUR,ortho,2025-11-02,2026-01-10,admitted", "w2,p3,H1-SUR,ortho,2025-12-01,,"],
    )
    _csv(
        folder,
        "encounters.csv",
        "encounter_id,patient_id,unit_code,class,status,start,end,admit_source,"
        "discharge_disposition,specialty",
        [
            "e1,p1,H1-MED,IMP,finished,2026-01-05T14:00:00+01:00,2026-01-09T10:00:00+01:00,"
            "emd,home,internal"
        ],
    )
    return folder


def test_default_layout_imports_every_kind_of_file_and_is_idempotent(hospital, exports):
    record = _run([exports], hospital)
    assert record.status == "succeeded", record.errors
    assert record.counts["EDArrival"]["inserted"] == 2
    assert record.counts["BedCapacity"]["inserted"] == 2
    assert record.counts["WaitingListEntry"]["inserted"] == 2
    assert record.counts["Encounter"]["inserted"] == 1
    # first-seen 40 min after arrival, stored in UTC
    assert (
        _rows("SELECT arrival_ts, first_seen_ts FROM ed_arrival WHERE triage_category = 3")[0][
            0
        ].hour
        == 9
    )
    # the ED arrival and the stay link to the same pseudonymised patient and encounter
    assert (
        _rows(
            "SELECT count(*) FROM ed_arrival a JOIN encounter e USING (encounter_key, patient_key)"
        )[0][0]
        == 1
    )
    again = _run([exports], hospital)
    assert again.counts["EDArrival"] == {
        "read": 2,
        "inserted": 0,
        "updated": 0,
        "unchanged": 2,
        "rejected": 0,
    }
    assert _rows("SELECT count(*) FROM bed_capacity")[0][0] == 2


def test_identifiers_are_pseudonymised(hospital, exports):
    _run([exports], hospital)
    cells = {
        str(value)
        for t in ("ed_arrival", "waiting_list", "encounter")
        for row in _rows(f"SELECT * FROM {t}")
        for value in row
    }
    for raw in ("a1", "a2", "p1", "p2", "p3", "w1", "w2", "e1"):
        assert raw not in cells, raw
    assert all(len(v) == 32 for v in _rows("SELECT patient_key FROM ed_arrival")[0])


def test_a_missing_or_renamed_column_is_named_and_nothing_is_written(hospital, exports):
    _csv(
        exports,
        "ed_arrivals.csv",
        ED_HEADER.replace("arrival_time", "arrived"),
        ["a1,e1,p1,H1-MED,2026-01-05T10:00:00+01:00,,,,3,admitted"],
    )
    record = _run([exports], hospital)
    assert record.status == "failed"
    error = record.errors[0]
    assert error["file"] == "ed_arrivals.csv" and error["line"] == 1
    assert "missing column(s) 'arrival_time' (for arrival_time)" in error["reason"]
    assert "arrived" in error["reason"]
    assert _rows("SELECT count(*) FROM bed_capacity")[0][0] == 0


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        ("a9,,p1,H1-MED,yesterday,,,,3,x", "arrival_time", "malformed date/time"),
        ("a9,,p1,H1-MED,2026-01-05T10:00:00,,,,3,x", "arrival_time", "no UTC offset"),
        (
            "a9,,p1,H1-MED,2026-01-05T10:00:00Z,2026-01-05T09:00:00Z,,,3,x",
            "triage_time",
            "before arrival_ts",
        ),
        ("a9,,p1,NOPE,2026-01-05T10:00:00Z,,,,3,x", "unit_code", "unknown org unit code"),
        ("a9,,p1,H2,2026-01-05T10:00:00Z,,,,3,x", "unit_code", "outside H1"),
        ("a9,,p1,H1-MED,2026-01-05T10:00:00Z,,,,three,x", "triage_category", "not a whole number"),
        (",,p1,H1-MED,2026-01-05T10:00:00Z,,,,3,x", "arrival_id", "required value missing"),
        ("a9,,p1,H1-MED", "", "4 cells where the header has 10"),
        ("a1,,p1,H1-MED,2026-01-05T10:00:00Z,,,,3,x", "", "appears more than once"),
    ],
)
def test_bad_rows_are_reported_by_line_and_column(hospital, tmp_path, row, field, reason):
    folder = tmp_path / "bad"
    _csv(folder, "ed_arrivals.csv", ED_HEADER, ["a1,,p1,H1-MED,2026-01-05T10:00:00Z,,,,3,x", row])
    record = _run([folder], hospital)
    assert record.status == "failed"
    matching = [e for e in record.errors if reason in e["reason"]]
    assert matching, record.errors
    assert matching[-1]["field"] == field
    assert matching[-1]["line"] in (2, 3)
    assert _rows("SELECT count(*) FROM ed_arrival")[0][0] == 0


def test_a_hospital_maps_its_own_export_without_code(hospital, tmp_path):
    mapping = tmp_path / "our-his.toml"
    mapping.write_text(
        'format = "soteria-csv-mapping"\nversion = 1\nname = "Our HIS"\ndelimiter = ";"\n'
        'datetime_format = "%d.%m.%Y %H:%M"\ntimezone = "+01:00"\n'
        '[files.sor]\nmatch = "sor_*.csv"\ntable = "ed_arrival"\n'
        '[files.sor.columns]\narrival_id = "ID"\nunit_code = "ODDZIAL"\n'
        'arrival_time = "PRZYJECIE"\nfirst_seen_time = "PIERWSZY_KONTAKT"\n'
        'triage_category = "KATEGORIA"\n',
        encoding="utf-8",
    )
    folder = tmp_path / "his"
    _csv(
        folder,
        "sor_2026.csv",
        "ID;ODDZIAL;PRZYJECIE;PIERWSZY_KONTAKT;KATEGORIA;UWAGI",
        ["1;H1-MED;05.01.2026 10:00;05.01.2026 10:30;2;", "2;H1-MED;05.01.2026 11:00;;4;x"],
    )
    record = _run([folder / "sor_2026.csv", mapping], hospital)
    assert record.status == "succeeded", record.errors
    assert _rows("SELECT min(arrival_ts) FROM ed_arrival")[0][0].hour == 9  # 10:00+01:00


def test_broken_mapping_files_are_explained(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('format = "soteria-csv-mapping"\nversion = 7\n')
    with pytest.raises(MappingError, match="version 7 is not supported"):
        load_mapping(path)
    path.write_text(
        'format = "soteria-csv-mapping"\nversion = 1\n[files.x]\ntable = "ed_arrival"\n'
        '[files.x.columns]\narrival_id = "id"\n'
    )
    with pytest.raises(MappingError, match="must map"):
        load_mapping(path)
    assert {s.table for s in load_mapping().files} == {
        "ed_arrival",
        "bed_capacity",
        "waiting_list",
        "encounter",
    }


def test_partial_csv_import_quarantines_bad_rows(hospital, tmp_path):
    folder = tmp_path / "his"
    _csv(
        folder,
        "bed_capacity.csv",
        "unit_code,date,beds",
        ["H1-MED,2026-01-01,40", "H1-MED,2026-02-30,40", "H1-SUR,2026-01-01,-3"],
    )
    record = _run([folder], hospital, allow_partial=True)
    assert record.status == "partial"
    assert record.counts["BedCapacity"]["inserted"] == 1
    with open(record.quarantine_file) as handle:
        rejects = [json.loads(line) for line in handle]
    assert [r["line"] for r in rejects] == [3, 4]
    assert rejects[1]["record"] == "H1-SUR,2026-01-01,-3"
