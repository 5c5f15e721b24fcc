"""CSV exports of a hospital information system, mapped by a versioned TOML file.

The mapping (see ``mappings/soteria-default.toml``) names, for each kind of file, the
source column behind each target field; a hospital adapts it to its own export without
code. Files are read line by line (quoted fields may not span lines); every row is
validated, identifiers are pseudonymised, and the import is atomic and idempotent exactly
like the FHIR import (it shares staging, checks, quarantine and upsert with it).
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from soteria.warehouse import fhir, readers, store
from soteria.warehouse.fhir import FieldError
from soteria.warehouse.ingest import (
    Importer,
    ImportOptions,
    ImportResult,
    upsert_staged,
)
from soteria.warehouse.models import MappingKind
from soteria.warehouse.pseudonymise import Pseudonymiser

DEFAULT_MAPPING = Path(__file__).resolve().parent / "mappings" / "soteria-default.toml"
MAPPING_FORMAT = "soteria-csv-mapping"
SUPPORTED_VERSIONS = {1}


@dataclass(frozen=True)
class Target:
    name: str  # key in the mapping's [files.X.columns]
    column: str  # warehouse column
    kind: str  # id:<namespace> | unit | datetime | date | int | str | code:<set>
    required: bool = False


TABLE_TARGETS: dict[str, tuple[Target, ...]] = {
    "ed_arrival": (
        Target("arrival_id", "arrival_key", "id:EDArrival", True),
        Target("encounter_id", "encounter_key", "id:Encounter"),
        Target("patient_id", "patient_key", "id:Patient"),
        Target("unit_code", "unit_id", "unit", True),
        Target("arrival_time", "arrival_ts", "datetime", True),
        Target("triage_time", "triage_ts", "datetime"),
        Target("first_seen_time", "first_seen_ts", "datetime"),
        Target("departure_time", "departure_ts", "datetime"),
        Target("triage_category", "triage_category", "int"),
        Target("disposition", "disposition", "str"),
    ),
    "bed_capacity": (
        Target("unit_code", "unit_id", "unit", True),
        Target("date", "date", "date", True),
        Target("beds", "beds", "int", True),
    ),
    "waiting_list": (
        Target("entry_id", "entry_key", "id:WaitingListEntry", True),
        Target("patient_id", "patient_key", "id:Patient"),
        Target("unit_code", "unit_id", "unit", True),
        Target("specialty", "specialty", "str"),
        Target("listed_on", "listed_on", "date", True),
        Target("removed_on", "removed_on", "date"),
        Target("removal_reason", "removal_reason", "str"),
    ),
    "encounter": (
        Target("encounter_id", "encounter_key", "id:Encounter", True),
        Target("patient_id", "patient_key", "id:Patient", True),
        Target("unit_code", "unit_id", "unit", True),
        Target("class", "class_code", "code:class", True),
        Target("status", "status", "code:status", True),
        Target("start", "start_ts", "datetime", True),
        Target("end", "end_ts", "datetime"),
        Target("admit_source", "admit_source", "str"),
        Target("discharge_disposition", "discharge_disposition", "str"),
        Target("specialty", "service_type", "str"),
    ),
}
CODE_SETS = {"class": fhir.ENCOUNTER_CLASSES, "status": fhir.ENCOUNTER_STATUS}
RESOURCE_NAMES = {
    "ed_arrival": "EDArrival",
    "bed_capacity": "BedCapacity",
    "waiting_list": "WaitingListEntry",
    "encounter": "Encounter",
}


class MappingError(ValueError):
    """The mapping file itself is unusable."""


@dataclass
class FileSpec:
    key: str
    match: str
    table: str
    columns: dict[str, str]  # target name → source column


@dataclass
class Mapping:
    name: str
    version: int
    delimiter: str
    encoding: str
    files: list[FileSpec]
    datetime_format: str | None = None
    date_format: str | None = None
    timezone: str | None = None

    def spec_for(self, file_name: str) -> FileSpec | None:
        for spec in self.files:
            if fnmatch.fnmatch(file_name.lower(), spec.match.lower()):
                return spec
        return None


def load_mapping(path: Path | None = None) -> Mapping:
    path = Path(path or DEFAULT_MAPPING)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"{path.name}: cannot read the mapping ({error})") from error
    if data.get("format") != MAPPING_FORMAT:
        raise MappingError(f"{path.name}: 'format' must be {MAPPING_FORMAT!r}")
    if data.get("version") not in SUPPORTED_VERSIONS:
        raise MappingError(
            f"{path.name}: mapping version {data.get('version')!r} is not "
            f"supported (supported: {sorted(SUPPORTED_VERSIONS)})"
        )
    files = []
    for key, spec in (data.get("files") or {}).items():
        table = spec.get("table")
        if table not in TABLE_TARGETS:
            raise MappingError(
                f"{path.name}: [files.{key}] table {table!r} is unknown; "
                f"choose one of {sorted(TABLE_TARGETS)}"
            )
        columns = spec.get("columns") or {}
        known = {t.name for t in TABLE_TARGETS[table]}
        unknown = set(columns) - known
        if unknown:
            raise MappingError(
                f"{path.name}: [files.{key}.columns] has unknown targets "
                f"{sorted(unknown)}; known: {sorted(known)}"
            )
        missing = [t.name for t in TABLE_TARGETS[table] if t.required and t.name not in columns]
        if missing:
            raise MappingError(f"{path.name}: [files.{key}.columns] must map {missing}")
        files.append(FileSpec(key, spec.get("match", f"{key}*.csv"), table, dict(columns)))
    return Mapping(
        name=data.get("name", path.stem),
        version=data["version"],
        delimiter=data.get("delimiter", ","),
        encoding=data.get("encoding", "utf-8"),
        files=files,
        datetime_format=data.get("datetime_format"),
        date_format=data.get("date_format"),
        timezone=data.get("timezone"),
    )


class CsvImporter(Importer):
    def __init__(
        self, options: ImportOptions, pseudonymiser: Pseudonymiser, con: Any, mapping: Mapping
    ) -> None:
        tables = tuple(dict.fromkeys(spec.table for spec in mapping.files))
        if "encounter" in tables:
            tables = (*tables, "encounter_location")
        super().__init__(options, pseudonymiser, con, tables)
        self.mapping = mapping
        self.zone = (
            dt.datetime.strptime(mapping.timezone, "%z").tzinfo if mapping.timezone else None
        )

    # -- values -----------------------------------------------------------------------------

    def parse(self, target: Target, raw: str, field: str) -> Any:
        value = raw.strip()
        if not value:
            if target.required:
                raise FieldError(field, "required value missing")
            return None
        kind = target.kind
        if kind.startswith("id:"):
            return self.pseudo.pseudonym(kind[3:], value)
        if kind == "unit":
            return self.unit_for_code(value, field)
        if kind == "datetime":
            return self.parse_datetime(value, field)
        if kind == "date":
            return self.parse_date(value, field)
        if kind == "int":
            try:
                return int(value)
            except ValueError:
                raise FieldError(field, f"{value!r} is not a whole number") from None
        if kind.startswith("code:"):
            allowed = CODE_SETS[kind[5:]]
            if value not in allowed:
                raise FieldError(field, f"{value!r} is not one of {', '.join(sorted(allowed))}")
            return value
        return value

    def parse_datetime(self, value: str, field: str) -> dt.datetime:
        fmt = self.mapping.datetime_format
        try:
            parsed = dt.datetime.strptime(value, fmt) if fmt else dt.datetime.fromisoformat(value)
        except ValueError:
            raise FieldError(field, f"malformed date/time {value!r}") from None
        if parsed.tzinfo is None:
            if self.zone is None:
                raise FieldError(
                    field,
                    f"{value!r} has no UTC offset (set 'timezone' in the "
                    f"mapping if the export never writes one)",
                )
            parsed = parsed.replace(tzinfo=self.zone)
        return parsed.astimezone(dt.UTC).replace(tzinfo=None)

    def parse_date(self, value: str, field: str) -> dt.date:
        fmt = self.mapping.date_format
        try:
            return dt.datetime.strptime(value, fmt).date() if fmt else dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError(field, f"malformed date {value!r}") from None

    def unit_for_code(self, code: str, field: str) -> int:
        unit = self.resolver.mappings.get((MappingKind.CODE, code))
        if unit is None:
            unit = self.resolver.by_code.get(code)
        if unit is None:
            raise FieldError(field, f"unknown org unit code {code!r}: map it under Unit mappings")
        self.check_scope(unit, field)
        return unit

    # -- files ------------------------------------------------------------------------------

    def run_csv(self, file_no: int, source: readers.Source) -> None:
        spec = self.mapping.spec_for(source.name)
        if spec is None:
            patterns = ", ".join(s.match for s in self.mapping.files)
            self.note(
                file_no,
                None,
                "?",
                "",
                f"no mapping for this file name (expected one of: {patterns})",
            )
            return
        resource = RESOURCE_NAMES[spec.table]
        targets = [t for t in TABLE_TARGETS[spec.table] if t.name in spec.columns]
        header: list[str] | None = None
        positions: dict[str, int] = {}
        for item in readers.read_ndjson(source.path, encoding=self.mapping.encoding):
            if item.error:
                self.note(file_no, item, resource, "", item.error)
                if header is None:
                    return
                continue
            assert item.text is not None
            cells = next(csv.reader([item.text], delimiter=self.mapping.delimiter))
            if header is None:
                header = [c.strip().lstrip("\ufeff") for c in cells]
                missing = [
                    f"{spec.columns[t.name]!r} (for {t.name})"
                    for t in targets
                    if spec.columns[t.name] not in header
                ]
                if missing:
                    self.note(
                        file_no,
                        item,
                        resource,
                        "",
                        f"missing column(s) {', '.join(missing)}; the file has: "
                        f"{', '.join(header)}",
                    )
                    return
                positions = {t.name: header.index(spec.columns[t.name]) for t in targets}
                continue
            self.records_read += 1
            self.read[resource] += 1
            if self.options.progress and self.records_read % 10_000 == 0:
                self.options.progress(self.records_read)
            if len(cells) != len(header):
                self.note(
                    file_no,
                    item,
                    resource,
                    "",
                    f"{len(cells)} cells where the header has {len(header)}",
                )
                continue
            try:
                row = {
                    t.column: self.parse(t, cells[positions[t.name]], spec.columns[t.name])
                    for t in targets
                }
                self.check_row(spec.table, row, spec.columns)
            except FieldError as problem:
                self.note(file_no, item, resource, problem.field, problem.reason)
                continue
            row.update(
                source_system=self.system,
                import_id=self.options.import_id,
                _file=file_no,
                _line=item.line,
                _offset=item.offset,
                _length=item.length,
            )
            self.staging.add(spec.table, row)
        if header is None:
            self.note(file_no, None, resource, "", "the file is empty")

    def check_row(self, table: str, row: dict[str, Any], columns: dict[str, str]) -> None:
        def after(later: str, earlier: str, target_later: str) -> None:
            if row.get(later) and row.get(earlier) and row[later] < row[earlier]:
                raise FieldError(
                    columns.get(target_later, target_later),
                    f"before {columns.get(earlier, earlier)}",
                )

        if table == "ed_arrival":
            after("triage_ts", "arrival_ts", "triage_time")
            after("first_seen_ts", "arrival_ts", "first_seen_time")
            after("departure_ts", "arrival_ts", "departure_time")
        elif table == "waiting_list":
            after("removed_on", "listed_on", "removed_on")
        elif table == "encounter":
            after("end_ts", "start_ts", "end")
        elif table == "bed_capacity" and row["beds"] < 0:
            raise FieldError(columns["beds"], "cannot be negative")

    def check_duplicates(self) -> None:
        for table in self.staging.rows:
            if table == "encounter_location":
                continue
            keys = ", ".join(store.KEYS[table][1:])
            self.sql_reject(
                f"SELECT _file, _line, _offset, _length FROM stg_{table} WHERE ({keys}) IN "  # noqa: S608
                f"(SELECT ({keys}) FROM stg_{table} GROUP BY {keys} HAVING count(*) > 1) "
                f"ORDER BY _file, _line",
                [],
                RESOURCE_NAMES[table],
                "",
                "the same record appears more than once in this import",
            )


def import_csv(
    paths: list[Path],
    options: ImportOptions,
    pseudonymiser: Pseudonymiser,
    mapping: Mapping | None = None,
    warehouse: Path | None = None,
) -> ImportResult:
    """Import CSV files (or folders of them) atomically; see the module doc."""
    started = time.monotonic()
    mapping = mapping or load_mapping()
    files: list[tuple[Path, str]] = []
    for i, path in enumerate(paths):
        if path.is_dir():
            files.extend((p, p.name) for p in sorted(path.iterdir()) if p.suffix == ".csv")
        else:
            files.append((path, options.file_names[i] if options.file_names else path.name))
    sources = [readers.Source(p, name, "csv", None) for p, name in files]
    for source in sources:
        readers.fingerprint(source)
    with store.connect(warehouse) as con:
        con.begin()
        try:
            importer = CsvImporter(options, pseudonymiser, con, mapping)
            importer.file_names = [s.name for s in sources] or ["—"]
            if not sources:
                importer.note(0, None, "?", "", "no CSV file to import")
            for file_no, source in enumerate(sources):
                importer.run_csv(file_no, source)
            importer.staging.flush()
            importer.check_duplicates()
            importer.apply_rejects()
            failed = importer.error_count > 0
            counts: dict[str, dict[str, int]] = {}
            quarantine = ""
            if failed and not options.allow_partial:
                con.rollback()
                written = False
                for table in importer.staging.rows:
                    if table in RESOURCE_NAMES:
                        name = RESOURCE_NAMES[table]
                        counts[name] = {
                            "read": importer.read.get(name, 0),
                            "inserted": 0,
                            "updated": 0,
                            "unchanged": 0,
                        }
            else:
                quarantine = importer.write_quarantine(sources) if failed else ""
                importer.drop_rejected()
                rejected = dict(
                    con.execute(
                        "SELECT resource_type, count(DISTINCT (_file, _line)) FROM stg_reject "
                        "GROUP BY 1"
                    ).fetchall()
                )
                for table in importer.staging.rows:
                    if table not in RESOURCE_NAMES:
                        continue
                    inserted, updated, unchanged = upsert_staged(con, table, importer.replaced)
                    name = RESOURCE_NAMES[table]
                    counts[name] = {
                        "read": importer.read.get(name, 0),
                        "inserted": inserted,
                        "updated": updated,
                        "unchanged": unchanged,
                        "rejected": rejected.get(name, 0),
                    }
                con.commit()
                written = True
        except BaseException:
            con.rollback()
            raise
    return importer.result(sources, [], written, counts, quarantine, started)
