"""Compile indicator definitions to Ibis and compute them on DuckDB or Spark.

How a computation runs:

1. Every definition's numerator and denominator become :class:`~.measures.Measure`\\ s.
   Identical measures (the count of discharges is the denominator of several indicators)
   are computed once.
2. Per fact, *additive* measures (counts and sums) are aggregated per unit × month, then
   rolled up in the same query to every ancestor unit and to quarters, half-years and years
   by **summing** — ratios are never averaged. *Non-additive* measures (distinct counts and
   percentiles) are computed from the rows again at every level: percentiles join the fact
   to the unit → ancestor and month → period bridges and aggregate per ancestor × period;
   distinct counts keep, per ancestor × year × value, the months the value was seen in as a
   bit mask and count per period the values whose mask meets the period's months (see
   :func:`_distinct_query`).
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
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from soteria.indicators import periods
from soteria.indicators.facts import FACTS, Source
from soteria.indicators.local_time import LocalTables
from soteria.indicators.measures import Measure
from soteria.organisations.models import path_ids

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


DUCKDB_MEMORY_LIMIT = "2GB"
"""DuckDB's memory limit while computing (setting ``INDICATOR_MEMORY_LIMIT`` overrides it).

Higher than the warehouse's own limit for imports (``WAREHOUSE_MEMORY_LIMIT``, 512 MB):
percentiles keep their groups' values in memory and cannot spill, so 10 million encounters
(about a million ED arrivals spread over ~300 units and four period types) do not fit in
512 MB; hash aggregations that do not fit spill to disk, only slower."""


@contextmanager
def duckdb_backend(path: Path | None = None) -> Iterator[IbisBackend]:
    """The embedded warehouse, read-only."""
    from django.conf import settings

    from soteria.warehouse import store

    limit = str(getattr(settings, "INDICATOR_MEMORY_LIMIT", DUCKDB_MEMORY_LIMIT))
    with store.connect(path, read_only=True) as con:
        con.execute("SET memory_limit = ?", [limit])
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
        return cls(tuple((unit_id, a) for unit_id, path in units for a in path_ids(path)))

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


@ibis.udf.agg.builtin(name="bit_or")
def _bit_or(value: int) -> int:  # type: ignore[empty-body]
    """Bitwise OR of the values (an aggregate both DuckDB and Spark SQL have)."""


def _hash(value: Any) -> Any:
    """Stands for a backend's own hash function (see :func:`_hash_key`)."""


_HASH64 = {"duckdb": ("hash", "uint64"), "spark": ("xxhash64", "int64")}
"""A 64-bit hash function of each backend: name and type."""

Key = Callable[[ir.Value], ir.Value]


def _hash_key(backend: Backend, fact_table: ir.Table, measure: Measure) -> Key | None:
    """A 64-bit hash to count the measure's distinct values by, when it tells them apart.

    Grouping by an integer is much cheaper than by a long string (a pseudonymised patient
    key has 32 characters). The hash is used only if it is injective on the values counted
    — as many distinct hashes as distinct values, checked here in one pass — so the counts
    stay exact; otherwise (or on a backend without one) the values themselves are used.
    """
    spec = _HASH64.get(backend.name)
    if spec is None or measure.column is None:
        return None
    where = _condition(fact_table, measure)  # the value is present and the filters hold
    rows = fact_table if where is None else fact_table.filter(where)
    column = rows[measure.column]
    name, output = spec
    hash64 = ibis.udf.scalar.builtin(_hash, name=name, signature=((column.type(),), output))
    check = rows.aggregate(values=column.nunique(), hashes=hash64(column).nunique())
    row = backend.execute(check).to_pylist()[0]
    return hash64 if row["values"] == row["hashes"] else None


@dataclass(frozen=True)
class YearSlots:
    """The periods of the window as month masks within their calendar year.

    Every period (month, quarter, half-year, year) lies within one calendar year, so it is a
    set of months of that year: a 12-bit mask. ``masks`` are the distinct masks (19 for
    months, quarters, half-years and years); ``codes`` names the period of each
    (year, mask index) in the window.
    """

    masks: tuple[int, ...]
    codes: Mapping[tuple[int, int], str]
    first: date
    last: date
    """The window's first and last month: rows outside it never count."""

    @classmethod
    def between(cls, first: date, last: date) -> YearSlots:
        masks: dict[int, int] = {}
        codes: dict[tuple[int, int], str] = {}
        for month in periods.months_between(first, last):
            for period in periods.containing(month):
                months = period.month_periods()
                if any(m.year != period.year for m in months):
                    raise ValueError(f"period {period.code} crosses a calendar year")
                mask = sum(1 << (m.month - 1) for m in months)
                slot = masks.setdefault(mask, len(masks))
                codes[(period.year, slot)] = period.code
        return cls(tuple(masks), codes, first.replace(day=1), last.replace(day=1))


@dataclass(frozen=True)
class FactQuery:
    """One query of a fact and how to read its rows as ((ancestor, period), values)."""

    expr: ir.Table
    slots: YearSlots | None = None
    """Set for a distinct count answered per ancestor × year (:func:`_distinct_query`)."""
    name: str = ""
    arrays: Mapping[str, Sequence[str]] | None = None
    """Columns holding several percentiles at once: column → the measures, in order."""

    def rows(self, table: pa.Table) -> Iterator[tuple[tuple[int, str], dict[str, Any]]]:
        if self.slots is None:
            for row in table.to_pylist():
                for column, names in (self.arrays or {}).items():
                    values = row.pop(column) or [None] * len(names)
                    row.update(zip(names, values, strict=True))
                yield (int(row["b_ancestor"]), row["p_code"]), row
            return
        codes = self.slots.codes
        columns = [f"_s{i}" for i in range(len(self.slots.masks))]
        for row in table.to_pylist():
            ancestor, year = int(row["b_ancestor"]), int(row["_y"])
            for i, column in enumerate(columns):
                count = row[column]
                code = codes.get((year, i))
                if count and code is not None:
                    yield (ancestor, code), {self.name: count}


def _distinct_query(
    fact_table: ir.Table,
    name: str,
    measure: Measure,
    units: ir.Table,
    slots: YearSlots,
    key: Key | None = None,
) -> FactQuery:
    """Distinct values per ancestor × period without spreading the rows over the periods.

    Per (unit, year, value) the months the value occurs in, OR-ed into a 12-bit mask; the
    masks spread over the unit → ancestor bridge and OR-ed again per (ancestor, year,
    value); then, per ancestor and year, a value counts in a period when its mask meets the
    period's months. Each fact row is read once and each (unit, year, value) spread once,
    instead of every (unit, month, value) being spread over every ancestor and period.
    With ``key`` (:func:`_hash_key`) the values are grouped by their hash.
    """
    where = _condition(fact_table, measure)  # the value is present and the filters hold
    rows = fact_table if where is None else fact_table.filter(where)
    # A quarter or year may reach outside the window: only the window's months count.
    rows = rows.filter(
        rows.month >= ibis.literal(slots.first), rows.month <= ibis.literal(slots.last)
    )
    value = rows[measure.column]
    rows = rows.select(
        unit_id=rows.unit_id,
        _y=rows.month.year(),
        _v=value if key is None else key(value),
        _b=ibis.literal(1, "int64") << (rows.month.month() - 1),
    )
    leaf = rows.group_by(["unit_id", "_y", "_v"]).aggregate(_m=_bit_or(rows._b))
    j = leaf.join(units, leaf.unit_id == units.b_unit)
    spread = j.group_by([j.b_ancestor, j._y, j._v]).aggregate(_m=_bit_or(j._m))
    counts = spread.group_by([spread.b_ancestor, spread._y]).aggregate(
        **{
            f"_s{i}": spread.count(where=(spread._m & mask) != 0)
            for i, mask in enumerate(slots.masks)
        }
    )
    return FactQuery(counts, slots, name)


def fact_queries(
    fact_table: ir.Table,
    measures: Mapping[str, Measure],
    units: ir.Table,
    months: ir.Table,
    slots: YearSlots,
    keys: Mapping[str, Key | None] | None = None,
) -> list[FactQuery]:
    """Queries answering, per ancestor unit × period, one value per measure (and ``_rows``,
    the number of fact rows, where the query sees them all).

    Additive measures are aggregated per unit × month first, then summed up the bridges.
    Distinct counts go per ancestor × year with month masks (:func:`_distinct_query`); a
    group with fact rows but no value counts 0 (:func:`compute` fills it in). Percentiles
    need every row at every level.
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
        queries.append(FactQuery(j.group_by([j.b_ancestor, j.p_code]).aggregate(**sums)))
    for name, measure in distinct.items():
        key = (keys or {}).get(name)
        queries.append(_distinct_query(fact_table, name, measure, units, slots, key))
    if ranked:
        j = fact_table.join(units, fact_table.unit_id == units.b_unit).join(
            months, fact_table.month == months.p_month
        )
        # Percentiles of the same values (column and filters) come from one sort: a single
        # quantile aggregate with the list of fractions.
        same: dict[Measure, list[str]] = defaultdict(list)
        for n, m in ranked.items():
            same[replace(m, q=None)].append(n)
        aggregates: dict[str, ir.Scalar] = {}
        arrays: dict[str, list[str]] = {}
        for i, (values, names) in enumerate(same.items()):
            if len(names) == 1:
                aggregates[names[0]] = _aggregate(j, ranked[names[0]])
            else:
                fractions = [float(ranked[n].q or 0) for n in names]
                where = _condition(j, values)
                aggregates[f"_q{i}"] = j[values.column].quantile(fractions, where=where)
                arrays[f"_q{i}"] = names
        queries.append(
            FactQuery(
                j.group_by([j.b_ancestor, j.p_code]).aggregate(_rows=j.count(), **aggregates),
                arrays=arrays,
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
    zones: Mapping[int, str] | None = None,
) -> list[Result]:
    """Every definition's values for every unit of ``tree`` and every period of the window.

    ``zones`` gives units' time zones (unit id → IANA name; unlisted units are in UTC):
    months, days and midnights are counted in local time (see ``local_time``).
    """
    names: dict[str, str] = {}
    by_fact: dict[str, dict[str, Measure]] = defaultdict(dict)
    for d in definitions:
        for m in (d.numerator, d.denominator):
            if m is not None and m.key not in names:
                names[m.key] = f"m{len(names)}"
                by_fact[m.fact][names[m.key]] = m
    tables = LocalTables(backend.table, zones or {}, first_month, last_month)
    source = Source(tables, first_month, last_month, as_of)
    units = tree.bridge()
    months = _period_bridge(first_month, last_month)
    slots = YearSlots.between(first_month, last_month)
    groups: dict[str, dict[tuple[int, str], dict[str, Any]]] = {}
    total = len(by_fact)
    for done, (fact, measures) in enumerate(sorted(by_fact.items())):
        merged: dict[tuple[int, str], dict[str, Any]] = {}
        fact_table = FACTS[fact].build(source)
        keys = {
            n: _hash_key(backend, fact_table, m)
            for n, m in measures.items()
            if m.aggregate == "count_distinct"
        }
        for query in fact_queries(fact_table, measures, units, months, slots, keys):
            for key, values in query.rows(backend.execute(query.expr)):
                merged.setdefault(key, {}).update(values)
        zero = {n: 0 for n, m in measures.items() if m.aggregate == "count_distinct"}
        if zero:  # groups with rows but no value to count
            for values in merged.values():
                for n in zero:
                    values.setdefault(n, 0)
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
