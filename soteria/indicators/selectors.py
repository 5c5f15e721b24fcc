"""Reading indicators: which definitions and values a unit or user may see."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

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


def values_at(definitions_by_unit: Mapping[int, Iterable[int]]) -> QuerySet[IndicatorValue]:
    """Stored values of the given indicators at each unit (unit id → definition ids).

    One condition per unit, written as SQL: Django compiles a ``Q`` condition at ~0.2 ms
    per unit, which for a house seen from the region (its objectives measured at some fifty
    units) cost more than the query itself; the same SQL, built here, costs nothing.
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
    if not clauses:
        return IndicatorValue.objects.none()
    return IndicatorValue.objects.extra(where=[" OR ".join(clauses)], params=params)  # noqa: S610 - only integer parameters


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
