"""Writes to indicators: definitions (audited, versioned) and computed values."""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.indicators import engine, periods
from soteria.indicators.definitions import (
    compile_definition,
    database_resolver,
    definition_fields,
    read_standard_files,
    spc_chart_kind,
    validate_definition,
)
from soteria.indicators.measures import Resolver
from soteria.indicators.models import (
    ComputeRun,
    IndicatorDefinition,
    IndicatorValue,
    NoValueReason,
    RunStatus,
    Source,
    values_stored,
)
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

log = logging.getLogger(__name__)
BATCH = 5000


def _require_definition_admin(actor: Any, owner: OrgUnit | None) -> None:
    """Standard definitions: platform administrators; others: administrators of the owner."""
    if actor is None:
        return
    if owner is None:
        if not getattr(actor, "is_superuser", False):
            raise PermissionDenied
        return
    access.require(actor, Action.ADMINISTER, owner)


@transaction.atomic
def definition_save(
    actor: Any,
    definition: IndicatorDefinition,
    fields: dict[str, Any],
    *,
    resolve: Resolver | None = None,
) -> IndicatorDefinition:
    """Create or change a definition; a new formula makes a new version."""
    creating = definition.pk is None
    if not creating:
        definition = IndicatorDefinition.objects.select_for_update().get(pk=definition.pk)
    _require_definition_admin(actor, fields.get("owner", definition.owner))
    before = {} if creating else snapshot(definition)
    old_formula = None if creating else definition.formula()
    for name, value in fields.items():
        setattr(definition, name, value)
    if definition.standard and definition.owner is not None:
        raise ValidationError({"owner": ["Standard indicators belong to no organisation."]})
    compiled = validate_definition(definition, resolve)
    definition.spc_chart = spc_chart_kind(definition, compiled)
    new_formula = not creating and definition.formula() != old_formula
    if new_formula:
        definition.version += 1
    definition.save()
    if new_formula and definition.source == Source.MANUAL:
        from soteria.indicators.manual import manual_publish

        manual_publish(definition)
    after = snapshot(definition)
    changes = diff(before, after)
    if creating or changes:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            instance=definition,
            changes=changes,
            unit=definition.owner,
        )
    return definition


@transaction.atomic
def standard_set_load(directory: Path | None = None) -> dict[str, int]:
    """Bring the standard definitions in line with the files (idempotent)."""
    entries = read_standard_files(directory) if directory else read_standard_files()
    pending = {
        e["code"]: {"numerator": e.get("numerator"), "denominator": e.get("denominator")}
        for e in entries
    }
    resolve = database_resolver(pending)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for entry in entries:
        fields = definition_fields(entry)
        definition = IndicatorDefinition.objects.filter(code=entry["code"]).first()
        if definition is None:
            definition = IndicatorDefinition(code=entry["code"], standard=True)
        elif not definition.standard:
            raise ValidationError(f"{entry['code']}: a custom indicator already uses this code.")
        current = {name: getattr(definition, name) for name in fields} if definition.pk else None
        if current == fields:
            counts["unchanged"] += 1
            continue
        counts["created" if definition.pk is None else "updated"] += 1
        definition_save(None, definition, fields, resolve=resolve)
    return counts


# --- computing ----------------------------------------------------------------------


def _window(backend: engine.Backend) -> tuple[date, date, date] | None:
    """First and last month with data, and the day open stays are counted up to."""
    bounds = []
    for table, column in (
        ("encounter", "start_ts"),
        ("encounter", "end_ts"),
        ("ed_arrival", "arrival_ts"),
        ("bed_capacity", "date"),
        ("incident", "occurred_ts"),
        ("experience_answer", "answered_ts"),
    ):
        t = backend.table(table)
        row = backend.execute(t.aggregate(lo=t[column].min(), hi=t[column].max())).to_pylist()[0]
        for value in (row["lo"], row["hi"]):
            if value is not None:
                bounds.append(value.date() if isinstance(value, datetime) else value)
    if not bounds:
        return None
    # a day's margin each side: local time is up to 14 hours from UTC
    first, last = min(bounds) - timedelta(days=1), max(bounds) + timedelta(days=1)
    today = timezone.now().date()
    last = min(last, today)
    return first.replace(day=1), last.replace(day=1), min(last + timedelta(days=1), today)


def _open_backend(name: str, stack: Any) -> engine.IbisBackend:
    from soteria.warehouse import store

    if not store.has_schema():
        with store.connect():  # creates tables a warehouse from an older release lacks
            pass
    if name == "spark":
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="soteria-spark-")))
        store.export_parquet(folder)
        return stack.enter_context(engine.spark_backend(folder))
    return stack.enter_context(engine.duckdb_backend())


def compute_run(
    run: ComputeRun,
    *,
    as_of: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ComputeRun:
    """Compute every active computed indicator for the run's scope and store the values.

    ``scope`` is ``{}`` (everything) or ``{"roots": [unit ids], "years": [2026, …]}``: the
    organisations and years an import touched. Values in the scope are replaced in one
    transaction; a failure leaves the stored values as they were.
    """
    from contextlib import ExitStack

    started = time.perf_counter()
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        definitions = list(
            IndicatorDefinition.objects.filter(active=True, source=Source.COMPUTED).select_related(
                "owner"
            )
        )
        resolve = database_resolver()
        compiled, versions, ids = [], {}, {}
        for d in definitions:
            compiled.append(compile_definition(d, resolve))
            versions[d.code], ids[d.code] = d.version, d.pk
        units = OrgUnit.objects.all()
        roots = run.scope.get("roots")
        if roots:
            within = Q()
            for root in roots:
                within |= Q(path__startswith=f"/{int(root)}/")
            units = units.filter(within)
        tree = engine.Tree.from_paths(units.values_list("pk", "path"))
        unit_ids = {pk for pk, _ in tree.pairs}
        with ExitStack() as stack:
            backend = _open_backend(run.backend, stack)
            window = _window(backend)
            results: list[engine.Result] = []
            if window and tree.pairs and compiled:
                first, last, default_as_of = window
                as_of = as_of or default_as_of
                last = max(last, (as_of - timedelta(days=1)).replace(day=1))
                years = run.scope.get("years")
                if years:
                    first = max(first, date(min(years), 1, 1))
                    last = min(last, date(max(years), 12, 1))
                if first <= last:

                    def tick(done: int, total: int) -> None:
                        ComputeRun.objects.filter(pk=run.pk).update(progress=done, total=total)
                        if progress:
                            progress(done, total)

                    zones = dict(units.values_list("pk", "time_zone"))
                    results = engine.compute(
                        compiled, backend, tree, first, last, as_of, tick, zones=zones
                    )
        results = _within_owners(results, definitions, dict(units.values_list("pk", "path")))
        run.values_written = _store(
            _suppress_small(results, definitions),
            ids,
            versions,
            unit_ids,
            run.scope.get("years"),
            as_of or date.max,
        )
        run.status = RunStatus.SUCCEEDED
    except Exception as error:
        log.exception("indicator computation %s failed", run.pk)
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
    run.finished_at = timezone.now()
    run.duration_seconds = time.perf_counter() - started
    run.save()
    return run


def _within_owners(
    results: list[engine.Result],
    definitions: list[IndicatorDefinition],
    paths: dict[int, str],
) -> list[engine.Result]:
    """An organisation's own indicators have values only for its own units."""
    owned = {d.code: d.owner.path for d in definitions if d.owner_id and d.owner}
    if not owned:
        return results
    return [
        r
        for r in results
        if r.code not in owned or paths.get(r.unit_id, "").startswith(owned[r.code])
    ]


SUPPRESSED_FACTS = {"experience"}
"""Facts whose small counts are never stored: patients' answers (``SOTERIA_MIN_CELL``)."""


def min_cell() -> int:
    """Answers below which a patient-experience figure is suppressed (default 5)."""
    return int(getattr(settings, "SOTERIA_MIN_CELL", 5))


def counts_answers(definition: IndicatorDefinition) -> bool:
    measures = (definition.numerator or {}, definition.denominator or {})
    return any(m.get("fact") in SUPPRESSED_FACTS for m in measures)


def _suppress_small(
    results: Iterable[engine.Result], definitions: Iterable[IndicatorDefinition]
) -> Iterator[engine.Result]:
    """Patient-experience values resting on fewer than :func:`min_cell` answers (the
    denominator's count, or the numerator's for a count) are stored without a value,
    numerator or denominator, with the reason ``too_few``: no page, export or comparison
    can show them. Units above them are computed from the answers themselves, so they keep
    their values when they have enough."""
    guarded = {d.code for d in definitions if counts_answers(d)}
    k = min_cell()
    for r in results:
        if r.code in guarded:
            n = r.denominator if r.denominator is not None else r.numerator
            if n is not None and 0 < n < k:
                r = dataclasses.replace(
                    r, value=None, numerator=None, denominator=None,
                    reason=NoValueReason.TOO_FEW.value,
                )  # fmt: skip
        yield r


@transaction.atomic
def _store(
    results: Iterable[engine.Result],
    ids: dict[str, int],
    versions: dict[str, int],
    unit_ids: set[int],
    years: list[int] | None,
    as_of: date,
) -> int:
    """Replace the scope's values; a period that ends after ``as_of`` is marked partial."""
    stale = IndicatorValue.objects.filter(definition_id__in=ids.values(), unit_id__in=unit_ids)
    if years:
        stale = stale.filter(period_start__year__in=years)
    stale.delete()
    now = timezone.now()
    rows = []
    written = 0
    for r in results:
        period = periods.parse(r.period)
        rows.append(
            IndicatorValue(
                definition_id=ids[r.code],
                unit_id=r.unit_id,
                period=r.period,
                period_type=period.type.value,
                period_start=period.start,
                numerator=r.numerator,
                denominator=r.denominator,
                value=r.value,
                no_value_reason=r.reason,
                definition_version=versions[r.code],
                computed_at=now,
                partial=period.end > as_of,
            )
        )
        if len(rows) >= BATCH:
            IndicatorValue.objects.bulk_create(rows)
            written += len(rows)
            rows = []
    IndicatorValue.objects.bulk_create(rows)
    written += len(rows)
    values_stored.send(
        sender=IndicatorValue,
        definition_ids=set(ids.values()),
        unit_ids=set(unit_ids),
        count=written,
    )
    return written


def compute_request(
    actor: Any, *, scope: dict[str, Any] | None = None, backend: str | None = None
) -> ComputeRun:
    """Record a computation to run (the caller enqueues it or runs it at once)."""
    if actor is not None and not getattr(actor, "is_superuser", False):
        from soteria.indicators.selectors import roots_managed_by

        roots = (scope or {}).get("roots")
        allowed = {root.pk for root in roots_managed_by(actor)}
        if not roots or not set(roots) <= allowed:
            raise PermissionDenied
    return ComputeRun.objects.create(
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        scope=scope or {},
        backend=backend or settings.INDICATOR_BACKEND,
    )


def affected_scope(unit_ids: Iterable[int], years: Iterable[int]) -> dict[str, Any]:
    """The scope an import touching these units and years makes stale."""
    roots = sorted(
        {u.root_id for u in OrgUnit.objects.filter(pk__in=set(unit_ids)).only("pk", "path")}
    )
    return {"roots": roots, "years": sorted(set(years))}


def import_scope(record: Any) -> dict[str, Any] | None:
    """The organisations and years whose values an import's rows feed (None: no rows): where
    its rows are now, and where the records it corrected were before."""
    from soteria.warehouse import store

    units: set[int] = set()
    years: set[int] = set()
    for unit_id, year in record.replaced_periods or ():
        units.add(int(unit_id))
        years.add(int(year))
    with store.connect(read_only=True) as con:
        for table, columns in store.PERIOD_COLUMNS.items():
            for column in columns:
                rows = con.execute(
                    f"SELECT DISTINCT unit_id, {store.local_years(column)} "  # noqa: S608
                    f"FROM {table} WHERE import_id = ? AND {column} IS NOT NULL",
                    [record.pk],
                ).fetchall()
                for unit_id, *row_years in rows:
                    units.add(int(unit_id))
                    years.update(int(year) for year in row_years)
    if not units:
        return None
    return affected_scope(units, years)


def compute_after_import(record: Any) -> ComputeRun | None:
    """A queued computation of what the import changed, or None if it changed nothing.

    The scope is read from the rows the import wrote (stays count in the years they start
    and end in) and from where the records it corrected counted before. Whole organisations
    and years are recomputed, not single units and months: quarters, half-years and the year
    roll up from every month, distinct counts and percentiles need all of the period's rows,
    and a readmission links stays in different departments of an organisation.
    """
    counts = record.counts or {}
    changed = sum(
        int(c.get("inserted", 0)) + int(c.get("updated", 0))
        for c in counts.values()
        if isinstance(c, dict)
    )
    if counts and not changed:
        return None
    scope = import_scope(record)
    if scope is None:
        return None
    return ComputeRun.objects.create(scope=scope, backend=settings.INDICATOR_BACKEND)
