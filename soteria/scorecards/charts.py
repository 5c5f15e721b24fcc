"""Vega-Lite chart specs for scorecards and dashboards, built with Altair.

Every builder returns a plain ``dict`` (the Vega-Lite JSON, validated against Altair's
schema) with its data inline, ready to be dumped into a ``<script type="application/json"
class="vega-spec">`` element and rendered in the browser by ``web/charts.js`` (vega-embed),
or converted to SVG on the server with :func:`to_svg` (vl-convert, offline).

All user-visible text (titles, legend entries, tooltip titles, status words) comes from
the caller, already translated; the English defaults in ``*_LABELS`` only fill gaps.
Numbers are formatted with the caller's d3 format string (e.g. ``",.1f"``) and, when a
``locale`` is given, with its decimal and thousands separators (``config.locale``).

Colour is never the only signal: special-cause and funnel points also differ in shape
(and filled vs hollow), status bars carry their status word as text, and every mark has a
tooltip. Colours are from the Okabe–Ito palette, distinguishable with colour-blindness.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

import altair as alt
import msgspec
from django.core.serializers.json import DjangoJSONEncoder

from .funnel import FunnelResult

Spec = dict[str, Any]

# Okabe–Ito colours and greys.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
ORANGE = "#E69F00"
GREY = "#6B6B6B"
DARK = "#303030"

STATUS_COLOURS = {"green": "#1B7837", "amber": ORANGE, "red": "#B2182B", "none": "#7B8794"}

SPC_LABELS: dict[str, str] = {
    "value": "Value",
    "upper": "Upper process limit",
    "lower": "Lower process limit",
    "centre": "Centre line",
    "target": "Target",
    "normal": "Common cause variation",
    "high": "Special cause (high)",
    "low": "Special cause (low)",
    "period": "Period",
    "signal": "Signal",
}
COMPARISON_LABELS: dict[str, str] = {"unit": "Unit", "status": "Status", "target": "Target"}
FUNNEL_LABELS: dict[str, str] = {
    "above": "Above",
    "par": "On par",
    "below": "Below",
    "outlier": "beyond the 99.8% limits",
    "unit": "Unit",
    "mark": "Comparison",
    "limit95": "95% limits",
    "limit998": "99.8% limits",
    "target": "Target",
}

#: Width substituted for ``"container"`` when rendering on the server.
SVG_WIDTH = 640
SVG_HEIGHT = 320


# --- locale --------------------------------------------------------------------------------


def d3_number_locale(
    decimal: str,
    thousands: str,
    grouping: Sequence[int] = (3,),
    currency: tuple[str, str] = ("", ""),
) -> dict[str, Any]:
    """A d3-format number locale, e.g. ``d3_number_locale(",", ".")`` for Danish."""
    return {
        "decimal": decimal,
        "thousands": thousands,
        "grouping": list(grouping),
        "currency": list(currency),
    }


def _vl_locale(locale: Mapping[str, Any]) -> dict[str, Any]:
    """``{"number": ..., "time": ...}``; a bare number locale (from d3_number_locale) is
    accepted too."""
    if "number" in locale or "time" in locale:
        return {k: dict(v) for k, v in locale.items() if k in ("number", "time")}
    return {"number": dict(locale)}


def _finish(
    chart: alt.Chart | alt.LayerChart | alt.FacetChart,
    *,
    description: str,
    locale: Mapping[str, Any] | None,
    view_stroke: bool = True,
) -> Spec:
    chart = chart.properties(description=description)
    config: dict[str, Any] = {}
    if locale:
        config["locale"] = alt.Locale(**_vl_locale(locale))
    if not view_stroke:
        config["view"] = alt.ViewConfig(stroke=None)
    if config:
        chart = chart.configure(**config)
    # Not validated here: Altair's schema validation took ~0.2 s per structure, and every
    # worker process builds each (labels, axis title, format, layers, locale) structure once
    # — a noticeable stall on a page with a new combination. The tests validate every kind
    # of chart against the Vega-Lite schema (``tests/test_charts.py``).
    spec: Spec = chart.to_dict(validate=False)
    return spec


X_TITLE = "@@x-title@@"
Y_TITLE = "@@y-title@@"
VALUE_FORMAT = "@@value-format@@"
N_FORMAT = "@@n-format@@"
"""Placeholders the cached structures are built with; :func:`_copy` puts each chart's own
axis titles and number formats in their place, so one structure serves every indicator
(axis titles and formats differ from indicator to indicator; labels, layers and locale
rarely do)."""


def _copy(spec: Spec, texts: Mapping[str, str] | None = None) -> Spec:
    """A deep copy of a cached structure (plain JSON values: a JSON round trip is the
    fastest deep copy), with each placeholder in ``texts`` replaced by its text (escaped
    for JSON; the placeholders only stand inside strings)."""
    raw = json.dumps(spec)
    for placeholder, text in (texts or {}).items():
        raw = raw.replace(placeholder, json.dumps(text)[1:-1])
    copied: Spec = json.loads(raw)
    return copied


def _locale_key(locale: Mapping[str, Any] | None) -> str | None:
    """A hashable form of a chart locale, for the structure caches."""
    return json.dumps(_vl_locale(locale), sort_keys=True) if locale else None


def _locale_of(key: str | None) -> dict[str, Any] | None:
    return json.loads(key) if key else None


def _labels_key(labels: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, str(v)) for k, v in labels.items()))


def _named(name: str) -> alt.Data:
    """A placeholder for a layer's data: the cached structure names it, each call puts its
    own values there."""
    return alt.Data(name=name)


def _data(rows: Sequence[Mapping[str, Any]]) -> alt.Data:
    return alt.Data(values=[dict(r) for r in rows])


def _title(title: str) -> alt.TitleParams:
    return alt.TitleParams(text=title, anchor="start")


def _merge(defaults: Mapping[str, str], given: Mapping[str, str] | None) -> dict[str, str]:
    return {**defaults, **(given or {})}


def _fill(spec: Spec, *, title: str, description: str) -> Spec:
    spec["title"]["text"] = title
    spec["description"] = description
    return spec


def warm(
    spc_labels: Mapping[str, str],
    comparison_labels: Mapping[str, str],
    funnel_labels: Mapping[str, str],
    locale: Mapping[str, Any] | None,
) -> None:
    """Build (and keep) the structures that :func:`spc_chart`, :func:`comparison_bar` and
    :func:`funnel_chart` use with these texts and locale."""
    locale_key = _locale_key(locale)
    _spc_structure(
        _labels_key(_merge(SPC_LABELS, spc_labels)),
        Y_TITLE,
        VALUE_FORMAT,
        True,
        True,
        SPC_SIDES,
        locale_key,
    )
    _comparison_structure(
        _labels_key(_merge(COMPARISON_LABELS, comparison_labels)),
        X_TITLE,
        VALUE_FORMAT,
        True,
        True,
        locale_key,
    )
    _funnel_structure(
        _labels_key(_merge(FUNNEL_LABELS, funnel_labels)),
        X_TITLE,
        Y_TITLE,
        VALUE_FORMAT,
        N_FORMAT,
        locale_key,
    )


# --- SPC chart -----------------------------------------------------------------------------


def spc_chart(
    points: Sequence[Mapping[str, Any]],
    *,
    title: str,
    y_title: str,
    description: str,
    value_format: str,
    signal_labels: Mapping[str, str],
    target: float | None = None,
    centre: float | None = None,
    locale: Mapping[str, Any] | None = None,
) -> Spec:
    """Statistical process control chart: values over time with process limits.

    ``points``: dicts with ``period`` (axis label, e.g. "2026-03" or "2026Q1"), ``start``
    (ISO date, used for ordering), ``value``, ``lower``, ``upper`` (process limits, may be
    None), ``signal`` (None or a short translated text) and ``side`` ("high", "low" or
    None: a special-cause point). An optional per-point ``centre`` overrides the scalar
    ``centre`` (for recalculated phases).

    ``signal_labels`` gives the translated legend and tooltip texts, keys as in
    ``SPC_LABELS`` (``value``, ``upper``, ``lower``, ``centre``, ``target``, ``normal``,
    ``high``, ``low``, ``period``, ``signal``); missing keys fall back to English.

    The chart's structure is built with Altair once per labels and locale, with every
    optional line and kind of point (:func:`_spc_structure`); each call removes what it does
    not draw from its copy (:func:`_fit_spc_legends`) and fills in its data and texts. The
    builder's other combinations serve the test that the fitted copy equals each of them.
    """
    labels = _merge(SPC_LABELS, signal_labels)
    ordered = sorted(points, key=lambda p: str(p.get("start") or ""))
    wide: list[dict[str, Any]] = []
    value_series: list[dict[str, Any]] = []
    limit_series: list[dict[str, Any]] = []
    has_centre = False
    for p in ordered:
        side = p.get("side")
        state = labels[side] if side in ("high", "low") else labels["normal"]
        wide.append(
            {
                "period": p["period"],
                "start": p.get("start"),
                "value": p.get("value"),
                "lower": p.get("lower"),
                "upper": p.get("upper"),
                "signal": p.get("signal") or "",
                "state": state,
            }
        )
        if p.get("value") is not None:
            value_series.append({"period": p["period"], "series": labels["value"], "y": p["value"]})
        point_centre = p.get("centre", centre)
        for key, y in (("upper", p.get("upper")), ("lower", p.get("lower"))):
            if y is not None:
                limit_series.append({"period": p["period"], "series": labels[key], "y": y})
        if point_centre is not None:
            has_centre = True
            limit_series.append(
                {"period": p["period"], "series": labels["centre"], "y": point_centre}
            )
        if target is not None:
            limit_series.append({"period": p["period"], "series": labels["target"], "y": target})
    present = {p.get("side") for p in ordered}
    sides = tuple(side for side in SPC_SIDES if side in present)
    # One structure per labels and locale (every line, both special causes; ~25 ms to
    # build with Altair), fitted to the chart: not one per combination of them.
    spec = _copy(
        _spc_structure(
            _labels_key(labels), Y_TITLE, VALUE_FORMAT, True, True, SPC_SIDES, _locale_key(locale)
        ),
        {Y_TITLE: y_title, VALUE_FORMAT: value_format},
    )
    _fit_spc_legends(spec, *_spc_styles(labels, has_centre, target is not None, sides))
    limits, values_line, points_layer = spec["layer"]
    limits["data"] = {"values": limit_series}
    values_line["data"] = {"values": value_series}
    points_layer["data"] = {"values": wide}
    return _fill(spec, title=title, description=description)


SPC_SIDES = ("high", "low")


def _spc_styles(
    labels: Mapping[str, str], has_centre: bool, has_target: bool, sides: Sequence[str]
) -> tuple[list[tuple[str, str, list[int]]], list[tuple[str, str, str]]]:
    """The SPC chart's legend entries: its lines (label, colour, dash) and its kinds of
    point (label, shape, colour; common cause always, then the special causes present)."""
    series_style = [
        (labels["value"], BLUE, [1, 0]),
        (labels["upper"], GREY, [5, 4]),
        (labels["lower"], GREY, [5, 4]),
    ]
    if has_centre:
        series_style.append((labels["centre"], DARK, [1, 0]))
    if has_target:
        series_style.append((labels["target"], GREEN, [10, 3, 2, 3]))
    shapes = {"high": "triangle-up", "low": "triangle-down"}
    state_style = [(labels["normal"], "circle", BLUE)] + [
        (labels[side], shapes[side], VERMILLION) for side in SPC_SIDES if side in sides
    ]
    return series_style, state_style


def _fit_spc_legends(
    spec: Spec,
    series_style: Sequence[tuple[str, str, list[int]]],
    state_style: Sequence[tuple[str, str, str]],
) -> None:
    """Keep in a copy of the full SPC structure (every line, both special causes) only the
    legend entries of this chart: the same spec as a structure built for it."""
    for layer in spec["layer"]:
        encoding = layer["encoding"]
        for channel, styles, position in (
            ("stroke", series_style, 1),
            ("strokeDash", series_style, 2),
            ("shape", state_style, 1),
            ("color", state_style, 2),
        ):
            if channel in encoding:
                scale = encoding[channel]["scale"]
                scale["domain"] = [style[0] for style in styles]
                scale["range"] = [style[position] for style in styles]


@lru_cache(maxsize=512)
def _spc_structure(
    labels_key: tuple[tuple[str, str], ...],
    y_title: str,
    value_format: str,
    has_centre: bool,
    has_target: bool,
    sides: tuple[str, ...],
    locale_key: str | None,
) -> Spec:
    """The SPC chart without its data (named placeholders), title or description."""
    labels = dict(labels_key)
    series_style, state_style = _spc_styles(labels, has_centre, has_target, sides)
    domain = [s[0] for s in series_style]
    stroke = alt.Stroke(
        "series:N",
        scale=alt.Scale(domain=domain, range=[s[1] for s in series_style]),
        legend=alt.Legend(title=None, orient="bottom", symbolType="stroke"),
    )
    dash = alt.StrokeDash(
        "series:N",
        scale=alt.Scale(domain=domain, range=[s[2] for s in series_style]),
        legend=alt.Legend(title=None, orient="bottom", symbolType="stroke"),
    )
    # Codes of one kind of period sort in time order (2025Q4 < 2026Q1, 202512 < 202601);
    # sorting explicitly keeps the order when layers bring periods of their own.
    x = alt.X(
        "period:O",
        sort="ascending",
        title=None,
        axis=alt.Axis(labelAngle=0, labelOverlap=True),
    )
    y_axis = alt.Axis(format=value_format, title=y_title)
    y = alt.Y("y:Q", axis=y_axis, scale=alt.Scale(zero=False))

    limits = (
        alt.Chart(_named("limits"))
        .mark_line(interpolate="step", strokeWidth=1.5)
        .encode(x=x, y=y, stroke=stroke, strokeDash=dash)
    )
    values_line = (
        alt.Chart(_named("values"))
        .mark_line(strokeWidth=2)
        .encode(x=x, y=y, stroke=stroke, strokeDash=dash)
    )
    states = [s[0] for s in state_style]
    points_layer = (
        alt.Chart(_named("points"))
        .mark_point(filled=True, opacity=1)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=y_axis, scale=alt.Scale(zero=False)),
            shape=alt.Shape(
                "state:N",
                scale=alt.Scale(domain=states, range=[s[1] for s in state_style]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            color=alt.Color(
                "state:N",
                scale=alt.Scale(domain=states, range=[s[2] for s in state_style]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            size=alt.condition(
                f"datum.state !== {json.dumps(labels['normal'])}", alt.value(110), alt.value(40)
            ),
            tooltip=[
                alt.Tooltip("period:N", title=labels["period"]),
                alt.Tooltip("value:Q", title=y_title, format=value_format),
                alt.Tooltip("lower:Q", title=labels["lower"], format=value_format),
                alt.Tooltip("upper:Q", title=labels["upper"], format=value_format),
                alt.Tooltip("signal:N", title=labels["signal"]),
            ],
        )
    )
    chart = alt.layer(limits, values_line, points_layer).properties(
        title=_title(""), width="container", height=300
    )
    return _finish(chart, description="", locale=_locale_of(locale_key))


# --- comparison bars -----------------------------------------------------------------------


def comparison_bar(
    rows: Sequence[Mapping[str, Any]],
    *,
    title: str,
    x_title: str,
    description: str,
    value_format: str,
    highlight_key: str | None = None,
    target: float | None = None,
    labels: Mapping[str, str] | None = None,
    locale: Mapping[str, Any] | None = None,
) -> Spec:
    """Horizontal bars comparing sibling units for one period, largest value first.

    ``rows``: dicts with ``key``, ``label`` (unique), ``value`` (rows without a value are
    left out), optional ``status`` ("green", "amber", "red" or None) and ``status_label``
    (the translated status word, written at the end of the bar and in the tooltip).
    ``highlight_key`` outlines that unit's bar and bolds its label. ``labels``: tooltip
    and target texts, keys as in ``COMPARISON_LABELS``.

    The structure is built with Altair once per texts and locale, with the target layers
    and a bold label (:func:`_comparison_structure`); each call removes what it does not
    draw (:func:`_fit_comparison`) and fills in its data, the x domain and which label is
    bold.
    """
    text = _merge(COMPARISON_LABELS, labels)
    data: list[dict[str, Any]] = []
    for r in rows:
        if r.get("value") is None:
            continue
        status = r.get("status")
        data.append(
            {
                "key": r["key"],
                "label": r["label"],
                "value": r["value"],
                "status": status if status in STATUS_COLOURS else "none",
                "status_label": r.get("status_label") or "",
                "highlight": r["key"] == highlight_key,
            }
        )
    data.sort(key=lambda d: (-d["value"], d["label"]))
    highlighted = next((d["label"] for d in data if d["highlight"]), None)
    extent = [d["value"] for d in data] + ([target] if target is not None else [])
    top = max(extent, default=0.0)
    bottom = min([*extent, 0.0])
    domain = [bottom, top * 1.25 if top > 0 else 1.0]

    # One structure per texts and locale (with the target's layers and a bold label),
    # fitted to the chart: not one per combination of them.
    spec = _copy(
        _comparison_structure(
            _labels_key(text), X_TITLE, VALUE_FORMAT, True, True, _locale_key(locale)
        ),
        {X_TITLE: x_title, VALUE_FORMAT: value_format},
    )
    _fit_comparison(spec, target is not None, highlighted is not None)
    spec["data"] = {"values": data}
    for layer in spec["layer"]:
        layer["encoding"]["x"]["scale"]["domain"] = list(domain)
        if highlighted is not None and "y" in layer["encoding"]:
            axis = layer["encoding"]["y"].get("axis")
            if axis is not None:
                axis["labelFontWeight"] = {
                    "expr": f"datum.value === {json.dumps(highlighted)} ? 'bold' : 'normal'"
                }
    if target is not None:
        for layer in spec["layer"][2:]:
            layer["data"] = {"values": [{"target": target, "text": text["target"]}]}
    return _fill(spec, title=title, description=description)


def _fit_comparison(spec: Spec, has_target: bool, has_highlight: bool) -> None:
    """Keep in a copy of the full comparison structure (target layers, a bold label) only
    what this chart has: the same spec as a structure built for it."""
    if not has_target:
        spec["layer"] = spec["layer"][:2]
    if not has_highlight:
        for layer in spec["layer"]:
            axis = layer["encoding"].get("y", {}).get("axis")
            if axis is not None:
                axis["labelFontWeight"] = "normal"


@lru_cache(maxsize=512)
def _comparison_structure(
    text_key: tuple[tuple[str, str], ...],
    x_title: str,
    value_format: str,
    has_target: bool,
    has_highlight: bool,
    locale_key: str | None,
) -> Spec:
    """The comparison bars without data, x domain, title or description; the bold label
    is a placeholder expression."""
    text = dict(text_key)
    fmt = json.dumps(value_format)
    x_scale = alt.Scale(domain=[0.0, 1.0], nice=True)
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField(field="value", order="descending"),
        title=None,
        axis=alt.Axis(
            labelFontWeight=alt.ExprRef(expr="datum.value === '' ? 'bold' : 'normal'")
            if has_highlight
            else "normal",
            labelLimit=220,
        ),
    )
    x = alt.X("value:Q", title=x_title, axis=alt.Axis(format=value_format), scale=x_scale)
    status_keys = list(STATUS_COLOURS)
    bars = (
        alt.Chart()
        .mark_bar(height={"band": 0.7})
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=status_keys, range=[STATUS_COLOURS[k] for k in status_keys]),
                legend=None,
            ),
            stroke=alt.condition("datum.highlight", alt.value(DARK), alt.value(None)),
            strokeWidth=alt.condition("datum.highlight", alt.value(2), alt.value(0)),
            tooltip=[
                alt.Tooltip("label:N", title=text["unit"]),
                alt.Tooltip("value:Q", title=x_title, format=value_format),
                alt.Tooltip("status_label:N", title=text["status"]),
            ],
        )
    )
    end_text = (
        alt.Chart()
        .transform_calculate(
            text=f"format(datum.value, {fmt})"
            " + (datum.status_label ? ' · ' + datum.status_label : '')"
        )
        .mark_text(
            align="left",
            baseline="middle",
            dx=4,
            color=DARK,
            fontWeight=alt.ExprRef(expr="datum.highlight ? 'bold' : 'normal'"),
        )
        .encode(x=x, y=y, text="text:N")
    )
    layers: list[alt.Chart] = [bars, end_text]
    if has_target:
        target_data = _named("target")
        layers.append(
            alt.Chart(target_data)
            .mark_rule(color=GREEN, strokeDash=[10, 3, 2, 3], size=2)
            .encode(
                x=alt.X("target:Q", scale=x_scale),
                tooltip=[alt.Tooltip("target:Q", title=text["target"], format=value_format)],
            )
        )
        layers.append(
            alt.Chart(target_data)
            .transform_calculate(label=f"datum.text + ': ' + format(datum.target, {fmt})")
            .mark_text(align="left", baseline="bottom", dx=3, dy=-2, color=GREEN, fontWeight="bold")
            .encode(x=alt.X("target:Q", scale=x_scale), y=alt.value(0), text="label:N")
        )
    chart = alt.layer(*layers, data=_named("units")).properties(
        title=_title(""), width="container", height=alt.Step(26)
    )
    return _finish(chart, description="", locale=_locale_of(locale_key))


# --- funnel --------------------------------------------------------------------------------


def funnel_chart(
    result: FunnelResult,
    curve_rows: Sequence[Sequence[float]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str,
    value_format: str,
    mark_labels: Mapping[str, str],
    n_format: str = ",.0f",
    locale: Mapping[str, Any] | None = None,
) -> Spec:
    """Funnel plot: units by size (x) and value (y), with the target and the 95% and
    99.8% limit curves.

    ``curve_rows``: ``(n, lo95, hi95, lo998, hi998)`` rows on the display scale (from
    ``funnel.curve_for``). ``mark_labels``: translated texts, keys as in ``FUNNEL_LABELS``
    (``above``, ``par``, ``below``, ``outlier``, ``unit``, ``mark``, ``limit95``,
    ``limit998``, ``target``). Above/below points are filled triangles pointing up/down,
    units on par hollow circles, and units beyond the 99.8% limits drawn larger.

    The structure is built with Altair once per texts and locale
    (:func:`_funnel_structure`); each call fills in its data, title and description.
    """
    labels = _merge(FUNNEL_LABELS, mark_labels)
    points: list[dict[str, Any]] = []
    for p in result.points:
        if p.value is None or p.mark is None:
            continue
        mark_text = labels[p.mark]
        points.append(
            {
                "key": p.key,
                "label": p.label,
                "n": p.denominator,
                "value": p.value,
                "mark": mark_text,
                "outlier": p.outlier,
                "flag": f"{mark_text} · {labels['outlier']}" if p.outlier else mark_text,
            }
        )
    lines: list[dict[str, Any]] = []
    for row in curve_rows:
        n, lo95, hi95, lo998, hi998 = (float(v) for v in row[:5])
        lines += [
            {"n": n, "y": lo95, "series": labels["limit95"], "edge": "lower"},
            {"n": n, "y": hi95, "series": labels["limit95"], "edge": "upper"},
            {"n": n, "y": lo998, "series": labels["limit998"], "edge": "lower"},
            {"n": n, "y": hi998, "series": labels["limit998"], "edge": "upper"},
        ]
    centre = result.centre
    sizes = [float(r[0]) for r in curve_rows] or [p["n"] for p in points]
    if centre is not None and sizes:
        lines += [
            {"n": min(sizes), "y": centre, "series": labels["target"], "edge": "centre"},
            {"n": max(sizes), "y": centre, "series": labels["target"], "edge": "centre"},
        ]
    spec = _copy(
        _funnel_structure(
            _labels_key(labels), X_TITLE, Y_TITLE, VALUE_FORMAT, N_FORMAT, _locale_key(locale)
        ),
        {X_TITLE: x_title, Y_TITLE: y_title, VALUE_FORMAT: value_format, N_FORMAT: n_format},
    )
    curves, dots = spec["layer"]
    curves["data"] = {"values": lines}
    dots["data"] = {"values": points}
    return _fill(spec, title=title, description=description)


@lru_cache(maxsize=512)
def _funnel_structure(
    labels_key: tuple[tuple[str, str], ...],
    x_title: str,
    y_title: str,
    value_format: str,
    n_format: str,
    locale_key: str | None,
) -> Spec:
    """The funnel plot without data (named placeholders), title or description."""
    labels = dict(labels_key)
    series = [
        (labels["target"], DARK, [1, 0]),
        (labels["limit95"], GREY, [6, 4]),
        (labels["limit998"], GREY, [2, 3]),
    ]
    domain = [s[0] for s in series]
    x = alt.X(
        "n:Q",
        title=x_title,
        axis=alt.Axis(format=n_format, tickCount=8),
        scale=alt.Scale(zero=True),
    )
    y_axis = alt.Axis(format=value_format, title=y_title)
    curves = (
        alt.Chart(_named("curves"))
        .mark_line(strokeWidth=1.5)
        .encode(
            x=x,
            y=alt.Y("y:Q", axis=y_axis, scale=alt.Scale(zero=False)),
            stroke=alt.Stroke(
                "series:N",
                scale=alt.Scale(domain=domain, range=[s[1] for s in series]),
                legend=alt.Legend(title=None, orient="bottom", symbolType="stroke"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=domain, range=[s[2] for s in series]),
                legend=alt.Legend(title=None, orient="bottom", symbolType="stroke"),
            ),
            detail="edge:N",
            order="n:Q",
        )
    )
    marks = [labels["above"], labels["par"], labels["below"]]
    colours = [VERMILLION, GREY, BLUE]
    legend = alt.Legend(title=None, orient="bottom")
    dots = (
        alt.Chart(_named("units"))
        .mark_point(strokeWidth=1.5, opacity=1)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=y_axis, scale=alt.Scale(zero=False)),
            color=alt.Color("mark:N", scale=alt.Scale(domain=marks, range=colours), legend=legend),
            # Units on par are hollow (white inside), above/below filled: in legend too.
            fill=alt.Fill(
                "mark:N",
                scale=alt.Scale(domain=marks, range=[VERMILLION, "#FFFFFF", BLUE]),
                legend=legend,
            ),
            shape=alt.Shape(
                "mark:N",
                scale=alt.Scale(domain=marks, range=["triangle-up", "circle", "triangle-down"]),
                legend=legend,
            ),
            size=alt.condition("datum.outlier", alt.value(140), alt.value(60)),
            tooltip=[
                alt.Tooltip("label:N", title=labels["unit"]),
                alt.Tooltip("value:Q", title=y_title, format=value_format),
                alt.Tooltip("n:Q", title=x_title, format=n_format),
                alt.Tooltip("flag:N", title=labels["mark"]),
            ],
        )
    )
    chart = alt.layer(curves, dots).properties(title=_title(""), width="container", height=360)
    return _finish(chart, description="", locale=_locale_of(locale_key))


# --- script-safe JSON ---------------------------------------------------------------------


def script_json(value: Any) -> str:
    """``value`` as JSON that cannot close or open tags inside a ``<script>`` element (every
    "<", ">" and "&" escaped, as Django's ``json_script`` does)."""
    # msgspec: the same JSON as json.dumps with DjangoJSONEncoder (what it cannot encode goes
    # to that encoder's ``default``: lazy texts, dates…), in a third of the time.
    text = _JSON.encode(value).decode()
    # str.replace, not str.translate with a mapping: that looks every character up in
    # Python (~1 ms for a 50 kB chart spec), replace runs in C.
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


_JSON = msgspec.json.Encoder(enc_hook=DjangoJSONEncoder().default)


# --- server-side rendering -----------------------------------------------------------------


@cache
def _vl_version() -> str | None:
    """The vl-convert Vega-Lite version matching Altair's schema (e.g. "6.4"), if bundled."""
    import vl_convert

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vl_convert.get_vegalite_versions() else None


def to_svg(spec: Mapping[str, Any], *, width: int = SVG_WIDTH, height: int = SVG_HEIGHT) -> str:
    """Render a spec to an SVG document with vl-convert (no browser, no network).

    ``"container"`` sizes only make sense in a page, so a copy of the spec gets ``width``
    and ``height`` pixels instead.
    """
    import vl_convert

    fixed = copy.deepcopy(dict(spec))
    if fixed.get("width") == "container":
        fixed["width"] = width
    if fixed.get("height") == "container":
        fixed["height"] = height
    svg: str = vl_convert.vegalite_to_svg(fixed, vl_version=_vl_version())
    return svg
