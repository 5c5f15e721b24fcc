"""The org-unit tree, kept in memory per data generation for the pages that walk it.

A scorecard page looks its unit up by code (or id) and walks to its ancestors (the breadcrumb
trail) and children (the units to drill into): three queries on every page for a tree that
changes only when a unit is created, renamed or moved (every unit save bumps the data
generation, ``soteria.scorecards.freshness``). Under a generation the request announced
(:mod:`soteria.core.generation`) the whole tree is read once per process; without one these
functions query as before. What a reader may see is still decided per request
(``access.can``): the tree only replaces the lookups.

The instances are shared by the requests and threads of a process: read, never changed
(code that changes a unit loads its own).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from soteria.core import generation
from soteria.organisations.models import OrgUnit

_KIND = "organisations:tree"


@dataclass(frozen=True)
class _Tree:
    by_id: dict[int, OrgUnit]
    by_code: dict[str, OrgUnit]
    children: dict[int, list[OrgUnit]]
    """Parent id → its children by code."""
    roots: list[OrgUnit]
    """The units without a parent, by code."""


def _kept() -> _Tree | None:
    return generation.kept(_KIND, _read)


def _read() -> _Tree:
    units = list(OrgUnit.objects.order_by("code"))
    children: dict[int, list[OrgUnit]] = defaultdict(list)
    for unit in units:
        if unit.parent_id is not None:
            children[unit.parent_id].append(unit)
    return _Tree(
        by_id={u.pk: u for u in units},
        by_code={u.code: u for u in units},
        children=dict(children),
        roots=[u for u in units if u.parent_id is None],
    )


def unit_by_code(code: str) -> OrgUnit | None:
    """The unit with this code, or None."""
    tree = _kept()
    if tree is None:
        return OrgUnit.objects.filter(code=code).first()
    return tree.by_code.get(code)


def unit_by_id(pk: int) -> OrgUnit | None:
    """The unit with this primary key, or None."""
    tree = _kept()
    if tree is None:
        return OrgUnit.objects.filter(pk=pk).first()
    return tree.by_id.get(pk)


def roots() -> list[OrgUnit]:
    """The units without a parent, by code."""
    tree = _kept()
    if tree is None:
        return list(OrgUnit.objects.filter(parent__isnull=True).order_by("code"))
    return list(tree.roots)


def ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors from the root down, the unit itself last."""
    tree = _kept()
    if tree is None:
        return list(unit.ancestors())
    return [tree.by_id[pk] for pk in unit.ancestor_ids if pk in tree.by_id]


def children(unit: OrgUnit) -> list[OrgUnit]:
    """The unit's children, by code."""
    tree = _kept()
    if tree is None:
        return list(OrgUnit.objects.filter(parent=unit).order_by("code"))
    return list(tree.children.get(unit.pk, []))
