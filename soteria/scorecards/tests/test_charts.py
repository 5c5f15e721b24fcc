"""Chart specs: schema-valid Vega-Lite with the expected layers, and server-side SVG."""

import html
import json
import re
from pathlib import Path

import altair as alt
import jsonschema
import pytest

from soteria.scorecards import charts
from soteria.scorecards.funnel import FunnelInput, curve_for, funnel
from soteria.testing.browser import BROWSER, CHROMIUM

DANISH = charts.d3_number_locale(",", ".")
DANISH_TIME = {
    "dateTime": "%A den %d %B %Y %X",
    "date": "%d.%m.%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
    "months": [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "shortMonths": [
        "jan",
        "feb",
        "mar",
        "apr",
        "maj",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dec",
    ],
}


@pytest.fixture(scope="module")
def vl_schema():
    """A validator for Altair's Vega-Lite schema (building via Altair validates too)."""
    schema = alt.vegalite.v6.schema.core.load_schema()
    return jsonschema.Draft7Validator(schema)


def assert_valid(spec, validator):
    validator.validate(spec)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")


def marks(spec):
    return [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in spec["layer"]
    ]


def layer_values(layer, spec):
    data = layer.get("data") or spec.get("data")
    if "values" in data:
        return data["values"]
    return spec["datasets"][data["name"]]


def tooltip_fields(layer):
    return [t["field"] for t in layer["encoding"].get("tooltip", [])]


def svg_texts(svg):
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


# --- fixtures -------------------------------------------------------------------------------


def spc_points(signal_month=7):
    return [
        {
            "period": f"2026-{m:02d}",
            "start": f"2026-{m:02d}-01",
            "value": 10.0 + m % 3 + (6 if m == signal_month else 0),
            "lower": 8.0,
            "upper": 14.0,
            "signal": "Over øvre grænse" if m == signal_month else None,
            "side": "high" if m == signal_month else None,
        }
        for m in range(12, 0, -1)  # given out of order on purpose
    ]


SPC_LABELS = {"value": "Værdi", "upper": "Øvre grænse", "target": "Mål", "high": "Særlig årsag"}


def spc(points=None, **kw):
    args = {
        "title": "Sengebelægning",
        "y_title": "Procent",
        "description": "Sengebelægning pr. måned med kontrolgrænser",
        "value_format": ",.1f",
        "signal_labels": SPC_LABELS,
    }
    args.update(kw)
    return charts.spc_chart(spc_points() if points is None else points, **args)


BAR_ROWS = [
    {"key": "a", "label": "Afsnit A", "value": 1234.5, "status": "green", "status_label": "Grøn"},
    {"key": "b", "label": "Afsnit B", "value": 900.0, "status": "red", "status_label": "Rød"},
    {"key": "c", "label": "Afsnit C", "value": 1000.0, "status": None, "status_label": None},
    {"key": "d", "label": "Afsnit D", "value": None},
]


def bar(**kw):
    args = {
        "title": "Ventetid",
        "x_title": "Dage",
        "description": "Ventetid pr. afsnit",
        "value_format": ",.1f",
    }
    args.update(kw)
    return charts.comparison_bar(BAR_ROWS, **args)


FUNNEL_LABELS = {"above": "Over", "par": "På niveau", "below": "Under", "outlier": "ekstrem"}


def funnel_result():
    return funnel(
        [
            FunnelInput("a", "Afsnit A", 10, 100),
            FunnelInput("b", "Afsnit B", 30, 100),
            FunnelInput("c", "Afsnit C", 1, 100),
            FunnelInput("d", "Afsnit D", 90, 700),
            FunnelInput("z", "Afsnit Z", 0, 0),
        ],
        "proportion",
        multiplier=100,
    )


def funnel_spec(**kw):
    result = funnel_result()
    args = {
        "title": "Genindlæggelser",
        "x_title": "Udskrivelser",
        "y_title": "Procent",
        "description": "Tragtdiagram",
        "value_format": ",.1f",
        "mark_labels": FUNNEL_LABELS,
    }
    args.update(kw)
    return charts.funnel_chart(result, curve_for(result, steps=20), **args)


# --- SPC ------------------------------------------------------------------------------------


def test_spc_structure(vl_schema):
    spec = spc(target=12.5, centre=11.0)
    assert_valid(spec, vl_schema)
    assert spec["description"] == "Sengebelægning pr. måned med kontrolgrænser"
    assert spec["title"]["text"] == "Sengebelægning"
    assert spec["width"] == "container"
    assert marks(spec) == ["line", "line", "point"]
    limits, values, points = spec["layer"]
    assert limits["mark"]["interpolate"] == "step"
    series = {r["series"] for r in layer_values(limits, spec)}
    assert series == {"Øvre grænse", "Lower process limit", "Centre line", "Mål"}
    assert limits["encoding"]["strokeDash"]["scale"]["domain"][-1] == "Mål"
    assert {r["series"] for r in layer_values(values, spec)} == {"Værdi"}
    assert tooltip_fields(points) == ["period", "value", "lower", "upper", "signal"]
    assert points["encoding"]["tooltip"][1]["format"] == ",.1f"
    rows = layer_values(points, spec)
    assert [r["period"] for r in rows] == sorted(r["period"] for r in rows)
    flagged = [r for r in rows if r["signal"]]
    assert len(flagged) == 1 and flagged[0]["state"] == "Særlig årsag"
    # special cause differs in shape and colour
    shape, colour = points["encoding"]["shape"]["scale"], points["encoding"]["color"]["scale"]
    assert shape["domain"] == colour["domain"] == ["Common cause variation", "Særlig årsag"]
    assert len(set(shape["range"])) == 2 and len(set(colour["range"])) == 2
    assert "locale" not in spec.get("config", {})


def test_spc_target_only_when_given(vl_schema):
    spec = spc()
    assert_valid(spec, vl_schema)
    series = {r["series"] for r in layer_values(spec["layer"][0], spec)}
    assert "Mål" not in series and "Centre line" not in series
    assert "Mål" not in spec["layer"][0]["encoding"]["stroke"]["scale"]["domain"]


def test_spc_per_point_centre_and_missing_limits(vl_schema):
    points = spc_points()
    for p in points:
        p["centre"] = 10.0 if p["start"] < "2026-07" else 12.0
    points[0]["lower"] = points[0]["upper"] = None
    spec = charts.spc_chart(
        points,
        title="t",
        y_title="y",
        description="d",
        value_format=".0f",
        signal_labels={},
    )
    assert_valid(spec, vl_schema)
    centres = {r["y"] for r in layer_values(spec["layer"][0], spec) if r["series"] == "Centre line"}
    assert centres == {10.0, 12.0}


def test_locale_attached(vl_schema):
    spec = spc(locale=DANISH)
    assert_valid(spec, vl_schema)
    assert spec["config"]["locale"] == {"number": DANISH}
    both = {"number": DANISH, "time": DANISH_TIME}
    assert bar(locale=both)["config"]["locale"] == both


def test_d3_number_locale():
    assert charts.d3_number_locale(",", "\u00a0") == {
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", ""],
    }


# --- comparison bars ------------------------------------------------------------------------


def test_comparison_bar_structure(vl_schema):
    spec = bar(highlight_key="b", target=1100.0, labels={"target": "Mål", "unit": "Afsnit"})
    assert_valid(spec, vl_schema)
    assert spec["description"] == "Ventetid pr. afsnit"
    assert marks(spec) == ["bar", "text", "rule", "text"]
    rows = spec["data"]["values"]
    assert [r["key"] for r in rows] == ["a", "c", "b"]  # by value, no-value row dropped
    assert [r["highlight"] for r in rows] == [False, False, True]
    assert [r["status"] for r in rows] == ["green", "none", "red"]
    bars, text, rule, rule_label = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == {"field": "value", "order": "descending"}
    assert tooltip_fields(bars) == ["label", "value", "status_label"]
    assert bars["encoding"]["tooltip"][0]["title"] == "Afsnit"
    assert "status_label" in text["transform"][0]["calculate"]
    assert "Afsnit B" in bars["encoding"]["y"]["axis"]["labelFontWeight"]["expr"]
    assert rule["data"]["values"] == [{"target": 1100.0, "text": "Mål"}]
    assert rule_label["mark"]["type"] == "text"


def test_comparison_bar_without_target(vl_schema):
    spec = bar()
    assert_valid(spec, vl_schema)
    assert marks(spec) == ["bar", "text"]
    assert "rule" not in json.dumps(spec)


# --- funnel ---------------------------------------------------------------------------------


def test_funnel_chart_structure(vl_schema):
    spec = funnel_spec()
    assert_valid(spec, vl_schema)
    assert spec["description"] == "Tragtdiagram"
    assert marks(spec) == ["line", "point"]
    curves, dots = spec["layer"]
    series = {r["series"] for r in layer_values(curves, spec)}
    assert series == {"95% limits", "99.8% limits", "Target"}
    target_rows = [r for r in layer_values(curves, spec) if r["series"] == "Target"]
    assert [r["y"] for r in target_rows] == pytest.approx([13.1, 13.1])
    points = layer_values(dots, spec)
    assert [p["key"] for p in points] == ["a", "b", "c", "d"]  # zero denominator left out
    by_key = {p["key"]: p for p in points}
    assert by_key["b"]["mark"] == "Over" and by_key["b"]["flag"] == "Over · ekstrem"
    assert by_key["c"]["mark"] == "Under" and by_key["a"]["mark"] == "På niveau"
    assert tooltip_fields(dots) == ["label", "value", "n", "flag"]
    shapes = dots["encoding"]["shape"]["scale"]
    assert shapes["domain"] == ["Over", "På niveau", "Under"]
    assert len(set(shapes["range"])) == 3
    assert dots["encoding"]["fill"]["scale"]["range"][1] == "#FFFFFF"  # on par: hollow


# --- SVG ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["Tỷ lệ tái nhập viện", "Średnia długość pobytu", "Sengebelægning"]
)
def test_to_svg_renders_non_ascii_titles(title):
    svg = charts.to_svg(spc(title=title, target=12.5))
    assert svg.lstrip().startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert title in svg_texts(svg)


def test_to_svg_container_width_and_locale():
    spec = bar(locale=DANISH, target=1100.0, labels={"target": "Mål"})
    svg = charts.to_svg(spec)
    assert spec["width"] == "container"  # the caller's spec is not modified
    assert 'width="' in svg
    texts = svg_texts(svg)
    assert "Ventetid" in texts
    assert "1.234,5 · Grøn" in texts  # Danish separators and the status word
    assert "Mål: 1.100,0" in texts


def test_to_svg_all_charts():
    for spec in (funnel_spec(), bar()):
        svg = charts.to_svg(spec)
        assert svg.lstrip().startswith("<svg")
    assert "Genindlæggelser" in svg_texts(charts.to_svg(funnel_spec()))


# --- browser: web/charts.js with the vendored Vega files ------------------------------------

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"
VENDOR = [
    STATIC / "vendor" / name for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
]


def spec_element(target, spec, **labels):
    attrs = "".join(f' data-label-{k}="{html.escape(v)}"' for k, v in labels.items())
    payload = json.dumps(spec).replace("</", "<\\/")
    return (
        f'<div id="{target}"></div><script type="application/json" class="vega-spec"'
        f' data-target="{target}"{attrs}>{payload}</script>'
    )


def browser(test):
    """The repository's browser-test marks (skipped without Chromium outside CI)."""
    for mark in BROWSER:
        test = mark(test)
    return test


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


def load(browser, body, scripts):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.route("**/*", lambda route: route.abort())  # no network: everything is local
    page.set_content(
        f"<!doctype html><html lang='da'><head><title>Test</title></head>"
        f"<body><main><h1>Test</h1>{body}</main></body></html>"
    )
    for script in scripts:
        page.add_script_tag(path=str(script))
    return page, errors


@browser
def test_charts_js_renders_specs_and_htmx_swaps(chromium):
    body = spec_element(
        "c1",
        spc(title="Tỷ lệ tái nhập viện"),
        png="Gem som PNG",
        svg="Gem som SVG",
        menu="Diagramhandlinger",
    )
    page, errors = load(chromium, body, [*VENDOR, STATIC / "web" / "charts.js"])
    page.wait_for_selector("#c1 svg")
    assert "Tỷ lệ tái nhập viện" in page.inner_text("#c1")
    assert page.get_attribute("script.vega-spec", "data-rendered") == "true"
    actions = page.eval_on_selector_all("#c1 .vega-actions a", "els => els.map(e => e.textContent)")
    assert sorted(actions) == ["Gem som PNG", "Gem som SVG"]  # export only, translated
    assert page.get_attribute("#c1 details summary", "aria-label") == "Diagramhandlinger"
    # content swapped in by htmx is rendered after htmx:afterSettle; c1 is not rendered twice
    page.evaluate(
        """html => {
            const div = document.createElement('div');
            div.innerHTML = html;
            document.querySelector('main').appendChild(div);
            div.dispatchEvent(new CustomEvent('htmx:afterSettle', {bubbles: true}));
        }""",
        spec_element("c2", bar(target=1100.0)) + spec_element("c3", funnel_spec()),
    )
    page.wait_for_selector("#c2 svg")
    page.wait_for_selector("#c3 svg")
    assert page.locator("#c1 svg.marks").count() == 1
    labels = page.eval_on_selector_all(
        "[role=graphics-document]", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert labels == [
        "Sengebelægning pr. måned med kontrolgrænser",
        "Ventetid pr. afsnit",
        "Tragtdiagram",
    ]
    page.add_script_tag(path=str(STATIC / "vendor" / "axe.min.js"))
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => v.id + ': ' + v.help)"
    )
    assert violations == []
    assert errors == []
    page.close()


@browser
def test_charts_js_without_vega_embed_only_warns(chromium):
    page = chromium.new_page()
    errors, warnings = [], []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    page.set_content("<!doctype html><body>" + spec_element("c1", bar()) + "</body>")
    page.add_script_tag(path=str(STATIC / "web" / "charts.js"))
    page.evaluate("document.dispatchEvent(new CustomEvent('htmx:afterSettle'))")
    assert errors == []
    assert any("vegaEmbed is not loaded" in w for w in warnings)
    assert page.locator("#c1 svg").count() == 0
    page.close()


# --- structure caches -----------------------------------------------------------------------


def _without(spec, *paths):
    """The spec with the given layer data / top-level keys removed, for comparing shapes."""
    spec = json.loads(json.dumps(spec))
    for key in ("title", "description", "data"):
        spec.pop(key, None)
    for layer in spec["layer"]:
        layer.pop("data", None)
        for path in paths:
            node = layer
            for step in path[:-1]:
                node = node.get(step, {})
            node.pop(path[-1], None)
    return spec


def test_spc_structure_is_cached_and_only_data_and_texts_differ(vl_schema):
    first = spc(target=12.5, title="A", description="first")
    hits = charts._spc_structure.cache_info().hits
    points = spc_points(signal_month=3)
    for p in points:
        p["value"] += 1.0
    second = charts.spc_chart(
        points,
        title="B",
        y_title="Procent",
        description="second",
        value_format=",.1f",
        signal_labels=SPC_LABELS,
        target=20.0,
    )
    assert charts._spc_structure.cache_info().hits == hits + 1
    assert_valid(second, vl_schema)
    assert (second["title"]["text"], second["description"]) == ("B", "second")
    assert layer_values(second["layer"][0], second) != layer_values(first["layer"][0], first)
    assert _without(first) == _without(second)
    # the cached structure is not changed by what callers do with their copy
    second["layer"][0]["encoding"]["x"]["title"] = "changed"
    assert spc(target=12.5)["layer"][0]["encoding"]["x"]["title"] is None


def test_other_structures_are_cached(vl_schema):
    bar(highlight_key="a", target=900.0)
    funnel_spec()
    bar_hits = charts._comparison_structure.cache_info().hits
    funnel_hits = charts._funnel_structure.cache_info().hits
    spec = bar(highlight_key="b", target=1100.0, title="Other")
    assert charts._comparison_structure.cache_info().hits == bar_hits + 1
    assert_valid(spec, vl_schema)
    assert "Afsnit B" in spec["layer"][0]["encoding"]["y"]["axis"]["labelFontWeight"]["expr"]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0.0, 1234.5 * 1.25]
    assert layer_values(spec["layer"][2], spec) == [{"target": 1100.0, "text": "Target"}]
    funnel_spec(title="Other")
    assert charts._funnel_structure.cache_info().hits == funnel_hits + 1


# --- one cached structure per texts, whatever the axis titles and formats -------------------


def test_axis_titles_and_formats_are_filled_into_one_shared_structure(vl_schema):
    charts._spc_structure.cache_clear()
    charts._comparison_structure.cache_clear()
    charts._funnel_structure.cache_clear()
    tricky = 'Andel "akutte" \\ genindlæggelser'
    first = spc(y_title="Dage", value_format=",.0f")
    second = spc(y_title=tricky, value_format=".1%")
    assert charts._spc_structure.cache_info().misses == 1
    for spec, title, fmt in ((first, "Dage", ",.0f"), (second, tricky, ".1%")):
        assert_valid(spec, vl_schema)
        points = spec["layer"][2]
        assert points["encoding"]["y"]["axis"] == {"format": fmt, "title": title}
        assert [t.get("format") for t in points["encoding"]["tooltip"]][1:4] == [fmt] * 3
        assert points["encoding"]["tooltip"][1]["title"] == title
        assert "@@" not in json.dumps(spec)

    bars = [
        bar(x_title=title, value_format=fmt) for title, fmt in (("Dage", ",.1f"), (tricky, ".0%"))
    ]
    assert charts._comparison_structure.cache_info().misses == 1
    for spec, title, fmt in zip(bars, ("Dage", tricky), (",.1f", ".0%"), strict=True):
        assert_valid(spec, vl_schema)
        assert spec["layer"][0]["encoding"]["x"]["title"] == title
        assert f'format(datum.value, "{fmt}")' in json.dumps(
            spec["layer"][1]["transform"], ensure_ascii=False
        ).replace('\\"', '"')
        assert "@@" not in json.dumps(spec)

    funnels = [funnel_spec(y_title=title, x_title=title) for title in ("Patienter", tricky)]
    assert charts._funnel_structure.cache_info().misses == 1
    for spec, title in zip(funnels, ("Patienter", tricky), strict=True):
        assert_valid(spec, vl_schema)
        assert spec["layer"][0]["encoding"]["x"]["title"] == title
        assert "@@" not in json.dumps(spec)


@pytest.mark.parametrize("locale", [None, charts.d3_number_locale(",", ".", [3])])
def test_one_full_structure_fitted_equals_the_structure_built_for_each_chart(locale):
    """Each kind of chart keeps one structure per texts and locale (every optional line,
    point kind and layer), fitted to the chart: the very spec Altair builds for that chart's
    combination, for every combination."""
    locale_key = charts._locale_key(locale)
    labels = charts._labels_key({**charts.SPC_LABELS, "high": "Højt", "target": "Mål"})
    full = charts._spc_structure(
        labels, charts.Y_TITLE, charts.VALUE_FORMAT, True, True, charts.SPC_SIDES, locale_key
    )
    for has_centre in (False, True):
        for has_target in (False, True):
            for sides in ((), ("high",), ("low",), ("high", "low")):
                fitted = charts._copy(full)
                charts._fit_spc_legends(
                    fitted, *charts._spc_styles(dict(labels), has_centre, has_target, sides)
                )
                built = charts._spc_structure(
                    labels,
                    charts.Y_TITLE,
                    charts.VALUE_FORMAT,
                    has_centre,
                    has_target,
                    sides,
                    locale_key,
                )
                assert fitted == built, (has_centre, has_target, sides)
    texts = charts._labels_key(charts.COMPARISON_LABELS)
    full = charts._comparison_structure(
        texts, charts.X_TITLE, charts.VALUE_FORMAT, True, True, locale_key
    )
    for has_target in (False, True):
        for has_highlight in (False, True):
            fitted = charts._copy(full)
            charts._fit_comparison(fitted, has_target, has_highlight)
            built = charts._comparison_structure(
                texts, charts.X_TITLE, charts.VALUE_FORMAT, has_target, has_highlight, locale_key
            )
            assert fitted == built, (has_target, has_highlight)


def test_charts_of_every_combination_share_one_structure(vl_schema):
    charts._spc_structure.cache_clear()
    charts._comparison_structure.cache_clear()
    for target in (None, 12.5):
        for signal in (None, 3):
            points = spc_points(signal_month=signal)
            spec = spc(points, target=target)
            assert_valid(spec, vl_schema)
            states = spec["layer"][2]["encoding"]["shape"]["scale"]["domain"]
            assert len(states) == 1 + len({p.get("side") for p in points} - {None})
            lines = spec["layer"][0]["encoding"]["stroke"]["scale"]["domain"]
            assert (SPC_LABELS["target"] in lines) == (target is not None)
    for highlight in (None, "a"):
        for target in (None, 900.0):
            assert_valid(bar(highlight_key=highlight, target=target), vl_schema)
    assert charts._spc_structure.cache_info().misses == 1
    assert charts._comparison_structure.cache_info().misses == 1


def test_script_json_cannot_end_or_open_a_tag_and_stays_the_same_json():
    value = {"title": "</script><script>alert('x')</script> & Ødegaard", "n": [1.5, None]}
    text = charts.script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "Ødegaard" in text  # not escaped to \\u00d8
    assert json.loads(text) == value
