"""FHIR R4 into the warehouse: validate → pseudonymise → stage → check → upsert, atomically.

One import is one DuckDB transaction. Every record is first *staged* (as Parquet files on
disk, see :class:`Staging`, so memory stays flat however large the files are), then checked
as a whole (duplicate ids, references to patients). If anything was rejected
and the caller did not ask for a partial import, the transaction is rolled back and nothing
is written. Otherwise rejected records are written with their reasons to a private
quarantine file and left out, and the rest is upserted by
``(source_system, key)`` — re-importing the same data changes nothing, a newer version of a
resource replaces the older one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from soteria.organisations.models import OrgUnit
from soteria.warehouse import fastpath, fhir, readers, store
from soteria.warehouse.fhir import FieldError
from soteria.warehouse.models import MappingKind, UnitMapping
from soteria.warehouse.pseudonymise import Pseudonymiser, area_code, birth_year

MAX_REPORTED_ERRORS = 1_000
REJECT_PAGE = 10_000
"""Rejects found by a query are noted this many at a time (see ``Importer.sql_reject``)."""
META_COLUMNS = ("_file", "_line", "_offset", "_length")
STAGED_TABLES = ("organization", "location", "patient", "encounter", "encounter_location")
TYPE_TABLE = {
    "Organization": "organization",
    "Location": "location",
    "Patient": "patient",
    "Encounter": "encounter",
}


@dataclass
class ImportErrorItem:
    file: str
    line: int | None
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "field": self.field, "reason": self.reason}


@dataclass
class ImportResult:
    ok: bool
    written: bool
    counts: dict[str, dict[str, int]]
    errors: list[dict[str, Any]]
    error_count: int
    files: list[dict[str, Any]]
    skipped_files: list[str]
    quarantine_file: str = ""
    duration_seconds: float = 0.0
    records_read: int = 0
    fast_files: list[str] = field(default_factory=list)
    replaced: list[list[int]] = field(default_factory=list)
    """(unit id, year) pairs that rows replaced by this import fed before they changed."""


@dataclass
class ImportOptions:
    source_system: str
    scope: OrgUnit
    import_id: int = 0
    allow_partial: bool = False
    quarantine_dir: Path | None = None
    progress: Callable[[int], None] | None = None
    file_names: list[str] | None = None
    fast: bool = True
    """Let DuckDB read clean NDJSON files itself (see ``fastpath``); False: always Python."""


class UnitResolver:
    """Finds the Soteria unit of an Organization, Location or Encounter of one source."""

    def __init__(self, source_system: str, scope: OrgUnit, con: Any) -> None:
        self.scope = scope
        units = OrgUnit.objects.values_list("pk", "code", "path")
        self.by_code = {code: pk for pk, code, _path in units}
        self.paths = {pk: path for pk, _code, path in units}
        self.codes = {pk: code for pk, code, _path in units}
        self.mappings: dict[tuple[str, str], int] = {
            (kind, identifier): unit_id
            for kind, identifier, unit_id in UnitMapping.objects.filter(
                source_system=source_system
            ).values_list("kind", "identifier", "unit_id")
        }
        self.org_unit: dict[str, int | None] = {}
        self.org_by_ident: dict[str, str] = {}
        self.loc_unit: dict[str, int | None] = {}
        self.loc_by_ident: dict[str, str] = {}
        self.loc_links: dict[str, tuple[str | None, str | None]] = {}
        # Stored Organizations and Locations: today's mappings win over the unit stored
        # with them (it may predate a mapping, or the mapping may have moved).
        for org_id, unit_id, idents in con.execute(
            "SELECT organization_id, unit_id, identifiers FROM organization "
            "WHERE source_system = ?",
            [source_system],
        ).fetchall():
            self.org_unit[org_id] = (
                self.by_identifiers(MappingKind.ORGANIZATION, idents or []) or unit_id
            )
            for ident in idents or []:
                self.org_by_ident[ident] = org_id
        for loc_id, unit_id, idents, part_of, managing in con.execute(
            "SELECT location_id, unit_id, identifiers, part_of, managing_organization "
            "FROM location WHERE source_system = ?",
            [source_system],
        ).fetchall():
            self.loc_unit[loc_id] = (
                self.by_identifiers(MappingKind.LOCATION, idents or []) or unit_id
            )
            self.loc_links[loc_id] = (part_of, managing)
            for ident in idents or []:
                self.loc_by_ident[ident] = loc_id

    def by_identifiers(self, kind: str, idents: list[str]) -> int | None:
        for ident in idents:
            system, _, value = ident.partition("|")
            if system == fhir.SOTERIA_UNIT_SYSTEM and value in self.by_code:
                return self.by_code[value]
            mapped = self.mappings.get((kind, ident))
            if mapped is not None:
                return mapped
        return None

    def add_organization(self, org_id: str, idents: list[str]) -> int | None:
        unit = self.by_identifiers(MappingKind.ORGANIZATION, idents)
        self.org_unit[org_id] = unit
        for ident in idents:
            self.org_by_ident[ident] = org_id
        return unit

    def add_location(
        self, loc_id: str, idents: list[str], part_of: str | None, managing_org: str | None
    ) -> None:
        self.loc_unit[loc_id] = self.by_identifiers(MappingKind.LOCATION, idents)
        self.loc_links[loc_id] = (part_of, managing_org)
        for ident in idents:
            self.loc_by_ident[ident] = loc_id

    def location_unit(self, loc_id: str, seen: frozenset[str] = frozenset()) -> int | None:
        unit = self.loc_unit.get(loc_id)
        if unit is not None or loc_id in seen:
            return unit
        part_of, managing = self.loc_links.get(loc_id, (None, None))
        if part_of:
            unit = self.location_unit(part_of, seen | {loc_id})
        if unit is None and managing:
            unit = self.organization_unit(managing)
        if unit is not None:
            self.loc_unit[loc_id] = unit
        return unit

    def organization_unit(self, org_ref: str) -> int | None:
        """``org_ref``: an Organization id or an identifier ``system|value``."""
        if org_ref in self.org_unit:
            return self.org_unit[org_ref]
        if "|" in org_ref:
            if org_ref in self.org_by_ident:
                return self.org_unit.get(self.org_by_ident[org_ref])
            return self.by_identifiers(MappingKind.ORGANIZATION, [org_ref])
        return None

    def reference_unit(self, ref: fhir.ParsedReference | None) -> int | None:
        if ref is None:
            return None
        if ref.resource_type == "Location":
            if ref.id is not None:
                return self.location_unit(ref.id)
            assert ref.identifier is not None
            loc_id = self.loc_by_ident.get(ref.identifier)
            if loc_id is not None:
                return self.location_unit(loc_id)
            return self.by_identifiers(MappingKind.LOCATION, [ref.identifier])
        return self.organization_unit(ref.id or ref.identifier or "")

    def in_scope(self, unit_id: int) -> bool:
        return self.paths.get(unit_id, "").startswith(self.scope.path)


REFERENCE_TABLES = ("organization", "location")
"""Staged in temporary tables: a few hundred rows, updated in place (``resolve_locations``).
Every other table is staged as Parquet files on disk (see :class:`Staging`)."""


def staging_folder(con: Any) -> Path:
    """A new private folder for one import's staged rows, next to the warehouse file."""
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()[0][0]
    base = Path(path).parent / f"{Path(path).stem}.staging" if path else Path(tempfile.gettempdir())
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(tempfile.mkdtemp(prefix="import-", dir=base))


class Staging:
    """The rows of one import before they are checked as a whole and written.

    Nothing is held in memory. The Python path appends each row, as a line of JSON, to a
    spool file per table; at each :meth:`flush` DuckDB turns the spool into a **Parquet
    part** (one streaming pass). The fast path writes parts itself (:meth:`new_part`,
    :meth:`add_part`). ``stg_<table>`` is a temporary view over a table's parts, so the
    whole-import checks and the upsert read them like tables, streaming from disk — memory
    does not grow with the size of the import. The few Organizations and Locations
    (``REFERENCE_TABLES``) are loaded from their spool into temporary tables instead. All of it
    lives in a private folder next to the warehouse, removed by :meth:`close` (or, at the
    latest, when the object is collected). (Rows never reach DuckDB as Python objects: that
    — ``register()``, ``from_arrow()``, building Arrow arrays — would load pandas, about
    60 MB and 1.5 s, and a batch registered inside the import's transaction stays alive until
    the transaction ends.)
    """

    def __init__(self, con: Any, tables: tuple[str, ...] = STAGED_TABLES) -> None:
        self.con = con
        self.folder = staging_folder(con)
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.folder), True)
        self.rows: dict[str, int] = {}
        """Rows spooled and not yet flushed, per staged table."""
        self.columns: dict[str, list[str]] = {}
        self.types: dict[str, list[tuple[str, str]]] = {}
        self.parts: dict[str, list[Path]] = {}
        self.spools: dict[str, BinaryIO] = {}
        self.longest: dict[str, int] = {}
        """Longest spooled line per table: DuckDB's JSON reader sizes its buffers by it."""
        self._part_no = 0
        self._encoder = msgspec.json.Encoder()
        for table in tables:
            columns = store.column_names(table)
            self.columns[table] = [*columns, *META_COLUMNS]
            name = self._table(table)
            con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {table} LIMIT 0")
            for meta in META_COLUMNS:
                con.execute(f"ALTER TABLE {name} ADD COLUMN {meta} BIGINT")
            self.rows[table] = 0
            self.longest[table] = 0
            self.types[table] = [
                (column, kind)
                for column, kind, *_rest in con.execute(f"DESCRIBE {name}").fetchall()
            ]
            if table not in REFERENCE_TABLES:
                self.parts[table] = []
                self._refresh(table)
        con.execute(
            "CREATE TEMP TABLE stg_reject (_file BIGINT, _line BIGINT, _offset BIGINT, "
            "_length BIGINT, resource_type VARCHAR, field VARCHAR, reason VARCHAR)"
        )

    @staticmethod
    def _table(table: str) -> str:
        """The temporary table: the rows themselves, or (Parquet-staged) only the schema."""
        return f"stg_{table}" if table in REFERENCE_TABLES else f"stg_{table}_schema"

    def _refresh(self, table: str) -> None:
        """(Re)define the view ``stg_<table>`` over the table's Parquet files."""
        columns = ", ".join(f'CAST("{c}" AS {kind}) AS "{c}"' for c, kind in self.types[table])
        parts = self.parts[table]
        source = (
            "read_parquet([" + ", ".join(_sql_string(str(p)) for p in parts) + "])"
            if parts
            else self._table(table)
        )
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW stg_{table} AS SELECT {columns} FROM {source}"
        )

    def select_list(self, table: str, expressions: dict[str, str]) -> str:
        """SQL: ``CAST(expression AS type) AS column`` for every column of ``stg_<table>``,
        in order — what a Parquet part written by SQL must select."""
        return ", ".join(
            f'CAST({expressions[c]} AS {kind}) AS "{c}"' for c, kind in self.types[table]
        )

    def new_part(self, table: str, suffix: str = "parquet") -> Path:
        """A path for a new part of ``table`` (pass it to :meth:`add_part` once written)."""
        self._part_no += 1
        return self.folder / f"{table}-{self._part_no:05d}.{suffix}"

    def add_part(self, table: str, path: Path) -> None:
        self.parts[table].append(path)
        self._refresh(table)

    def add(self, table: str, row: dict[str, Any]) -> None:
        spool = self.spools.get(table)
        if spool is None:
            spool = self.spools[table] = open(  # noqa: SIM115 - closed by flush()/close()
                self.new_part(table, "ndjson"), "wb", buffering=1 << 20
            )
        # The row as it is: DuckDB reads the table's columns by name, a missing one as NULL,
        # and passes over any other key.
        line = self._encoder.encode(row)
        spool.write(line + b"\n")
        self.rows[table] += 1
        self.longest[table] = max(self.longest[table], len(line))

    def flush(self, table: str | None = None) -> None:
        """Make every row added so far visible in ``stg_<table>`` (all tables without
        ``table``)."""
        for name in [table] if table else list(self.spools):
            spool = self.spools.pop(name, None)
            if spool is None:
                continue
            spool.close()
            path = Path(spool.name)
            types = ", ".join(f"\"{c}\": '{kind}'" for c, kind in self.types[name])
            rows = (
                f"SELECT * FROM read_json({_sql_string(str(path))}, format = "
                f"'newline_delimited', columns = {{{types}}}, "
                f"maximum_object_size = {max(self.longest[name] + 1, 1 << 16)})"
            )
            if name in REFERENCE_TABLES:
                self.con.execute(f"INSERT INTO stg_{name} {rows}")
            else:
                part = self.new_part(name)
                self.con.execute(
                    f"COPY ({rows}) TO {_sql_string(str(part))} "
                    f"(FORMAT PARQUET, ROW_GROUP_SIZE {store.PARQUET_ROW_GROUP_ROWS})"
                )
                self.add_part(name, part)
            path.unlink()
            self.rows[name] = self.longest[name] = 0

    def reject(self, items: list[tuple[int, int, int, int, str, str, str]]) -> None:
        if items:
            self.con.executemany("INSERT INTO stg_reject VALUES (?, ?, ?, ?, ?, ?, ?)", items)

    def close(self) -> None:
        """Remove the staged files (the views over them are unusable afterwards)."""
        for spool in self.spools.values():
            spool.close()
        self.spools.clear()
        self._cleanup()


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Importer:
    def __init__(
        self,
        options: ImportOptions,
        pseudonymiser: Pseudonymiser,
        con: Any,
        tables: tuple[str, ...] = STAGED_TABLES,
    ) -> None:
        self.options = options
        self.system = options.source_system
        self.pseudo = pseudonymiser
        self.con = con
        self.resolver = UnitResolver(self.system, options.scope, con)
        self.staging = Staging(con, tables)
        self.errors: list[ImportErrorItem] = []
        self.error_count = 0
        self.pending_rejects: list[tuple[int, int, int, int, str, str, str]] = []
        self.read: dict[str, int] = defaultdict(int)
        self.records_read = 0
        self.replaced: set[tuple[int, int]] = set()
        self.fast_files: list[str] = []
        self.file_names: list[str] = []
        self.fingerprints: readers.Fingerprints | None = None
        self.last_updated_default = None
        self.decoder = fhir.DECODER

    # -- errors -----------------------------------------------------------------------------

    def note(
        self, file_no: int, item: readers.Item | None, resource_type: str, field: str, reason: str
    ) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(
                ImportErrorItem(
                    self.file_names[file_no], item.line if item else None, field, reason
                )
            )
        if item is not None:
            self.pending_rejects.append(
                (file_no, item.line, item.offset, item.length, resource_type, field, reason)
            )
            if len(self.pending_rejects) >= 1000:
                self.staging.reject(self.pending_rejects)
                self.pending_rejects = []

    # -- reading ----------------------------------------------------------------------------

    def line_count(self, file_no: int, source: readers.Source) -> int:
        """Lines of a source, from its fingerprint (waiting for it if it is being computed)."""
        if self.fingerprints is not None:
            self.fingerprints.wait(file_no)
        elif not source.sha256:
            readers.fingerprint(source)
        return source.lines

    def run_source(self, file_no: int, source: readers.Source, phase: set[str] | None) -> None:
        if (
            self.options.fast
            and source.kind == "ndjson"
            and source.resource_type in fastpath.SUPPORTED
            and fastpath.stage_clean_file(self, file_no, source)
        ):
            return
        if source.kind == "ndjson":
            items = readers.read_ndjson(source.path)
        else:
            if phase is not None:  # bundles: referenced resources in a first pass
                items = readers.read_bundle(source.path, only=phase)
            else:
                items = readers.read_bundle(source.path, exclude={"Organization", "Location"})
        expected = source.resource_type
        seen_any = False
        for item in items:
            seen_any = True
            self.records_read += 1
            if self.options.progress and self.records_read % 10_000 == 0:
                self.options.progress(self.records_read)
            kind = expected or "?"
            if item.error:
                self.note(file_no, item, kind, "", item.error)
                continue
            try:
                if item.text is not None:
                    resource = self.decoder.decode(item.text)
                else:
                    resource = msgspec.convert(item.obj, fhir.AnyResource)
            except (msgspec.ValidationError, msgspec.DecodeError) as error:
                problem = fhir.decode_error(error)
                self.note(file_no, item, kind, problem.field, problem.reason)
                continue
            kind = type(resource).__name__
            self.read[kind] += 1
            if expected and kind != expected:
                self.note(
                    file_no,
                    item,
                    kind,
                    "resourceType",
                    f"a {kind} in a file of {expected} resources",
                )
                continue
            try:
                self.stage(file_no, item, resource)
            except FieldError as problem:
                self.note(file_no, item, kind, problem.field, problem.reason)
        if not seen_any and source.kind == "ndjson" and phase is None:
            self.note(file_no, None, expected or "?", "", "the file is empty")

    def stage(self, file_no: int, item: readers.Item, resource: Any) -> None:
        meta = {
            "_file": file_no,
            "_line": item.line,
            "_offset": item.offset,
            "_length": item.length,
        }
        if not resource.id:
            raise FieldError("id", "required field missing")
        last_updated = fhir.parse_instant(
            resource.meta.lastUpdated if resource.meta else None, "meta.lastUpdated"
        )
        base = {
            "source_system": self.system,
            "last_updated": last_updated,
            "import_id": self.options.import_id,
            **meta,
        }
        if isinstance(resource, fhir.Encounter):
            self.stage_encounter(resource, base, meta)
        elif isinstance(resource, fhir.Patient):
            self.stage_patient(resource, base)
        elif isinstance(resource, fhir.Location):
            self.stage_location(resource, base)
        elif isinstance(resource, fhir.Organization):
            self.stage_organization(resource, base)

    def stage_organization(self, org: fhir.Organization, base: dict[str, Any]) -> None:
        idents = fhir.identifiers(org)
        part_of = fhir.parse_reference(org.partOf, "partOf", "Organization")
        unit = self.resolver.add_organization(org.id, idents)
        self.check_scope(unit, "identifier")
        self.staging.add(
            "organization",
            {
                **base,
                "organization_id": org.id,
                "name": org.name,
                "active": org.active,
                "part_of": part_of.id or part_of.identifier if part_of else None,
                "identifiers": idents,
                "unit_id": unit,
            },
        )

    def stage_location(self, loc: fhir.Location, base: dict[str, Any]) -> None:
        idents = fhir.identifiers(loc)
        part_of = fhir.parse_reference(loc.partOf, "partOf", "Location")
        managing = fhir.parse_reference(
            loc.managingOrganization, "managingOrganization", "Organization"
        )
        part_of_id = (
            part_of.id or self.resolver.loc_by_ident.get(part_of.identifier or "")
            if part_of
            else None
        )
        managing_ref = (managing.id or managing.identifier) if managing else None
        self.resolver.add_location(loc.id, idents, part_of_id, managing_ref)
        physical = fhir.first_code(loc.physicalType)
        self.staging.add(
            "location",
            {
                **base,
                "location_id": loc.id,
                "name": loc.name,
                "status": loc.status,
                "physical_type": physical,
                "part_of": part_of_id,
                "managing_organization": managing_ref,
                "identifiers": idents,
                "unit_id": None,  # resolved once every Location of the import is known
            },
        )

    def stage_patient(self, patient: fhir.Patient, base: dict[str, Any]) -> None:
        if patient.gender is not None and patient.gender not in fhir.GENDERS:
            raise FieldError("gender", f"{patient.gender!r} is not an administrative gender")
        born = fhir.parse_instant(patient.birthDate, "birthDate")
        died = fhir.parse_instant(patient.deceasedDateTime, "deceasedDateTime")
        address = patient.address[0] if patient.address else None
        self.staging.add(
            "patient",
            {
                **base,
                "patient_key": self.pseudo.pseudonym("Patient", patient.id),
                "birth_year": born.year if born else birth_year(patient.birthDate),
                "gender": patient.gender,
                "area_code": area_code(address.country, address.postalCode) if address else None,
                "deceased": bool(died) or bool(patient.deceasedBoolean),
                "deceased_month": f"{died:%Y-%m}" if died else None,
            },
        )

    def stage_encounter(
        self, enc: fhir.Encounter, base: dict[str, Any], meta: dict[str, Any]
    ) -> None:
        if enc.status not in fhir.ENCOUNTER_STATUS:
            raise FieldError("status", f"{enc.status!r} is not an encounter status")
        class_code = enc.class_.code
        if class_code not in fhir.ENCOUNTER_CLASSES:
            raise FieldError("class", f"{class_code!r} is not an encounter class we know")
        if enc.class_.system and enc.class_.system != fhir.ENCOUNTER_CLASS_SYSTEM:
            raise FieldError("class.system", f"expected {fhir.ENCOUNTER_CLASS_SYSTEM}")
        subject = fhir.parse_reference(enc.subject, "subject", "Patient")
        if subject is None or subject.id is None:
            raise FieldError("subject", "required: a reference to the Patient (Patient/<id>)")
        period = enc.period or fhir.Period()
        needs_start = enc.status not in {"planned", "cancelled", "entered-in-error"}
        start = fhir.parse_instant(period.start, "period.start", required=needs_start)
        end = fhir.parse_instant(period.end, "period.end")
        if start and end and end < start:
            raise FieldError("period.end", "before period.start")
        stays = []
        unit: int | None = None
        for i, stay in enumerate(enc.location):
            ref = fhir.parse_reference(stay.location, f"location[{i}].location", "Location")
            stay_period = stay.period or fhir.Period()
            s = fhir.parse_instant(stay_period.start, f"location[{i}].period.start")
            e = fhir.parse_instant(stay_period.end, f"location[{i}].period.end")
            if s and e and e < s:
                raise FieldError(f"location[{i}].period.end", "before its period.start")
            if ref is not None and ref.id is not None and ref.id not in self.resolver.loc_unit:
                raise FieldError(
                    f"location[{i}].location",
                    "refers to a Location that is neither in this import nor in the warehouse",
                )
            stay_unit = self.resolver.reference_unit(ref)
            if stay_unit is not None:
                unit = stay_unit
            stays.append((ref, stay.status, s, e, stay_unit))
        provider = fhir.parse_reference(enc.serviceProvider, "serviceProvider", "Organization")
        if (
            provider is not None
            and provider.id is not None
            and (provider.id not in self.resolver.org_unit)
        ):
            raise FieldError(
                "serviceProvider",
                "refers to an Organization that is neither in this import nor in the warehouse",
            )
        if unit is None:
            unit = self.resolver.reference_unit(provider)
        if unit is None:
            where = (provider.id or provider.identifier) if provider else None
            if where:
                raise FieldError(
                    "serviceProvider", f"unknown org unit for {where!r}: map it under Unit mappings"
                )
            raise FieldError("location", self.unmapped_stays_reason([r for r, *_ in stays]))
        self.check_scope(unit, "serviceProvider")
        encounter_key = self.pseudo.pseudonym("Encounter", enc.id)
        hospitalization = enc.hospitalization
        self.staging.add(
            "encounter",
            {
                **base,
                "encounter_key": encounter_key,
                "patient_key": self.pseudo.pseudonym("Patient", subject.id),
                "unit_id": unit,
                "class_code": class_code,
                "status": enc.status,
                "start_ts": start,
                "end_ts": end,
                "admit_source": fhir.first_code(hospitalization.admitSource)
                if hospitalization
                else None,
                "discharge_disposition": fhir.normalise_discharge(
                    fhir.first_code(hospitalization.dischargeDisposition)
                )
                if hospitalization
                else None,
                "service_type": fhir.first_code(enc.serviceType)
                or (fhir.first_code(enc.type[0]) if enc.type else None),
            },
        )
        for seq, (ref, status, s, e, stay_unit) in enumerate(stays):
            self.staging.add(
                "encounter_location",
                {
                    "source_system": self.system,
                    "encounter_key": encounter_key,
                    "seq": seq,
                    "location_id": (ref.id or ref.identifier) if ref else None,
                    "unit_id": stay_unit,
                    "status": status,
                    "start_ts": s,
                    "end_ts": e,
                    **meta,
                },
            )

    def unmapped_stays_reason(self, refs: list[fhir.ParsedReference | None]) -> str:
        """Why an encounter without a service provider has no unit: its locations' identifiers
        (what to map), or that it has no location at all."""
        names = []
        for ref in refs:
            if ref is None:
                continue
            loc_id = ref.id or self.resolver.loc_by_ident.get(ref.identifier or "")
            idents = [i for i, loc in self.resolver.loc_by_ident.items() if loc == loc_id]
            names.append(", ".join(idents) if idents else (ref.id or ref.identifier or ""))
        if not names:
            return "no location or serviceProvider that maps to an org unit"
        return (
            "no location or serviceProvider that maps to an org unit; map one of the "
            f"locations' identifiers under Unit mappings: {'; '.join(dict.fromkeys(names))}"
        )

    def check_scope(self, unit: int | None, field_name: str) -> None:
        if unit is not None and not self.resolver.in_scope(unit):
            raise FieldError(
                field_name,
                f"org unit {self.resolver.codes.get(unit)} is outside "
                f"{self.options.scope.code}, the unit this import is for",
            )

    # -- whole-import checks ----------------------------------------------------------------

    def resolve_locations(self) -> None:
        rows = self.con.execute("SELECT DISTINCT location_id FROM stg_location").fetchall()
        updates = [(self.resolver.location_unit(loc_id), loc_id) for (loc_id,) in rows]
        resolved = [(unit, loc) for unit, loc in updates if unit is not None]
        if resolved:
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE loc_units AS SELECT unnest(?::INTEGER[]) AS unit_id, "
                "unnest(?::VARCHAR[]) AS location_id",
                [[u for u, _ in resolved], [loc for _, loc in resolved]],
            )
            self.con.execute(
                "UPDATE stg_location s SET unit_id = l.unit_id FROM loc_units l "
                "WHERE s.location_id = l.location_id"
            )
        for unit, _loc in updates:
            if unit is not None and not self.resolver.in_scope(unit):
                self.sql_reject(
                    "SELECT _file, _line, _offset, _length FROM stg_location WHERE unit_id = ?",
                    [unit],
                    "Location",
                    "identifier",
                    f"org unit {self.resolver.codes.get(unit)} is outside "
                    f"{self.options.scope.code}",
                )

    def sql_reject(
        self, query: str, params: list[Any], resource_type: str, field_name: str, reason: str
    ) -> None:
        page = REJECT_PAGE
        result = self.con.execute(query, params)
        rows = result.fetchmany(page + 1)
        if len(rows) <= page:  # the usual case: few or none
            result.fetchall()  # (the end of the result)
            for file_no, line, offset, length in rows:
                item = readers.Item(line, offset, length)
                self.note(file_no, item, resource_type, field_name, reason)
            return
        result.complete()
        # Many: noted a page at a time (note() writes to stg_reject, so the rows wait in a
        # temporary table meanwhile, not in a Python list).
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE sql_reject_rows AS SELECT "
            f"row_number() OVER (ORDER BY _file, _line) AS _n, * FROM ({query})",
            params,
        )
        start = 0
        while rows := self.con.execute(
            "SELECT _file, _line, _offset, _length FROM sql_reject_rows "
            "WHERE _n > ? AND _n <= ? ORDER BY _n",
            [start, start + page],
        ).fetchall():
            for file_no, line, offset, length in rows:
                item = readers.Item(line, offset, length)
                self.note(file_no, item, resource_type, field_name, reason)
            start += page

    def check_duplicates(self) -> None:
        for table, resource_type in (
            ("organization", "Organization"),
            ("location", "Location"),
            ("patient", "Patient"),
            ("encounter", "Encounter"),
        ):
            key = store.KEYS[table][1]
            self.sql_reject(
                f"SELECT _file, _line, _offset, _length FROM stg_{table} WHERE {key} IN "
                f"(SELECT {key} FROM stg_{table} GROUP BY {key} HAVING count(*) > 1) "
                f"ORDER BY _file, _line",
                [],
                resource_type,
                "id",
                "the same resource id appears more than once in this import",
            )

    def check_patient_references(self) -> None:
        self.apply_rejects()
        self.sql_reject(
            "SELECT e._file, e._line, e._offset, e._length FROM stg_encounter e "
            "WHERE NOT EXISTS (SELECT 1 FROM stg_patient p WHERE p.patient_key = e.patient_key "
            "  AND NOT EXISTS (SELECT 1 FROM stg_reject r WHERE r._file = p._file "
            "  AND r._line = p._line)) "
            "AND NOT EXISTS (SELECT 1 FROM patient p WHERE p.source_system = ? "
            "  AND p.patient_key = e.patient_key) ORDER BY e._file, e._line",
            [self.system],
            "Encounter",
            "subject",
            "refers to a Patient that is neither in this import nor already in the warehouse",
        )

    def apply_rejects(self) -> None:
        self.staging.reject(self.pending_rejects)
        self.pending_rejects = []

    # -- writing ----------------------------------------------------------------------------

    def drop_rejected(self) -> None:
        """Rejected rows leave the staging tables; the Parquet-staged ones are passed over
        by :func:`upsert_staged` instead."""
        self.apply_rejects()
        for table in self.staging.rows:
            if table in REFERENCE_TABLES:
                self.con.execute(
                    f"DELETE FROM stg_{table} s WHERE EXISTS (SELECT 1 FROM stg_reject r "
                    f"WHERE r._file = s._file AND r._line = s._line)"
                )

    def upsert(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for table in ("organization", "location", "patient", "encounter"):
            inserted, updated, unchanged = upsert_staged(self.con, table, self.replaced)
            kind = {v: k for k, v in TYPE_TABLE.items()}[table]
            counts[kind] = {
                "read": self.read.get(kind, 0),
                "inserted": inserted,
                "updated": updated,
                "unchanged": unchanged,
            }
        rejected = dict(
            self.con.execute(
                "SELECT resource_type, count(DISTINCT (_file, _line)) FROM stg_reject GROUP BY 1"
            ).fetchall()
        )
        for kind in TYPE_TABLE:
            counts.setdefault(
                kind, {"read": self.read.get(kind, 0), "inserted": 0, "updated": 0, "unchanged": 0}
            )
            counts[kind]["rejected"] = rejected.get(kind, 0)
        return counts

    def result(
        self,
        sources: list[readers.Source],
        skipped: list[str],
        written: bool,
        counts: dict[str, dict[str, int]],
        quarantine: str,
        started: float,
    ) -> ImportResult:
        """The report of this import (FHIR and CSV alike)."""
        return ImportResult(
            ok=self.error_count == 0,
            written=written,
            counts=counts,
            errors=[e.as_dict() for e in self.errors],
            error_count=self.error_count,
            files=[s.describe() for s in sources],
            skipped_files=skipped,
            quarantine_file=quarantine,
            duration_seconds=round(time.monotonic() - started, 3),
            records_read=self.records_read,
            fast_files=self.fast_files,
            replaced=[list(pair) for pair in sorted(self.replaced)] if written else [],
        )

    def write_quarantine(self, sources: list[readers.Source]) -> str:
        """Rejected records with their reasons, as NDJSON in a private (0600) file."""
        directory = self.options.quarantine_dir
        if directory is None or not self.error_count:
            return ""
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = directory / f"import-{self.options.import_id or int(time.time())}-rejects.ndjson"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        result = self.con.execute(
            "SELECT _file, _line, any_value(_offset), any_value(_length), "
            "list({'field': field, 'reason': reason}) FROM stg_reject "
            "GROUP BY _file, _line ORDER BY _file, _line"
        )
        # In file and line order, a page at a time. Records without a byte offset (bundle
        # entries, lines staged by DuckDB) are found by reading on in their file.
        reading: tuple[int, Iterator[readers.Item]] | None = None
        ahead: readers.Item | None = None
        with os.fdopen(fd, "wb") as out:
            while batch := result.fetchmany(1_000):
                for file_no, line, offset, length, reasons in batch:
                    source = sources[file_no]
                    record: dict[str, Any] = {
                        "file": source.name,
                        "line": line,
                        "errors": reasons,
                    }
                    bundle = source.kind == "bundle"
                    if not bundle and offset is not None and offset >= 0:
                        raw = readers.read_raw_line(source.path, offset, length)
                        record["record"] = raw.decode("utf-8", errors="replace").rstrip("\n")
                    else:
                        if reading is None or reading[0] != file_no:
                            items = (
                                readers.read_bundle(source.path)
                                if bundle
                                else readers.read_ndjson(source.path)
                            )
                            reading, ahead = (file_no, items), None
                        while ahead is None or ahead.line < line:
                            ahead = next(reading[1], None)
                            if ahead is None:
                                break
                        if ahead is not None and ahead.line == line:
                            record["record"] = ahead.obj if bundle else (ahead.text or "")
                    out.write(msgspec.json.encode(record) + b"\n")
        return str(path)


def upsert_staged(
    con: Any, table: str, replaced: set[tuple[int, int]] | None = None
) -> tuple[int, int, int]:
    """Move ``stg_<table>`` (less its rejected rows) into ``table``: insert new keys, replace
    changed rows unless the stored version is newer. Returns (inserted, updated, unchanged).

    ``replaced`` collects the (unit, year) pairs the replaced rows fed before they changed:
    a corrected record may have moved to another unit or year, which leaves values there
    to recompute too.

    Nothing is copied in memory: one pass counts what is new, changed and unchanged. A first
    import (everything new) then inserts the staged rows, streaming; otherwise the keys of the
    rows to write (only the keys) are set aside in ``write_<table>``.
    """
    keys = store.KEYS[table]
    match = " AND ".join(f"t.{k} = s.{k}" for k in keys)
    same = " AND ".join(
        f"s.{c} IS NOT DISTINCT FROM t.{c}"
        for c in store.column_names(table)
        if c not in {"import_id", "last_updated", *keys}
    )
    kept = "NOT EXISTS (SELECT 1 FROM stg_reject r WHERE r._file = s._file AND r._line = s._line)"
    new = f"t.{keys[1]} IS NULL"
    changed = (
        f"(t.{keys[1]} IS NOT NULL AND NOT ({same}) AND (s.last_updated IS NULL "
        f"OR t.last_updated IS NULL OR s.last_updated >= t.last_updated))"
    )
    joined = f"FROM stg_{table} s LEFT JOIN {table} t ON {match} WHERE {kept}"
    staged, inserted, updated = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {new}), count(*) FILTER (WHERE {changed}) "
        f"{joined}"
    ).fetchall()[0]
    if not inserted + updated:
        return 0, 0, staged  # nothing new: a re-import
    columns = ", ".join(store.column_names(table))
    loc_columns = ", ".join(store.column_names("encounter_location"))
    if inserted == staged:
        chosen = kept  # all of it
    else:
        key_columns = ", ".join(f"s.{k}" for k in keys)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE write_{table} AS SELECT {key_columns}, "
            f"t.{keys[1]} IS NOT NULL AS existed {joined} AND ({new} OR {changed})"
        )
        chosen = (
            f"{kept} AND EXISTS (SELECT 1 FROM write_{table} w WHERE "
            + " AND ".join(f"w.{k} = s.{k}" for k in keys)
            + ")"
        )
        if updated:
            if replaced is not None:
                replaced.update(_replaced_periods(con, table, match))
            con.execute(f"DELETE FROM {table} t USING write_{table} s WHERE {match} AND s.existed")
            if table == "encounter":
                con.execute(
                    "DELETE FROM encounter_location t USING write_encounter s WHERE s.existed "
                    "AND t.source_system = s.source_system AND t.encounter_key = s.encounter_key"
                )
    if table == "encounter":
        # a stay shares its encounter's _file and _line, so ``chosen`` picks both alike
        con.execute(
            f"INSERT INTO encounter_location ({loc_columns}) SELECT {loc_columns} "
            f"FROM stg_encounter_location s WHERE {chosen}"
        )
    con.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM stg_{table} s WHERE {chosen}"
    )
    return inserted, updated, staged - inserted - updated


def _replaced_periods(con: Any, table: str, match: str) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for column in store.PERIOD_COLUMNS.get(table, ()):
        rows = con.execute(
            f"SELECT DISTINCT t.unit_id, {store.local_years('t.' + column)} "
            f"FROM {table} t JOIN write_{table} s ON {match} AND s.existed "
            f"WHERE t.unit_id IS NOT NULL AND t.{column} IS NOT NULL"
        ).fetchall()
        found.update((int(unit), int(year)) for unit, *years in rows for year in years)
    return found


def import_fhir(
    paths: list[Path],
    options: ImportOptions,
    pseudonymiser: Pseudonymiser,
    warehouse: Path | None = None,
) -> ImportResult:
    """Import FHIR NDJSON files, Bundles or folders of them, atomically (see module doc)."""
    started = time.monotonic()
    sources, skipped = readers.discover(paths, options.file_names)
    # Sizes, SHA-256 and line counts are computed meanwhile, by a background thread.
    with readers.Fingerprints(sources) as fingerprints, store.connect(warehouse) as con:
        con.begin()
        importer: Importer | None = None
        try:
            importer = Importer(options, pseudonymiser, con)
            importer.fingerprints = fingerprints
            importer.file_names = [s.name for s in sources]
            if not sources:
                importer.file_names = ["—"]
                importer.note(0, None, "?", "", "no FHIR NDJSON or Bundle file to import")
            referenced = {"Organization", "Location"}
            bundles: set[int] = set()
            for file_no, source in enumerate(sources):
                if source.kind == "bundle":
                    kind = readers.bundle_type(source.path)[0]
                    if kind != "Bundle":
                        importer.note(
                            file_no, None, "?", "resourceType", f"expected a Bundle, found {kind!r}"
                        )
                        continue
                    bundles.add(file_no)
                    importer.run_source(file_no, source, referenced)
            for file_no, source in enumerate(sources):
                if source.kind == "ndjson" and source.resource_type in referenced:
                    importer.run_source(file_no, source, None)
            importer.staging.flush()
            importer.resolve_locations()
            for file_no, source in enumerate(sources):
                later = (
                    file_no in bundles
                    if source.kind == "bundle"
                    else source.resource_type not in referenced
                )
                if later:
                    importer.run_source(file_no, source, None)
            importer.staging.flush()
            fingerprints.wait_all()
            importer.check_duplicates()
            importer.check_patient_references()
            importer.apply_rejects()
            failed = importer.error_count > 0
            if failed and not options.allow_partial:
                con.rollback()
                counts = {
                    kind: {
                        "read": importer.read.get(kind, 0),
                        "inserted": 0,
                        "updated": 0,
                        "unchanged": 0,
                    }
                    for kind in TYPE_TABLE
                }
                written = False
                quarantine = ""
            else:
                quarantine = importer.write_quarantine(sources) if failed else ""
                importer.drop_rejected()
                counts = importer.upsert()
                con.commit()
                written = True
        except BaseException:
            con.rollback()
            raise
        finally:
            if importer is not None:
                importer.staging.close()
    assert importer is not None
    return importer.result(sources, skipped, written, counts, quarantine, started)
