"""Reference data kept in memory per data generation: indicator definitions and the targets
set on each unit.

Pages read the same few dozen definitions and the targets of a unit and its ancestors over
and over, for every period and every unit below; loading them as model instances cost a
page more than reading the values it shows (a definition's JSON fields, a target's joins).
Under a data generation the request announced (:mod:`soteria.core.generation`) they are
read once per process and reused by every request under the same token: any change to a
definition or a target bumps the token (``soteria.scorecards.freshness``), and the first
request under the new token starts afresh (only the latest generation is kept). Without an
announced token — services, commands, a render after a write — every call reads the
database, exactly as before.

The instances are shared by the requests (and threads) of a process: callers read them and
never change them; code that changes a definition or a target loads its own copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, QuerySet

from soteria.core import generation
from soteria.indicators import selectors
from soteria.indicators.models import IndicatorDefinition, Target
from soteria.organisations import tree
from soteria.organisations.models import OrgUnit

M = TypeVar("M", bound=Model)

_DEFINITIONS = "indicators:definitions"
_BY_CODE = "indicators:definitions-by-code"
_TARGETS = "indicators:targets"


def _all() -> dict[int, IndicatorDefinition] | None:
    return generation.kept(
        _DEFINITIONS, lambda: {d.pk: d for d in IndicatorDefinition.objects.all()}
    )


def definitions(ids: Iterable[int]) -> dict[int, IndicatorDefinition]:
    """The definitions with these ids (active or not), by id; unknown ids are left out."""
    wanted = set(ids)
    if not wanted:
        return {}
    found = _all()
    if found is None:
        return {d.pk: d for d in IndicatorDefinition.objects.filter(pk__in=wanted)}
    return {pk: found[pk] for pk in wanted if pk in found}


def by_code(code: str) -> IndicatorDefinition | None:
    """The definition with this code (active or not), or None."""

    def index() -> dict[str, IndicatorDefinition]:
        return {d.code: d for d in (_all() or {}).values()}

    found = generation.kept(_BY_CODE, index)
    if found is None:
        return IndicatorDefinition.objects.filter(code=code).first()
    return found.get(code)


def usable_at(unit: OrgUnit) -> dict[int, IndicatorDefinition]:
    """The active definitions usable at ``unit`` (``selectors.definitions_for``), by id."""
    everything = _all()
    if everything is None:
        return {d.pk: d for d in selectors.definitions_for(unit)}
    ancestors = set(unit.ancestor_ids)

    def usable(definition: IndicatorDefinition) -> bool:
        if definition.owner_id is None or definition.owner_id in ancestors:
            return True
        owner = tree.unit_by_id(definition.owner_id)
        return owner is not None and owner.path.startswith(unit.path)

    return {pk: d for pk, d in everything.items() if d.active and usable(d)}


def with_definitions(rows: QuerySet[M], field: str) -> list[M]:
    """The rows of ``rows`` with their definition (the foreign key ``field``) loaded: from
    memory under an announced generation, else joined in the same query."""
    if generation.store() is None:
        return list(rows.select_related(field))
    found = list(rows)
    loaded = definitions(getattr(row, f"{field}_id") for row in found)
    for row in found:
        setattr(row, field, loaded[getattr(row, f"{field}_id")])
    return found


def targets(
    wanted: dict[int, IndicatorDefinition],
    unit_ids: Iterable[int],
    periods: Iterable[str] | None,
) -> list[Target]:
    """The targets of the ``wanted`` indicators (by id) set on these units for these period
    codes (``None``: for any period), each with its unit, definition and who set and approved
    it loaded."""
    unit_ids = set(unit_ids)
    periods = set(periods) if periods is not None else None
    if not (wanted and unit_ids) or periods == set():
        return []
    store = generation.store()
    if store is None:
        asked = Target.objects.filter(definition_id__in=list(wanted), unit_id__in=unit_ids)
        if periods is not None:
            asked = asked.filter(period__in=periods)
        found = list(asked.select_related("unit", "set_by", "approved_by"))
        for row in found:  # the caller's own instances: no join, no second query
            row.definition = wanted[row.definition_id]
        return found
    missing = {unit_id for unit_id in unit_ids if (_TARGETS, unit_id) not in store}
    if missing:
        loaded: dict[int, list[Target]] = {unit_id: [] for unit_id in missing}
        rows = list(
            Target.objects.filter(unit_id__in=missing).select_related(
                "unit", "set_by", "approved_by"
            )
        )
        _attach_definitions(rows)
        for row in rows:
            loaded[row.unit_id].append(row)
        for unit_id, found in loaded.items():
            store[(_TARGETS, unit_id)] = found
    return [
        t
        for unit_id in unit_ids
        for t in store[(_TARGETS, unit_id)]
        if t.definition_id in wanted and (periods is None or t.period in periods)
    ]


def _attach_definitions(rows: list[Target]) -> None:
    """Each target's definition from :func:`definitions` (no join: a definition's JSON
    fields cost more to load than the target itself)."""
    found = definitions({t.definition_id for t in rows})
    for row in rows:
        row.definition = found[row.definition_id]
