"""Moving answers into the warehouse (``experience_answer``), in the background.

A queued task (:func:`soteria.experience.tasks.sync_answers_task`) takes the answers not yet
in the warehouse in batches, upserts them by their key (so a repeated run changes nothing),
marks them synced and queues the indicator recomputation of the (organisation, year)s they
fall in — the way a warehouse import does. Requests never write DuckDB.

Each answer becomes one row: ``score`` 0–100 (None for multiple choice), ``positive`` the
top box (FFT: very good or good), ``negative`` the bottom box (FFT: poor or very poor),
``dont_know`` for "don't know"/"not relevant".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from soteria.experience.models import Answer

SOURCE_SYSTEM = "soteria-experience"
BATCH = 5000

_SCHEMA = pa.schema(
    [
        ("source_system", pa.string()),
        ("answer_key", pa.string()),
        ("unit_id", pa.int32()),
        ("answered_ts", pa.timestamp("us")),
        ("survey_code", pa.string()),
        ("question_code", pa.string()),
        ("score", pa.float64()),
        ("positive", pa.bool_()),
        ("negative", pa.bool_()),
        ("dont_know", pa.bool_()),
    ]
)


@dataclass
class SyncResult:
    answers: int = 0
    units: set[int] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    run_id: int | None = None


def answer_key(answer_id: int) -> str:
    return f"answer-{answer_id}"


def _utc_naive(value: dt.datetime) -> dt.datetime:
    if timezone.is_aware(value):
        value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None)


_FIELDS = (
    "pk",
    "response__unit_id",
    "response__submitted_at",
    "response__survey__code",
    "question__code",
    "score",
    "positive",
    "negative",
    "excluded",
)


def _rows(answers: list[tuple[Any, ...]]) -> pa.Table:
    """Warehouse rows from ``Answer`` value tuples (the fields of ``_FIELDS``)."""
    columns: dict[str, list[Any]] = {name: [] for name in _SCHEMA.names}
    for pk, unit_id, submitted_at, survey_code, question_code, score, pos, neg, excl in answers:
        columns["source_system"].append(SOURCE_SYSTEM)
        columns["answer_key"].append(answer_key(pk))
        columns["unit_id"].append(unit_id)
        columns["answered_ts"].append(_utc_naive(submitted_at))
        columns["survey_code"].append(survey_code)
        columns["question_code"].append(question_code)
        columns["score"].append(score)
        columns["positive"].append(pos)
        columns["negative"].append(neg)
        columns["dont_know"].append(excl)
    return pa.table(columns, schema=_SCHEMA)


def _write(table: pa.Table) -> None:
    from soteria.warehouse import store

    names = ", ".join(_SCHEMA.names)
    with store.connect() as con:
        con.begin()
        try:
            con.register("experience_batch", table)
            con.execute(
                "DELETE FROM experience_answer t USING experience_batch s "
                "WHERE t.source_system = s.source_system AND t.answer_key = s.answer_key"
            )
            con.execute(
                f"INSERT INTO experience_answer ({names}) SELECT {names} FROM experience_batch"  # noqa: S608 (fixed column names)
            )
            con.unregister("experience_batch")
            con.commit()
        except BaseException:
            con.rollback()
            raise


def _local_years(ts: dt.datetime) -> set[int]:
    """The years a UTC time may fall in locally (UTC−12 … UTC+14), as the importer counts."""
    return {(ts - dt.timedelta(hours=12)).year, (ts + dt.timedelta(hours=14)).year}


def sync_answers(*, batch: int = BATCH, recompute: bool = True) -> SyncResult:
    """Move every unsynced answer to the warehouse; queue the recomputation it calls for."""
    result = SyncResult()
    while True:
        answers = list(
            Answer.objects.filter(synced_at__isnull=True)
            .order_by("pk")
            .values_list(*_FIELDS)[:batch]
        )
        if not answers:
            break
        _write(_rows(answers))
        Answer.objects.filter(pk__in=[a[0] for a in answers]).update(synced_at=timezone.now())
        result.answers += len(answers)
        for _pk, unit_id, submitted_at, *_rest in answers:
            result.units.add(unit_id)
            result.years |= _local_years(_utc_naive(submitted_at))
    if recompute and result.units:
        result.run_id = _queue_recompute(result.units, result.years)
    return result


def _queue_recompute(units: set[int], years: set[int]) -> int:
    from soteria.indicators.models import ComputeRun
    from soteria.indicators.services import affected_scope

    run = ComputeRun.objects.create(
        scope=affected_scope(units, years), backend=settings.INDICATOR_BACKEND
    )

    def enqueue() -> None:
        from soteria.indicators.tasks import compute_indicators

        compute_indicators.enqueue(run.pk)

    transaction.on_commit(enqueue)
    return run.pk


def sync_soon() -> None:
    """Queue a sync once the current transaction commits (after a response or an import)."""

    def enqueue() -> None:
        from soteria.experience.tasks import sync_answers_task

        sync_answers_task.enqueue()

    transaction.on_commit(enqueue)
