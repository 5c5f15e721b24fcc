"""A strategy version's structure, kept in memory per data generation for the scorecard pages.

The house, the objective scorecard and the unit dashboard read the same structure over and
over — objectives, their indicator links, initiatives with funding and budget, milestones,
programmes, priorities, values, success factors — for every unit and period, while it
changes only when the strategy is edited (every element's save bumps the data generation,
``soteria.scorecards.freshness``). Under a generation the request announced
(:mod:`soteria.core.generation`) :func:`of` reads a version's structure once per process
(about ten queries) and every later page under the same token takes it from memory; without
an announced token it returns ``None`` and callers query what they need, as before.

The instances are shared by the requests and threads of a process: read, never changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from soteria.core import generation
from soteria.indicators import reference
from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    Milestone,
    Objective,
    ObjectiveIndicator,
    Priority,
    Programme,
    SuccessFactor,
    Value,
)

_KIND = "strategy:structure"


@dataclass(frozen=True)
class Structure:
    """Everything of one version a scorecard page shows besides figures, in the orders the
    pages use."""

    version_id: int
    objectives: dict[int, Objective]
    """By id; each with its programme, owner unit and version (and the version's strategy)."""
    links: dict[int, list[ObjectiveIndicator]]
    """Objective id → its indicator links (``order``, pk), each with its unit, indicator
    (from :mod:`soteria.indicators.reference`) and objective."""
    initiatives: dict[int, list[Initiative]]
    """Objective id → its initiatives (``order``, pk) with owner unit, funding and budget."""
    milestones: dict[int, list[Milestone]]
    """Objective id → the milestones of its initiatives (due, ``order``, pk), each with its
    initiative."""
    programmes: list[Programme]
    priorities: list[Priority]
    values: list[Value]
    success_factors: list[SuccessFactor]


def of(version_id: int) -> Structure | None:
    """The structure of the version, from memory under the announced data generation (read
    on first use); ``None`` without an announced generation."""
    return generation.kept((_KIND, version_id), lambda: _read(version_id))


def of_versions(version_ids: Iterable[int]) -> dict[int, Structure] | None:
    """:func:`of` for several versions, by id; ``None`` unless every one is kept."""
    found = {v: of(v) for v in set(version_ids)}
    if not found or any(s is None for s in found.values()):
        return None
    return {v: s for v, s in found.items() if s is not None}


def _read(version_id: int) -> Structure:
    objectives = {
        o.pk: o
        for o in Objective.objects.filter(version_id=version_id).select_related(
            "programme", "owner_unit", "version__strategy"
        )
    }
    rows = list(
        ObjectiveIndicator.objects.filter(version_id=version_id)
        .select_related("unit")
        .order_by("objective_id", "order", "pk")
    )
    indicators = reference.definitions(link.indicator_id for link in rows)
    links: dict[int, list[ObjectiveIndicator]] = defaultdict(list)
    for link in rows:
        link.indicator = indicators[link.indicator_id]
        link.objective = objectives[link.objective_id]
        links[link.objective_id].append(link)
    initiatives: dict[int, list[Initiative]] = defaultdict(list)
    by_id: dict[int, Initiative] = {}
    for initiative in (
        Initiative.objects.filter(version_id=version_id)
        .select_related("owner_unit")
        .prefetch_related(
            Prefetch("funding", queryset=FundingSource.objects.order_by("order", "pk")),
            Prefetch("budget", queryset=BudgetLine.objects.order_by("order", "pk")),
        )
        .order_by("order", "pk")
    ):
        initiative.objective = objectives[initiative.objective_id]
        initiatives[initiative.objective_id].append(initiative)
        by_id[initiative.pk] = initiative
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(version_id=version_id).order_by("due", "order", "pk"):
        milestone.initiative = by_id[milestone.initiative_id]
        milestones[milestone.initiative.objective_id].append(milestone)
    return Structure(
        version_id=version_id,
        objectives=objectives,
        links=dict(links),
        initiatives=dict(initiatives),
        milestones=dict(milestones),
        programmes=list(
            Programme.objects.filter(version_id=version_id).select_related("owner_unit")
        ),
        priorities=list(Priority.objects.filter(version_id=version_id)),
        values=list(Value.objects.filter(version_id=version_id)),
        success_factors=list(SuccessFactor.objects.filter(version_id=version_id)),
    )
