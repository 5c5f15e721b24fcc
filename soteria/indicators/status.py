"""Status (red / amber / green) of indicator values, and of objectives rolled up from them.

**A value** against its target (:func:`rag`), with *t* the target and *tol* the tolerance:

- *higher is better*: green when value ≥ t; amber when value ≥ t − tol; else red;
- *lower is better*: green when value ≤ t; amber when value ≤ t + tol; else red;
- *neither*: green when |value − t| ≤ tol; else red (there is no "wrong side" to be
  a little on, so no amber).

A value within floating-point noise of a boundary counts as on it. Without a value or a
target (or with a value that is not a finite number) there is no status.

**An objective** (:func:`objective_status`) for a period: each of its indicators counts
with its weight (1–10) and scores 1 for green, 0.5 for amber, 0 for red, using the value
and target of the unit it is measured at. Each milestone of the objective's initiatives
counts with weight 1: done is green; not done and due by the end of the period (overdue)
is red; flagged late but not due yet is amber; otherwise it is not due yet and not rated.
Cancelled milestones and those of cancelled initiatives are not rated. The weighted mean
score makes the objective green from 0.75, amber from 0.4, red below; with nothing rated
there is no status. Indicators without a value or a target are listed as not rated.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from django.utils.translation import gettext_noop

from soteria.core.i18n import gettext_kept as _
from soteria.core.numbers import display
from soteria.indicators import reference, selectors
from soteria.indicators.models import Direction, IndicatorDefinition, NoValueReason
from soteria.indicators.periods import Period
from soteria.indicators.selectors import StoredFigure
from soteria.indicators.targets import EffectiveTarget, parse_period, targets_for_many
from soteria.organisations.models import OrgUnit
from soteria.strategy import structure
from soteria.strategy.models import (
    InitiativeStatus,
    Milestone,
    MilestoneStatus,
    Objective,
    ObjectiveIndicator,
)


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


RAG_LABELS = {
    Rag.GREEN: gettext_noop("on track"),
    Rag.AMBER: gettext_noop("at risk"),
    Rag.RED: gettext_noop("off track"),
}
"""Each status in words (message ids: translate with ``_`` where shown)."""
SCORES = {Rag.GREEN: 1.0, Rag.AMBER: 0.5, Rag.RED: 0.0}
GREEN_FROM = 0.75
AMBER_FROM = 0.4
MILESTONE_WEIGHT = 1


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _at_least(a: float, b: float) -> bool:
    return a >= b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def rag(
    value: Any, target: Any, tolerance: Any = 0.0, direction: Any = Direction.NONE
) -> Rag | None:
    """The status of a value against a target (see the module); never raises."""
    v, t = _number(value), _number(target)
    if v is None or t is None:
        return None
    tol = abs(_number(tolerance) or 0.0)
    if direction == Direction.HIGHER:
        if _at_least(v, t):
            return Rag.GREEN
        return Rag.AMBER if _at_least(v, t - tol) else Rag.RED
    if direction == Direction.LOWER:
        if _at_least(t, v):
            return Rag.GREEN
        return Rag.AMBER if _at_least(t + tol, v) else Rag.RED
    return Rag.GREEN if _at_least(tol, abs(v - t)) else Rag.RED


def score_status(score: float | None) -> Rag | None:
    """An objective's status from its weighted score (0–1)."""
    if score is None:
        return None
    if _at_least(score, GREEN_FROM):
        return Rag.GREEN
    if _at_least(score, AMBER_FROM):
        return Rag.AMBER
    return Rag.RED


def _fmt(number: float, decimals: int) -> str:
    return display(number, max(decimals, 0), grouping=False)


def thresholds(
    target: float, tolerance: float, direction: str, decimals: int = 1
) -> dict[Rag, str]:
    """The band of each status, for people: {green: "≥ 90", amber: "85 – 90", red: "< 85"}."""
    t, tol = _fmt(target, decimals), _fmt(tolerance, decimals)
    if direction == Direction.HIGHER:
        edge = _fmt(target - tolerance, decimals)
        return {Rag.GREEN: f"≥ {t}", Rag.AMBER: f"≥ {edge}", Rag.RED: f"< {edge}"}
    if direction == Direction.LOWER:
        edge = _fmt(target + tolerance, decimals)
        return {Rag.GREEN: f"≤ {t}", Rag.AMBER: f"≤ {edge}", Rag.RED: f"> {edge}"}
    return {Rag.GREEN: f"{t} ± {tol}", Rag.RED: _("outside %(band)s") % {"band": f"{t} ± {tol}"}}


# --- values -----------------------------------------------------------------------------------


class Figure(Protocol):
    """What rating reads of a stored value: an ``IndicatorValue``, or its figures read as a
    tuple (``selectors.StoredFigure``)."""

    @property
    def unit_id(self) -> int: ...

    @property
    def period(self) -> str: ...

    @property
    def value(self) -> float | None: ...

    @property
    def partial(self) -> bool: ...

    @property
    def no_value_reason(self) -> str: ...


F = TypeVar("F", bound=Figure)


@dataclass(frozen=True)
class RatedValue(Generic[F]):
    value: F
    target: EffectiveTarget | None
    status: Rag | None


def too_early(definition: IndicatorDefinition, value: Figure | None) -> bool:
    """A total (count, sum) of a period not yet over is not judged: it would be set against
    the whole period's target. Rates, averages and percentiles are."""
    return value is not None and value.partial and definition.is_total


def indicator_part(
    definition: IndicatorDefinition,
    unit: OrgUnit,
    stored: Figure | None,
    target: EffectiveTarget | None,
) -> IndicatorPart:
    """An indicator's value, target and status at a unit, outside any objective."""
    value = _number(stored.value) if stored is not None else None
    return IndicatorPart(
        link=None,
        definition=definition,
        unit=unit,
        value=value,
        no_value_reason=NoValueReason.label_of(stored.no_value_reason)
        if stored is not None
        else "",
        target=target,
        status=(
            rag(value, target.value, target.tolerance, definition.direction)
            if target is not None and not too_early(definition, stored)
            else None
        ),
        weight=1,
        partial=stored is not None and stored.partial,
    )


def rate_values(
    definition: IndicatorDefinition,
    values: Iterable[F],
    units: Iterable[OrgUnit] = (),
) -> list[RatedValue[F]]:
    """The status of each value of one indicator, targets resolved in bulk.

    Fixed number of queries (the values' units unless given in ``units``, then the
    targets), however many values.
    """
    values = list(values)
    known = {u.pk: u for u in units}
    unit_ids = {v.unit_id for v in values} - known.keys()
    units_by_id = {**known, **(OrgUnit.objects.in_bulk(unit_ids) if unit_ids else {})}
    targets = targets_for_many((definition, units_by_id[v.unit_id], v.period) for v in values)
    out = []
    for v in values:
        target = targets[(definition.pk, v.unit_id, v.period)]
        status = (
            rag(v.value, target.value, target.tolerance, definition.direction)
            if target is not None and not too_early(definition, v)
            else None
        )
        out.append(RatedValue(v, target, status))
    return out


# --- objectives -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorPart:
    link: ObjectiveIndicator | None
    """None for an indicator shown on its own (a unit dashboard's pinned or other rows)."""
    definition: IndicatorDefinition
    unit: OrgUnit
    value: float | None
    no_value_reason: str
    target: EffectiveTarget | None
    status: Rag | None
    weight: int
    partial: bool = False
    """The value covers only part of the period (it had not ended when computed)."""

    @property
    def rated(self) -> bool:
        return self.status is not None

    @property
    def score(self) -> float | None:
        return SCORES[self.status] if self.status is not None else None

    @property
    def why_not_rated(self) -> str:
        if self.value is None and self.target is None:
            return _("no value and no target")
        if self.value is None:
            return _("no value")
        if self.target is None:
            return _("no target")
        if self.partial and self.definition.is_total:
            return _("the period is not over")
        return ""


@dataclass(frozen=True)
class MilestonePart:
    milestone: Milestone
    status: Rag | None
    reason: str
    weight: int = MILESTONE_WEIGHT

    @property
    def rated(self) -> bool:
        return self.status is not None

    @property
    def score(self) -> float | None:
        return SCORES[self.status] if self.status is not None else None


@dataclass
class ObjectiveStatus:
    objective: Objective
    period: Period
    status: Rag | None
    score: float | None
    """Weighted mean score, 0–1; None when nothing is rated."""
    weight_rated: int
    points: float
    """Sum of weight × score over the rated parts (``score`` = points ÷ weight_rated)."""
    indicators: list[IndicatorPart] = field(default_factory=list)
    milestones: list[MilestonePart] = field(default_factory=list)

    @property
    def parts(self) -> list[IndicatorPart | MilestonePart]:
        return [*self.indicators, *self.milestones]

    def _count(self, status: Rag | None) -> int:
        return sum(1 for part in self.parts if part.status == status)

    @property
    def on_track(self) -> int:
        return self._count(Rag.GREEN)

    @property
    def at_risk(self) -> int:
        return self._count(Rag.AMBER)

    @property
    def off_track(self) -> int:
        return self._count(Rag.RED)

    @property
    def not_rated(self) -> int:
        return self._count(None)

    @property
    def rule(self) -> str:
        return rule_text()

    @property
    def calculation(self) -> str:
        """This objective's arithmetic, for people."""
        if self.score is None:
            return _("Nothing is rated for %(period)s yet, so the objective has no status.") % {
                "period": self.period.code
            }
        return _("%(points)s of %(weight)s weighted points = %(percent)s %%: %(status)s.") % {
            "points": f"{self.points:g}",
            "weight": self.weight_rated,
            "percent": f"{self.score * 100:.0f}",
            "status": _(RAG_LABELS[self.status]) if self.status else "",
        }


def rule_text() -> str:
    """How an objective's status is worked out, for people (translated)."""
    return _(
        "Green when the weighted score is at least %(green)s %%, amber when it is at least "
        "%(amber)s %%, red below. Each indicator counts with its weight and each milestone "
        "with weight 1; green scores 1, amber 0.5 and red 0. Milestones done are green, "
        "those due by the end of the period and not done are red, those flagged late but "
        "not due yet are amber. Indicators without a value or a target, milestones not yet "
        "due and cancelled ones are not rated and left out."
    ) % {"green": f"{GREEN_FROM * 100:g}", "amber": f"{AMBER_FROM * 100:g}"}


def milestone_status(milestone: Milestone, period: Period) -> tuple[Rag | None, str]:
    """A milestone's status at the end of ``period`` and why."""
    initiative = milestone.initiative
    if (
        milestone.status == MilestoneStatus.CANCELLED
        or initiative.status == InitiativeStatus.CANCELLED
    ):
        return None, _("cancelled")
    if milestone.status == MilestoneStatus.DONE:
        return Rag.GREEN, _("done")
    if milestone.due < period.end:
        return Rag.RED, _("overdue")
    if milestone.status == MilestoneStatus.LATE:
        return Rag.AMBER, _("flagged late")
    return None, _("not due yet")


def objective_statuses(
    objectives: Iterable[Objective], period_code: str | Period
) -> dict[int, ObjectiveStatus]:
    """:func:`objective_status` for many objectives in a fixed number of queries."""
    period = parse_period(period_code)
    return objective_statuses_over(objectives, [period])[period.code]


def objective_statuses_over(
    objectives: Iterable[Objective], period_codes: Sequence[str | Period]
) -> dict[str, dict[int, ObjectiveStatus]]:
    """:func:`objective_statuses` for several periods at once (a period and the one before
    it, for trends): links, milestones, values and targets are read once for all of them.
    Keyed by period code, then objective id."""
    chosen = [parse_period(code) for code in period_codes]
    objectives = list(objectives)
    links, milestones = _links_and_milestones(objectives)
    measured = [(link, link.measured_unit()) for link in links]
    value_rows: dict[tuple[int, int, str], StoredFigure] = {}
    if measured and chosen:
        by_unit: dict[int, set[int]] = defaultdict(set)
        for link, unit in measured:
            by_unit[unit.pk].add(link.indicator_id)
        for stored in selectors.figures_of(by_unit, [period.code for period in chosen]):
            value_rows[(stored.definition_id, stored.unit_id, stored.period)] = stored
    targets = targets_for_many(
        (link.indicator, unit, period) for period in chosen for link, unit in measured
    )
    return {
        period.code: _statuses(objectives, period, measured, value_rows, targets, milestones)
        for period in chosen
    }


def _links_and_milestones(
    objectives: list[Objective],
) -> tuple[list[ObjectiveIndicator], list[Milestone]]:
    """The objectives' indicator links (by objective, ``order``, pk; each with its unit,
    indicator and objective's owner unit) and their initiatives' milestones (due,
    ``order``, pk; each with its initiative): from the versions' structures kept in memory
    (``strategy.structure``) when there are, else in two queries."""
    ids = [o.pk for o in objectives]
    structures = structure.of_versions(o.version_id for o in objectives)
    if structures is not None:
        links: list[ObjectiveIndicator] = []
        milestones: list[Milestone] = []
        for objective in objectives:
            found = structures[objective.version_id]
            links += found.links.get(objective.pk, [])
            milestones += found.milestones.get(objective.pk, [])
        links.sort(key=lambda link: (link.objective_id, link.order, link.pk))
        milestones.sort(key=lambda m: (m.due, m.order, m.pk))
        return links, milestones
    links = reference.with_definitions(
        ObjectiveIndicator.objects.filter(objective_id__in=ids)
        .select_related("unit", "objective__owner_unit")
        .order_by("objective_id", "order", "pk"),
        "indicator",
    )
    milestones = list(
        Milestone.objects.filter(initiative__objective_id__in=ids)
        .select_related("initiative")
        .order_by("due", "order", "pk")
    )
    return links, milestones


def _statuses(
    objectives: list[Objective],
    period: Period,
    measured: list[tuple[ObjectiveIndicator, OrgUnit]],
    value_rows: dict[tuple[int, int, str], StoredFigure],
    targets: dict[tuple[int, int, str], EffectiveTarget | None],
    milestones: list[Milestone],
) -> dict[int, ObjectiveStatus]:
    out = {o.pk: ObjectiveStatus(o, period, None, None, 0, 0.0) for o in objectives}
    for link, unit in measured:
        definition = link.indicator
        row = value_rows.get((definition.pk, unit.pk, period.code))
        value = row.value if row is not None else None
        target = targets[(definition.pk, unit.pk, period.code)]
        status = (
            rag(value, target.value, target.tolerance, definition.direction)
            if target and not too_early(definition, row)
            else None
        )
        out[link.objective_id].indicators.append(
            IndicatorPart(
                link=link,
                definition=definition,
                unit=unit,
                value=_number(value),
                no_value_reason=NoValueReason.label_of(row.no_value_reason)
                if row is not None
                else "",
                target=target,
                status=status,
                weight=link.weight,
                partial=row is not None and row.partial,
            )
        )
    for milestone in milestones:
        status, reason = milestone_status(milestone, period)
        out[milestone.initiative.objective_id].milestones.append(
            MilestonePart(milestone, status, reason)
        )
    for result in out.values():
        rated = [p for p in result.parts if p.score is not None]
        result.weight_rated = sum(p.weight for p in rated)
        result.points = sum(p.weight * (p.score or 0.0) for p in rated)
        if result.weight_rated:
            result.score = result.points / result.weight_rated
        result.status = score_status(result.score)
    return out


def objective_status(objective: Objective, period_code: str | Period) -> ObjectiveStatus:
    """The status of an objective in a period, with its parts and the rule (see the module).

    Values are those of each indicator at its measured unit (the link's unit, else the
    objective's owner unit) for exactly the period.
    """
    return objective_statuses([objective], period_code)[objective.pk]
