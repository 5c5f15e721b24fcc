"""Compile indicator definitions to Ibis and compute them on DuckDB or Spark.

How a computation runs:

1. Every definition's numerator and denominator become :class:`~.measures.Measure`\\ s.
   Identical measures (the count of discharges is the denominator of several indicators)
   are computed once.
2. Per fact, *additive* measures (counts and sums) are aggregated per unit × month, then
   rolled up in the same query to every ancestor unit and to quarters, half-years and years
   by **summing** — ratios are never averaged. *Non-additive* measures (distinct counts and
   percentiles) are computed from the rows again at every level: the fact is joined to the
   unit → ancestor and month → period bridges and aggregated per ancestor × period.
3. In Python, each (unit, period) gets numerator, denominator and value =
   numerator × multiplier ÷ denominator; a zero or missing denominator gives *no value* with
   the reason, never an exception or infinity.

The backend is a setting (``SOTERIA_INDICATOR_BACKEND``): ``duckdb`` reads the warehouse
file; ``spark`` reads a Parquet export of it (:func:`soteria.warehouse.store.export_parquet`)
with pyspark in local mode. Both run the very same Ibis expressions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from soteria.indicators import periods
from soteria.indicators.facts import FACTS, Source
from soteria.indicators.measures import Measure

NO_ROWS = "no_rows"
ZERO_DENOMINATOR = "zero_denominator"
NO_DENOMINATOR = "no_denominator"


@dataclass(frozen=True)
class Compiled:
    """A definition ready to compute."""

    code: str
    numerator: Measure
    denominator: Measure | None = None
    multiplier: float = 1.0


@dataclass(frozen=True)
class Result:
    code: str
    unit_id: int
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    reason: str = ""


class Backend(Protocol):
    name: str

    def table(self, name: str) -> ir.Table: ...

    def execute(self, expr: ir.Table) -> pa.Table: ...


class IbisBackend:
    def __init__(self, name: str, con: Any) -> None:
        self.name = name
        self.con = con

    def table(self, name: str) -> ir.Table:
        return self.con.table(name)

    def execute(self, expr: ir.Table) -> pa.Table:
        return self.con.to_pyarrow(expr)


@contextmanager
def duckdb_backend(path: Path | None = None) -> Iterator[IbisBackend]:
    """The embedded warehouse, read-only."""
    from soteria.warehouse import store

    with store.connect(path, read_only=True) as con:
        yield IbisBackend("duckdb", ibis.duckdb.from_connection(con))


def spark_session(master: str | None = None, *, shuffle_partitions: int = 8) -> Any:
    """A local Spark session (Java 17 from the machine), quiet and without a web UI."""
    from django.conf import settings
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(master or settings.SPARK_MASTER)
        .appName("soteria-indicators")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.driver.memory", "2g")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


@contextmanager
def spark_backend(parquet_dir: Path, session: Any = None) -> Iterator[IbisBackend]:
    """Spark (local mode) over a Parquet export of the warehouse."""
    session = session or spark_session()
    for file in sorted(Path(parquet_dir).glob("*.parquet")):
        session.read.parquet(str(file)).createOrReplaceTempView(file.stem)
    yield IbisBackend("spark", ibis.pyspark.connect(session))


# --- expressions ---------------------------------------------------------------------


def _condition(table: ir.Table, measure: Measure) -> ir.BooleanValue | None:
    conditions = []
    for f in measure.filters:
        column = table[f.column]
        if f.op == "eq":
            conditions.append(column == f.value)
        elif f.op == "ne":
            conditions.append((column != f.value).fill_null(True))
        elif f.op == "in":
            conditions.append(column.isin(list(f.value)))
        elif f.op == "not_in":
            conditions.append((~column.isin(list(f.value))).fill_null(True))
        elif f.op == "lt":
            conditions.append(column < f.value)
        elif f.op == "le":
            conditions.append(column <= f.value)
        elif f.op == "gt":
            conditions.append(column > f.value)
        elif f.op == "ge":
            conditions.append(column >= f.value)
        elif f.op == "is_true":
            conditions.append(column.fill_null(False))
        elif f.op == "is_false":
            conditions.append(~column.fill_null(True))
        elif f.op == "is_null":
            conditions.append(column.isnull())
        elif f.op == "not_null":
            conditions.append(column.notnull())
    if measure.column is not None and measure.aggregate != "count":
        conditions.append(table[measure.column].notnull())
    if not conditions:
        return None
    out = conditions[0]
    for c in conditions[1:]:
        out = out & c
    return out.fill_null(False)


def _aggregate(table: ir.Table, measure: Measure) -> ir.Scalar:
    where = _condition(table, measure)
    if measure.aggregate == "count":
        return table.count(where=where)
    column = table[measure.column]
    if measure.aggregate == "sum":
        return column.sum(where=where).coalesce(0)
    if measure.aggregate == "count_distinct":
        return column.nunique(where=where)
    return column.quantile(measure.q, where=where)


@dataclass(frozen=True)
class Tree:
    """Units to compute for: ``(unit_id, ancestor_id)`` for each unit and every ancestor
    (itself included)."""

    pairs: tuple[tuple[int, int], ...]

    @classmethod
    def from_paths(cls, units: Iterable[tuple[int, str]]) -> Tree:
        pairs = []
        for unit_id, path in units:
            for part in path.strip("/").split("/"):
                if part:
                    pairs.append((unit_id, int(part)))
        return cls(tuple(pairs))

    def bridge(self) -> ir.Table:
        return ibis.memtable(
            {"b_unit": [p[0] for p in self.pairs], "b_ancestor": [p[1] for p in self.pairs]},
            schema={"b_unit": "int64", "b_ancestor": "int64"},
        )


def _period_bridge(first: date, last: date) -> ir.Table:
    months, codes = [], []
    for month in periods.months_between(first, last):
        for period in periods.containing(month):
            months.append(month.start)
            codes.append(period.code)
    return ibis.memtable(
        {"p_month": months, "p_code": codes}, schema={"p_month": "date", "p_code": "string"}
    )


def fact_queries(
    fact_table: ir.Table, measures: Mapping[str, Measure], units: ir.Table, months: ir.Table
) -> list[ir.Table]:
    """Queries answering, per ancestor unit × period, one column per measure (and
    ``_rows``, the number of fact rows, where the query sees them all).

    Additive measures are aggregated per unit × month first, then summed up the bridges.
    A distinct count first reduces the fact to its distinct (unit, month, value) triples —
    far fewer rows to spread over the ancestors and periods. Percentiles need every row at
    every level.
    """
    additive = {n: m for n, m in measures.items() if m.additive}
    distinct = {n: m for n, m in measures.items() if m.aggregate == "count_distinct"}
    ranked = {n: m for n, m in measures.items() if m.aggregate == "percentile"}
    queries = []
    if additive or not ranked:
        leaf = fact_table.group_by(["unit_id", "month"]).aggregate(
            _rows=fact_table.count(), **{n: _aggregate(fact_table, m) for n, m in additive.items()}
        )
        j = leaf.join(units, leaf.unit_id == units.b_unit).join(
            months, leaf.month == months.p_month
        )
        sums = {n: j[n].sum() for n in ["_rows", *additive]}
        queries.append(j.group_by([j.b_ancestor, j.p_code]).aggregate(**sums))
    for name, measure in distinct.items():
        column = fact_table[measure.column]
        where = _condition(fact_table, measure)
        kept = (
            column
            if where is None
            else where.ifelse(column, ibis.null(column.type().copy(nullable=True)))
        )
        slim = fact_table.select(fact_table.unit_id, fact_table.month, _v=kept).distinct()
        j = slim.join(units, slim.unit_id == units.b_unit).join(
            months, slim.month == months.p_month
        )
        queries.append(j.group_by([j.b_ancestor, j.p_code]).aggregate(**{name: j._v.nunique()}))
    if ranked:
        j = fact_table.join(units, fact_table.unit_id == units.b_unit).join(
            months, fact_table.month == months.p_month
        )
        queries.append(
            j.group_by([j.b_ancestor, j.p_code]).aggregate(
                _rows=j.count(), **{n: _aggregate(j, m) for n, m in ranked.items()}
            )
        )
    return queries


# --- computing ----------------------------------------------------------------------


def compute(
    definitions: Sequence[Compiled],
    backend: Backend,
    tree: Tree,
    first_month: date,
    last_month: date,
    as_of: date,
    progress: Callable[[int, int], None] | None = None,
) -> list[Result]:
    """Every definition's values for every unit of ``tree`` and every period of the window."""
    names: dict[str, str] = {}
    by_fact: dict[str, dict[str, Measure]] = defaultdict(dict)
    for d in definitions:
        for m in (d.numerator, d.denominator):
            if m is not None and m.key not in names:
                names[m.key] = f"m{len(names)}"
                by_fact[m.fact][names[m.key]] = m
    source = Source(backend.table, first_month, last_month, as_of)
    units = tree.bridge()
    months = _period_bridge(first_month, last_month)
    groups: dict[str, dict[tuple[int, str], dict[str, Any]]] = {}
    total = len(by_fact)
    for done, (fact, measures) in enumerate(sorted(by_fact.items())):
        merged: dict[tuple[int, str], dict[str, Any]] = {}
        for query in fact_queries(FACTS[fact].build(source), measures, units, months):
            for row in backend.execute(query).to_pylist():
                merged.setdefault((int(row["b_ancestor"]), row["p_code"]), {}).update(row)
        groups[fact] = merged
        if progress:
            progress(done + 1, total)
    results: list[Result] = []
    for d in definitions:
        results.extend(_combine(d, groups, names))
    return results


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _combine(
    d: Compiled,
    groups: Mapping[str, Mapping[tuple[int, str], Mapping[str, Any]]],
    names: Mapping[str, str],
) -> Iterator[Result]:
    num_groups = groups[d.numerator.fact]
    num_name = names[d.numerator.key]
    if d.denominator is None:
        for (unit_id, period), row in num_groups.items():
            num = _number(row.get(num_name))
            value = None if num is None else num * d.multiplier
            yield Result(
                d.code, unit_id, period, num, None, value, "" if num is not None else NO_ROWS
            )
        return
    den_groups = groups[d.denominator.fact]
    den_name = names[d.denominator.key]
    for key in num_groups.keys() | den_groups.keys():
        unit_id, period = key
        num_row, den_row = num_groups.get(key), den_groups.get(key)
        num = _number(num_row.get(num_name)) if num_row else None
        if num is None and d.numerator.additive:
            num = 0.0
        if den_row is None:
            yield Result(d.code, unit_id, period, num, None, None, NO_DENOMINATOR)
            continue
        den = _number(den_row.get(den_name)) or 0.0
        if den == 0:
            yield Result(d.code, unit_id, period, num, den, None, ZERO_DENOMINATOR)
        elif num is None:
            yield Result(d.code, unit_id, period, None, den, None, NO_ROWS)
        else:
            yield Result(d.code, unit_id, period, num, den, num * d.multiplier / den)
