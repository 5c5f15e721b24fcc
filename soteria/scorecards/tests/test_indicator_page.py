"""The indicator page, its CSV tables and SVG charts: content, permissions and queries."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from soteria.indicators.models import IndicatorValue
from soteria.indicators.targets import target_approve, target_set
from soteria.organisations.models import Role
from soteria.scorecards import caching, indicator_page
from soteria.scorecards.funnel import Z95
from soteria.testing.factories import role_give, standard_indicator, unit_create, user_create

QUARTERS = [f"{y}Q{q}" for y in (2022, 2023, 2024, 2025) for q in (1, 2, 3, 4)]
PAGE = "/scorecards/indicators/{code}/"
CSV = "/scorecards/indicators/{code}/data.csv"
SVG = "/scorecards/indicators/{code}/chart.svg"


def get(client, url, code="READMISSION_30D", **params):
    return client.get(url.format(code=code), params)


def specs_of(response):
    """Chart id → spec, from the page's vega-spec script elements."""
    html = response.content.decode()
    found = re.findall(
        r'<script type="application/json" class="vega-spec" data-target="([^"]+)"[^>]*>(.*?)</script>',
        html,
        re.S,
    )
    for target, _spec in found:
        assert f'<div id="{target}"' in html
    return {target: json.loads(spec) for target, spec in found}


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def readmission(world, values_set):
    """Readmissions: 16 quarters at the hospital, 2025Q4 at its two departments and a third
    (intensive care, whose share is far above the others) — a target on the hospital."""
    definition = standard_indicator("READMISSION_30D")
    wobble = [0, 3, -2, 1, 4, -1, 2, -3, 1, 0, 3, -2, 2, -1, 1, 0]
    values_set(definition, world.hospital, {q: (120 + w, 1000) for q, w in zip(QUARTERS, wobble)})
    icu = unit_create("HOSP-ICU", parent=world.hospital, name={"en": "Intensive care"})
    values_set(definition, world.cardiology, {"2025Q4": (30, 400)})
    values_set(definition, world.surgery, {"2025Q4": (45, 420)})
    values_set(definition, icu, {"2025Q4": (60, 200)})
    target_set(None, definition, world.hospital, "2025", 12.5, 1)
    return definition


# --- the page ---------------------------------------------------------------------------------


def test_the_page_shows_the_charts_judgements_and_tables(client, world, readmission):
    client.force_login(world.quality)
    response = get(client, PAGE, unit="HOSP", period="2025Q4")
    assert response.status_code == 200
    html = response.content.decode()
    specs = specs_of(response)
    assert set(specs) == {"chart-spc", "chart-comparison", "chart-funnel"}
    assert all(
        s["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for s in specs.values()
    )
    assert "vendor/vega-embed.min.js" in html and "web/charts.js" in html
    # header: period switcher and links
    assert 'href="/scorecards/indicators/READMISSION_30D/?unit=HOSP&amp;period=2025Q3"' in html
    assert 'href="/scorecards/indicators/READMISSION_30D/?unit=HOSP&amp;period=2026Q1"' in html
    assert "?unit=HOSP&amp;period=202510" in html and "?unit=HOSP&amp;period=2025S2" in html
    assert 'href="/indicators/READMISSION_30D/"' in html
    assert "?unit=HOSP-ICU&amp;period=2025Q4" in html  # drill down
    # chart type and judgements in words
    assert "p-chart (proportions)" in html
    assert "Common cause variation" in html
    assert "Hit and miss" in html  # 12.5 % lies between the process limits
    # tables with captions and scoped headers
    assert html.count("<caption") >= 4
    assert '<th scope="row">2025Q4</th>' in html
    assert '<th scope="col">Signal</th>' in html
    # downloads keep the selection
    for link in (
        "data.csv?unit=HOSP&amp;period=2025Q4&amp;table=series",
        "chart.svg?unit=HOSP&amp;period=2025Q4&amp;chart=funnel",
    ):
        assert link in html


def test_the_run_chart_spec_has_the_values_limits_and_each_periods_target(world, readmission):
    from soteria.indicators import periods

    target_set(None, readmission, world.hospital, "2025Q4", 11.0, 0.5)
    chart = indicator_page.run_chart(readmission, world.hospital, periods.parse("2025Q4"))
    assert [r.period for r in chart.rows] == QUARTERS
    by_period = {r.period: r for r in chart.rows}
    assert (
        by_period["2025Q3"].target.value == 12.5
        and by_period["2025Q3"].target.from_containing_period
    )
    assert by_period["2025Q4"].target.value == 11.0 and by_period["2025Q4"].target.own
    assert by_period["2024Q4"].target is None
    assert chart.target.value == 11.0
    spec = indicator_page.spc_spec(chart)
    limits = spec["layer"][0]["data"]["values"]
    target_line = {row["period"]: row["y"] for row in limits if row["series"] == "Target"}
    assert target_line == {"2025Q1": 12.5, "2025Q2": 12.5, "2025Q3": 12.5, "2025Q4": 11.0}
    points = {p["period"]: p for p in spec["layer"][2]["data"]["values"]}
    assert points["2022Q1"]["value"] == pytest.approx(12.0)
    assert points["2022Q1"]["upper"] == pytest.approx(chart.rows[0].upper)


def test_special_cause_points_carry_their_signal_in_words(client, world, values_set):
    admissions = standard_indicator("ADMISSIONS")
    values = [100, 102, 98, 101, 99, 100, 103, 97, 100, 101, 99, 100, 102, 98, 100, 160]
    values_set(admissions, world.cardiology, dict(zip(QUARTERS, values)))
    client.force_login(world.lead)
    response = get(client, PAGE, code="ADMISSIONS", unit="HOSP-CARD", period="2025Q4")
    html = response.content.decode()
    assert "▲</span> beyond a process limit (high)" in html
    assert "XmR chart (individuals)" in html
    assert "Special cause: improvement" in html  # higher is better
    assert "chart-funnel" not in html  # not a ratio
    assert "Funnel plot" not in html
    states = {
        p["period"]: p["state"]
        for p in specs_of(response)["chart-spc"]["layer"][2]["data"]["values"]
    }
    assert states["2025Q4"] == "Special cause (high)"


def test_a_period_not_over_is_shown_but_not_charted(client, world, readmission, values_set):
    values_set(readmission, world.hospital, {"2026Q1": (20, 150)}, partial=True)
    target_set(None, readmission, world.hospital, "2026", 11.5, 1)
    client.force_login(world.quality)
    response = get(client, PAGE, unit="HOSP", period="2026Q1")
    html = response.content.decode()
    assert "period not over: not part of the SPC chart" in html
    assert "hollow diamond" in html
    spec = specs_of(response)["chart-spc"]
    charted = [p["period"] for p in spec["layer"][2]["data"]["values"]]
    assert "2026Q1" not in charted
    target_line = {
        r["period"]: r["y"] for r in spec["layer"][0]["data"]["values"] if r["series"] == "Target"
    }
    assert target_line["2025Q4"] == 12.5 and target_line["2026Q1"] == 11.5  # on to the partial
    partial_layer = spec["layer"][3]
    assert partial_layer["mark"]["shape"] == "diamond" and partial_layer["mark"]["filled"] is False
    assert partial_layer["data"]["values"][0]["period"] == "2026Q1"
    chart = indicator_page.run_chart(
        readmission, world.hospital, indicator_page.Period(2026, 1, "quarter")
    )
    assert not chart.rows[-1].charted and chart.rows[-1].partial


def test_the_selected_periods_target_counts_even_without_a_value(world, readmission):
    target_set(None, readmission, world.hospital, "2026", 20, 1)
    chart = indicator_page.run_chart(
        readmission, world.hospital, indicator_page.Period(2026, 4, "quarter")
    )
    assert chart.rows[-1].period == "2025Q4"  # nothing stored for 2026Q2
    assert chart.target is not None and chart.target.value == 20
    assert chart.assurance.code == "consistently_pass"  # lower is better, all below 20 %
    assert chart.assurance.label == "Consistently meets the target"


def test_an_empty_series_still_renders(client, world):
    standard_indicator("ALOS")
    client.force_login(world.viewer)
    response = get(client, PAGE, code="ALOS", unit="HOSP", period="2025Q4")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No values stored for this unit and kind of period." in html
    assert "No judgement yet" in html
    assert "No funnel plot: A funnel plot needs at least 3 units" in html


# --- targets ----------------------------------------------------------------------------------


def test_the_history_of_targets_says_who_set_and_approved_them(client, world, readmission):
    target = target_set(world.lead, readmission, world.cardiology, "2025Q4", 8, 1)
    target_approve(world.quality, target)
    target_set(world.lead, readmission, world.cardiology, "2025Q3", 9, 1)
    client.force_login(world.lead)
    html = get(client, PAGE, unit="HOSP-CARD", period="2025Q4").content.decode()
    assert "History of targets" in html
    assert "lead, " in html  # set by
    assert "✓ quality, " in html  # approved by
    assert "not approved" in html  # 2025Q3
    assert "created: target 8.0, tolerance 1.0" in html
    assert "approved" in html
    # the lead may not see the hospital: its 2025 target is listed without who and when
    assert "Set on a unit you do not have access to." not in html  # 2025Q4 has its own
    entries = indicator_page.target_history(
        world.lead,
        indicator_page.run_chart(
            readmission, world.cardiology, indicator_page.Period(2025, 7, "quarter")
        ),
    )
    hospital = next(e for e in entries if e.target.unit_id == world.hospital.pk)
    assert not hospital.readable and not hospital.changes and hospital.in_force
    assert hospital.source == "inherited from Hospital"
    own = next(e for e in entries if e.target.period == "2025Q4")
    assert (
        own.readable
        and own.own
        and [c.details for c in own.changes]
        == [
            ["target 8.0", "tolerance 1.0"],
            ["approved"],
        ]
    )


# --- comparison and funnel --------------------------------------------------------------------


def test_the_comparison_shows_the_children_with_their_status(client, world, readmission):
    target_set(None, readmission, world.surgery, "2025Q4", 10, 0.5)
    client.force_login(world.quality)
    response = get(client, PAGE, unit="HOSP", period="2025Q4")
    bar = specs_of(response)["chart-comparison"]
    rows = (
        {r["key"]: r for r in bar["layer"][0]["data"]["values"]}
        if "data" in bar["layer"][0]
        else None
    )
    rows = rows or {r["key"]: r for r in bar["data"]["values"]}
    assert set(rows) == {"HOSP", "HOSP-CARD", "HOSP-SURG", "HOSP-ICU"}
    assert rows["HOSP"]["highlight"] and not rows["HOSP-CARD"]["highlight"]
    assert rows["HOSP"]["label"] == "Hospital (all)"
    # lower is better: cardiology 7.5 % ≤ 12.5 green; surgery 10.7 % > 10 + 0.5 red
    assert rows["HOSP-CARD"]["status_label"] == "on track"
    assert rows["HOSP-SURG"]["status_label"] == "off track"
    assert rows["HOSP-ICU"]["status_label"] == "off track"


def test_the_funnel_marks_a_clearly_outlying_unit_above(client, world, readmission):
    from soteria.indicators import periods

    data = indicator_page.comparison(
        world.quality, readmission, world.hospital, periods.parse("2025Q4")
    )
    assert data.mode == "children"
    assert data.funnel is not None and data.funnel.kind == "proportion"
    marks = {r.unit.code: r.funnel.mark for r in data.rows if r.funnel}
    assert marks["HOSP-ICU"] == "above"  # 30 % against a pooled 13.3 %
    icu = next(r for r in data.rows if r.unit.code == "HOSP-ICU")
    assert icu.funnel.outlier
    assert icu.mark_label == "Above (worse), beyond the 99.8% limits"
    assert "HOSP" not in marks  # the whole is not one of the units compared
    pooled = (30 + 45 + 60) / (400 + 420 + 200)
    assert data.funnel.result.target == pytest.approx(pooled)
    assert icu.funnel.hi95 < 30 and icu.funnel.lo95 < pooled * 100 < icu.funnel.hi95
    assert abs(icu.funnel.hi95 / 100 - pooled) < Z95 * (pooled * (1 - pooled) / 200) ** 0.5 * 1.2
    client.force_login(world.quality)
    html = get(client, PAGE, unit="HOSP", period="2025Q4").content.decode()
    assert "▲</span> Above (worse), beyond the 99.8% limits" in html


@pytest.mark.parametrize(
    ("code", "kind"),
    [("READMISSION_30D", "proportion"), ("INCIDENTS_PER_1000_BED_DAYS", "rate"), ("ALOS", "rate")],
)
def test_the_funnel_kind_follows_the_chart_kind(world, values_set, code, kind):
    from soteria.indicators import periods

    definition = standard_indicator(code)
    icu = unit_create("HOSP-ICU", parent=world.hospital)
    for unit, pair in ((world.cardiology, (30, 400)), (world.surgery, (45, 420)), (icu, (20, 200))):
        values_set(definition, unit, {"2025Q4": pair})
    data = indicator_page.comparison(
        world.quality, definition, world.hospital, periods.parse("2025Q4")
    )
    assert data.funnel.kind == kind
    points = {r.unit.code: r.funnel for r in data.rows if r.funnel}
    assert points["HOSP-CARD"].value == pytest.approx(30 / 400 * definition.multiplier)


def test_the_funnel_is_skipped_with_fewer_than_three_units(client, world, values_set):
    readmission = standard_indicator("READMISSION_30D")
    values_set(readmission, world.cardiology, {"2025Q4": (30, 400)})
    values_set(readmission, world.surgery, {"2025Q4": (45, 420)})
    client.force_login(world.quality)
    html = get(client, PAGE, unit="HOSP", period="2025Q4").content.decode()
    assert (
        "No funnel plot: A funnel plot needs at least 3 units with a value for this period; 2 have one."
        in html
    )
    response = get(client, SVG, unit="HOSP", period="2025Q4", chart="funnel")
    assert response.status_code == 404
    assert "There is no funnel plot here" in response.content.decode()


# --- permissions ------------------------------------------------------------------------------


def test_a_head_of_department_sees_only_their_department(client, world, readmission):
    client.force_login(world.lead)
    for unit in ("HOSP-SURG", "HOSP", "OTHER"):
        for url, extra in (
            (PAGE, {}),
            (CSV, {"table": "comparison"}),
            (SVG, {"chart": "comparison"}),
        ):
            assert get(client, url, unit=unit, period="2025Q4", **extra).status_code == 404
    response = get(client, PAGE, period="2025Q4")  # default: the highest unit they may see
    assert response.status_code == 200
    assert response.context["unit"] == world.cardiology
    html = response.content.decode()
    assert "Surgery" not in html and "Intensive care" not in html
    assert "?unit=HOSP&amp;" not in html  # no link up to the hospital
    bar = specs_of(response)["chart-comparison"]
    assert [r["key"] for r in bar["data"]["values"]] == ["HOSP-CARD"]
    rows = csv_rows(get(client, CSV, unit="HOSP-CARD", period="2025Q4", table="comparison"))
    assert [r["unit"] for r in rows] == ["HOSP-CARD"]
    svg = get(client, SVG, unit="HOSP-CARD", period="2025Q4", chart="comparison").content.decode()
    assert "Cardiology" in svg and "Surgery" not in svg


def test_siblings_are_limited_to_the_units_the_user_may_see(client, world, readmission):
    both = user_create("both")
    role_give(both, world.cardiology, Role.VIEWER)
    role_give(both, world.surgery, Role.VIEWER)
    client.force_login(both)
    assert get(client, PAGE, unit="HOSP", period="2025Q4").status_code == 404
    response = get(client, PAGE, unit="HOSP-CARD", period="2025Q4")
    html = response.content.decode()
    assert "Neighbouring units" in html and "Units below" not in html  # siblings
    bar = specs_of(response)["chart-comparison"]
    layer = bar["layer"][0] if "data" in bar["layer"][0] else bar
    assert sorted(r["key"] for r in layer["data"]["values"]) == ["HOSP-CARD", "HOSP-SURG"]
    assert "Intensive care" not in html
    rows = csv_rows(get(client, CSV, unit="HOSP-SURG", period="2025Q4", table="comparison"))
    assert [(r["unit"], r["role"]) for r in rows] == [
        ("HOSP-CARD", "compared"),
        ("HOSP-SURG", "selected"),
    ]


def test_an_indicator_of_another_organisation_is_not_found(client, world, readmission):
    from soteria.indicators.models import IndicatorDefinition

    IndicatorDefinition.objects.create(
        code="OTHER_ONLY",
        name={"en": "Other only"},
        unit="count",
        direction="higher",
        numerator={"fact": "admission", "aggregate": "count"},
        owner=world.other_org,
    )
    client.force_login(world.quality)
    assert get(client, PAGE, code="OTHER_ONLY").status_code == 404
    assert get(client, PAGE, code="NO_SUCH").status_code == 404
    client.force_login(world.stranger)
    assert get(client, PAGE, code="OTHER_ONLY").status_code == 200  # defaults to OTHER


def test_anonymous_visitors_are_sent_to_log_in(client, readmission):
    response = get(client, PAGE)
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- downloads --------------------------------------------------------------------------------


def test_the_series_csv_holds_the_stored_values(client, world, readmission):
    client.force_login(world.quality)
    response = get(client, CSV, unit="HOSP", period="2025Q4", table="series")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="READMISSION_30D_HOSP_2025Q4_series.csv"'
    )
    assert response.content.decode().splitlines()[0] == ",".join(indicator_page.SERIES_COLUMNS)
    rows = csv_rows(response)
    stored = IndicatorValue.objects.filter(
        definition=readmission, unit=world.hospital, period_type="quarter"
    ).order_by("period_start")
    assert [r["period"] for r in rows] == [v.period for v in stored]
    for row, value in zip(rows, stored):
        assert float(row["value"]) == pytest.approx(value.value)
        assert float(row["numerator"]) == value.numerator
        assert float(row["denominator"]) == value.denominator
        assert row["charted"] == "1" and row["partial"] == "0"
        assert float(row["lower_limit"]) < float(row["centre"]) < float(row["upper_limit"])
    assert rows[-1]["target"] == "12.5" and rows[-1]["target_unit"] == "HOSP"
    assert rows[0]["target"] == ""


def test_the_csv_numbers_do_not_depend_on_the_language(client, world, readmission):
    client.force_login(world.quality)
    english = get(client, CSV, unit="HOSP", period="2025Q4", table="comparison").content
    client.cookies["django_language"] = "da"
    response = client.get(
        CSV.format(code="READMISSION_30D"),
        {"unit": "HOSP", "period": "2025Q4", "table": "comparison"},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert response.content == english
    rows = {r["unit"]: r for r in csv_rows(response)}
    assert rows["HOSP-ICU"]["value"] == "30"
    assert rows["HOSP-ICU"]["funnel_mark"] == "above" and rows["HOSP-ICU"]["funnel_outlier"] == "1"
    assert rows["HOSP"]["role"] == "whole" and rows["HOSP"]["funnel_mark"] == ""
    assert rows["HOSP-CARD"]["numerator"] == "30" and rows["HOSP-CARD"]["denominator"] == "400"


def test_a_unit_name_is_not_run_as_a_formula(client, world, readmission):
    world.surgery.name = {"en": '=HYPERLINK("http://example.com")'}
    world.surgery.save()
    client.force_login(world.quality)
    rows = csv_rows(get(client, CSV, unit="HOSP", period="2025Q4", table="comparison"))
    name = next(r["unit_name"] for r in rows if r["unit"] == "HOSP-SURG")
    assert name.startswith("'=")


def test_charts_write_numbers_as_the_language_does(world, readmission):
    from django.utils import translation

    from soteria.indicators import periods
    from soteria.scorecards import charts

    with translation.override("da"):
        assert indicator_page.number_locale() == charts.d3_number_locale(",", ".")
        chart = indicator_page.run_chart(readmission, world.hospital, periods.parse("2025Q4"))
        spec = indicator_page.spc_spec(chart, indicator_page.number_locale())
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ",.1f"
    with translation.override("en"):
        assert indicator_page.number_locale()["decimal"] == "."


def test_every_chart_downloads_as_svg(client, world, readmission):
    client.force_login(world.quality)
    for chart in ("spc", "comparison", "funnel"):
        response = get(client, SVG, unit="HOSP", period="2025Q4", chart=chart)
        assert response.status_code == 200, chart
        assert response["Content-Type"].startswith("image/svg+xml")
        assert "<svg" in response.content.decode()
        assert f'_{chart}.svg"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("url", "params", "status", "message"),
    [
        (
            CSV,
            {"table": "everything"},
            400,
            "Unknown table 'everything': use series or comparison.",
        ),
        (SVG, {"chart": "pie"}, 400, "Unknown chart 'pie': use spc, comparison, funnel."),
        (CSV, {"table": "series", "period": "2025Q9"}, 404, ""),
        (SVG, {"chart": "spc", "unit": "NOPE"}, 404, ""),
    ],
)
def test_bad_parameters_get_a_clear_answer_not_an_error(
    client, world, readmission, url, params, status, message
):
    client.force_login(world.quality)
    response = get(client, url, **({"unit": "HOSP", "period": "2025Q4"} | params))
    assert response.status_code == status
    assert message in response.content.decode()


# --- queries ----------------------------------------------------------------------------------


def _queries(client, url, **params):
    client.get(url.format(code="READMISSION_30D"), params)  # warm: session, content types
    caching.clear()  # the page as rendered when nothing is cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url.format(code="READMISSION_30D"), params)
    assert response.status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_data(client, world, readmission, values_set):
    client.force_login(world.quality)
    params = {"unit": "HOSP", "period": "2025Q4"}
    small = {
        "page": _queries(client, PAGE, **params),
        "series": _queries(client, CSV, table="series", **params),
        "comparison": _queries(client, CSV, table="comparison", **params),
        "svg": _queries(client, SVG, chart="funnel", **params),
    }
    for i in range(6):
        unit = unit_create(f"HOSP-X{i}", parent=world.hospital)
        values_set(readmission, unit, {q: (10 + i, 100) for q in QUARTERS})
        target = target_set(None, readmission, unit, "2025Q4", 9 + i, 1)
        target_approve(world.quality, target)
        target_set(None, readmission, world.hospital, f"{2022 + i % 4}Q{1 + i % 4}", 12, 1)
    values_set(readmission, world.cardiology, {q: (30, 400) for q in QUARTERS[:-1]})
    large = {
        "page": _queries(client, PAGE, **params),
        "series": _queries(client, CSV, table="series", **params),
        "comparison": _queries(client, CSV, table="comparison", **params),
        "svg": _queries(client, SVG, chart="funnel", **params),
    }
    assert large == small
    assert small["page"] <= 20


def test_warmed_chart_structures_serve_the_page_in_every_language(client, world, readmission):
    """What a worker builds at start (``warm_chart_structures``) is what the page uses, in
    every language: opening it then builds no chart structure."""
    from django.conf import settings

    from soteria.scorecards import charts

    builders = (charts._spc_structure, charts._comparison_structure, charts._funnel_structure)
    for builder in builders:
        builder.cache_clear()
    indicator_page.warm_chart_structures()
    built = [builder.cache_info().misses for builder in builders]
    assert built == [len(settings.LANGUAGES)] * 3
    client.force_login(world.quality)
    for code, _name in settings.LANGUAGES:
        client.cookies["django_language"] = code
        response = get(client, PAGE, unit="HOSP", period="2025Q4")
        assert response.status_code == 200 and response.headers["Content-Language"] == code
        assert set(specs_of(response)) == {"chart-spc", "chart-comparison", "chart-funnel"}
    assert [builder.cache_info().misses for builder in builders] == built
