"""The fast path: DuckDB reads a clean NDJSON file of Patients or Encounters itself.

DuckDB's JSON reader parses in C++ on every core, and the same checks, conversions and
pseudonyms as the Python path are written as SQL (the HMAC included, see
:meth:`Pseudonymiser.sql`). The fast path is only an optimisation: it stages a file only when
*every* line passes *every* check; if anything is off — a line DuckDB cannot read, one value
that fails a rule, a reference it cannot resolve — it stages nothing and returns ``False``,
and the Python path reads the file again and reports each problem by line and field. A test
proves both paths write identical warehouse rows.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
from django.conf import settings

from soteria.warehouse import fhir, readers, store

if TYPE_CHECKING:
    from soteria.warehouse.ingest import Importer

SUPPORTED = {"Patient", "Encounter"}

_CODING = "STRUCT(system VARCHAR, code VARCHAR)"
_CONCEPT = f"STRUCT(coding {_CODING}[])"
_PERIOD = 'STRUCT("start" VARCHAR, "end" VARCHAR)'
_REFERENCE = "STRUCT(reference VARCHAR, identifier STRUCT(system VARCHAR, value VARCHAR))"
COLUMNS: dict[str, dict[str, str]] = {
    "Patient": {
        "resourceType": "VARCHAR",
        "id": "VARCHAR",
        "meta": "STRUCT(lastUpdated VARCHAR)",
        "gender": "VARCHAR",
        "birthDate": "VARCHAR",
        "address": "STRUCT(postalCode VARCHAR, country VARCHAR)[]",
        "deceasedBoolean": "BOOLEAN",
        "deceasedDateTime": "VARCHAR",
    },
    "Encounter": {
        "resourceType": "VARCHAR",
        "id": "VARCHAR",
        "meta": "STRUCT(lastUpdated VARCHAR)",
        "status": "VARCHAR",
        "class": _CODING,
        "subject": _REFERENCE,
        "period": _PERIOD,
        "serviceType": _CONCEPT,
        "type": f"{_CONCEPT}[]",
        "hospitalization": f"STRUCT(admitSource {_CONCEPT}, dischargeDisposition {_CONCEPT})",
        "location": f"STRUCT(location {_REFERENCE}, status VARCHAR, period {_PERIOD})[]",
        "serviceProvider": _REFERENCE,
    },
}

# FHIR date / dateTime, as the Python path accepts them (fhir._DATE_RE, fhir._DATETIME_RE);
# partial dates (YYYY, YYYY-MM) are left to the Python path.
_DATE = r"\d{4}-\d{2}-\d{2}"
_DATETIME = (
    r"\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?"
    r"(Z|[+-]([01]\d|2[0-3]):[0-5]\d)"
)


def _instant(expr: str) -> str:
    """SQL: a FHIR date/dateTime VARCHAR → naive UTC TIMESTAMP (NULL stays NULL)."""
    return (
        f"CASE WHEN regexp_full_match({expr}, '{_DATE}') THEN TRY_CAST({expr} AS DATE)::TIMESTAMP "
        f"ELSE timezone('UTC', TRY_CAST({expr} AS TIMESTAMPTZ)) END"
    )


def _instant_ok(expr: str) -> str:
    """SQL: TRUE when the value is absent or a date/dateTime the Python path reads alike."""
    return (
        f"({expr} IS NULL OR (regexp_full_match({expr}, '{_DATE}') AND "
        f"TRY_CAST({expr} AS DATE) IS NOT NULL) OR (regexp_full_match({expr}, '{_DATETIME}') "
        f"AND TRY_CAST({expr} AS TIMESTAMPTZ) IS NOT NULL))"
    )


def _first_code(concept: str) -> str:
    return f"list_filter({concept}.coding, lambda c: c.code IS NOT NULL)[1].code"


def _in(values: set[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values)) + ")"


def _load(con: Any, source: readers.Source, kind: str) -> bool:
    """Read the file into the table ``fast_raw`` (of the scratch database) with line numbers."""
    columns = "{" + ", ".join(f"\"{k}\": '{v}'" for k, v in COLUMNS[kind].items()) + "}"
    path = "'" + str(source.path).replace("'", "''") + "'"
    try:
        # Insertion order is preserved (see the connection's settings), so a row's rowid is
        # its line number less one — no window over the whole file needed.
        con.execute(
            f"CREATE OR REPLACE TABLE fast_json AS SELECT * "
            f"FROM read_json({path}, format = 'newline_delimited', columns = {columns}, "
            f"maximum_object_size = {readers.MAX_LINE_BYTES})"
        )
        con.execute(
            "CREATE OR REPLACE VIEW fast_raw AS SELECT rowid + 1 AS _line, * FROM fast_json"
        )
    except duckdb.Error:
        return False
    rows = con.execute("SELECT count(*) FROM fast_raw").fetchall()[0][0]
    # Blank or unreadable lines would shift line numbers: then the Python path does it.
    return bool(rows) and rows == source.lines


def _all(con: Any, condition: str, params: list[Any] | None = None) -> bool:
    # coalesce: a NULL verdict (a missing value) counts as a failure, never as a pass
    bad = con.execute(
        f"SELECT count(*) FROM fast_raw WHERE NOT coalesce(({condition}), false)", params or []
    )
    return bad.fetchall()[0][0] == 0


def stage_clean_file(importer: Importer, file_no: int, source: readers.Source) -> bool:
    """Stage the whole file if every line is valid; otherwise stage nothing, return False.

    The file is read and checked in a separate, scratch DuckDB database: an error there
    (a line DuckDB cannot parse) must not abort the import's own transaction.
    """
    kind = source.resource_type
    assert kind in SUPPORTED
    folder = store.warehouse_path().parent
    scratch = duckdb.connect(
        config={
            "memory_limit": settings.WAREHOUSE_MEMORY_LIMIT,
            "temp_directory": str(folder / "fastpath.tmp"),
            "preserve_insertion_order": True,
        }
    )
    try:
        if not _load(scratch, source, kind):
            return False
        rows = (
            _patients(importer, scratch, file_no)
            if kind == "Patient"
            else (_encounters(importer, scratch, file_no))
        )
        if rows is None:
            return False
        count = scratch.execute("SELECT count(*) FROM fast_raw").fetchall()[0][0]
        # Hand the rows across as Parquet: both sides read and write it on every core. The
        # file holds pseudonymised rows only and is removed at once.
        handover = folder / f"fastpath-{os.getpid()}-{file_no}.parquet"
        for table, query, params in rows:
            target = "'" + str(handover).replace("'", "''") + "'"
            try:
                scratch.execute(f"COPY ({query}) TO {target} (FORMAT PARQUET)", params)
                importer.con.execute(
                    f"INSERT INTO stg_{table} BY NAME SELECT * FROM read_parquet({target})"
                )
            finally:
                handover.unlink(missing_ok=True)
        importer.fast_files.append(source.name)
        importer.read[kind] += count
        importer.records_read += count
        if importer.options.progress:
            importer.options.progress(importer.records_read)
        return True
    finally:
        scratch.close()


def _common_ok(kind: str) -> str:
    return (
        f"resourceType = '{kind}' AND id IS NOT NULL AND id <> '' "
        f"AND {_instant_ok('meta.lastUpdated')}"
    )


Rows = list[tuple[str, str, list[Any]]]
"""(staging table, SELECT over the scratch database, parameters) to copy across."""


def _patients(importer: Importer, con: Any, file_no: int) -> Rows | None:
    valid = _common_ok("Patient") + (
        f" AND (gender IS NULL OR gender IN {_in(fhir.GENDERS)})"
        f" AND {_instant_ok('birthDate')} AND {_instant_ok('deceasedDateTime')}"
    )
    if not _all(con, valid):
        return None
    key, params = importer.pseudo.sql("Patient", "id")
    died = _instant("deceasedDateTime")
    postal = "regexp_replace(upper(address[1].postalCode), '[^A-Z0-9]', '', 'g')"
    country = "left(upper(trim(address[1].country)), 2)"
    area = (
        f"CASE WHEN length({postal}) < 2 THEN NULL WHEN coalesce({country}, '') = '' "
        f"THEN left({postal}, 2) ELSE {country} || '-' || left({postal}, 2) END"
    )
    return [
        (
            "patient",
            f"SELECT ? AS source_system, {key} AS patient_key, "
            f"CAST(left(birthDate, 4) AS SMALLINT) AS birth_year, gender, {area} AS area_code, "
            f"(deceasedDateTime IS NOT NULL OR coalesce(deceasedBoolean, false)) AS deceased, "
            f"strftime({died}, '%Y-%m') AS deceased_month, "
            f"{_instant('meta.lastUpdated')} AS last_updated, ? AS import_id, "
            f"? AS _file, _line, -1 AS _offset, 0 AS _length FROM fast_raw",
            [importer.system, *params, importer.options.import_id, file_no],
        )
    ]


def _unit_tables(importer: Importer, con: Any) -> None:
    """Org and Location units as known to the resolver, for joins."""
    resolver = importer.resolver
    refs = (
        [("Organization/" + i, unit) for i, unit in resolver.org_unit.items()]
        + [
            ("Organization?identifier=" + ident, resolver.organization_unit(ident))
            for ident in resolver.org_by_ident
        ]
        + [("Location/" + i, resolver.location_unit(i)) for i in list(resolver.loc_unit)]
    )
    in_scope = {u: resolver.in_scope(u) for _r, u in refs if u is not None}
    table = pa.table(
        {
            "ref": [r for r, _u in refs],
            "unit_id": pa.array([u for _r, u in refs], pa.int32()),
            "in_scope": [in_scope.get(u, False) if u is not None else None for _r, u in refs],
        }
    )
    con.register("fast_units_arrow", table)
    con.execute("CREATE OR REPLACE TABLE fast_units AS SELECT * FROM fast_units_arrow")
    con.unregister("fast_units_arrow")


def _encounters(importer: Importer, con: Any, file_no: int) -> Rows | None:
    start_needed = "status NOT IN ('planned', 'cancelled', 'entered-in-error')"
    valid = _common_ok("Encounter") + (
        f" AND status IN {_in(fhir.ENCOUNTER_STATUS)}"
        f' AND "class".code IN {_in(fhir.ENCOUNTER_CLASSES)}'
        f' AND ("class".system IS NULL OR "class".system = \'{fhir.ENCOUNTER_CLASS_SYSTEM}\')'
        f" AND regexp_full_match(subject.reference, 'Patient/[^/]+')"
        f" AND {_instant_ok('period.start')} AND {_instant_ok('period.end')}"
        f" AND (period.start IS NOT NULL OR NOT ({start_needed}))"
        f" AND NOT coalesce({_instant('period.end')} < {_instant('period.start')}, false)"
        f" AND (serviceProvider IS NULL OR "
        f"regexp_full_match(serviceProvider.reference, 'Organization/[^/?]+'))"
    )
    if not _all(con, valid):
        return None
    # Location stays, one row each; every reference must be a plain Location/<id>.
    con.execute(
        "CREATE OR REPLACE TABLE fast_stays AS SELECT _line, "
        "generate_subscripts(location, 1) - 1 AS seq, unnest(location) AS stay FROM fast_raw"
    )
    stays_ok = (
        con.execute(
            f"SELECT count(*) FROM fast_stays WHERE NOT coalesce((regexp_full_match("
            f"stay.location.reference, 'Location/[^/?]+') AND {_instant_ok('stay.period.start')} "
            f"AND {_instant_ok('stay.period.end')} AND NOT coalesce("
            f"{_instant('stay.period.end')} < {_instant('stay.period.start')}, false)), false)"
        ).fetchall()[0][0]
        == 0
    )
    if not stays_ok:
        return None
    _unit_tables(importer, con)
    # Every reference must resolve, and the encounter's unit must be known and in scope.
    unresolved = (
        con.execute(
            "SELECT count(*) FROM fast_stays s LEFT JOIN fast_units u "
            "ON u.ref = s.stay.location.reference WHERE u.ref IS NULL"
        ).fetchall()[0][0]
        + con.execute(
            "SELECT count(*) FROM fast_raw r LEFT JOIN fast_units u "
            "ON u.ref = r.serviceProvider.reference "
            "WHERE r.serviceProvider IS NOT NULL AND u.ref IS NULL"
        ).fetchall()[0][0]
    )
    if unresolved:
        return None
    con.execute(
        "CREATE OR REPLACE TABLE fast_enc_unit AS SELECT r._line, coalesce("
        "(SELECT arg_max(u.unit_id, s.seq) FROM fast_stays s JOIN fast_units u "
        " ON u.ref = s.stay.location.reference WHERE s._line = r._line AND u.unit_id IS NOT NULL),"
        " p.unit_id) AS unit_id FROM fast_raw r "
        "LEFT JOIN fast_units p ON p.ref = r.serviceProvider.reference"
    )
    bad_units = con.execute(
        "SELECT count(*) FROM fast_enc_unit e LEFT JOIN (SELECT DISTINCT unit_id, in_scope FROM "
        "fast_units) u USING (unit_id) WHERE e.unit_id IS NULL OR NOT coalesce(u.in_scope, false)"
    ).fetchall()[0][0]
    if bad_units:
        return None
    key, key_params = importer.pseudo.sql("Encounter", "r.id")
    # each encounter's pseudonym once, for the encounter and its stays alike
    con.execute(
        f"CREATE OR REPLACE TABLE fast_keys AS SELECT r._line, {key} AS encounter_key "
        f"FROM fast_raw r",
        key_params,
    )
    patient, patient_params = importer.pseudo.sql(
        "Patient", "split_part(r.subject.reference, '/', 2)"
    )
    discharge = _first_code("r.hospitalization.dischargeDisposition")
    encounters = (
        "encounter",
        f"SELECT ? AS source_system, k.encounter_key, "
        f'{patient} AS patient_key, e.unit_id, r."class".code AS class_code, r.status, '
        f"{_instant('r.period.start')} AS start_ts, {_instant('r.period.end')} AS end_ts, "
        f"{_first_code('r.hospitalization.admitSource')} AS admit_source, "
        f"CASE WHEN regexp_full_match({discharge}, '[0-9]+') "
        f"THEN coalesce(nullif(ltrim({discharge}, '0'), ''), '0') ELSE {discharge} END "
        f"AS discharge_disposition, "
        f"coalesce({_first_code('r.serviceType')}, {_first_code('r.type[1]')}) AS service_type, "
        f"{_instant('r.meta.lastUpdated')} AS last_updated, ? AS import_id, ? AS _file, "
        f"r._line, -1 AS _offset, 0 AS _length FROM fast_raw r JOIN fast_enc_unit e USING (_line) "
        f"JOIN fast_keys k USING (_line)",
        [importer.system, *patient_params, importer.options.import_id, file_no],
    )
    stays = (
        "encounter_location",
        f"SELECT ? AS source_system, "
        f"k.encounter_key, s.seq, split_part(s.stay.location.reference, '/', 2) "
        f"AS location_id, u.unit_id, s.stay.status AS status, "
        f"{_instant('s.stay.period.start')} AS start_ts, {_instant('s.stay.period.end')} "
        f"AS end_ts, ? AS _file, s._line, -1 AS _offset, 0 AS _length "
        f"FROM fast_stays s JOIN fast_keys k USING (_line) "
        f"LEFT JOIN fast_units u ON u.ref = s.stay.location.reference",
        [importer.system, file_no],
    )
    return [encounters, stays]
