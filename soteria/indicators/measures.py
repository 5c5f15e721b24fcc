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

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from soteria.indicators.facts import FACTS, NUMERIC, Column

AGGREGATES = ("count", "count_distinct", "sum", "percentile")
ADDITIVE = frozenset({"count", "sum"})
"""Aggregates whose values add up across units and months; the others (distinct counts and
percentiles) are computed again from the rows at every level."""

OPS: dict[str, str | Promise] = {
    "eq": gettext_lazy("equals"),
    "ne": gettext_lazy("differs from"),
    "in": gettext_lazy("is one of"),
    "not_in": gettext_lazy("is none of"),
    "lt": gettext_lazy("is less than"),
    "le": gettext_lazy("is at most"),
    "gt": gettext_lazy("is greater than"),
    "ge": gettext_lazy("is at least"),
    "is_true": gettext_lazy("is true"),
    "is_false": gettext_lazy("is false"),
    "is_null": gettext_lazy("is missing"),
    "not_null": gettext_lazy("is present"),
}
"""The filter operators (the keys, as written in a measure) and their labels."""
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
        """The measure in words, in the active language, e.g. "count of Discharges where
        died in hospital is true"."""
        fact = FACTS.get(self.fact)
        labels = {"fact": str(fact.label) if fact else self.fact}
        if self.column is not None:
            labels["column"] = _column_label(self.fact, self.column)
        if self.aggregate == "count":
            what = _("count of %(fact)s") % labels
        elif self.aggregate == "count_distinct":
            what = _("distinct %(column)s in %(fact)s") % labels
        elif self.aggregate == "sum":
            what = _("sum of %(column)s over %(fact)s") % labels
        else:
            what = _("%(nth)sth percentile of %(column)s over %(fact)s") % {
                **labels,
                "nth": _number((self.q or 0) * 100),
            }
        if not self.filters:
            return what
        conditions = _condition(self.fact, self.filters[0])
        for f in self.filters[1:]:
            conditions = _("%(conditions)s and %(condition)s") % {
                "conditions": conditions,
                "condition": _condition(self.fact, f),
            }
        return _("%(what)s where %(conditions)s") % {"what": what, "conditions": conditions}


def _column_label(fact: str, column: str) -> str:
    known = FACTS.get(fact)
    found = known.columns.get(column) if known else None
    return str(found.label) if found else column


def _number(value: float) -> str:
    """A number as the active language writes it, without a needless ".0"."""
    rounded = round(value, 6)
    return formats.localize(int(rounded) if float(rounded).is_integer() else rounded)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return pgettext("filter value", "true") if value else pgettext("filter value", "false")
    if isinstance(value, int | float):
        return _number(value)
    return str(value)


def _condition(fact: str, f: Filter) -> str:
    """One filter as a clause; one whole sentence per operator, so that each language
    orders the column, the verb and the value as it needs to."""
    column = _column_label(fact, f.column)
    op = f.op
    if op == "eq" and isinstance(f.value, bool):  # "died equals true" reads as "died is true"
        op = "is_true" if f.value else "is_false"
    if op == "eq":
        text = _("%(column)s equals %(value)s")
    elif op == "ne":
        text = _("%(column)s differs from %(value)s")
    elif op == "in":
        text = _("%(column)s is one of %(values)s")
    elif op == "not_in":
        text = _("%(column)s is none of %(values)s")
    elif op == "lt":
        text = _("%(column)s is less than %(value)s")
    elif op == "le":
        text = _("%(column)s is at most %(value)s")
    elif op == "gt":
        text = _("%(column)s is greater than %(value)s")
    elif op == "ge":
        text = _("%(column)s is at least %(value)s")
    elif op == "is_true":
        text = _("%(column)s is true")
    elif op == "is_false":
        text = _("%(column)s is false")
    elif op == "is_null":
        text = _("%(column)s is missing")
    else:
        text = _("%(column)s is present")
    values = f.value if isinstance(f.value, tuple) else (f.value,)
    shown = ", ".join(_value(v) for v in values)
    return text % {"column": column, "value": shown, "values": shown}


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
        raise MeasureError(path, _("a measure must be an object with 'fact' and 'aggregate'."))
    if "ref" in data:
        return _follow(data, path=path, role=role, resolve=resolve, seen=_seen)
    unknown = set(data) - {"fact", "aggregate", "column", "q", "filters"}
    if unknown:
        raise MeasureError(
            path, _("unknown field(s): %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    fact_name = data.get("fact")
    fact = FACTS.get(fact_name) if isinstance(fact_name, str) else None
    if fact is None:
        raise MeasureError(
            _join(path, "fact"),
            _("unknown fact '%(fact)s'; known facts: %(facts)s.")
            % {"fact": fact_name, "facts": ", ".join(sorted(FACTS))},
        )
    aggregate = data.get("aggregate")
    if aggregate not in AGGREGATES:
        raise MeasureError(
            _join(path, "aggregate"),
            _("unknown aggregate '%(aggregate)s'; use one of %(aggregates)s.")
            % {"aggregate": aggregate, "aggregates": ", ".join(AGGREGATES)},
        )
    column_name = data.get("column")
    column: Column | None = None
    if aggregate == "count":
        if column_name is not None:
            raise MeasureError(_join(path, "column"), _("'count' counts rows; give no column."))
    else:
        column = _column(fact.columns, column_name, _join(path, "column"), fact.name)
        if aggregate in ("sum", "percentile") and column.type not in NUMERIC:
            raise MeasureError(
                _join(path, "column"),
                _("'%(aggregate)s' needs a numeric column; '%(column)s' is %(type)s.")
                % {"aggregate": aggregate, "column": column.name, "type": column.type},
            )
    q = data.get("q")
    if aggregate == "percentile":
        if isinstance(q, bool) or not isinstance(q, int | float) or not 0 < q < 1:
            raise MeasureError(
                _join(path, "q"), _("a percentile needs q between 0 and 1, e.g. 0.9.")
            )
        q = float(q)
    elif q is not None:
        raise MeasureError(_join(path, "q"), _("'q' belongs to percentiles only."))
    filters = _filters(data.get("filters", []), fact.columns, _join(path, "filters"), fact.name)
    measure = Measure(fact.name, aggregate, column_name, q, filters)
    if role == "denominator":
        if aggregate == "percentile":
            raise MeasureError(_join(path, "aggregate"), _("a percentile cannot be a denominator."))
        if aggregate == "sum" and column is not None and not column.nonnegative:
            raise MeasureError(
                _join(path, "column"),
                _("'%(column)s' can be zero or negative, so it cannot be summed as a denominator.")
                % {"column": column.name},
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
        raise MeasureError(path, _("a reference has only the field 'ref'."))
    if not isinstance(ref, str) or ref.count(".") != 1:
        raise MeasureError(_join(path, "ref"), _("write a reference as 'CODE.numerator'."))
    code, part = ref.split(".")
    if part not in ("numerator", "denominator"):
        raise MeasureError(_join(path, "ref"), _("a reference ends in .numerator or .denominator."))
    if ref in seen:
        chain = " → ".join((*seen, ref))
        raise MeasureError(_join(path, "ref"), _("cyclic reference: %(chain)s.") % {"chain": chain})
    target = resolve(code, part) if resolve else None
    if target is None:
        raise MeasureError(
            _join(path, "ref"),
            _("no indicator '%(code)s' with a %(part)s.") % {"code": code, "part": part},
        )
    return parse_measure(target, path=path, role=role, resolve=resolve, _seen=(*seen, ref))


def _column(columns: Mapping[str, Column], name: Any, path: str, fact: str) -> Column:
    if not isinstance(name, str) or name not in columns:
        raise MeasureError(
            path,
            _("unknown column '%(column)s' in fact '%(fact)s'; its columns: %(columns)s.")
            % {"column": name, "fact": fact, "columns": ", ".join(sorted(columns))},
        )
    return columns[name]


def _filters(raw: Any, columns: Mapping[str, Column], path: str, fact: str) -> tuple[Filter, ...]:
    if not isinstance(raw, list):
        raise MeasureError(path, _("filters must be a list."))
    out = []
    for index, item in enumerate(raw):
        here = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            raise MeasureError(here, _("a filter is an object with 'column' and 'op'."))
        unknown = set(item) - {"column", "op", "value"}
        if unknown:
            raise MeasureError(
                here, _("unknown field(s): %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
            )
        column = _column(columns, item.get("column"), _join(here, "column"), fact)
        op = item.get("op")
        if op not in OPS:
            raise MeasureError(
                _join(here, "op"),
                _("unknown op '%(op)s'; use one of %(ops)s.") % {"op": op, "ops": ", ".join(OPS)},
            )
        value = item.get("value")
        if op in _NO_VALUE_OPS:
            if "value" in item:
                raise MeasureError(_join(here, "value"), _("'%(op)s' takes no value.") % {"op": op})
            if op in ("is_true", "is_false") and column.type != "bool":
                raise MeasureError(
                    _join(here, "op"),
                    _("'%(op)s' needs a true/false column; '%(column)s' is %(type)s.")
                    % {"op": op, "column": column.name, "type": column.type},
                )
        elif op in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                raise MeasureError(
                    _join(here, "value"), _("'%(op)s' needs a non-empty list.") % {"op": op}
                )
            value = tuple(_typed(v, column, _join(here, "value")) for v in value)
        else:
            if op in _ORDER_OPS and column.type not in (*NUMERIC, "date", "timestamp"):
                raise MeasureError(
                    _join(here, "op"),
                    _("'%(op)s' needs a numeric column; '%(column)s' is %(type)s.")
                    % {"op": op, "column": column.name, "type": column.type},
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
        raise MeasureError(
            path,
            _("%(value)s does not fit column '%(column)s', which is %(type)s.")
            % {"value": repr(value), "column": column.name, "type": kind},
        )
    return float(value) if kind == "float" else value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
