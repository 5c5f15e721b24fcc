"""Reads of strategies, limited to what the reader may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from soteria.audit.services import snapshot
from soteria.organisations import access
from soteria.organisations.models import OrgUnit
from soteria.strategy.models import (
    ELEMENT_MODELS,
    Element,
    Initiative,
    Objective,
    Priority,
    Programme,
    Strategy,
    StrategyVersion,
    SuccessFactor,
    Value,
)


def strategies_for(user: Any) -> QuerySet[Strategy]:
    """Strategies the user may read: those governing any unit where they hold a role."""
    return (
        Strategy.objects.filter(access.governed_filter(user, "unit"))
        .select_related("unit")
        .prefetch_related("versions")
    )


def strategies_governing(user: Any, unit: OrgUnit) -> QuerySet[Strategy]:
    """Strategies of the unit and of its ancestors, as far as the user may read them."""
    return strategies_for(user).filter(unit__pk__in=unit.ancestor_ids).order_by("-unit__depth")


def version_get(user: Any, pk: int) -> StrategyVersion:
    version = get_object_or_404(
        StrategyVersion.objects.select_related("strategy__unit", "based_on"), pk=pk
    )
    if not access.reads_within(user, version.strategy.unit):
        raise Http404
    return version


def element_get(user: Any, model: type[Element], pk: int) -> Element:
    element = get_object_or_404(
        model.objects.select_related("version__strategy__unit"),  # type: ignore[attr-defined]
        pk=pk,
    )
    if not access.reads_within(user, element.governing_unit()):
        raise Http404
    return element


@dataclass
class House:
    """Everything the strategy-house page shows, loaded in a fixed number of queries."""

    version: StrategyVersion
    values: list[Value] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    success_factors: list[SuccessFactor] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)


def house(version: StrategyVersion) -> House:
    initiatives = Initiative.objects.select_related("owner_unit").prefetch_related(
        "milestones", "funding", "budget"
    )
    objectives = Objective.objects.select_related("owner_unit", "priority").prefetch_related(
        Prefetch("initiatives", queryset=initiatives)
    )
    programmes = (
        Programme.objects.filter(version=version)
        .select_related("owner_unit")
        .prefetch_related(Prefetch("objectives", queryset=objectives))
    )
    return House(
        version=version,
        values=list(Value.objects.filter(version=version)),
        priorities=list(Priority.objects.filter(version=version)),
        success_factors=list(SuccessFactor.objects.filter(version=version)),
        programmes=list(programmes),
    )


@dataclass
class ElementChange:
    model: type[Element]
    kind: str  # "added" | "removed" | "changed"
    label: str
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def verbose(self) -> str:
        return str(self.model._meta.verbose_name)


#: Fields that differ between copies by construction and say nothing about content.
_NOT_COMPARED = {"version", "order", "id"}


def _comparable(element: Element, keys: dict[tuple[type, Any], Any]) -> dict[str, Any]:
    data = snapshot(element, labels=False)
    for model_field in type(element)._meta.concrete_fields:
        target = getattr(model_field, "related_model", None)
        if target in ELEMENT_MODELS and model_field.name != "version":
            ref = data.get(model_field.name)
            data[model_field.name] = keys.get((target, ref)) if ref is not None else None
    return {k: v for k, v in data.items() if k not in _NOT_COMPARED}


def version_diff(old: StrategyVersion, new: StrategyVersion) -> dict[str, Any]:
    """What changed from ``old`` to ``new``: version fields and elements matched by key."""
    old_data, new_data = snapshot(old), snapshot(new)
    version_fields = {
        name: change
        for name, change in (
            (n, {"old": old_data.get(n), "new": new_data.get(n)})
            for n in (
                "approving_body",
                "decision_date",
                "valid_from",
                "valid_to",
                "mission",
                "vision",
            )
        )
        if change["old"] != change["new"]
    }
    changes: list[ElementChange] = []
    keys: dict[tuple[type, Any], Any] = {}
    for other in ELEMENT_MODELS:
        for pk, key in other.objects.filter(version__in=[old, new]).values_list("pk", "key"):
            keys[(other, pk)] = str(key)
    for model in ELEMENT_MODELS:
        before = {e.key: e for e in model.objects.filter(version=old)}
        after = {e.key: e for e in model.objects.filter(version=new)}
        for key in after.keys() - before.keys():
            changes.append(ElementChange(model, "added", str(after[key])))
        for key in before.keys() - after.keys():
            changes.append(ElementChange(model, "removed", str(before[key])))
        for key in before.keys() & after.keys():
            a, b = _comparable(before[key], keys), _comparable(after[key], keys)
            differing = {
                name: {"old": a.get(name), "new": b.get(name)}
                for name in sorted(set(a) | set(b))
                if a.get(name) != b.get(name)
            }
            if differing:
                changes.append(ElementChange(model, "changed", str(after[key]), differing))
    changes.sort(key=lambda c: (ELEMENT_MODELS.index(c.model), c.kind, c.label))
    return {"version_fields": version_fields, "elements": changes}
