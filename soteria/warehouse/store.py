"""The warehouse: an embedded DuckDB file with the fact tables indicators are computed from.

DuckDB lets one process write at a time, so connections are opened for one unit of work
and closed again (:func:`connect`); a second process waiting for the file retries briefly.
Every table is keyed by ``source_system`` plus the record's (pseudonymised) key, which is
what makes imports idempotent.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from django.conf import settings

SCHEMA_VERSION = 1

PARQUET_ROW_GROUP_ROWS = 20_000
"""Row groups of the Parquet files an import stages. DuckDB buffers a few per thread while it
writes a file, so small ones keep that memory small (the default, 122,880 rows, about
doubles what the fast path needs) at no measurable cost in speed."""

TABLES: dict[str, str] = {
    "organization": """
        source_system VARCHAR NOT NULL,
        organization_id VARCHAR NOT NULL,
        name VARCHAR,
        active BOOLEAN,
        part_of VARCHAR,
        identifiers VARCHAR[],
        unit_id INTEGER,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "location": """
        source_system VARCHAR NOT NULL,
        location_id VARCHAR NOT NULL,
        name VARCHAR,
        status VARCHAR,
        physical_type VARCHAR,
        part_of VARCHAR,
        managing_organization VARCHAR,
        identifiers VARCHAR[],
        unit_id INTEGER,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "patient": """
        source_system VARCHAR NOT NULL,
        patient_key VARCHAR NOT NULL,
        birth_year SMALLINT,
        gender VARCHAR,
        area_code VARCHAR,
        deceased BOOLEAN,
        deceased_month VARCHAR,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "encounter": """
        source_system VARCHAR NOT NULL,
        encounter_key VARCHAR NOT NULL,
        patient_key VARCHAR NOT NULL,
        unit_id INTEGER NOT NULL,
        class_code VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        start_ts TIMESTAMP,
        end_ts TIMESTAMP,
        admit_source VARCHAR,
        discharge_disposition VARCHAR,
        service_type VARCHAR,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "encounter_location": """
        source_system VARCHAR NOT NULL,
        encounter_key VARCHAR NOT NULL,
        seq SMALLINT NOT NULL,
        location_id VARCHAR,
        unit_id INTEGER,
        status VARCHAR,
        start_ts TIMESTAMP,
        end_ts TIMESTAMP""",
    "ed_arrival": """
        source_system VARCHAR NOT NULL,
        arrival_key VARCHAR NOT NULL,
        encounter_key VARCHAR,
        patient_key VARCHAR,
        unit_id INTEGER NOT NULL,
        arrival_ts TIMESTAMP NOT NULL,
        triage_ts TIMESTAMP,
        first_seen_ts TIMESTAMP,
        departure_ts TIMESTAMP,
        triage_category SMALLINT,
        disposition VARCHAR,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "bed_capacity": """
        source_system VARCHAR NOT NULL,
        unit_id INTEGER NOT NULL,
        date DATE NOT NULL,
        beds INTEGER NOT NULL,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "waiting_list": """
        source_system VARCHAR NOT NULL,
        entry_key VARCHAR NOT NULL,
        patient_key VARCHAR,
        unit_id INTEGER NOT NULL,
        specialty VARCHAR,
        listed_on DATE NOT NULL,
        removed_on DATE,
        removal_reason VARCHAR,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "incident": """
        source_system VARCHAR NOT NULL,
        incident_key VARCHAR NOT NULL,
        unit_id INTEGER NOT NULL,
        occurred_ts TIMESTAMP NOT NULL,
        category VARCHAR,
        severity VARCHAR,
        harm BOOLEAN,
        last_updated TIMESTAMP,
        import_id BIGINT""",
    "experience_answer": """
        source_system VARCHAR NOT NULL,
        answer_key VARCHAR NOT NULL,
        unit_id INTEGER NOT NULL,
        answered_ts TIMESTAMP NOT NULL,
        survey_code VARCHAR NOT NULL,
        question_code VARCHAR NOT NULL,
        score DOUBLE,
        positive BOOLEAN,
        negative BOOLEAN,
        dont_know BOOLEAN,
        import_id BIGINT""",
}
"""Fact and dimension tables. Keys (``KEYS``) are unique by construction — the importer
stages, deduplicates and upserts by them — and deliberately not declared as primary keys:
DuckDB keeps primary-key indexes in memory, which would make memory grow with the
warehouse. ``unit_id`` is the Soteria org unit the row belongs to;
timestamps are UTC."""

KEYS: dict[str, tuple[str, ...]] = {
    "organization": ("source_system", "organization_id"),
    "location": ("source_system", "location_id"),
    "patient": ("source_system", "patient_key"),
    "encounter": ("source_system", "encounter_key"),
    "encounter_location": ("source_system", "encounter_key", "seq"),
    "ed_arrival": ("source_system", "arrival_key"),
    "bed_capacity": ("source_system", "unit_id", "date"),
    "waiting_list": ("source_system", "entry_key"),
    "incident": ("source_system", "incident_key"),
    "experience_answer": ("source_system", "answer_key"),
}

PERIOD_COLUMNS: dict[str, tuple[str, ...]] = {
    "encounter": ("start_ts", "end_ts"),
    "ed_arrival": ("arrival_ts",),
    "bed_capacity": ("date",),
    "incident": ("occurred_ts",),
    "experience_answer": ("answered_ts",),
}
"""The columns that place a fact table's row in a period (indicators are computed per unit
and period, so these say which values a row feeds)."""


def local_years(column: str) -> str:
    """SQL for the years a row's time falls in locally (two columns): a UTC timestamp
    (``…_ts``) may be anywhere between UTC−12 and UTC+14; a date is local already."""
    if not column.endswith("_ts"):
        return f"year({column}), year({column})"
    return f"year({column} - INTERVAL 12 HOUR), year({column} + INTERVAL 14 HOUR)"


def warehouse_path() -> Path:
    return Path(settings.WAREHOUSE_PATH)


@contextmanager
def connect(
    path: Path | None = None, *, read_only: bool = False, wait_seconds: float = 30.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one unit of work; waits while another process holds the file."""
    path = Path(path or warehouse_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(
                str(path),
                read_only=read_only and path.exists(),
                config={
                    # One budget for everything DuckDB does in this process's connection,
                    # an import's fast path included (it runs on a cursor of it): beyond it,
                    # DuckDB spills to disk or evicts cached blocks rather than grow.
                    "memory_limit": settings.WAREHOUSE_MEMORY_LIMIT,
                    "temp_directory": str(path.parent / f"{path.stem}.tmp"),
                    "preserve_insertion_order": False,
                    # A bulk insert buffers this many row groups per thread before writing
                    # them out (default 5): 1 saves ~40 MB per million rows inserted at no
                    # measurable cost in speed.
                    "write_buffer_row_group_count": 1,
                },
            )
            break
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    try:
        if not read_only:
            ensure_schema(con)
        yield con
    finally:
        con.close()


def has_schema(path: Path | None = None) -> bool:
    """Whether the warehouse file exists with every table of this release (read-only check:
    readers need not take the file for writing just to find it complete)."""
    path = Path(path or warehouse_path())
    if not path.exists():
        return False
    with connect(path, read_only=True) as con:
        found = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        }
    return set(TABLES) <= found


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for name, columns in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
    if not con.execute("SELECT count(*) FROM schema_version").fetchone()[0]:  # type: ignore[index]
        con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])


def column_names(table: str) -> list[str]:
    names = []
    for line in TABLES[table].strip().splitlines():
        line = line.strip().rstrip(",")
        if line and not line.startswith("PRIMARY KEY"):
            names.append(line.split()[0])
    return names


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(target: Path, path: Path | None = None) -> dict[str, int]:
    """Write every table as ``<target>/<table>.parquet`` (for Spark and other readers)."""
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    with connect(path, read_only=True) as con:
        for table in TABLES:
            file = target / f"{table}.parquet"
            con.execute(f"COPY {table} TO {_sql_path(file)} (FORMAT PARQUET)")
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return counts


def import_parquet(source: Path, path: Path | None = None) -> dict[str, int]:
    """Load a Parquet export into the warehouse, replacing rows with the same keys."""
    counts = {}
    with connect(path) as con:
        con.begin()
        try:
            for table in TABLES:
                file = source / f"{table}.parquet"
                if not file.exists():
                    continue
                columns = ", ".join(column_names(table))
                match = " AND ".join(f"t.{k} = s.{k}" for k in KEYS[table])
                con.execute(
                    f"CREATE OR REPLACE TEMP TABLE parquet_rows AS "
                    f"SELECT {columns} FROM read_parquet({_sql_path(file)})"
                )
                con.execute(f"DELETE FROM {table} t USING parquet_rows s WHERE {match}")
                con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM parquet_rows")
                counts[table] = con.execute(
                    f"SELECT count(*) FROM read_parquet({_sql_path(file)})"
                ).fetchone()[0]  # type: ignore[index]
            con.commit()
        except Exception:
            con.rollback()
            raise
    return counts
