"""Numerators and denominators as data: a measure over one fact, with filters.

A measure is stored as JSON (in the database) or TOML (the standard set), for example::

    {"fact": "discharge", "aggregate": "count",
     "filters": [{"column": "readmission_index", "op": "is_true"}]}

    {"fact": "ed_visit", "aggregate": "percentile", "column": "wait_minutes", "q": 0.9}

    {"ref": "BED_DAYS.numerator"}      # the numerator of another indicator

``parse_measure`` turns such a mapping into a :class:`Measure` and raises
:class:`MeasureError` naming the field and the reason when it is not valid against the
fact catalogue (unknown fact or column, an aggregate over a column of the wrong type, a
filter value of the wrong type, a denominator that can be zero or negative by construction).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from soteria.indicators.facts import FACTS, NUMERIC, Column

AGGREGATES = ("count", "count_distinct", "sum", "percentile")
ADDITIVE = frozenset({"count", "sum"})
"""Aggregates whose values add up across units and months; the others (distinct counts and
percentiles) are computed again from the rows at every level."""

OPS: dict[str, str] = {
    "eq": "equals",
    "ne": "differs from",
    "in": "is one of",
    "not_in": "is none of",
    "lt": "is less than",
    "le": "is at most",
    "gt": "is greater than",
    "ge": "is at least",
    "is_true": "is true",
    "is_false": "is false",
    "is_null": "is missing",
    "not_null": "is present",
}
_NO_VALUE_OPS = frozenset({"is_true", "is_false", "is_null", "not_null"})
_ORDER_OPS = frozenset({"lt", "le", "gt", "ge"})


class MeasureError(ValueError):
    """A measure that cannot be computed; ``path`` names the offending field."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: Any = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"column": self.column, "op": self.op}
        if self.op not in _NO_VALUE_OPS:
            out["value"] = list(self.value) if isinstance(self.value, tuple) else self.value
        return out


@dataclass(frozen=True)
class Measure:
    fact: str
    aggregate: str
    column: str | None = None
    q: float | None = None
    filters: tuple[Filter, ...] = ()

    @property
    def additive(self) -> bool:
        return self.aggregate in ADDITIVE

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"fact": self.fact, "aggregate": self.aggregate}
        if self.column is not None:
            out["column"] = self.column
        if self.q is not None:
            out["q"] = self.q
        if self.filters:
            out["filters"] = [f.as_dict() for f in self.filters]
        return out

    @property
    def key(self) -> str:
        """Identical measures (across indicators) share one key and are computed once."""
        return json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))

    def describe(self) -> str:
        what = {
            "count": "count of",
            "count_distinct": f"distinct {self.column} in",
            "sum": f"sum of {self.column} over",
            "percentile": f"{(self.q or 0) * 100:g}th percentile of {self.column} over",
        }[self.aggregate]
        text = f"{what} {self.fact}"
        if self.filters:
            parts = []
            for f in self.filters:
                part = f"{f.column} {OPS[f.op]}"
                if f.op not in _NO_VALUE_OPS:
                    value = f.value
                    part += " " + (
                        ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
                    )
                parts.append(part)
            text += " where " + " and ".join(parts)
        return text


Resolver = Callable[[str, str], Mapping[str, Any] | None]
"""(indicator code, "numerator" | "denominator") → that indicator's stored measure, or None."""


def parse_measure(
    data: Any,
    *,
    path: str = "",
    role: str = "numerator",
    resolve: Resolver | None = None,
    _seen: tuple[str, ...] = (),
) -> Measure:
    """Validate ``data`` and return the measure it describes (references followed)."""
    if not isinstance(data, Mapping):
        raise MeasureError(path, "a measure must be an object with 'fact' and 'aggregate'.")
    if "ref" in data:
        return _follow(data, path=path, role=role, resolve=resolve, seen=_seen)
    unknown = set(data) - {"fact", "aggregate", "column", "q", "filters"}
    if unknown:
        raise MeasureError(path, f"unknown field(s): {', '.join(sorted(unknown))}.")
    fact_name = data.get("fact")
    fact = FACTS.get(fact_name) if isinstance(fact_name, str) else None
    if fact is None:
        raise MeasureError(
            _join(path, "fact"),
            f"unknown fact '{fact_name}'; known facts: {', '.join(sorted(FACTS))}.",
        )
    aggregate = data.get("aggregate")
    if aggregate not in AGGREGATES:
        raise MeasureError(
            _join(path, "aggregate"),
            f"unknown aggregate '{aggregate}'; use one of {', '.join(AGGREGATES)}.",
        )
    column_name = data.get("column")
    column: Column | None = None
    if aggregate == "count":
        if column_name is not None:
            raise MeasureError(_join(path, "column"), "'count' counts rows; give no column.")
    else:
        column = _column(fact.columns, column_name, _join(path, "column"), fact.name)
        if aggregate in ("sum", "percentile") and column.type not in NUMERIC:
            raise MeasureError(
                _join(path, "column"),
                f"'{aggregate}' needs a numeric column; '{column.name}' is {column.type}.",
            )
    q = data.get("q")
    if aggregate == "percentile":
        if isinstance(q, bool) or not isinstance(q, int | float) or not 0 < q < 1:
            raise MeasureError(_join(path, "q"), "a percentile needs q between 0 and 1, e.g. 0.9.")
        q = float(q)
    elif q is not None:
        raise MeasureError(_join(path, "q"), "'q' belongs to percentiles only.")
    filters = _filters(data.get("filters", []), fact.columns, _join(path, "filters"), fact.name)
    measure = Measure(fact.name, aggregate, column_name, q, filters)
    if role == "denominator":
        if aggregate == "percentile":
            raise MeasureError(_join(path, "aggregate"), "a percentile cannot be a denominator.")
        if aggregate == "sum" and column is not None and not column.nonnegative:
            raise MeasureError(
                _join(path, "column"),
                f"'{column.name}' can be zero or negative, so it cannot be summed as a "
                "denominator.",
            )
    return measure


def _follow(
    data: Mapping[str, Any],
    *,
    path: str,
    role: str,
    resolve: Resolver | None,
    seen: tuple[str, ...],
) -> Measure:
    ref = data.get("ref")
    if set(data) != {"ref"}:
        raise MeasureError(path, "a reference has only the field 'ref'.")
    if not isinstance(ref, str) or ref.count(".") != 1:
        raise MeasureError(_join(path, "ref"), "write a reference as 'CODE.numerator'.")
    code, part = ref.split(".")
    if part not in ("numerator", "denominator"):
        raise MeasureError(_join(path, "ref"), "a reference ends in .numerator or .denominator.")
    if ref in seen:
        chain = " → ".join((*seen, ref))
        raise MeasureError(_join(path, "ref"), f"cyclic reference: {chain}.")
    target = resolve(code, part) if resolve else None
    if target is None:
        raise MeasureError(_join(path, "ref"), f"no indicator '{code}' with a {part}.")
    return parse_measure(target, path=path, role=role, resolve=resolve, _seen=(*seen, ref))


def _column(columns: Mapping[str, Column], name: Any, path: str, fact: str) -> Column:
    if not isinstance(name, str) or name not in columns:
        raise MeasureError(
            path,
            f"unknown column '{name}' in fact '{fact}'; its columns: {', '.join(sorted(columns))}.",
        )
    return columns[name]


def _filters(raw: Any, columns: Mapping[str, Column], path: str, fact: str) -> tuple[Filter, ...]:
    if not isinstance(raw, list):
        raise MeasureError(path, "filters must be a list.")
    out = []
    for index, item in enumerate(raw):
        here = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            raise MeasureError(here, "a filter is an object with 'column' and 'op'.")
        unknown = set(item) - {"column", "op", "value"}
        if unknown:
            raise MeasureError(here, f"unknown field(s): {', '.join(sorted(unknown))}.")
        column = _column(columns, item.get("column"), _join(here, "column"), fact)
        op = item.get("op")
        if op not in OPS:
            raise MeasureError(
                _join(here, "op"), f"unknown op '{op}'; use one of {', '.join(OPS)}."
            )
        value = item.get("value")
        if op in _NO_VALUE_OPS:
            if "value" in item:
                raise MeasureError(_join(here, "value"), f"'{op}' takes no value.")
            if op in ("is_true", "is_false") and column.type != "bool":
                raise MeasureError(
                    _join(here, "op"),
                    f"'{op}' needs a true/false column; '{column.name}' is {column.type}.",
                )
        elif op in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                raise MeasureError(_join(here, "value"), f"'{op}' needs a non-empty list.")
            value = tuple(_typed(v, column, _join(here, "value")) for v in value)
        else:
            if op in _ORDER_OPS and column.type not in (*NUMERIC, "date", "timestamp"):
                raise MeasureError(
                    _join(here, "op"),
                    f"'{op}' needs a numeric column; '{column.name}' is {column.type}.",
                )
            value = _typed(value, column, _join(here, "value"))
        out.append(Filter(column.name, op, value))
    return tuple(out)


def _typed(value: Any, column: Column, path: str) -> Any:
    kind = column.type
    ok = (
        (kind == "str" and isinstance(value, str))
        or (kind == "bool" and isinstance(value, bool))
        or (kind == "int" and isinstance(value, int) and not isinstance(value, bool))
        or (kind == "float" and isinstance(value, int | float) and not isinstance(value, bool))
    )
    if not ok:
        raise MeasureError(path, f"{value!r} does not fit column '{column.name}', which is {kind}.")
    return float(value) if kind == "float" else value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
