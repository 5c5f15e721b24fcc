"""Writes of the warehouse package: imports and unit mappings, permission-checked."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.warehouse.csv_import import MappingError, import_csv, load_mapping
from soteria.warehouse.ingest import ImportOptions, ImportResult, import_fhir
from soteria.warehouse.models import ImportRecord, ImportStatus, UnitMapping
from soteria.warehouse.pseudonymise import Pseudonymiser, load_or_create_key

import_finished = Signal()
"""Sent after an import wrote to the warehouse (``record``): whatever is computed from the
warehouse listens (the indicators recompute what the import touched)."""


def pseudonymiser() -> Pseudonymiser:
    return Pseudonymiser(load_or_create_key(Path(settings.PSEUDONYM_KEY_PATH)))


def _require(actor: Any, unit: OrgUnit) -> None:
    if actor is not None:
        access.require(actor, Action.EDIT, unit)


@transaction.atomic
def import_create(
    *,
    actor: Any,
    unit: OrgUnit,
    source_system: str,
    files: list[dict[str, Any]],
    allow_partial: bool = False,
) -> ImportRecord:
    """Record an import to run (contributors and above on ``unit``)."""
    _require(actor, unit)
    if not source_system.strip():
        raise ValidationError({"source_system": _("Name the system the data comes from.")})
    record = ImportRecord.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        unit=unit,
        source_system=source_system.strip(),
        files=files,
        allow_partial=allow_partial,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=record,
        unit=unit,
        changes=diff({}, snapshot(record)),
    )
    return record


def import_upload(
    *,
    actor: Any,
    unit: OrgUnit,
    source_system: str,
    uploads: list[Any],
    allow_partial: bool = False,
) -> ImportRecord:
    """Keep uploaded files in a private folder and queue their import (returns at once)."""
    _require(actor, unit)
    if not uploads:
        raise ValidationError({"files": _("Choose at least one file.")})
    folder = Path(settings.UPLOAD_DIR) / uuid.uuid4().hex
    folder.mkdir(parents=True, mode=0o700)
    files = []
    for upload in uploads:
        name = Path(upload.name).name or "upload"
        target = folder / name
        with open(target, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        os.chmod(target, 0o600)
        files.append({"name": name, "path": str(target), "size": target.stat().st_size})
    record = import_create(
        actor=actor,
        unit=unit,
        source_system=source_system,
        files=files,
        allow_partial=allow_partial,
    )

    def enqueue() -> None:
        from soteria.warehouse.tasks import run_import

        run_import.enqueue(record.pk)

    transaction.on_commit(enqueue)
    return record


def import_run(
    *,
    record: ImportRecord,
    paths: list[Path],
    on_progress: Callable[[int], None] | None = None,
) -> ImportRecord:
    """Run a recorded import (in the worker, the CLI or a test) and store its report."""
    record.status = ImportStatus.RUNNING
    record.started_at = timezone.now()
    record.save(update_fields=["status", "started_at"])

    def progress(count: int) -> None:
        ImportRecord.objects.filter(pk=record.pk).update(progress=count)
        if on_progress is not None:
            on_progress(count)

    options = ImportOptions(
        source_system=record.source_system,
        scope=record.unit,
        import_id=record.pk,
        allow_partial=record.allow_partial,
        quarantine_dir=Path(settings.QUARANTINE_DIR),
        progress=progress,
        file_names=[f["name"] for f in record.files] if record.files else None,
    )
    try:
        result = _import(paths, options)
    except Exception as error:  # a crash: keep the record honest, then let it surface
        record.status = ImportStatus.FAILED
        record.errors = [
            {
                "file": "",
                "line": None,
                "field": "",
                "reason": f"import stopped: {type(error).__name__}",
            }
        ]
        record.error_count = 1
        record.finished_at = timezone.now()
        record.save()
        raise
    _store_result(record, result)
    if record.status != ImportStatus.FAILED:
        import_finished.send(sender=ImportRecord, record=record)
    return record


def _import(paths: list[Path], options: ImportOptions) -> ImportResult:
    """CSV files (with an optional uploaded .toml mapping) or FHIR files — not both."""
    names = options.file_names or [p.name for p in paths]
    if any(p.is_dir() for p in paths):  # a folder: judge by the files in it
        expanded = [
            (f, f.name)
            for p in paths
            for f in (sorted(p.iterdir()) if p.is_dir() else [p])
            if f.is_file()
        ]
        paths, names = [p for p, _ in expanded], [n for _, n in expanded]
        options.file_names = names
    kinds = {Path(n).suffix.lower() for n in names}
    if ".csv" not in kinds:
        return import_fhir(paths, options, pseudonymiser())
    if kinds - {".csv", ".toml"}:
        return _refused(names, "import CSV files and FHIR files separately")
    tomls = [p for p, n in zip(paths, names, strict=True) if n.lower().endswith(".toml")]
    csvs = [p for p, n in zip(paths, names, strict=True) if n.lower().endswith(".csv")]
    csv_names = [n for n in names if n.lower().endswith(".csv")]
    if len(tomls) > 1:
        return _refused(names, "give at most one mapping file")
    try:
        mapping = load_mapping(tomls[0]) if tomls else load_mapping()
    except MappingError as error:
        return _refused(names, str(error))
    options.file_names = csv_names
    return import_csv(csvs, options, pseudonymiser(), mapping)


def _refused(names: list[str], reason: str) -> ImportResult:
    return ImportResult(
        ok=False,
        written=False,
        counts={},
        errors=[{"file": ", ".join(names), "line": None, "field": "", "reason": reason}],
        error_count=1,
        files=[{"name": n} for n in names],
        skipped_files=[],
    )


def _store_result(record: ImportRecord, result: ImportResult) -> None:
    if result.ok:
        record.status = ImportStatus.SUCCEEDED
    elif result.written:
        record.status = ImportStatus.PARTIAL
    else:
        record.status = ImportStatus.FAILED
    record.counts = result.counts
    record.errors = result.errors
    record.error_count = result.error_count
    record.quarantine_file = result.quarantine_file
    record.replaced_periods = result.replaced
    record.duration_seconds = result.duration_seconds
    record.progress = result.records_read
    paths = {f["name"]: f["path"] for f in record.files if f.get("path")}
    record.files = [
        {**f, **({"path": paths[f["name"]]} if f["name"] in paths else {})} for f in result.files
    ] + [{"name": n, "skipped": True} for n in result.skipped_files]
    record.finished_at = timezone.now()
    record.save()


@transaction.atomic
def mapping_set(
    *, actor: Any, source_system: str, kind: str, identifier: str, unit: OrgUnit
) -> UnitMapping:
    """Say which unit an organisation/location identifier or CSV code stands for."""
    _require(actor, unit)
    mapping = UnitMapping.objects.filter(
        source_system=source_system, kind=kind, identifier=identifier
    ).first()
    before = snapshot(mapping) if mapping else {}
    if mapping is None:
        mapping = UnitMapping(
            source_system=source_system, kind=kind, identifier=identifier, unit=unit
        )
    else:
        _require(actor, mapping.unit)
        mapping.unit = unit
    mapping.full_clean()
    mapping.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=mapping,
        unit=unit,
        changes=diff(before, snapshot(mapping)),
    )
    return mapping


# -- mapping an import's unknown identifiers, then importing its files again ---------------


def import_kept_folder(record: ImportRecord) -> Path | None:
    """The private folder still holding an uploaded import's files, or None.

    Uploaded files are deleted as soon as their import has run (``tasks.run_import``), so
    this is None for nearly every finished web or API import; imports from the command line
    never keep files here.
    """
    if record.status in {ImportStatus.QUEUED, ImportStatus.RUNNING}:
        return None
    paths = [Path(f["path"]) for f in record.files if f.get("path")]
    if not paths:
        return None
    folders = {path.parent for path in paths}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    uploads = Path(settings.UPLOAD_DIR).resolve()
    try:
        if folder.resolve().parent != uploads or folder.is_symlink():
            return None
    except OSError:
        return None
    if not all(path.is_file() and not path.is_symlink() for path in paths):
        return None
    return folder


def _import_again(*, actor: Any, record: ImportRecord) -> ImportRecord | None:
    """Queue a new import of the files ``record`` was uploaded with, if they are still kept.

    The folder is renamed, not copied: the new import owns the files (its worker deletes
    them after the run, as for any upload) and a second attempt finds nothing to re-run.
    """
    folder = import_kept_folder(record)
    if folder is None:
        return None
    moved = folder.with_name(uuid.uuid4().hex)
    try:
        folder.rename(moved)
    except OSError:  # gone meanwhile (the first run's clean-up, a second click)
        return None
    try:
        files = [
            {"name": path.name, "path": str(path), "size": path.stat().st_size}
            for path in sorted(moved.iterdir())
            if path.is_file() and not path.is_symlink()
        ]
        again = import_create(
            actor=actor,
            unit=record.unit,
            source_system=record.source_system,
            files=files,
            allow_partial=record.allow_partial,
        )
    except BaseException:
        moved.rename(folder)
        raise

    def enqueue() -> None:
        from soteria.warehouse.tasks import run_import

        run_import.enqueue(again.pk)

    transaction.on_commit(enqueue)
    return again


@transaction.atomic
def import_map_unknowns(
    *,
    actor: Any,
    record: ImportRecord,
    rows: list[tuple[str, str, OrgUnit]],
    import_again: bool = False,
) -> tuple[list[UnitMapping], ImportRecord | None]:
    """Map identifiers an import did not know — all or nothing — and maybe import again.

    ``rows`` are (kind, identifier, unit) for ``record``'s source system. Every unit must lie
    in the import's subtree (the rule the import itself enforces) and the actor needs the
    contributor role on the import's unit and on every unit chosen. When any row is refused
    nothing is saved and the ValidationError's keys are the positions (``"0"``, ``"1"``…)
    of the refused rows. Returns the saved mappings and, when ``import_again`` and the
    uploaded files are still kept, the new queued import of them (else None).
    """
    _require(actor, record.unit)
    errors: dict[str, list[str]] = {}
    saved: list[UnitMapping] = []
    for position, (kind, identifier, unit) in enumerate(rows):
        key = str(position)
        if not unit.is_descendant_of(record.unit):
            errors[key] = [
                _("%(unit)s is outside %(scope)s, the unit this import is for.")
                % {"unit": unit, "scope": record.unit}
            ]
            continue
        current = UnitMapping.objects.filter(
            source_system=record.source_system, kind=kind, identifier=identifier
        ).first()
        if current is not None and current.unit_id == unit.pk:
            continue  # already so: nothing to write
        if (
            current is not None
            and actor is not None
            and not access.can(actor, Action.EDIT, current.unit)
        ):
            errors[key] = [
                _("Already mapped to %(unit)s, which you may not change.") % {"unit": current.unit}
                if access.can(actor, Action.VIEW, current.unit)
                else _("Already mapped to another unit, which you may not change.")
            ]
            continue
        try:
            saved.append(
                mapping_set(
                    actor=actor,
                    source_system=record.source_system,
                    kind=kind,
                    identifier=identifier,
                    unit=unit,
                )
            )
        except ValidationError as error:
            errors[key] = error.messages
    if errors:
        raise ValidationError(errors)  # rolls back the mappings saved before the refusal
    again = _import_again(actor=actor, record=record) if import_again else None
    return saved, again
