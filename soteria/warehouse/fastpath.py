"""The fast path: DuckDB reads a clean NDJSON file of Patients or Encounters itself.

DuckDB's JSON reader parses in C++ on every core, and the same checks, conversions and
pseudonyms as the Python path are written as SQL (the HMAC included, see
:meth:`Pseudonymiser.sql`). The fast path is only an optimisation: it stages a file only when
*every* line passes *every* check; if anything is off — a line DuckDB cannot read, one value
that fails a rule, a reference it cannot resolve — it stages nothing and returns ``False``,
and the Python path reads the file again and reports each problem by line and field. A test
proves both paths write identical warehouse rows.

Memory stays flat however large the file is: nothing holds the file, or one row per line
of it, in memory; everything runs on a cursor of the import's own database, so it shares the
import's one memory budget (``SOTERIA_WAREHOUSE_MEMORY_LIMIT``) and threads, and it has its
own transaction: a line DuckDB cannot parse fails a statement there, never the import.

1. *Convert* (one streaming pass): ``read_json`` → every check of a line folded into one
   boolean ``_ok``, every conversion and pseudonym → a Parquet file in the import's staging
   folder, in the file's order (``preserve_insertion_order``, for this cursor only), so that
   a Parquet row number is a line number.
2. *Stage* (one more pass over that Parquet file per staged table): the rows as the staging
   wants them (``ingest.Staging``: Parquet parts, nothing in memory), units joined from a
   table of the few hundred references the resolver knows. The checks that need those joins
   — every reference known, every encounter's unit known and in scope — are folded into the
   rows too: a row that fails any check gets a NULL in a column that is never NULL otherwise,
   and the statistics DuckDB returns for the file it wrote (``RETURN_STATS``) give the
   verdict. A file with a failed check, or fewer rows than lines, leaves no part behind.

Both Parquet files hold pseudonymised rows only; the first is removed at once, the parts
with the rest of the staging when the import ends.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from soteria.warehouse import fhir, readers, store

if TYPE_CHECKING:
    from soteria.warehouse.ingest import Importer

log = logging.getLogger(__name__)

SUPPORTED = {"Patient", "Encounter"}

TAIL_STAYS = 4
"""An encounter's unit is that of its last location stay that maps to one; the fast path looks
at the last ``TAIL_STAYS`` stays (a join each). An encounter with more stays, none of the last
ones mapped, is left to the Python path (the file falls back)."""


MAX_LINE_BYTES = 1024 * 1024
"""Longest line the fast path reads (DuckDB sizes its read buffers by it): a file with a longer
one — far beyond any real Patient or Encounter — is left to the Python path, which reads
lines up to ``readers.MAX_LINE_BYTES``."""

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
_INSTANT = (
    r"\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?"
    r"(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?"
)


def _instant(expr: str) -> str:
    """SQL: a FHIR date/dateTime VARCHAR → naive UTC TIMESTAMP (NULL if absent or invalid;
    :func:`_instant_ok` tells which)."""
    return (
        f"CASE WHEN length({expr}) = 10 THEN TRY_CAST({expr} AS DATE)::TIMESTAMP "
        f"ELSE timezone('UTC', TRY_CAST({expr} AS TIMESTAMPTZ)) END"
    )


def _instant_ok(expr: str, converted: str | None = None) -> str:
    """SQL: TRUE when the value is absent or a date/dateTime the Python path reads alike.
    ``converted``: the value's :func:`_instant`, where the query computes it anyway."""
    return (
        f"({expr} IS NULL OR (regexp_full_match({expr}, '{_INSTANT}') "
        f"AND {converted or _instant(expr)} IS NOT NULL))"
    )


def _first_code(concept: str) -> str:
    return f"list_filter({concept}.coding, lambda c: c.code IS NOT NULL)[1].code"


def _in(values: set[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values)) + ")"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def stage_clean_file(importer: Importer, file_no: int, source: readers.Source) -> bool:
    """Stage the whole file if every line is valid; otherwise stage nothing, return False.

    Everything runs on a cursor of the import's database (its own transaction: an error
    there — a line DuckDB cannot parse — never touches the import's); the staged rows go to
    Parquet parts of the import's staging (see ``ingest.Staging``).
    """
    kind = source.resource_type
    assert kind in SUPPORTED
    staging = importer.staging
    handover = staging.folder / f"fastpath-{file_no}.parquet"
    parts: list[tuple[str, Path]] = []
    scratch = importer.con.cursor()
    try:
        query, params = _patients(importer) if kind == "Patient" else _encounters(importer)
        _convert(scratch, source, kind, query, params, handover)
        # From here on the order of rows no longer matters: Parquet row numbers are lines.
        scratch.execute("SET SESSION preserve_insertion_order = false")
        parquet = f"read_parquet({_quote(handover)}, file_row_number = true)"
        if kind == "Encounter":
            _unit_table(importer, scratch)
        rows = _patient_rows if kind == "Patient" else _encounter_rows
        count = None
        for table, select, sentinel in rows(importer, file_no, parquet):
            part = staging.new_part(table)
            parts.append((table, part))
            written, nulls = _write_part(scratch, select, part, sentinel)
            count = written if count is None else count
            if nulls:
                return _reject(parts)  # a line failed a check, or a reference is unknown
        # Blank lines would shift line numbers: then the Python path does it. (Waits for the
        # file's fingerprint, computed meanwhile.)
        if not count or count != importer.line_count(file_no, source):
            return _reject(parts)
    except duckdb.Error as error:
        # a line DuckDB cannot read (or any other trouble): the Python path does it. (The
        # message is not logged: it may quote the line, i.e. personal data.)
        log.info("fast path not taken for %s: %s", source.name, type(error).__name__)
        return _reject(parts)
    finally:
        scratch.close()
        handover.unlink(missing_ok=True)
    for table, part in parts:
        staging.add_part(table, part)
    importer.fast_files.append(source.name)
    importer.read[kind] += count
    importer.records_read += count
    if importer.options.progress:
        importer.options.progress(importer.records_read)
    return True


def _convert(
    scratch: Any, source: readers.Source, kind: str, query: str, params: list[Any], target: Path
) -> None:
    """Step 1: the file, checked line by line and converted, as Parquet in the file's order."""
    columns = "{" + ", ".join(f"\"{k}\": '{v}'" for k, v in COLUMNS[kind].items()) + "}"
    scan = (
        f"read_json({_quote(source.path)}, format = 'newline_delimited', columns = {columns}, "
        f"maximum_object_size = {MAX_LINE_BYTES})"
    )
    # Only this cursor keeps the file's order (the import's connection need not).
    scratch.execute("SET SESSION preserve_insertion_order = true")
    scratch.execute(
        f"COPY ({query.replace('{scan}', scan)}) TO {_quote(target)} "
        f"(FORMAT PARQUET, ROW_GROUP_SIZE {store.PARQUET_ROW_GROUP_ROWS})",
        params,
    )


def _write_part(scratch: Any, select: str, part: Path, sentinel: str) -> tuple[int, int]:
    """Step 2: write a staged part; (rows written, rows whose ``sentinel`` column is NULL).

    Every check of step 2 is folded into the SELECT: a row that fails one gets a NULL in its
    ``sentinel`` column, never NULL otherwise — so the statistics DuckDB returns for the file
    it wrote tell the verdict, without another pass over the data.
    """
    stats = scratch.execute(
        f"COPY ({select}) TO {_quote(part)} (FORMAT PARQUET, "
        f"ROW_GROUP_SIZE {store.PARQUET_ROW_GROUP_ROWS}, RETURN_STATS)"
    ).fetchall()
    rows = nulls = 0
    for _name, count, _size, _footer, columns, *_rest in stats:
        rows += int(count)
        column = columns.get(f'"{sentinel}"') or columns.get(sentinel) or {}
        nulls += int(column.get("null_count", count))  # no statistics: count as failed
    return rows, nulls


def _reject(parts: list[tuple[str, Path]]) -> bool:
    """Stage nothing of the file: remove the parts written so far. Returns False."""
    for _table, part in parts:
        part.unlink(missing_ok=True)
    return False


Query = tuple[str, list[Any]]
"""A SELECT over ``{scan}`` (the file) with ``_ok`` and the converted columns; parameters."""


def _common_ok(kind: str) -> str:
    """Over the inner query of :func:`_patients`/:func:`_encounters` (``_updated``)."""
    return (
        f"resourceType = '{kind}' AND id IS NOT NULL AND id <> '' "
        f"AND {_instant_ok('meta.lastUpdated', '_updated')}"
    )


def _patients(importer: Importer) -> Query:
    # The inner query converts each date once; the outer one checks and selects.
    inner = (
        f"SELECT *, {_instant('meta.lastUpdated')} AS _updated, "
        f"{_instant('deceasedDateTime')} AS _died FROM {{scan}}"
    )
    valid = _common_ok("Patient") + (
        f" AND (gender IS NULL OR gender IN {_in(fhir.GENDERS)})"
        f" AND {_instant_ok('birthDate')} AND {_instant_ok('deceasedDateTime', '_died')}"
    )
    key, params = importer.pseudo.sql("Patient", "id")
    postal = "regexp_replace(upper(address[1].postalCode), '[^A-Z0-9]', '', 'g')"
    country = "left(upper(trim(address[1].country)), 2)"
    area = (
        f"CASE WHEN length({postal}) < 2 THEN NULL WHEN coalesce({country}, '') = '' "
        f"THEN left({postal}, 2) ELSE {country} || '-' || left({postal}, 2) END"
    )
    # coalesce: a NULL verdict (a missing value) counts as a failure, never as a pass. Every
    # conversion is a TRY_… one: an invalid line must not stop the pass, only fail its check.
    return (
        f"SELECT coalesce(({valid}), false) AS _ok, {key} AS patient_key, "
        f"TRY_CAST(left(birthDate, 4) AS SMALLINT) AS birth_year, gender, {area} AS area_code, "
        f"(deceasedDateTime IS NOT NULL OR coalesce(deceasedBoolean, false)) AS deceased, "
        f"strftime(_died, '%Y-%m') AS deceased_month, _updated AS last_updated "
        f"FROM ({inner})",
        params,
    )


Rows = list[tuple[str, str, str]]
"""(staged table, SELECT of its rows from the Parquet file of step 1, sentinel column: NULL
in a row that fails a check — see :func:`_write_part`)."""


def _constants(importer: Importer, file_no: int) -> dict[str, str]:
    """SQL for the columns every staged row of the file shares, and its position."""
    return {
        "source_system": "'" + importer.system.replace("'", "''") + "'",
        "import_id": str(int(importer.options.import_id)),
        "_file": str(int(file_no)),
        "_line": "r.file_row_number + 1",
        "_offset": "-1",
        "_length": "0",
    }


def _patient_rows(importer: Importer, file_no: int, parquet: str) -> Rows:
    columns = {c: f"r.{c}" for c in store.column_names("patient")}
    columns |= _constants(importer, file_no)
    columns["patient_key"] = "CASE WHEN r._ok THEN r.patient_key END"
    select = importer.staging.select_list("patient", columns)
    return [("patient", f"SELECT {select} FROM {parquet} r", "patient_key")]


def _encounters(importer: Importer) -> Query:
    # The inner query converts each date once (a stay's too); the outer one checks and
    # selects. ``stays`` keeps, per stay, what its check needs besides the converted dates.
    stays = (
        "list_transform(location, lambda s, i: {'seq': (i - 1)::SMALLINT, "
        "'ref': s.location.reference, 'status': s.status, "
        f"'start_ts': {_instant('s.period.start')}, 'end_ts': {_instant('s.period.end')}, "
        "'has_start': s.period.start IS NOT NULL, 'has_end': s.period.end IS NOT NULL, "
        "'formats_ok': regexp_full_match(s.location.reference, 'Location/[^/?]+') "
        f"AND (s.period.start IS NULL OR regexp_full_match(s.period.start, '{_INSTANT}')) "
        f"AND (s.period.end IS NULL OR regexp_full_match(s.period.end, '{_INSTANT}'))}})"
    )
    inner = (
        f"SELECT *, {_instant('meta.lastUpdated')} AS _updated, "
        f"{_instant('period.start')} AS _start, {_instant('period.end')} AS _end, "
        f"{stays} AS _stays FROM {{scan}}"
    )
    stay_ok = (
        "s.formats_ok AND (s.start_ts IS NOT NULL OR NOT s.has_start) "
        "AND (s.end_ts IS NOT NULL OR NOT s.has_end) "
        "AND NOT coalesce(s.end_ts < s.start_ts, false)"
    )
    start_needed = "status NOT IN ('planned', 'cancelled', 'entered-in-error')"
    valid = _common_ok("Encounter") + (
        f" AND status IN {_in(fhir.ENCOUNTER_STATUS)}"
        f' AND "class".code IN {_in(fhir.ENCOUNTER_CLASSES)}'
        f' AND ("class".system IS NULL OR "class".system = \'{fhir.ENCOUNTER_CLASS_SYSTEM}\')'
        f" AND regexp_full_match(subject.reference, 'Patient/[^/]+')"
        f" AND {_instant_ok('period.start', '_start')} AND {_instant_ok('period.end', '_end')}"
        f" AND (period.start IS NOT NULL OR NOT ({start_needed}))"
        f" AND NOT coalesce(_end < _start, false)"
        f" AND (serviceProvider IS NULL OR "
        f"regexp_full_match(serviceProvider.reference, 'Organization/[^/?]+'))"
        # every location stay valid (no stays: nothing to fail)
        f" AND coalesce(len(list_filter(_stays, lambda s: NOT coalesce(({stay_ok}), false)))"
        f" = 0, true)"
    )
    key, key_params = importer.pseudo.sql("Encounter", "id")
    patient, patient_params = importer.pseudo.sql(
        "Patient", "split_part(subject.reference, '/', 2)"
    )
    discharge = _first_code("hospitalization.dischargeDisposition")
    return (
        f"SELECT coalesce(({valid}), false) AS _ok, {key} AS encounter_key, "
        f'{patient} AS patient_key, "class".code AS class_code, status, '
        f"_start AS start_ts, _end AS end_ts, "
        f"{_first_code('hospitalization.admitSource')} AS admit_source, "
        f"CASE WHEN regexp_full_match({discharge}, '[0-9]+') "
        f"THEN coalesce(nullif(ltrim({discharge}, '0'), ''), '0') ELSE {discharge} END "
        f"AS discharge_disposition, "
        f"coalesce({_first_code('serviceType')}, {_first_code('type[1]')}) AS service_type, "
        f"_updated AS last_updated, serviceProvider.reference AS provider_ref, "
        f"_stays AS stays FROM ({inner})",
        [*key_params, *patient_params],
    )


def _unit_table(importer: Importer, scratch: Any) -> None:
    """``fast_units``: every Organization and Location reference the resolver knows, with
    its unit (NULL: known, but mapped to no unit) and whether that unit is inside the
    import's scope — a few hundred rows, not one per line."""
    resolver = importer.resolver
    refs = (
        [("Organization/" + i, unit) for i, unit in resolver.org_unit.items()]
        + [
            ("Organization?identifier=" + ident, resolver.organization_unit(ident))
            for ident in resolver.org_by_ident
        ]
        + [("Location/" + i, resolver.location_unit(i)) for i in list(resolver.loc_unit)]
    )
    # (as list parameters: handing DuckDB an Arrow table would load pandas)
    scratch.execute(
        "CREATE OR REPLACE TEMP TABLE fast_units AS SELECT unnest(?::VARCHAR[]) AS ref, "
        "unnest(?::INTEGER[]) AS unit_id, unnest(?::BOOLEAN[]) AS in_scope",
        [
            [r for r, _u in refs],
            [u for _r, u in refs],
            [u is not None and resolver.in_scope(u) for _r, u in refs],
        ],
    )


def _unit_joins() -> tuple[str, str, str, str]:
    """SQL over ``r``, a row of the Parquet file: the encounter's unit (that of its last stay
    that has one, else that of the service provider), whether that unit is in scope, the
    unit of its last ``TAIL_STAYS`` stays alone, and the LEFT JOINs all three need."""
    tail = range(1, TAIL_STAYS + 1)
    joins = [f"LEFT JOIN fast_units s{n} ON s{n}.ref = r.stays[-{n}].ref" for n in tail]
    joins.append("LEFT JOIN fast_units p ON p.ref = r.provider_ref")
    units = ", ".join(f"s{n}.unit_id" for n in tail)
    in_scope = (
        "CASE "
        + " ".join(f"WHEN s{n}.unit_id IS NOT NULL THEN s{n}.in_scope" for n in tail)
        + " ELSE p.in_scope END"
    )
    return f"coalesce({units}, p.unit_id)", in_scope, f"coalesce({units})", " ".join(joins)


def _encounter_rows(importer: Importer, file_no: int, parquet: str) -> Rows:
    """Encounters with their unit (NULL when anything fails: a line's own checks, an unknown
    service provider, a unit unknown or outside the scope), and their location stays with
    ``location_id`` NULL where the Location is unknown."""
    staging = importer.staging
    unit, in_scope, stay_unit, joins = _unit_joins()
    constants = _constants(importer, file_no)
    passes = (
        f"coalesce(r._ok AND (r.provider_ref IS NULL OR p.ref IS NOT NULL) "
        f"AND {unit} IS NOT NULL AND {in_scope} "
        f"AND NOT (coalesce(len(r.stays), 0) > {TAIL_STAYS} AND {stay_unit} IS NULL), false)"
    )
    columns = {c: f"r.{c}" for c in store.column_names("encounter")}
    columns |= {**constants, "unit_id": f"CASE WHEN {passes} THEN {unit} END"}
    encounters = (
        "encounter",
        f"SELECT {staging.select_list('encounter', columns)} FROM {parquet} r {joins}",
        "unit_id",
    )
    stays = {
        **constants,
        "encounter_key": "r.encounter_key",
        "seq": "r.stay.seq",
        "location_id": "CASE WHEN u.ref IS NOT NULL THEN split_part(r.stay.ref, '/', 2) END",
        "unit_id": "u.unit_id",
        "status": "r.stay.status",
        "start_ts": "r.stay.start_ts",
        "end_ts": "r.stay.end_ts",
        "_line": "r._line",
    }
    locations = (
        "encounter_location",
        f"SELECT {staging.select_list('encounter_location', stays)} FROM (SELECT "
        f"encounter_key, file_row_number + 1 AS _line, unnest(stays) AS stay FROM {parquet}) r "
        f"LEFT JOIN fast_units u ON u.ref = r.stay.ref",
        "location_id",
    )
    return [encounters, locations]
