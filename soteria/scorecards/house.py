"""The living strategy house and the objective scorecard: statuses, trends and counts.

**Objectives** get their status from :func:`soteria.indicators.status.objective_statuses`
(indicators and milestones, weighted). **Priorities and programmes** roll up the objectives
counted for the selected unit: the plain mean of the scores of those that have one (every
objective counts the same, whatever its number of indicators), with the objective
thresholds (:func:`~soteria.indicators.status.score_status`). An **initiative** is rated
the same way from its milestones (each counts the same).

The **trend** compares a score with the previous period of the same kind (the previous
quarter for a quarter): up, down or flat; none when either period has no score.

**Which objectives count** for a unit: those owned by a unit in its subtree, or with an
indicator measured at one. Statuses are computed for all of them at once, for the period and
for the previous one, so a house costs a fixed number of queries however large it is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_noop

from soteria.core.i18n import gettext_kept as _
from soteria.indicators import periods
from soteria.indicators.periods import Period
from soteria.indicators.status import (
    AMBER_FROM,
    GREEN_FROM,
    RAG_LABELS,
    MilestonePart,
    ObjectiveStatus,
    Rag,
    objective_statuses_over,
    rule_text,
    score_status,
)
from soteria.organisations.models import OrgUnit
from soteria.scorecards.row_facts import chart_rows
from soteria.scorecards.rows import (  # noqa: F401 - re-exported: the house's names
    ASSURANCE_ICONS,
    ASSURANCE_LABELS,
    SIDE_LABELS,
    SIGNAL_LABELS,
    SPARKLINE_LENGTH,
    VARIATION_LABELS,
    IndicatorRow,
    indicator_url,
    signal_text,
    spec_json,
)
from soteria.strategy import structure
from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    Objective,
    Priority,
    Programme,
    StrategyVersion,
    SuccessFactor,
    Value,
)

# --- trends and tallies ------------------------------------------------------------------


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


TREND_ARROWS = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.FLAT: "→"}
TREND_LABELS = {
    Trend.UP: gettext_noop("improving"),
    Trend.DOWN: gettext_noop("worsening"),
    Trend.FLAT: gettext_noop("unchanged"),
}


def _percent(score: float) -> str:
    return f"{score * 100:.0f} %"


@dataclass(frozen=True)
class TrendInfo:
    """A score against the same thing's score in the previous period."""

    score: float | None
    previous: float | None
    previous_period: Period

    @property
    def direction(self) -> Trend | None:
        if self.score is None or self.previous is None:
            return None
        if math.isclose(self.score, self.previous, abs_tol=1e-9):
            return Trend.FLAT
        return Trend.UP if self.score > self.previous else Trend.DOWN

    @property
    def arrow(self) -> str:
        return TREND_ARROWS[self.direction] if self.direction else "–"

    @property
    def word(self) -> str:
        """One word: improving, worsening, unchanged, no trend."""
        return _(TREND_LABELS[self.direction]) if self.direction else _("no trend")

    @property
    def detail(self) -> str:
        """The figures behind the word, e.g. "80 % (60 % in 2026Q1)"."""
        if self.score is None and self.previous is None:
            return _("not rated now nor in %(period)s") % {"period": self.previous_period.code}
        if self.previous is None:
            return _("not rated in %(period)s") % {"period": self.previous_period.code}
        if self.score is None:
            return _("not rated now (%(before)s in %(period)s)") % {
                "before": _percent(self.previous),
                "period": self.previous_period.code,
            }
        return _("%(now)s (%(before)s in %(period)s)") % {
            "now": _percent(self.score),
            "before": _percent(self.previous),
            "period": self.previous_period.code,
        }

    @property
    def label(self) -> str:
        """The trend in words, e.g. "improving: 80 % (60 % in 2026Q1)"."""
        return f"{self.word}: {self.detail}"


@dataclass(frozen=True)
class Tally:
    """How many things are on track, at risk, off track and not rated."""

    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    not_rated: int = 0

    @classmethod
    def of(cls, statuses: Iterable[Rag | None]) -> Tally:
        statuses = list(statuses)
        return cls(
            on_track=statuses.count(Rag.GREEN),
            at_risk=statuses.count(Rag.AMBER),
            off_track=statuses.count(Rag.RED),
            not_rated=statuses.count(None),
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.on_track + other.on_track,
            self.at_risk + other.at_risk,
            self.off_track + other.off_track,
            self.not_rated + other.not_rated,
        )

    @property
    def total(self) -> int:
        return self.on_track + self.at_risk + self.off_track + self.not_rated


def mean_score(scores: Iterable[float | None]) -> float | None:
    """Plain mean of the scores that exist; ``None`` when none does."""
    present = [s for s in scores if s is not None]
    return sum(present) / len(present) if present else None


def initiative_status(milestones: Iterable[MilestonePart]) -> Rag | None:
    """An initiative's status: mean score of its rated milestones, objective thresholds."""
    return score_status(mean_score(part.score for part in milestones))


def rollup_rule() -> str:
    """How priorities, programmes and initiatives are rated, and what the trend means."""
    return _(
        "A priority's or programme's status is the plain mean of the scores of its "
        "objectives counted here (objectives without a status are left out): green from "
        "%(green)s %%, amber from %(amber)s %%, red below. An initiative is rated the same "
        "way from its milestones. The arrow compares the score with the previous period: "
        "↑ improving, ↓ worsening, → unchanged, – no trend (not rated in one of the two)."
    ) % {"green": f"{GREEN_FROM * 100:g}", "amber": f"{AMBER_FROM * 100:g}"}


def status_label(status: Rag | None) -> str:
    return _(RAG_LABELS[status]) if status is not None else _("not rated")


# --- the house -----------------------------------------------------------------------------


@dataclass
class ObjectiveCard:
    objective: Objective
    result: ObjectiveStatus
    previous: ObjectiveStatus
    indicators: Tally
    initiatives: Tally

    @property
    def status(self) -> Rag | None:
        return self.result.status

    @property
    def score(self) -> float | None:
        return self.result.score

    @property
    def trend(self) -> TrendInfo:
        return TrendInfo(self.result.score, self.previous.score, self.previous.period)


@dataclass
class RollUp:
    """A priority, a programme, or the whole house: its counted objectives rolled up."""

    element: Priority | Programme | None
    objectives: list[ObjectiveCard]
    previous_period: Period

    @property
    def score(self) -> float | None:
        return mean_score(card.score for card in self.objectives)

    @property
    def status(self) -> Rag | None:
        return score_status(self.score)

    @property
    def trend(self) -> TrendInfo:
        previous = mean_score(card.previous.score for card in self.objectives)
        return TrendInfo(self.score, previous, self.previous_period)

    @property
    def objective_tally(self) -> Tally:
        return Tally.of(card.status for card in self.objectives)

    @property
    def indicators(self) -> Tally:
        return sum((card.indicators for card in self.objectives), Tally())

    @property
    def initiatives(self) -> Tally:
        return sum((card.initiatives for card in self.objectives), Tally())


@dataclass
class LiveHouse:
    version: StrategyVersion
    unit: OrgUnit
    period: Period
    previous_period: Period
    values: list[Value] = field(default_factory=list)
    success_factors: list[SuccessFactor] = field(default_factory=list)
    priorities: list[RollUp] = field(default_factory=list)
    programmes: list[RollUp] = field(default_factory=list)
    overall: RollUp | None = None
    unassigned: list[ObjectiveCard] = field(default_factory=list)
    """Counted objectives that serve no priority."""

    @property
    def objectives(self) -> list[ObjectiveCard]:
        return self.overall.objectives if self.overall else []


def counted_objectives(version: StrategyVersion, unit: OrgUnit) -> list[Objective]:
    """The version's objectives owned by, or with an indicator measured at, a unit of the
    subtree of ``unit`` (one query)."""
    inside = Q(owner_unit__path__startswith=unit.path) | Q(
        indicators__unit__path__startswith=unit.path
    )
    pks = Objective.objects.filter(version=version).filter(inside).values("pk")
    return list(
        Objective.objects.filter(pk__in=pks)
        .select_related("owner_unit")
        .order_by("programme_id", "order", "pk")
    )


def _initiative_tallies(
    results: dict[int, ObjectiveStatus], initiatives: Sequence[tuple[int, int]]
) -> dict[int, Tally]:
    """Per objective: its initiatives' statuses from their milestones (already loaded)."""
    by_initiative: dict[int, list[MilestonePart]] = defaultdict(list)
    for result in results.values():
        for part in result.milestones:
            by_initiative[part.milestone.initiative_id].append(part)
    statuses: dict[int, list[Rag | None]] = defaultdict(list)
    for initiative_id, objective_id in initiatives:
        statuses[objective_id].append(initiative_status(by_initiative.get(initiative_id, [])))
    return {pk: Tally.of(statuses.get(pk, [])) for pk in results}


def counted_objective_ids(version: StrategyVersion, unit: OrgUnit) -> list[int]:
    """The ids of :func:`counted_objectives`, in the same order (one query, ids only; none
    when the version's structure is kept in memory)."""
    kept = structure.of(version.pk)
    if kept is not None:

        def inside_unit(o: Objective) -> bool:
            if o.owner_unit.path.startswith(unit.path):
                return True
            return any(
                link.unit is not None and link.unit.path.startswith(unit.path)
                for link in kept.links.get(o.pk, [])
            )

        counted = [o for o in kept.objectives.values() if inside_unit(o)]
        return [o.pk for o in sorted(counted, key=lambda o: (o.programme_id, o.order, o.pk))]
    inside = Q(owner_unit__path__startswith=unit.path) | Q(
        indicators__unit__path__startswith=unit.path
    )
    pks = Objective.objects.filter(version=version).filter(inside).values("pk")
    return list(
        Objective.objects.filter(pk__in=pks)
        .order_by("programme_id", "order", "pk")
        .values_list("pk", flat=True)
    )


def card_list(objectives: Sequence[Objective], period: Period) -> list[ObjectiveCard]:
    """The cards of ``objectives`` in ``period``: status now and one period earlier, indicator
    and initiative tallies (fixed number of queries)."""
    previous_period = periods.shifted(period, -1)
    both = objective_statuses_over(objectives, [period, previous_period])
    now, before = both[period.code], both[previous_period.code]
    initiatives = _initiative_ids(objectives)
    initiative_tallies = _initiative_tallies(now, initiatives)
    return [
        ObjectiveCard(
            objective=o,
            result=now[o.pk],
            previous=before[o.pk],
            indicators=Tally.of(part.status for part in now[o.pk].indicators),
            initiatives=initiative_tallies[o.pk],
        )
        for o in objectives
    ]


def _initiative_ids(objectives: Sequence[Objective]) -> list[tuple[int, int]]:
    """(initiative id, objective id) of the objectives' initiatives, by ``order`` and pk."""
    kept = structure.of_versions(o.version_id for o in objectives)
    if kept is not None:
        found = [i for o in objectives for i in kept[o.version_id].initiatives.get(o.pk, [])]
        return [(i.pk, i.objective_id) for i in sorted(found, key=lambda i: (i.order, i.pk))]
    return list(
        Initiative.objects.filter(objective__in=[o.pk for o in objectives])
        .order_by("order", "pk")
        .values_list("pk", "objective_id")
    )


def live_house(version: StrategyVersion, unit: OrgUnit, period: Period) -> LiveHouse:
    """The house of ``version`` as seen from ``unit`` in ``period`` (fixed number of queries:
    the structure, the counted objectives, their statuses now and one period earlier)."""
    previous_period = periods.shifted(period, -1)
    objectives = counted_objectives(version, unit)
    cards = card_list(objectives, period)
    by_programme: dict[int, list[ObjectiveCard]] = defaultdict(list)
    by_priority: dict[int | None, list[ObjectiveCard]] = defaultdict(list)
    for card in cards:
        by_programme[card.objective.programme_id].append(card)
        by_priority[card.objective.priority_id].append(card)
    programmes = Programme.objects.filter(version=version).select_related("owner_unit")
    return LiveHouse(
        version=version,
        unit=unit,
        period=period,
        previous_period=previous_period,
        values=list(Value.objects.filter(version=version)),
        success_factors=list(SuccessFactor.objects.filter(version=version)),
        priorities=[
            RollUp(p, by_priority.get(p.pk, []), previous_period)
            for p in Priority.objects.filter(version=version)
        ],
        programmes=[RollUp(p, by_programme.get(p.pk, []), previous_period) for p in programmes],
        overall=RollUp(None, cards, previous_period),
        unassigned=by_priority.get(None, []),
    )


# --- the objective page ---------------------------------------------------------------------


@dataclass
class MilestoneRow:
    part: MilestonePart

    @property
    def milestone(self) -> Any:
        return self.part.milestone


@dataclass(frozen=True)
class Money:
    currency: str
    planned: Decimal
    spent: Decimal

    @property
    def percent(self) -> int | None:
        return round(100 * self.spent / self.planned) if self.planned else None

    @property
    def bar(self) -> int:
        """Width of the spent bar, 0–100 (overspending is shown by the figures)."""
        return min(self.percent or 0, 100)


def money_totals(lines: Iterable[BudgetLine]) -> list[Money]:
    """Planned and spent per currency."""
    planned: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        planned[line.currency] += line.planned or Decimal(0)
        spent[line.currency] += line.spent or Decimal(0)
    return [Money(c, planned[c], spent[c]) for c in sorted(planned)]


def funding_totals(sources: Iterable[FundingSource]) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for source in sources:
        totals[source.currency] += source.amount or Decimal(0)
    return sorted(totals.items())


@dataclass
class InitiativeBlock:
    initiative: Initiative
    milestones: list[MilestoneRow]
    funding: list[FundingSource]
    budget: list[BudgetLine]

    @property
    def status(self) -> Rag | None:
        return initiative_status(row.part for row in self.milestones)

    @property
    def budget_totals(self) -> list[Money]:
        return money_totals(self.budget)

    @property
    def funding_totals(self) -> list[tuple[str, Decimal]]:
        return funding_totals(self.funding)


@dataclass
class ObjectivePage:
    objective: Objective
    unit: OrgUnit
    period: Period
    result: ObjectiveStatus
    previous: ObjectiveStatus
    indicators: list[IndicatorRow]
    initiatives: list[InitiativeBlock]

    @property
    def trend(self) -> TrendInfo:
        return TrendInfo(self.result.score, self.previous.score, self.previous.period)

    @property
    def indicator_tally(self) -> Tally:
        return Tally.of(row.part.status for row in self.indicators)

    @property
    def initiative_tally(self) -> Tally:
        return Tally.of(block.status for block in self.initiatives)

    @property
    def rule(self) -> str:
        return rule_text()


def objective_page(
    objective: Objective,
    unit: OrgUnit,
    period: Period,
    *,
    may_see: Callable[[OrgUnit], bool] = lambda unit: True,
) -> ObjectivePage:
    """Everything the objective scorecard shows (fixed number of queries: the statuses now
    and one period earlier, every indicator's series in one query, the initiatives with
    their funding and budget).

    ``may_see(unit)``: whether the reader may see figures measured at ``unit``; for the
    others only the status is given (no value, target, series or SPC).
    """
    earlier = periods.shifted(period, -1)
    both = objective_statuses_over([objective], [period, earlier])
    now, before = both[period.code][objective.pk], both[earlier.code][objective.pk]
    rows = []
    for part in now.indicators:
        visible = may_see(part.unit)
        rows.append(
            IndicatorRow(
                part=part,
                visible=visible,
                url=indicator_url(part.definition.code, part.unit if visible else unit, period),
            )
        )
    chart_rows([row for row in rows if row.visible], period)
    milestones: dict[int, list[MilestoneRow]] = defaultdict(list)
    for milestone in now.milestones:  # in date order
        milestones[milestone.milestone.initiative_id].append(MilestoneRow(milestone))
    kept = structure.of(objective.version_id)
    initiatives = (
        kept.initiatives.get(objective.pk, [])
        if kept is not None
        else Initiative.objects.filter(objective=objective)
        .select_related("owner_unit")
        .prefetch_related(
            Prefetch("funding", queryset=FundingSource.objects.order_by("order", "pk")),
            Prefetch("budget", queryset=BudgetLine.objects.order_by("order", "pk")),
        )
        .order_by("order", "pk")
    )
    blocks = [
        InitiativeBlock(
            initiative=i,
            milestones=milestones.get(i.pk, []),
            funding=list(i.funding.all()),
            budget=list(i.budget.all()),
        )
        for i in initiatives
    ]
    return ObjectivePage(objective, unit, period, now, before, rows, blocks)


def score_text(score: float | None) -> str:
    return _percent(score) if score is not None else "—"
