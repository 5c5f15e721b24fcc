"""Reading indicators: which definitions and values a unit or user may see."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Q, QuerySet

from soteria.indicators.models import ComputeRun, IndicatorDefinition, IndicatorValue
from soteria.organisations.models import OrgUnit, path_ids


def definitions_for(unit: OrgUnit) -> QuerySet[IndicatorDefinition]:
    """Active definitions usable at ``unit``: the standard set and those owned by the unit's
    organisation (an ancestor of it, or a unit below it)."""
    return IndicatorDefinition.objects.filter(
        Q(owner__isnull=True)
        | Q(owner_id__in=unit.ancestor_ids)
        | Q(owner__path__startswith=unit.path),
        active=True,
    )


def definitions_visible_to(user: Any) -> QuerySet[IndicatorDefinition]:
    """The standard set and the definitions owned by units the user has a role in or above
    (everything for platform administrators and for the system itself, ``user=None``)."""
    from soteria.organisations import access

    if user is None or getattr(user, "is_superuser", False):
        return IndicatorDefinition.objects.filter(active=True)
    paths = [path for path, _ in access.grants(user)]
    if not paths:
        return IndicatorDefinition.objects.none()
    owned = Q()
    for path in paths:
        owned |= Q(owner_id__in=path_ids(path)) | Q(owner__path__startswith=path)
    return IndicatorDefinition.objects.filter(Q(owner__isnull=True) | owned, active=True)


def may_see_definition(user: Any, definition: IndicatorDefinition) -> bool:
    """Whether :func:`definitions_visible_to` holds the (active) definition, without a query
    where the org-unit tree is kept in memory (``soteria.organisations.tree``)."""
    from soteria.organisations import access, tree

    if not definition.active:
        return False
    if user is None or getattr(user, "is_superuser", False):
        return True
    paths = [path for path, _ in access.grants(user)]
    if not paths:
        return False
    if definition.owner_id is None:
        return True
    owner = tree.unit_by_id(definition.owner_id)
    owner_path = owner.path if owner is not None else ""
    return any(
        definition.owner_id in path_ids(path) or owner_path.startswith(path) for path in paths
    )


def may_edit_definition(user: Any, definition: IndicatorDefinition) -> bool:
    """Standard definitions: platform administrators; others: the owner's administrators."""
    from soteria.organisations import access
    from soteria.organisations.access import Action

    if getattr(user, "is_superuser", False):
        return True
    return definition.owner is not None and access.can(user, Action.ADMINISTER, definition.owner)


def values_for(
    definition: IndicatorDefinition, unit: OrgUnit, period_type: str
) -> QuerySet[IndicatorValue]:
    """A unit's stored values of one indicator for one kind of period, newest first."""
    return IndicatorValue.objects.filter(
        definition=definition, unit=unit, period_type=period_type
    ).order_by("-period_start")


def _per_unit_condition(
    definitions_by_unit: Mapping[int, Iterable[int]],
) -> tuple[str, list[int]]:
    """The SQL condition "these indicators at each unit" (unit id → definition ids), with its
    parameters; ``""`` when it asks for nothing.

    One clause per unit, written here: Django compiled the equivalent ``Q`` at ~0.2 ms per
    unit, which for a house seen from the region (its objectives measured at some fifty
    units) cost more than the query itself.
    """
    clauses, params = [], []
    quote = connection.ops.quote_name
    unit_column, definition_column = quote("unit_id"), quote("definition_id")
    table = quote(IndicatorValue._meta.db_table)
    for unit_id, definition_ids in sorted(definitions_by_unit.items()):
        ids = sorted({int(d) for d in definition_ids})
        if not ids:
            continue
        marks = ", ".join(["%s"] * len(ids))
        clauses.append(f"({table}.{unit_column} = %s AND {table}.{definition_column} IN ({marks}))")
        params += [int(unit_id), *ids]
    return " OR ".join(clauses), params


_VALUE_COLUMNS = frozenset(f.column for f in IndicatorValue._meta.concrete_fields)

Query = tuple[str, list[Any]]
"""SQL with its parameters, for ``cursor.execute``."""


def _select(columns: Sequence[str], where: str, order: str = "") -> str:
    unknown = set(columns) - _VALUE_COLUMNS
    if unknown:
        raise ValueError(f"not columns of the values table: {sorted(unknown)}")
    quote = connection.ops.quote_name
    table = quote(IndicatorValue._meta.db_table)
    select = ", ".join(f"{table}.{quote(c)}" for c in columns)
    return f"SELECT {select} FROM {table} WHERE {where}{order}"  # noqa: S608 - names checked above, values as parameters


def _fetch(query: Query | None) -> list[tuple[Any, ...]]:
    """The rows of a query written here as the database driver returns them (tuples: no model
    instances, none of Django's per-column converters, and no query compiled by the ORM —
    ~0.2 ms a query, more than reading a page's rows)."""
    if query is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*query)
        return cursor.fetchall()


def series_query(
    columns: Sequence[str],
    definitions_by_unit: Mapping[int, Iterable[int]],
    period_type: str,
    *,
    starts: tuple[date, date] | None = None,
) -> Query | None:
    """``columns`` of the values of the given indicators at each unit (unit id → definition ids)
    for one kind of period, oldest first; ``starts``: only periods starting within these two
    days (both included). None when it asks for nothing."""
    condition, params = _per_unit_condition(definitions_by_unit)
    if not condition:
        return None
    quote = connection.ops.quote_name
    table = quote(IndicatorValue._meta.db_table)
    where = f"({condition}) AND {table}.{quote('period_type')} = %s"
    arguments: list[Any] = [*params, period_type]
    if starts is not None:
        where += f" AND {table}.{quote('period_start')} BETWEEN %s AND %s"
        arguments += [connection.ops.adapt_datefield_value(day) for day in starts]
    return _select(columns, where, f" ORDER BY {table}.{quote('period_start')}"), arguments


def series_rows(
    columns: Sequence[str],
    definitions_by_unit: Mapping[int, Iterable[int]],
    period_type: str,
    *,
    starts: tuple[date, date] | None = None,
) -> list[tuple[Any, ...]]:
    """The rows of :func:`series_query` as the database driver returns them (on SQLite a
    boolean is 0 or 1, a date its text)."""
    return _fetch(series_query(columns, definitions_by_unit, period_type, starts=starts))


def period_query(
    columns: Sequence[str],
    definitions_by_unit: Mapping[int, Iterable[int]],
    period_codes: Iterable[str],
) -> Query | None:
    """``columns`` of the values of the given indicators at each unit (unit id → definition ids)
    for the given periods (codes); None when it asks for nothing."""
    condition, params = _per_unit_condition(definitions_by_unit)
    codes = sorted({str(code) for code in period_codes})
    if not condition or not codes:
        return None
    quote = connection.ops.quote_name
    table = quote(IndicatorValue._meta.db_table)
    marks = ", ".join(["%s"] * len(codes))
    where = f"({condition}) AND {table}.{quote('period')} IN ({marks})"
    return _select(columns, where), [*params, *codes]


def period_rows(
    columns: Sequence[str],
    definitions_by_unit: Mapping[int, Iterable[int]],
    period_codes: Iterable[str],
) -> list[tuple[Any, ...]]:
    """The rows of :func:`period_query` as the database driver returns them."""
    return _fetch(period_query(columns, definitions_by_unit, period_codes))


class StoredFigure(NamedTuple):
    """A stored value's figures, read as a tuple (no model instance): what tables and
    statuses read of a value."""

    definition_id: int
    unit_id: int
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    partial: bool
    no_value_reason: str


FIGURE_COLUMNS: tuple[str, ...] = StoredFigure._fields
"""The columns of a :class:`StoredFigure`, in its order (a query may read more after them)."""


def figure_of(row: Sequence[Any]) -> StoredFigure:
    """The :class:`StoredFigure` of a row read with :data:`FIGURE_COLUMNS` first (the driver's
    0 or 1 of SQLite made a boolean)."""
    definition_id, unit_id, code, value, numerator, denominator, partial, reason = row[:8]
    return StoredFigure(
        definition_id, unit_id, code, value, numerator, denominator, bool(partial), reason
    )


def figures_of(
    definitions_by_unit: Mapping[int, Iterable[int]], period_codes: Iterable[str]
) -> list[StoredFigure]:
    """The figures of the given indicators at each unit for the given periods (one query)."""
    return [
        figure_of(row) for row in period_rows(FIGURE_COLUMNS, definitions_by_unit, period_codes)
    ]


def figures_query(definition_id: int, unit_ids: Iterable[int], period: str) -> Query | None:
    """One indicator's :class:`StoredFigure` columns for one period at the given units
    (through the unique index on indicator, unit and period); None without units."""
    ids = sorted({int(u) for u in unit_ids})
    if not ids:
        return None
    quote = connection.ops.quote_name
    table = quote(IndicatorValue._meta.db_table)
    where = (
        f"{table}.{quote('definition_id')} = %s AND {table}.{quote('period')} = %s "
        f"AND {table}.{quote('unit_id')} IN ({', '.join(['%s'] * len(ids))})"
    )
    return _select(FIGURE_COLUMNS, where), [int(definition_id), str(period), *ids]


def figures_at(definition_id: int, unit_ids: Iterable[int], period: str) -> list[StoredFigure]:
    """The rows of :func:`figures_query`, as :class:`StoredFigure`."""
    return [figure_of(row) for row in _fetch(figures_query(definition_id, unit_ids, period))]


def roots_managed_by(user: Any) -> list[OrgUnit]:
    """Organisations (root units) the user may recompute: those in which they are unit lead
    or above somewhere (recomputing changes no data, it brings values up to date)."""
    from soteria.organisations import access
    from soteria.organisations.access import Action

    root_ids = {unit.root_id for unit in access.units_for(user, Action.MANAGE).only("pk", "path")}
    return list(OrgUnit.objects.filter(pk__in=root_ids))


def runs_visible_to(user: Any, limit: int = 200) -> list[ComputeRun]:
    """Recent computations: all for platform administrators; otherwise full ones and those
    of the organisations the user has a role in."""
    from soteria.organisations import access

    runs = list(ComputeRun.objects.all()[:limit])
    if getattr(user, "is_superuser", False):
        return runs
    roots = {path_ids(path)[0] for path, _ in access.grants(user)}
    if not roots:
        return []
    return [r for r in runs if not r.scope.get("roots") or roots & set(r.scope["roots"])]
