"""The figures of a review report, as one JSON document.

:func:`build` reads everything a review shows for a unit and a period — the strategies
governing the unit with each priority's, programme's and objective's status now and one
period earlier, the headline figures against plan, the indicators off target or showing
special-cause variation (with their SPC charts as Vega-Lite specs, data included), the
initiatives with milestones and budget, patient-experience and safety figures, and the
targets set for the next period — and returns plain JSON (numbers, codes, texts already in
the report's language). Drafts are rendered from a fresh document every time; signing
stores the document with the report, so a signed report never changes.

Small-cell suppression (reports for publication): counts below *k*, and rates or means
built on a numerator or denominator below *k*, lose their figures and status and are shown
as "<k"; a chart with any such point is left out with a note.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from soteria.core.i18n import localise
from soteria.indicators import periods
from soteria.indicators.models import IndicatorDefinition, IndicatorValue
from soteria.indicators.periods import Period
from soteria.indicators.status import (
    IndicatorPart,
    Rag,
    indicator_part,
    milestone_status,
)
from soteria.indicators.targets import EffectiveTarget, targets_for_many
from soteria.organisations.models import OrgUnit
from soteria.scorecards import indicator_page
from soteria.scorecards.dashboard import governing_versions
from soteria.scorecards.house import (
    VARIATION_LABELS,
    LiveHouse,
    ObjectiveCard,
    RollUp,
    Tally,
    live_house,
)
from soteria.scorecards.series import series_for_many
from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    Milestone,
    MilestoneStatus,
    Objective,
    ObjectiveIndicator,
)

SCHEMA = 1
MAX_CHARTS = 24
"""SPC charts drawn for indicators needing attention (the others are listed in a table)."""

EXPERIENCE_FACTS = {"experience"}
SAFETY_FACTS = {"incident"}


@dataclass(frozen=True)
class Options:
    language: str
    publication: bool = False
    k: int = 5


def build(unit: OrgUnit, period: Period, options: Options) -> dict[str, Any]:
    """The review document of ``unit`` for ``period`` (see the module)."""
    with translation.override(options.language):
        return _Builder(unit, period, options).document()


# --- suppression ------------------------------------------------------------------------------


def is_small(
    definition: IndicatorDefinition,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    k: int,
) -> bool:
    """Whether a figure rests on fewer than ``k`` of something (see the module)."""
    if definition.is_total and value is not None and value < k:
        return True
    aggregate = (definition.numerator or {}).get("aggregate")
    counted = aggregate in {"count", "count_distinct"}
    if counted and numerator is not None and numerator < k:
        return True
    return denominator is not None and denominator < k


# --- the builder --------------------------------------------------------------------------------


def _name(element: Any) -> str:
    return element.label() if hasattr(element, "label") else str(element)


def _status(status: Rag | None) -> str | None:
    return str(status) if status is not None else None


def _money(value: Decimal | None) -> float:
    return float(value or 0)


class _Builder:
    def __init__(self, unit: OrgUnit, period: Period, options: Options) -> None:
        self.unit = unit
        self.period = period
        self.previous = periods.shifted(period, -1)
        self.next = periods.shifted(period, 1)
        self.options = options
        self.houses: list[LiveHouse] = [
            live_house(version, unit, period) for version in governing_versions(unit)
        ]

    # the whole document
    def document(self) -> dict[str, Any]:
        root = self._organisation()
        parts = self._parts()
        return {
            "schema": SCHEMA,
            "built_at": timezone.now().isoformat(),
            "language": self.options.language,
            "unit": {"code": self.unit.code, "name": self.unit.display_name},
            "organisation": {
                "code": root.code,
                "name": root.display_name,
                "logo": self._logo(),
            },
            "period": self.period.code,
            "period_type": str(self.period.type),
            "period_start": self.period.start.isoformat(),
            "period_end": (self.period.end).isoformat(),
            "previous_period": self.previous.code,
            "next_period": self.next.code,
            "suppression": {"applied": self.options.publication, "k": self.options.k},
            "strategies": [self._strategy(house) for house in self.houses],
            "headline": self._headline(parts),
            "attention": self._attention(parts),
            "initiatives": self._initiatives(),
            "experience": self._by_fact(EXPERIENCE_FACTS),
            "safety": self._by_fact(SAFETY_FACTS),
            "directions": self._directions(),
        }

    def _logo(self) -> str:
        """The logo of the unit or of the nearest unit above it that has one."""
        ids = self.unit.ancestor_ids or [self.unit.pk]
        logos = dict(OrgUnit.objects.filter(pk__in=ids).exclude(logo="").values_list("pk", "logo"))
        return next((logos[pk] for pk in reversed(ids) if pk in logos), "")

    def _organisation(self) -> OrgUnit:
        ids = self.unit.ancestor_ids
        return OrgUnit.objects.get(pk=ids[0]) if ids and ids[0] != self.unit.pk else self.unit

    # strategies
    def _strategy(self, house: LiveHouse) -> dict[str, Any]:
        version = house.version
        return {
            "title": localise(version.strategy.title) or version.strategy.code,
            "strategy_unit": version.strategy.unit.display_name,
            "version": version.number,
            "decision_date": version.decision_date.isoformat() if version.decision_date else None,
            "overall": self._rollup(house.overall) if house.overall else None,
            "priorities": [self._rollup(r) for r in house.priorities if r.objectives],
            "programmes": [
                {**self._rollup(r), "objectives": [self._objective(c) for c in r.objectives]}
                for r in house.programmes
                if r.objectives
            ],
        }

    def _rollup(self, rollup: RollUp) -> dict[str, Any]:
        trend = rollup.trend
        element = rollup.element
        return {
            "code": getattr(element, "code", "") if element is not None else "",
            "name": _name(element) if element is not None else _("Whole strategy"),
            "status": _status(rollup.status),
            "score": rollup.score,
            "previous_score": trend.previous,
            "trend": str(trend.direction) if trend.direction is not None else None,
            "tally": _tally(rollup.objective_tally),
            "indicators": _tally(rollup.indicators),
            "initiatives": _tally(rollup.initiatives),
        }

    def _objective(self, card: ObjectiveCard) -> dict[str, Any]:
        trend = card.trend
        previous = card.previous.status
        return {
            "code": card.objective.code,
            "name": _name(card.objective),
            "owner": card.objective.owner_unit.display_name if card.objective.owner_unit else "",
            "status": _status(card.status),
            "previous_status": _status(previous),
            "changed": card.status != previous,
            "score": card.score,
            "previous_score": card.previous.score,
            "trend": str(trend.direction) if trend.direction is not None else None,
            "indicators": _tally(card.indicators),
            "initiatives": _tally(card.initiatives),
        }

    # indicator rows
    def _parts(self) -> list[IndicatorPart]:
        """Every objective indicator of the governing strategies in the unit's subtree, once
        per (indicator, unit)."""
        seen: dict[tuple[int, int], IndicatorPart] = {}
        for house in self.houses:
            for card in house.objectives:
                for part in card.result.indicators:
                    if part.unit.path.startswith(self.unit.path):
                        seen.setdefault((part.definition.pk, part.unit.pk), part)
        return list(seen.values())

    def _values(
        self, pairs: Iterable[tuple[int, int]], codes: Sequence[str]
    ) -> dict[tuple[int, int, str], IndicatorValue]:
        pairs = list(pairs)
        if not pairs:
            return {}
        rows = IndicatorValue.objects.filter(
            definition_id__in={d for d, _u in pairs},
            unit_id__in={u for _d, u in pairs},
            period__in=list(codes),
        )
        return {(v.definition_id, v.unit_id, v.period): v for v in rows}

    def _row(
        self,
        part: IndicatorPart,
        stored: IndicatorValue | None,
        before: IndicatorValue | None,
    ) -> dict[str, Any]:
        d = part.definition
        numerator = stored.numerator if stored is not None else None
        denominator = stored.denominator if stored is not None else None
        row = {
            "code": d.code,
            "name": d.display_name,
            "unit_code": part.unit.code,
            "unit_name": part.unit.display_name,
            "measure_unit": d.get_unit_display(),
            "decimals": d.decimals,
            "direction": str(d.direction),
            "value": part.value,
            "numerator": numerator,
            "denominator": denominator,
            "partial": part.partial,
            "no_value_reason": part.no_value_reason,
            "target": part.target.value if part.target is not None else None,
            "target_source": part.target.describe() if part.target is not None else "",
            "status": _status(part.status),
            "previous_value": before.value if before is not None else None,
            "suppressed": False,
        }
        if self.options.publication:
            k = self.options.k
            small_now = is_small(d, part.value, numerator, denominator, k)
            small_before = before is not None and is_small(
                d, before.value, before.numerator, before.denominator, k
            )
            if small_now:
                row.update(value=None, numerator=None, denominator=None, status=None)
                row["suppressed"] = True
            if small_before:
                row["previous_value"] = None
                row["previous_suppressed"] = True
        return row

    def _rows(self, parts: Sequence[IndicatorPart]) -> list[dict[str, Any]]:
        values = self._values(
            ((p.definition.pk, p.unit.pk) for p in parts), [self.period.code, self.previous.code]
        )
        return [
            self._row(
                p,
                values.get((p.definition.pk, p.unit.pk, self.period.code)),
                values.get((p.definition.pk, p.unit.pk, self.previous.code)),
            )
            for p in parts
        ]

    def _headline(self, parts: list[IndicatorPart]) -> list[dict[str, Any]]:
        """The unit's own figures against plan: objective indicators measured at the unit
        itself, or (when it has none) at the units directly below it."""
        own = [p for p in parts if p.unit.pk == self.unit.pk]
        if not own:
            own = [p for p in parts if p.unit.parent_id == self.unit.pk]
        own.sort(key=lambda p: (p.definition.code, p.unit.path))
        return self._rows(own)

    def _attention(self, parts: list[IndicatorPart]) -> dict[str, Any]:
        """Indicators off target, or whose latest complete period is a special cause of
        concern, each with its SPC chart (up to :data:`MAX_CHARTS`)."""
        series = series_for_many(
            [(p.definition, p.unit.pk) for p in parts], self.period.type, until=self.period.start
        )
        flagged: list[tuple[IndicatorPart, str | None]] = []
        for p in parts:
            found = series.get((p.definition.pk, p.unit.pk))
            variation = None
            if found is not None:
                target = p.target.value if p.target is not None else None
                variation = found.spc(target).result.variation
            concern = variation == "special_cause_concern"
            if p.status == Rag.RED or concern:
                flagged.append((p, variation))
        flagged.sort(
            key=lambda pv: (pv[0].status != Rag.RED, pv[0].definition.code, pv[0].unit.path)
        )
        rows = self._rows([p for p, _v in flagged])
        out = []
        for index, ((part, found_variation), row) in enumerate(zip(flagged, rows, strict=True)):
            row["variation"] = found_variation
            row["variation_label"] = _(VARIATION_LABELS[found_variation]) if found_variation else ""
            row["chart"] = None
            row["chart_note"] = ""
            if index < MAX_CHARTS:
                self._chart(part, row)
            else:
                row["chart_note"] = _("Chart not drawn: the report draws the first %(n)s.") % {
                    "n": MAX_CHARTS
                }
            out.append(row)
        return {"rows": out, "max_charts": MAX_CHARTS}

    def _chart(self, part: IndicatorPart, row: dict[str, Any]) -> None:
        chart = indicator_page.run_chart(part.definition, part.unit, self.period)
        row["variation_label"] = chart.variation.label
        row["variation_sentence"] = chart.variation.sentence
        row["assurance_label"] = chart.assurance.label
        if self.options.publication and any(
            is_small(part.definition, r.value, r.numerator, r.denominator, self.options.k)
            for r in chart.rows
            if r.value is not None
        ):
            row["chart_note"] = _("Chart left out: some periods rest on small numbers.")
            return
        if not chart.charted:
            row["chart_note"] = _("No complete periods to chart.")
            return
        row["chart"] = indicator_page.spc_spec(chart, indicator_page.number_locale())

    # initiatives
    def _initiatives(self) -> dict[str, Any]:
        objective_ids = [c.objective.pk for h in self.houses for c in h.objectives]
        initiatives = (
            Initiative.objects.filter(objective_id__in=objective_ids)
            .select_related("objective", "owner_unit")
            .prefetch_related(
                Prefetch("funding", queryset=FundingSource.objects.order_by("order", "pk")),
                Prefetch("budget", queryset=BudgetLine.objects.order_by("order", "pk")),
                Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk")),
            )
            .order_by("objective__code", "order", "pk")
        )
        rows = []
        by_funding: dict[tuple[str, str], dict[str, float]] = defaultdict(
            lambda: {"amount": 0.0, "planned": 0.0, "spent": 0.0}
        )
        start, end = self.period.start, self.period.end
        next_end = self.next.end
        for initiative in initiatives:
            milestones = []
            for m in initiative.milestones.all():
                m.initiative = initiative  # milestone_status reads it: no query
                status, reason = milestone_status(m, self.period)
                due_now = start <= m.due < end
                overdue = m.due < end and m.status not in (
                    MilestoneStatus.DONE,
                    MilestoneStatus.CANCELLED,
                )
                if not (due_now or overdue or (end <= m.due < next_end)):
                    continue
                milestones.append(
                    {
                        "name": m.label(),
                        "due": m.due.isoformat(),
                        "state": m.get_status_display(),
                        "status": _status(status),
                        "reason": str(reason),
                        "overdue": overdue,
                        "next_period": end <= m.due < next_end,
                    }
                )
            budget = list(initiative.budget.all())
            planned: dict[str, float] = defaultdict(float)
            spent: dict[str, float] = defaultdict(float)
            for line in budget:
                planned[line.currency] += _money(line.planned)
                spent[line.currency] += _money(line.spent)
            funding = list(initiative.funding.all())
            _share_budget(funding, planned, spent, by_funding)
            rows.append(
                {
                    "code": initiative.code,
                    "name": initiative.label(),
                    "objective": initiative.objective.code,
                    "owner": initiative.owner_unit.display_name,
                    "state": initiative.get_status_display(),
                    "start": initiative.start.isoformat() if initiative.start else None,
                    "end": initiative.end.isoformat() if initiative.end else None,
                    "milestones": milestones,
                    "budget": [
                        {"currency": c, "planned": planned[c], "spent": spent.get(c, 0.0)}
                        for c in sorted(planned)
                    ],
                    "funding": [
                        {
                            "programme": f.label(),
                            "funder": localise(f.funder),
                            "amount": _money(f.amount),
                            "currency": f.currency,
                        }
                        for f in funding
                    ],
                }
            )
        funding_rows = [
            {"programme": programme, "currency": currency, **figures}
            for (programme, currency), figures in sorted(by_funding.items())
        ]
        return {"rows": rows, "by_funding": funding_rows}

    # patient experience and safety
    def _by_fact(self, facts: set[str]) -> list[dict[str, Any]]:
        """The unit's values of indicators counting the given facts (standard and own)."""
        values = IndicatorValue.objects.filter(
            unit=self.unit, period__in=[self.period.code, self.previous.code]
        ).select_related("definition")
        found: dict[int, dict[str, IndicatorValue]] = defaultdict(dict)
        definitions: dict[int, IndicatorDefinition] = {}
        for v in values:
            if (v.definition.numerator or {}).get("fact") in facts:
                found[v.definition_id][v.period] = v
                definitions[v.definition_id] = v.definition
        if not definitions:
            return []
        ordered = sorted(definitions.values(), key=lambda d: d.code)
        targets = targets_for_many((d, self.unit, self.period) for d in ordered)
        rows = []
        for d in ordered:
            stored = found[d.pk].get(self.period.code)
            target = targets[(d.pk, self.unit.pk, self.period.code)]
            part = indicator_part(d, self.unit, stored, target)
            rows.append(self._row(part, stored, found[d.pk].get(self.previous.code)))
        return rows

    # next period
    def _directions(self) -> list[dict[str, Any]]:
        """The objectives counted at the unit with the targets set for the next period."""
        objectives: list[Objective] = [c.objective for h in self.houses for c in h.objectives]
        links = list(
            ObjectiveIndicator.objects.filter(objective__in=objectives)
            .select_related("indicator", "unit", "objective__owner_unit")
            .order_by("objective_id", "order", "pk")
        )
        inside = [
            (link, link.measured_unit())
            for link in links
            if link.measured_unit().path.startswith(self.unit.path)
        ]
        targets: dict[tuple[int, int, str], EffectiveTarget | None] = targets_for_many(
            (link.indicator, unit, self.next) for link, unit in inside
        )
        per_objective: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for link, unit in inside:
            target = targets[(link.indicator_id, unit.pk, self.next.code)]
            per_objective[link.objective_id].append(
                {
                    "code": link.indicator.code,
                    "name": link.indicator.display_name,
                    "unit_name": unit.display_name,
                    "measure_unit": link.indicator.get_unit_display(),
                    "decimals": link.indicator.decimals,
                    "target": target.value if target is not None else None,
                    "target_source": target.describe() if target is not None else "",
                }
            )
        return [
            {"code": o.code, "name": _name(o), "targets": per_objective.get(o.pk, [])}
            for o in objectives
        ]


def _tally(tally: Tally) -> dict[str, int]:
    return {
        "green": tally.on_track,
        "amber": tally.at_risk,
        "red": tally.off_track,
        "none": tally.not_rated,
    }


def _share_budget(
    funding: list[FundingSource],
    planned: dict[str, float],
    spent: dict[str, float],
    by_funding: dict[tuple[str, str], dict[str, float]],
) -> None:
    """Budget use by funding source: an initiative's planned and spent money (per currency)
    is shared among its funding sources of that currency in proportion to their amounts;
    an initiative without funding in a currency counts under "no funding source"."""
    for currency in planned:
        sources = [f for f in funding if f.currency == currency]
        total = sum(_money(f.amount) for f in sources)
        if not sources or total <= 0:
            key = (_("No funding source"), currency)
            by_funding[key]["planned"] += planned[currency]
            by_funding[key]["spent"] += spent.get(currency, 0.0)
            continue
        for f in sources:
            share = _money(f.amount) / total
            key = (f.label(), currency)
            by_funding[key]["planned"] += planned[currency] * share
            by_funding[key]["spent"] += spent.get(currency, 0.0) * share
    for f in funding:
        by_funding[(f.label(), f.currency)]["amount"] += _money(f.amount)
