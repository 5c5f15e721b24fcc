"""The indicator page of a scorecard: one indicator, one unit, one period.

What the page, its CSV downloads and its server-side SVG charts need, assembled in plain
functions (one per concern) that return dataclasses:

- :func:`visible_definition`, :func:`default_unit`, :func:`require_usable` — what may be
  shown (every permission rule is asked of :mod:`soteria.organisations.access`);
- :func:`navigation` — the unit's visible ancestors and children (to move up and down);
- :func:`run_chart` — the unit's series with its SPC chart and the target of each period;
- :func:`target_history` — the targets that are or were set for the unit (or above it);
- :func:`comparison` — the unit's children (or, without children, its siblings) for the
  period, with status and, for ratios, their place in a funnel plot (:func:`funnel_plot`);
- :func:`spc_spec`, :func:`comparison_spec`, :func:`funnel_spec` — the Vega-Lite charts;
- :func:`series_csv`, :func:`comparison_csv` — the tables behind the charts, for download.

Only units the user may see are ever compared or exported. Every function makes a fixed
number of queries, however many periods, units or targets there are.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import translation
from django.utils.formats import get_format
from django.utils.translation import gettext_noop

from soteria.audit.models import AuditAction, AuditEntry
from soteria.core.i18n import gettext_kept as _
from soteria.core.numbers import display
from soteria.core.spreadsheet import csv_safe
from soteria.indicators import reference, selectors, spc
from soteria.indicators import targets as target_rules
from soteria.indicators.models import (
    Direction,
    IndicatorDefinition,
    NoValueReason,
    Target,
)
from soteria.indicators.periods import PERIOD_TYPE_LABELS, Period
from soteria.indicators.selectors import StoredFigure
from soteria.indicators.status import RAG_LABELS, Rag, rate_values, too_early
from soteria.indicators.targets import EffectiveTarget
from soteria.organisations import access, tree
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit, path_ids

from . import charts, series
from .funnel import FunnelInput, FunnelPoint, FunnelResult, Kind, curve_for, funnel
from .selection import Selection

Spec = dict[str, Any]

MIN_FUNNEL_UNITS = 3
"""A funnel plot of fewer units says nothing: it is left out below this."""

SIGNAL_TEXTS = {
    spc.BEYOND_LIMITS: gettext_noop("beyond a process limit"),
    spc.SHIFT: gettext_noop("run of 7 or more on one side of the centre line"),
    spc.TREND: gettext_noop("trend of 6 or more rising or falling"),
    spc.TWO_OF_THREE: gettext_noop("two of three near a process limit"),
}
"""What each special-cause rule found, in words (see :mod:`soteria.indicators.spc`)."""

CHART_NAMES = {
    "xmr": (
        gettext_noop("XmR chart (individuals)"),
        gettext_noop(
            "For counts, averages and other single values: the limits come from the average "
            "change between consecutive periods."
        ),
    ),
    "p": (
        gettext_noop("p-chart (proportions)"),
        gettext_noop(
            "For a share of a count: the limits follow the binomial distribution and are "
            "wider in periods with a smaller denominator."
        ),
    ),
    "u": (
        gettext_noop("u-chart (rates)"),
        gettext_noop(
            "For events per unit of exposure (such as per 1,000 bed-days): the limits follow "
            "the Poisson distribution and are wider in periods with less exposure."
        ),
    ),
}

FUNNEL_MARKS = {
    "above": gettext_noop("Above"),
    "par": gettext_noop("On par"),
    "below": gettext_noop("Below"),
}

CSV_TABLES = ("series", "comparison")
SVG_CHARTS = ("spc", "comparison", "funnel")


# --- small helpers ---------------------------------------------------------------------------


def value_format(definition: IndicatorDefinition) -> str:
    """The d3 format of the indicator's values (grouped, its number of decimals)."""
    return f",.{max(int(definition.decimals), 0)}f"


def number_locale() -> dict[str, Any]:
    """The active language's decimal and thousands separators as a d3 number locale, so
    charts write numbers as the page's tables do (the ``number`` template filter)."""
    grouping = get_format("NUMBER_GROUPING")
    if isinstance(grouping, int):
        groups: Sequence[int] = [grouping or 3]
    else:
        groups = [int(g) for g in grouping if int(g) > 0] or [3]
    return charts.d3_number_locale(
        str(get_format("DECIMAL_SEPARATOR")), str(get_format("THOUSAND_SEPARATOR")), groups
    )


def shown(value: float | None, decimals: int) -> str:
    """A number for people, in the active locale; "—" without one."""
    return display(value, decimals)


def csv_number(value: float | None) -> str:
    """A number for machines: locale-independent, no grouping, "" without one."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.15g}"


# --- what may be shown ------------------------------------------------------------------------


def visible_definition(user: Any, code: str) -> IndicatorDefinition:
    """The active indicator the user may see, or 404."""
    definition = reference.by_code(code)
    if definition is None or not selectors.may_see_definition(user, definition):
        raise Http404(_("No such indicator."))
    return definition


def default_unit(user: Any, definition: IndicatorDefinition) -> OrgUnit | None:
    """The highest unit the user may see where the indicator is used (a root first): the
    top of one of the subtrees the user may see (or the owner, where the subtree holds it)."""
    prefixes = access.reach(user, Action.VIEW)
    owner = tree.unit_by_id(definition.owner_id) if definition.owner_id is not None else None
    candidates: list[OrgUnit | None] = []
    if prefixes is None:  # everywhere
        candidates += [owner] if owner is not None else tree.roots()
    else:
        for prefix in prefixes:
            if owner is None or prefix.startswith(owner.path):
                candidates.append(tree.unit_by_id(path_ids(prefix)[-1]))
            elif owner.path.startswith(prefix):
                candidates.append(owner)
    found = [u for u in candidates if u is not None]
    return min(found, key=lambda u: (u.depth, u.path)) if found else None


def require_usable(definition: IndicatorDefinition, unit: OrgUnit) -> None:
    """404 for an organisation's own indicator asked for outside that organisation."""
    if not target_rules.definition_usable_at(definition, unit):
        raise Http404(_("This indicator is not used at this unit."))


# --- moving between units -----------------------------------------------------------------


@dataclass(frozen=True)
class Navigation:
    ancestors: list[OrgUnit]
    """The unit's ancestors the user may see, root first."""
    children: list[OrgUnit]
    """The unit's children the user may see, by name."""
    parent: OrgUnit | None
    """The unit's parent, when the user may see it."""


def _by_name(units: Iterable[OrgUnit]) -> list[OrgUnit]:
    return sorted(units, key=lambda u: (u.display_name.casefold(), u.code))


def navigation(user: Any, unit: OrgUnit) -> Navigation:
    """Where the user can go from the unit: up to visible ancestors, down to visible
    children (from the org-unit tree, ``soteria.organisations.tree``)."""
    above = [u for u in tree.ancestors(unit)[:-1] if access.can(user, Action.VIEW, u)]
    children = _visible_children(user, unit)
    parent = next((u for u in above if u.pk == unit.parent_id), None)
    return Navigation(above, children, parent)


def _visible_children(user: Any, unit: OrgUnit) -> list[OrgUnit]:
    """The unit's children the user may see, by name."""
    return _by_name(u for u in tree.children(unit) if access.can(user, Action.VIEW, u))


# --- the run chart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesRow:
    """One period of the unit's series: its value, its place in the SPC chart, its target."""

    period: str
    start: date
    value: float | None
    numerator: float | None
    denominator: float | None
    partial: bool
    reason: str
    charted: bool
    """Drawn in the SPC chart (a complete period; XmR charts also need a value)."""
    centre: float | None = None
    lower: float | None = None
    upper: float | None = None
    signal_codes: tuple[str, ...] = ()
    side: str | None = None
    target: EffectiveTarget | None = None

    @property
    def signals(self) -> list[str]:
        return [_(SIGNAL_TEXTS[s]) for s in spc.SIGNAL_PRECEDENCE if s in self.signal_codes]

    @property
    def signal_text(self) -> str:
        return "; ".join(self.signals)

    @property
    def note(self) -> str:
        if self.partial:
            return _("period not over: not part of the SPC chart")
        return self.reason


@dataclass(frozen=True)
class Judgement:
    """An SPC icon in words: a symbol, a short label and a sentence (colour is a bonus)."""

    code: str
    symbol: str
    label: str
    sentence: str


@dataclass(frozen=True)
class RunChart:
    definition: IndicatorDefinition
    unit: OrgUnit
    period: Period
    kind: spc.Chart
    rows: list[SeriesRow]
    """Oldest first; the selected period last when it has a value stored."""
    result: spc.SpcResult
    target: EffectiveTarget | None
    """The target of the selected period (the assurance is judged against it)."""

    @property
    def chart_name(self) -> str:
        return _(CHART_NAMES[self.kind][0])

    @property
    def chart_explanation(self) -> str:
        return _(CHART_NAMES[self.kind][1])

    @property
    def charted(self) -> list[SeriesRow]:
        return [r for r in self.rows if r.charted]

    @property
    def partial_rows(self) -> list[SeriesRow]:
        return [r for r in self.rows if r.partial and r.value is not None]

    @property
    def has_limits(self) -> bool:
        return self.result.reason is None and self.result.centre is not None

    @property
    def targets_vary(self) -> bool:
        return len({(r.target.value if r.target else None) for r in self.rows}) > 1

    @property
    def variation(self) -> Judgement:
        return variation_judgement(self)

    @property
    def assurance(self) -> Judgement:
        return assurance_judgement(self)


def run_chart(definition: IndicatorDefinition, unit: OrgUnit, period: Period) -> RunChart:
    """The unit's series for the period's type up to the selected period, its SPC chart
    (periods not over left out) and the effective target of each period (≤ 4 queries)."""
    found = series.series_for(definition, unit.pk, period.type, until=period.start)
    wanted = [p.period for p in found.points]
    if period.code not in wanted:
        wanted.append(period.code)
    effective = target_rules.targets_for(definition, [(unit, code) for code in wanted])
    selected_target = effective[(unit.pk, period.code)]
    assurance_target = selected_target.value if selected_target is not None else None
    charted = found.spc(assurance_target)
    spc_points = {p.period: point for p, point in charted.pairs()}
    rows = []
    for p in found.points:
        point = spc_points.get(p.period)
        rows.append(
            SeriesRow(
                period=p.period,
                start=p.start,
                value=p.value,
                numerator=p.numerator,
                denominator=p.denominator,
                partial=p.partial,
                reason=p.reason,
                charted=point is not None,
                centre=charted.result.centre if point is not None else None,
                lower=point.lower if point is not None else None,
                upper=point.upper if point is not None else None,
                signal_codes=tuple(sorted(point.signals)) if point is not None else (),
                side=point.side if point is not None else None,
                target=effective.get((unit.pk, p.period)),
            )
        )
    return RunChart(
        definition=definition,
        unit=unit,
        period=period,
        kind=series.chart_kind(definition),
        rows=rows,
        result=charted.result,
        target=selected_target,
    )


def _latest_side(chart: RunChart) -> str | None:
    latest = next((p for p in reversed(chart.result.points) if p.value is not None), None)
    return latest.side if latest is not None else None


def variation_judgement(chart: RunChart) -> Judgement:
    """The variation icon of the latest charted period, in words."""
    if not chart.has_limits:
        return Judgement(
            "none",
            "–",
            _("No judgement yet"),
            _("Process limits need at least %(n)d complete periods with a value; %(have)d so far.")
            % {
                "n": spc.DEFAULT_MIN_POINTS,
                "have": sum(1 for r in chart.charted if r.value is not None),
            },
        )
    variation = chart.result.variation or "common_cause"
    side = _latest_side(chart)
    arrow = "▲" if side == "high" else "▼"
    higher = _("higher") if side == "high" else _("lower")
    if variation == "common_cause":
        return Judgement(
            variation,
            "●",
            _("Common cause variation"),
            _(
                "The latest period shows no sign of change: the values vary as the process "
                "has varied before."
            ),
        )
    if variation == "special_cause_improvement":
        return Judgement(
            variation,
            arrow,
            _("Special cause: improvement"),
            _("The latest period signals a change for the better (%(higher)s than expected).")
            % {"higher": higher},
        )
    if variation == "special_cause_concern":
        return Judgement(
            variation,
            arrow,
            _("Special cause: concern"),
            _("The latest period signals a change for the worse (%(higher)s than expected).")
            % {"higher": higher},
        )
    return Judgement(
        variation,
        arrow,
        _("Special cause variation"),
        _(
            "The latest period signals a change (%(higher)s than expected); this indicator "
            "has no better direction, so it is neither good nor bad as such."
        )
        % {"higher": higher},
    )


def assurance_judgement(chart: RunChart) -> Judgement:
    """The assurance icon (will the process meet the target?), in words."""
    if chart.target is None:
        return Judgement(
            "none", "–", _("No assurance"), _("There is no target for this unit and period.")
        )
    if chart.definition.direction == Direction.NONE:
        return Judgement(
            "none",
            "–",
            _("No assurance"),
            _("This indicator has no better direction, so the target is not judged this way."),
        )
    if not chart.has_limits or chart.result.assurance is None:
        return Judgement(
            "none",
            "–",
            _("No assurance yet"),
            _("Without process limits it cannot be said whether the target will be met."),
        )
    if chart.result.assurance == "consistently_pass":
        return Judgement(
            "consistently_pass",
            "✓",
            _("Consistently meets the target"),
            _(
                "The whole range between the process limits is on the right side of the "
                "target: as it runs now, the process will meet it."
            ),
        )
    if chart.result.assurance == "consistently_fail":
        return Judgement(
            "consistently_fail",
            "✗",
            _("Consistently misses the target"),
            _(
                "The whole range between the process limits is on the wrong side of the "
                "target: it will not be met unless the process changes."
            ),
        )
    return Judgement(
        "inconsistent",
        "?",
        _("Hit and miss"),
        _(
            "The target lies between the process limits: as the process runs now, it will "
            "be met in some periods and missed in others."
        ),
    )


def spc_labels() -> dict[str, str]:
    return {
        "value": _("Value"),
        "upper": _("Upper process limit"),
        "lower": _("Lower process limit"),
        "centre": _("Centre line"),
        "target": _("Target"),
        "normal": _("Common cause variation"),
        "high": _("Special cause (high)"),
        "low": _("Special cause (low)"),
        "period": _("Period"),
        "signal": _("Signal"),
    }


def spc_spec(chart: RunChart, locale: Mapping[str, Any] | None = None) -> Spec:
    """The run chart: charted values with their limits, the target of each period (a step
    line), and periods not over as hollow diamonds with a note (not part of the SPC)."""
    definition = chart.definition
    labels = spc_labels()
    fmt = value_format(definition)
    y_title = definition.get_unit_display()
    points = [
        {
            "period": r.period,
            "start": r.start.isoformat(),
            "value": r.value,
            "lower": r.lower,
            "upper": r.upper,
            "signal": r.signal_text or None,
            "side": r.side,
        }
        for r in chart.charted
    ]
    drawn = [*chart.charted, *chart.partial_rows]
    targets = {r.period: r.target.value for r in drawn if r.target is not None}
    title = _("%(indicator)s · %(unit)s") % {
        "indicator": definition.display_name,
        "unit": chart.unit.display_name,
    }
    description = _(
        "%(chart)s of %(indicator)s for %(unit)s, one point per %(kind)s up to %(period)s, "
        "with the centre line, process limits and target; the table below gives the numbers."
    ) % {
        "chart": chart.chart_name,
        "indicator": definition.display_name,
        "unit": chart.unit.display_name,
        "kind": str(PERIOD_TYPE_LABELS[chart.period.type]).lower(),
        "period": chart.period.code,
    }
    spec = charts.spc_chart(
        points,
        title=title,
        y_title=y_title,
        description=description,
        value_format=fmt,
        signal_labels=labels,
        target=next(iter(targets.values()), None),
        centre=chart.result.centre,
        locale=locale,
    )
    if targets:
        _target_steps(spec, labels["target"], targets)
    partial = chart.partial_rows
    if partial:
        _add_partial(spec, partial, fmt, y_title, labels["period"])
    return spec


def _target_steps(spec: Spec, label: str, by_period: Mapping[str, float]) -> None:
    """Make the target line follow each period's own target (spc_chart draws one value for
    the charted periods), on to the periods not over; periods without a target get none."""
    limits = spec["layer"][0]["data"]
    kept, done = [], set()
    for row in limits["values"]:
        if row.get("series") == label:
            if row.get("period") not in by_period:
                continue
            row["y"] = by_period[row["period"]]
            done.add(row["period"])
        kept.append(row)
    kept += [
        {"period": period, "series": label, "y": y}
        for period, y in by_period.items()
        if period not in done
    ]
    limits["values"] = kept


def _add_partial(
    spec: Spec, rows: Sequence[SeriesRow], fmt: str, y_title: str, period_title: str
) -> None:
    """Periods not over: a hollow grey diamond and a short note above it."""
    note = _("not over")
    data = [{"period": r.period, "value": r.value, "note": note} for r in rows]
    x = {"field": "period", "type": "ordinal", "sort": "ascending", "title": None}
    y = {
        "field": "value",
        "type": "quantitative",
        "axis": {"format": fmt, "title": y_title},
        "scale": {"zero": False},
    }
    spec["layer"].append(
        {
            "data": {"values": data},
            "mark": {
                "type": "point",
                "shape": "diamond",
                "filled": False,
                "size": 120,
                "strokeWidth": 2,
                "color": charts.DARK,
                "opacity": 1,
            },
            "encoding": {
                "x": x,
                "y": y,
                "tooltip": [
                    {"field": "period", "type": "nominal", "title": period_title},
                    {"field": "value", "type": "quantitative", "title": y_title, "format": fmt},
                    {"field": "note", "type": "nominal", "title": _("Note")},
                ],
            },
        }
    )
    spec["layer"].append(
        {
            "data": {"values": data},
            "mark": {"type": "text", "dy": -14, "color": charts.DARK, "fontStyle": "italic"},
            "encoding": {"x": x, "y": y, "text": {"field": "note", "type": "nominal"}},
        }
    )


# --- targets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetChange:
    """One audit entry of a target: when, who, what."""

    at: datetime
    who: str
    action: str
    details: list[str]


@dataclass(frozen=True)
class TargetEntry:
    """A target set on the unit or on a unit above it (from which the unit inherits)."""

    target: Target
    own: bool
    readable: bool
    """The user may see the target's unit: who set and approved it is shown."""
    in_force: bool
    """The target (or the period's share of it) applies to the selected period."""
    changes: list[TargetChange] = field(default_factory=list)

    @property
    def source(self) -> str:
        if self.own:
            return _("this unit")
        return _("inherited from %(unit)s") % {"unit": self.target.unit.display_name}


def target_history(user: Any, chart: RunChart, *, limit: int = 50) -> list[TargetEntry]:
    """Targets of the indicator set on the unit or (where it inherits) above it, newest
    period first, each with its audit trail: who set, changed and approved it, when.

    Targets on units the user may not see appear only when the unit inherits one of them
    in the charted periods, without who and when (a fixed number of queries).
    """
    definition, unit = chart.definition, chart.unit
    inherits = not target_rules.is_extensive(definition) or target_rules.INHERIT_EXTENSIVE_DOWN_TREE
    chain = unit.ancestor_ids if inherits else [unit.pk]
    rows = [
        t
        for t in reference.targets({definition.pk: definition}, chain, None)
        if access.can(user, Action.VIEW, t.unit)
    ]
    seen = {t.pk for t in rows}
    for row in chart.rows:
        if row.target is not None and row.target.source.pk not in seen:
            rows.append(row.target.source)
            seen.add(row.target.source.pk)
    if chart.target is not None and chart.target.source.pk not in seen:
        rows.append(chart.target.source)
    rows.sort(key=lambda t: (t.period_start, len(t.unit.path), t.period), reverse=True)
    rows = rows[:limit]
    readable = {t.pk for t in rows if access.can(user, Action.VIEW, t.unit)}
    changes = _target_changes(definition, [t for t in rows if t.pk in readable])
    in_force = chart.target.source.pk if chart.target is not None else None
    return [
        TargetEntry(
            target=t,
            own=t.unit_id == unit.pk,
            readable=t.pk in readable,
            in_force=t.pk == in_force,
            changes=changes.get(t.pk, []) if t.pk in readable else [],
        )
        for t in rows
    ]


def _target_changes(
    definition: IndicatorDefinition, rows: Sequence[Target]
) -> dict[int, list[TargetChange]]:
    """The audit trail of many targets in one query (what ``targets.target_history`` reads
    for one), oldest first."""
    if not rows:
        return {}
    content_type = ContentType.objects.get_for_model(Target, for_concrete_model=True)
    entries = AuditEntry.objects.filter(
        content_type=content_type, object_id__in=[str(t.pk) for t in rows]
    ).select_related("actor")
    out: dict[int, list[TargetChange]] = defaultdict(list)
    decimals = int(definition.decimals)
    for entry in sorted(entries, key=lambda e: (e.at, e.pk)):
        details = []
        for name, label in (("value", _("target")), ("tolerance", _("tolerance"))):
            change = entry.changes.get(name)
            if isinstance(change, dict):
                old, new = change.get("old"), change.get("new")
                if old is None:
                    details.append(f"{label} {shown(_float(new), decimals)}")
                else:
                    details.append(
                        f"{label} {shown(_float(old), decimals)} → {shown(_float(new), decimals)}"
                    )
        approved = entry.changes.get("approved_at")
        if isinstance(approved, dict):
            details.append(_("approved") if approved.get("new") else _("approval cleared"))
        who = entry.actor.get_username() if entry.actor else entry.actor_name or _("the system")
        out[int(entry.object_id)].append(
            TargetChange(
                at=entry.at,
                who=who,
                action=str(AuditAction(entry.action).label),
                details=details,
            )
        )
    return out


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# --- comparison of units --------------------------------------------------------------------


@dataclass
class ComparisonRow:
    unit: OrgUnit
    value: StoredFigure | None
    target: EffectiveTarget | None
    status: Rag | None
    selected: bool
    whole: bool
    """The selected unit itself, shown beside its children for reference (not one of the
    units compared in the funnel plot)."""
    label: str
    """The unit's name, unique among the rows (charts tell bars apart by it)."""
    note: str = ""
    """Why there is no status (or no value), for people; "" with a status."""
    funnel: FunnelPoint | None = None
    mark_label: str = ""
    """The funnel mark in words ("Above (better)"), "" without one."""

    @property
    def number(self) -> float | None:
        return self.value.value if self.value is not None else None

    @property
    def status_label(self) -> str:
        return _(RAG_LABELS[self.status]) if self.status is not None else ""


def _note(
    definition: IndicatorDefinition,
    value: StoredFigure | None,
    target: EffectiveTarget | None,
    status: Rag | None,
) -> str:
    """Why a compared unit has no status (or no value), for people."""
    if value is None:
        return _("no value stored")
    if value.value is None:
        return NoValueReason.label_of(value.no_value_reason) or _("no value")
    if status is not None:
        return ""
    if too_early(definition, value):
        return _("the period is not over")
    if target is None:
        return _("no target")
    return ""


def _mark_label(definition: IndicatorDefinition, point: FunnelPoint | None) -> str:
    if point is None or point.mark is None:
        return ""
    text = _(FUNNEL_MARKS[point.mark])
    verdict = _verdict(definition, point.mark)
    if verdict:
        text = f"{text} ({verdict})"
    if point.outlier:
        text = _("%(mark)s, beyond the 99.8%% limits") % {"mark": text}
    return text


def _verdict(definition: IndicatorDefinition | None, mark: str) -> str:
    if definition is None or mark == "par" or definition.direction == Direction.NONE:
        return ""
    good = "above" if definition.direction == Direction.HIGHER else "below"
    return _("better") if mark == good else _("worse")


@dataclass(frozen=True)
class FunnelPlot:
    kind: Kind
    result: FunnelResult | None
    """None when the plot is left out (``skipped`` says why)."""
    skipped: str = ""

    @property
    def kind_text(self) -> str:
        if self.kind == "proportion":
            return _("proportions (exact binomial limits)")
        return _("rates: numerator per denominator (exact Poisson limits)")


@dataclass(frozen=True)
class Comparison:
    definition: IndicatorDefinition
    unit: OrgUnit
    period: Period
    mode: Literal["children", "siblings"]
    rows: list[ComparisonRow]
    funnel: FunnelPlot | None
    """None for indicators that are not ratios."""

    @property
    def peers(self) -> list[ComparisonRow]:
        """The rows compared with one another (not the parent shown for reference)."""
        return [r for r in self.rows if not r.whole]

    @property
    def common_target(self) -> float | None:
        """The target every unit with one shares, else None (drawn as one line)."""
        values = {r.target.value for r in self.rows if r.target is not None}
        return values.pop() if len(values) == 1 else None


def compared_units(
    user: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    children: Sequence[OrgUnit] | None = None,
) -> tuple[Literal["children", "siblings"], list[OrgUnit]]:
    """The unit's visible children, or (without any) its visible siblings and itself.

    ``children``: the visible children when already read (from :func:`navigation`).
    """
    if children is None:
        children = _visible_children(user, unit)
    usable = [u for u in children if target_rules.definition_usable_at(definition, u)]
    if usable:
        return "children", usable
    if unit.parent_id is None:
        return "siblings", [unit]
    parent = tree.unit_by_id(unit.parent_id)
    siblings = _visible_children(user, parent) if parent is not None else []
    siblings = [u for u in siblings if target_rules.definition_usable_at(definition, u)]
    if all(u.pk != unit.pk for u in siblings):
        siblings = _by_name([*siblings, unit])
    return "siblings", siblings


def comparison(
    user: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period: Period,
    children: Sequence[OrgUnit] | None = None,
) -> Comparison:
    """The units compared for the period (only units the user may see): value, target,
    status and, for ratios, their funnel mark (a fixed number of queries)."""
    mode, peers = compared_units(user, definition, unit, children)
    units = [unit, *peers] if mode == "children" else peers
    figures = selectors.figures_at(definition.pk, [u.pk for u in units], period.code)
    rated = {r.value.unit_id: r for r in rate_values(definition, figures, units)}
    names = [u.display_name for u in units]
    shared = {name for name, count in Counter(names).items() if count > 1}
    rows = []
    for u, name in zip(units, names, strict=True):
        found = rated.get(u.pk)
        value = found.value if found else None
        target = found.target if found else None
        status = found.status if found else None
        whole = mode == "children" and u.pk == unit.pk
        if name in shared:  # two units of the same name: told apart by their codes
            name = f"{name} ({u.code})"
        rows.append(
            ComparisonRow(
                unit=u,
                value=value,
                target=target,
                status=status,
                selected=u.pk == unit.pk,
                whole=whole,
                label=_("%(unit)s (all)") % {"unit": name} if whole else name,
                note=_note(definition, value, target, status),
            )
        )
    plot = (
        funnel_plot(definition, [r for r in rows if not r.whole]) if definition.is_ratio else None
    )
    if plot is not None and plot.result is not None:
        points = {p.key: p for p in plot.result.points}
        for r in rows:
            r.funnel = points.get(r.unit.code)
            r.mark_label = _mark_label(definition, r.funnel)
    return Comparison(definition, unit, period, mode, rows, plot)


def funnel_kind(definition: IndicatorDefinition, rows: Sequence[ComparisonRow]) -> Kind:
    """ "proportion" for indicators drawn on p-charts (a share of a count) — unless a unit's
    numerator exceeds its denominator; "rate" otherwise: u-chart rates (incidents per bed-day)
    and every other ratio, such as length of stay (bed-days per discharge), compared as a
    count per unit of its denominator with Poisson limits and shown × the multiplier."""
    if series.chart_kind(definition) == "p" and all(
        r.value is None
        or r.value.numerator is None
        or r.value.denominator is None
        or r.value.numerator <= r.value.denominator
        for r in rows
    ):
        return "proportion"
    return "rate"


def funnel_plot(definition: IndicatorDefinition, rows: Sequence[ComparisonRow]) -> FunnelPlot:
    """The funnel plot of the compared units around their pooled value, with 95% and 99.8%
    limits; left out (with the reason) when fewer than three units have a value."""
    kind = funnel_kind(definition, rows)
    inputs = [
        FunnelInput(r.unit.code, r.label, float(r.value.numerator), float(r.value.denominator))
        for r in rows
        if r.value is not None
        and r.value.value is not None
        and r.value.numerator is not None
        and r.value.denominator is not None
        and r.value.denominator > 0
    ]
    if len(inputs) < MIN_FUNNEL_UNITS:
        return FunnelPlot(
            kind,
            None,
            _(
                "A funnel plot needs at least %(n)d units with a value for this period; "
                "%(have)d have one."
            )
            % {"n": MIN_FUNNEL_UNITS, "have": len(inputs)},
        )
    try:
        result = funnel(inputs, kind, multiplier=float(definition.multiplier or 1.0))
    except ValueError:
        return FunnelPlot(
            kind, None, _("The stored numerators and denominators cannot be compared this way.")
        )
    return FunnelPlot(kind, result)


def comparison_labels() -> dict[str, str]:
    return {"unit": _("Unit"), "status": _("Status"), "target": _("Target")}


def funnel_labels() -> dict[str, str]:
    return {
        "above": _(FUNNEL_MARKS["above"]),
        "par": _(FUNNEL_MARKS["par"]),
        "below": _(FUNNEL_MARKS["below"]),
        "outlier": _("beyond the 99.8% limits"),
        "unit": _("Unit"),
        "mark": _("Comparison"),
        "limit95": _("95% limits"),
        "limit998": _("99.8% limits"),
        "target": _("Pooled value"),
    }


def warm_chart_structures() -> None:
    """Build the page's chart structures in every language now (a worker calls this at
    start, ``soteria.wsgi``): each costs ~25 ms of Altair, which the first page of each
    language on each worker would otherwise wait for."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            charts.warm(spc_labels(), comparison_labels(), funnel_labels(), number_locale())


def comparison_spec(data: Comparison, locale: Mapping[str, Any] | None = None) -> Spec:
    definition = data.definition
    rows = [
        {
            "key": r.unit.code,
            "label": r.label,
            "value": r.number,
            "status": str(r.status) if r.status else None,
            "status_label": r.status_label or r.note,
        }
        for r in data.rows
    ]
    title = (
        _("%(indicator)s in the units below %(unit)s, %(period)s")
        if data.mode == "children"
        else _("%(indicator)s beside neighbouring units of %(unit)s, %(period)s")
    ) % {
        "indicator": definition.display_name,
        "unit": data.unit.display_name,
        "period": data.period.code,
    }
    return charts.comparison_bar(
        rows,
        title=title,
        x_title=definition.get_unit_display(),
        description=_(
            "Bar chart comparing %(indicator)s across units for %(period)s, with each "
            "unit's status; %(unit)s is outlined. The table below gives the numbers."
        )
        % {
            "indicator": definition.display_name,
            "period": data.period.code,
            "unit": data.unit.display_name,
        },
        value_format=value_format(definition),
        highlight_key=data.unit.code,
        target=data.common_target,
        labels=comparison_labels(),
        locale=locale,
    )


def funnel_spec(data: Comparison, locale: Mapping[str, Any] | None = None) -> Spec | None:
    plot = data.funnel
    if plot is None or plot.result is None:
        return None
    definition = data.definition
    return charts.funnel_chart(
        plot.result,
        curve_for(plot.result),
        title=_("%(indicator)s, %(period)s: funnel plot")
        % {"indicator": definition.display_name, "period": data.period.code},
        x_title=_("Denominator"),
        y_title=definition.get_unit_display(),
        description=_(
            "Funnel plot of %(indicator)s for %(period)s: each unit's value against its "
            "denominator, with 95%% and 99.8%% limits around the pooled value. The table "
            "below gives each unit's mark."
        )
        % {"indicator": definition.display_name, "period": data.period.code},
        value_format=value_format(definition),
        mark_labels=funnel_labels(),
        locale=locale,
    )


# --- the whole page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    definition: IndicatorDefinition
    selection: Selection
    navigation: Navigation
    chart: RunChart
    targets: list[TargetEntry]
    comparison: Comparison
    specs: dict[str, Spec]
    """Chart id → Vega-Lite spec (``spc``, ``comparison`` and, when drawn, ``funnel``)."""


def page(user: Any, definition: IndicatorDefinition, selection: Selection) -> Page:
    """Everything the indicator page shows (a fixed number of queries)."""
    unit, period = selection.unit, selection.period
    nav = navigation(user, unit)
    chart = run_chart(definition, unit, period)
    compared = comparison(user, definition, unit, period, nav.children)
    locale = number_locale()
    specs = {"spc": spc_spec(chart, locale), "comparison": comparison_spec(compared, locale)}
    funnel_chart = funnel_spec(compared, locale)
    if funnel_chart is not None:
        specs["funnel"] = funnel_chart
    return Page(
        definition=definition,
        selection=selection,
        navigation=nav,
        chart=chart,
        targets=target_history(user, chart),
        comparison=compared,
        specs=specs,
    )


def chart_spec(
    user: Any, definition: IndicatorDefinition, selection: Selection, name: str
) -> Spec | None:
    """One chart of the page (for SVG), or None when the page does not draw it."""
    unit, period = selection.unit, selection.period
    locale = number_locale()
    if name == "spc":
        return spc_spec(run_chart(definition, unit, period), locale)
    compared = comparison(user, definition, unit, period)
    if name == "comparison":
        return comparison_spec(compared, locale)
    if name == "funnel":
        return funnel_spec(compared, locale)
    raise ValueError(name)


# --- downloads --------------------------------------------------------------------------------


SERIES_COLUMNS = [
    "period",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "partial",
    "charted",
    "centre",
    "lower_limit",
    "upper_limit",
    "signals",
    "side",
    "target",
    "tolerance",
    "target_unit",
    "target_period",
    "no_value_reason",
]


def series_csv(chart: RunChart) -> list[list[str]]:
    """The run chart's table: a header row, then one row per period (oldest first)."""
    out = [list(SERIES_COLUMNS)]
    for r in chart.rows:
        t = r.target
        out.append(
            [
                r.period,
                r.start.isoformat(),
                csv_number(r.value),
                csv_number(r.numerator),
                csv_number(r.denominator),
                "1" if r.partial else "0",
                "1" if r.charted else "0",
                csv_number(r.centre),
                csv_number(r.lower),
                csv_number(r.upper),
                ";".join(s for s in spc.SIGNAL_PRECEDENCE if s in r.signal_codes),
                r.side or "",
                csv_number(t.value if t else None),
                csv_number(t.tolerance if t else None),
                t.source.unit.code if t else "",
                t.source.period if t else "",
                r.reason,
            ]
        )
    return out


COMPARISON_COLUMNS = [
    "unit",
    "unit_name",
    "period",
    "role",
    "value",
    "numerator",
    "denominator",
    "partial",
    "target",
    "tolerance",
    "status",
    "funnel_mark",
    "funnel_outlier",
    "lower_95",
    "upper_95",
    "lower_99_8",
    "upper_99_8",
]


def comparison_csv(data: Comparison) -> list[list[str]]:
    """The comparison's table: a header row, then one row per unit the user may see."""
    out = [list(COMPARISON_COLUMNS)]
    for r in data.rows:
        v, t, f = r.value, r.target, r.funnel
        role = "whole" if r.whole else "selected" if r.selected else "compared"
        out.append(
            [
                r.unit.code,
                csv_safe(r.unit.display_name),
                data.period.code,
                role,
                csv_number(v.value if v else None),
                csv_number(v.numerator if v else None),
                csv_number(v.denominator if v else None),
                ("1" if v.partial else "0") if v else "",
                csv_number(t.value if t else None),
                csv_number(t.tolerance if t else None),
                str(r.status) if r.status else "",
                (f.mark or "") if f else "",
                ("1" if f.outlier else "0") if f and f.mark else "",
                csv_number(f.lo95 if f else None),
                csv_number(f.hi95 if f else None),
                csv_number(f.lo998 if f else None),
                csv_number(f.hi998 if f else None),
            ]
        )
    return out
