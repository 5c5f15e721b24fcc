"""Series of stored values and the SPC chart that fits each indicator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from soteria.indicators import selectors, spc
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, NoValueReason, Unit
from soteria.scorecards import series
from soteria.scorecards.tests.conftest import value_store
from soteria.testing.factories import standard_indicator

QUARTERS = [f"{y}Q{q}" for y in (2022, 2023, 2024, 2025) for q in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("READMISSION_30D", "p"),  # discharges readmitted / index discharges
        ("ED_SEEN_4H", "p"),  # its denominator refers to ED_ARRIVALS.numerator
        ("MORTALITY_INHOSPITAL", "p"),
        ("INCIDENTS_PER_1000_BED_DAYS", "u"),
        ("ALOS", "xmr"),  # a mean: bed-days per discharge
        ("ADMISSIONS", "xmr"),  # a count
        ("BED_OCCUPANCY", "xmr"),  # a percentage that can pass 100
        ("ED_WAIT_MEDIAN", "xmr"),  # a percentile
    ],
)
def test_chart_kind_of_the_standard_indicators(db, code, kind):
    assert series.chart_kind(standard_indicator(code)) == kind


def test_chart_kind_is_read_from_the_definition_without_a_query(db, django_assert_num_queries):
    seen = standard_indicator("ED_SEEN_4H")
    with django_assert_num_queries(0):
        assert series.chart_kind(seen) == "p"


def test_the_chart_is_chosen_when_a_definition_is_saved(world):
    from soteria.indicators.services import definition_save

    share = definition_save(
        world.admin,
        IndicatorDefinition(),
        {
            "code": "X_SHARE",
            "name": {"en": "Share"},
            "unit": Unit.PERCENT,
            "direction": "higher",
            "owner": world.region,
            "numerator": {
                "fact": "ed_visit",
                "aggregate": "count",
                "filters": [{"column": "seen_within_4h", "op": "is_true"}],
            },
            "denominator": {"ref": "ED_ARRIVALS.numerator"},  # the same fact
        },
    )
    assert share.spc_chart == "p"
    share = definition_save(
        world.admin, share, {"denominator": {"fact": "admission", "aggregate": "count"}}
    )
    assert share.spc_chart == "xmr"  # a count of another fact: not a share of it
    share = definition_save(
        world.admin,
        share,
        {"unit": Unit.PER_1000_BED_DAYS, "denominator": {"ref": "BED_DAYS.numerator"}},
    )
    assert share.spc_chart == "u"


def test_series_for_many_reads_every_pair_in_one_query(
    world, values_set, django_assert_num_queries
):
    readmission, admissions = (
        standard_indicator("READMISSION_30D"),
        standard_indicator("ADMISSIONS"),
    )
    values_set(readmission, world.hospital, {"2025Q3": (10, 100), "2025Q4": (12, 100)})
    values_set(readmission, world.cardiology, {"2025Q4": (3, 50)})
    values_set(admissions, world.hospital, {"2025Q4": 900, "202512": 300})
    values_set(admissions, world.surgery, {q: 100 + i for i, q in enumerate(QUARTERS)})
    pairs = [
        (readmission, world.hospital.pk),
        (readmission, world.cardiology.pk),
        (admissions, world.hospital.pk),
        (admissions, world.surgery.pk),
        (admissions, world.other_org.pk),
    ]
    with django_assert_num_queries(1):
        found = series.series_for_many(pairs, "quarter")
    assert found[(readmission.pk, world.hospital.pk)].values == [10.0, 12.0]
    assert [p.period for p in found[(readmission.pk, world.hospital.pk)].points] == [
        "2025Q3",
        "2025Q4",
    ]
    assert found[(readmission.pk, world.cardiology.pk)].values == [6.0]
    assert found[(admissions.pk, world.hospital.pk)].values == [900]  # not the month
    assert found[(admissions.pk, world.other_org.pk)].points == []
    surgery = found[(admissions.pk, world.surgery.pk)]
    assert len(surgery.points) == series.DEFAULT_LENGTH["quarter"] == 16
    with django_assert_num_queries(0):
        assert series.series_for_many([], "month") == {}


def test_points_hold_what_the_orm_reads(world, values_set):
    """The series is read without Django's converters: its points must still hold dates,
    booleans, floats and reasons exactly as the ORM gives them (SQLite and PostgreSQL)."""
    readmission = standard_indicator("READMISSION_30D")
    values_set(readmission, world.hospital, {"2025Q2": (10, 100), "2025Q3": (12.5, 100)})
    value_store(readmission, world.hospital, "2025Q4", 7.5, 3, 40, partial=True)
    value_store(readmission, world.hospital, "2026Q1", None, reason=NoValueReason.TOO_FEW.value)
    points = series.series_for(readmission, world.hospital.pk, "quarter").points
    expected = IndicatorValue.objects.filter(
        definition=readmission, unit=world.hospital, period_type="quarter"
    ).order_by("period_start")
    assert [
        (p.period, p.start, p.value, p.numerator, p.denominator, p.partial, p.reason)
        for p in points
    ] == [
        (
            v.period,
            v.period_start,
            v.value,
            v.numerator,
            v.denominator,
            v.partial,
            NoValueReason.label_of(v.no_value_reason),
        )
        for v in expected
    ]
    assert [type(p.start) for p in points] == [dt.date] * 4
    assert [p.partial for p in points] == [False, False, True, False]
    assert all(type(p.partial) is bool for p in points)
    assert points[-1].reason and points[-1].value is None


def test_the_series_query_reads_the_covering_index_alone(world):
    """Every column a series reads is in ``indicator_value_series`` (the model's index and
    ``series_for_many``'s columns must agree, or each row visits the table again)."""
    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's")
    query = selectors.series_query(
        series.POINT_COLUMNS,
        {world.hospital.pk: [1, 2]},
        "month",
        starts=(dt.date(2023, 4, 1), dt.date(2026, 3, 1)),
    )
    assert query is not None
    sql, params = query
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX indicator_value_series" in plan, plan


def test_length_and_until_pick_the_last_periods(world, values_set):
    admissions = standard_indicator("ADMISSIONS")
    values_set(admissions, world.hospital, {q: i for i, q in enumerate(QUARTERS)})
    found = series.series_for(
        admissions, world.hospital.pk, "quarter", length=4, until=dt.date(2024, 4, 1)
    )
    assert [p.period for p in found.points] == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
    assert found.latest is not None and found.latest.period == "2024Q2"


def test_the_series_is_a_window_of_periods_and_reads_no_older_rows(
    world, values_set, django_assert_num_queries
):
    """Years of history cost no more than the window: older rows are not read, and a gap
    in the window is not filled with a value from before it."""
    admissions = standard_indicator("ADMISSIONS")
    values_set(admissions, world.hospital, {q: i for i, q in enumerate(QUARTERS)})
    gap = [q for q in QUARTERS if q != "2024Q1"]
    values_set(admissions, world.surgery, {q: i for i, q in enumerate(gap)})
    with django_assert_num_queries(1) as captured:
        found = series.series_for_many(
            [(admissions, world.hospital.pk), (admissions, world.surgery.pk)],
            "quarter",
            length=4,
            until=dt.date(2024, 4, 1),
        )
    assert "2023-07-01" in captured.captured_queries[0]["sql"]  # the window's first day
    assert [p.period for p in found[(admissions.pk, world.hospital.pk)].points] == [
        "2023Q3",
        "2023Q4",
        "2024Q1",
        "2024Q2",
    ]
    assert [p.period for p in found[(admissions.pk, world.surgery.pk)].points] == [
        "2023Q3",
        "2023Q4",
        "2024Q2",
    ]


def test_periods_not_over_are_left_out_of_the_spc_chart(world, values_set):
    admissions = standard_indicator("ADMISSIONS")
    values_set(admissions, world.hospital, {q: 100 + (i % 3) for i, q in enumerate(QUARTERS)})
    values_set(admissions, world.hospital, {"2026Q1": 20}, partial=True)
    found = series.series_for(admissions, world.hospital.pk, "quarter", length=20)
    assert found.latest is not None and found.latest.partial
    charted = found.spc()
    assert charted.result.chart == "xmr"
    assert [p.period for p in charted.points] == QUARTERS
    assert len(charted.result.points) == 16
    assert charted.result.reason is None
    # had the partial 20 been charted, it would have been far beyond the lower limit
    assert all(not p.signals for p in charted.result.points)


def test_a_p_chart_is_drawn_in_percent(world, values_set):
    readmission = standard_indicator("READMISSION_30D")
    values_set(
        readmission, world.hospital, {q: (100 + (i % 4) * 5, 1000) for i, q in enumerate(QUARTERS)}
    )
    charted = series.series_for(readmission, world.hospital.pk, "quarter").spc(target=5.0)
    result = charted.result
    assert result.chart == "p"
    assert result.centre == pytest.approx(10.75)  # (100+105+110+115) × 4 / 16,000, in %
    assert [p.value for p in result.points][:4] == pytest.approx([10.0, 10.5, 11.0, 11.5])
    lower, upper = result.limits or (0, 0)
    sigma = (0.1075 * 0.8925 / 1000) ** 0.5 * 100
    assert lower == pytest.approx(10.75 - 3 * sigma)
    assert upper == pytest.approx(10.75 + 3 * sigma)
    # lower is better; the target of 5 % is below the whole process: it will not be met
    assert result.assurance == "consistently_fail"
    assert charted.pairs()[0][0].period == "2022Q1"


def test_a_p_chart_whose_numerator_exceeds_its_denominator_falls_back_to_xmr(world, values_set):
    readmission = standard_indicator("READMISSION_30D")
    values_set(readmission, world.hospital, {q: (5 + i % 3, 10) for i, q in enumerate(QUARTERS)})
    values_set(readmission, world.hospital, {"2026Q1": (12, 10)})
    result = series.series_for(readmission, world.hospital.pk, "quarter", length=20).spc().result
    assert result.chart == "xmr"


def test_a_u_chart_is_drawn_per_1000_bed_days(world, values_set):
    incidents = standard_indicator("INCIDENTS_PER_1000_BED_DAYS")
    values_set(incidents, world.hospital, {q: (20 + i % 5, 4000) for i, q in enumerate(QUARTERS)})
    result = series.series_for(incidents, world.hospital.pk, "quarter").spc().result
    assert result.chart == "u"
    assert result.points[0].value == pytest.approx(5.0)
    assert result.centre == pytest.approx(sum(20 + i % 5 for i in range(16)) / 64000 * 1000)


def test_too_few_points_give_no_limits_and_a_value_missing_keeps_its_reason(world, values_set):
    alos = standard_indicator("ALOS")
    values_set(alos, world.hospital, {"2025Q3": (40, 10), "2025Q4": 4.5})
    values_set(alos, world.hospital, {"2026Q1": None}, reason="zero_denominator")
    found = series.series_for(alos, world.hospital.pk, "quarter")
    assert found.points[-1].reason == "the denominator is zero"
    charted = found.spc()
    assert charted.result.reason == spc.TOO_FEW_POINTS
    assert [p.period for p in charted.points] == ["2025Q3", "2025Q4"]  # XmR: valued only


def test_the_judged_latest_point_is_the_full_chart_s_on_random_series():
    """``Series.judged`` (what table rows show) against ``Series.spc`` (what the indicator
    page charts): the same point, signals, side, limits (scaled for p-charts), reason,
    variation and assurance — p-charts falling back to XmR included."""
    import random

    rng = random.Random(5)
    start = dt.date(2020, 1, 1)
    for case in range(1500):
        kind = rng.choice(["p", "u", "xmr"])
        definition = IndicatorDefinition(
            code=f"R{case}",
            spc_chart=kind,
            direction=rng.choice(["higher", "lower", "none"]),
            multiplier=rng.choice([1.0, 100.0, 1000.0]),
        )
        points = []
        for k in range(rng.randint(0, 30)):
            den = rng.choice([None, 0.0, *([float(rng.randint(1, 60))] * 6)])
            num = None if rng.random() < 0.05 else float(rng.randint(0, 60 if kind != "p" else 40))
            if kind == "p" and den and num is not None and rng.random() < 0.97:
                num = min(num, den)  # now and then one above: the XmR fallback
            value = None if den in (None, 0.0) or num is None else num / den * 100
            if kind == "xmr":
                value = None if rng.random() < 0.1 else float(rng.choice([3, 4, 5, 6, 7]))
            points.append(
                series.Point(
                    period=f"P{k}",
                    start=start + dt.timedelta(days=31 * k),
                    value=value,
                    numerator=num,
                    denominator=den,
                    partial=rng.random() < 0.05,
                    reason="",
                )
            )
        target = rng.choice([None, 5.0, 50.0, rng.uniform(0, 100)])
        found = series.Series(definition, 1, "month", points)
        charted = found.spc(target)
        pairs = [(p, sp) for p, sp in charted.pairs() if sp.value is not None]
        point, latest = found.judged(target)
        result = charted.result
        assert (latest.reason, latest.variation, latest.assurance) == (
            result.reason,
            result.variation,
            result.assurance,
        ), case
        if result.reason or not pairs:
            assert point is None and not latest.signals
            continue
        expected_point, expected = pairs[-1]
        assert point is expected_point, case
        assert (latest.signals, latest.side) == (expected.signals, expected.side), case
        assert latest.value == pytest.approx(expected.value, rel=1e-12), case
        assert latest.lower == pytest.approx(expected.lower, rel=1e-12), case
        assert latest.upper == pytest.approx(expected.upper, rel=1e-12), case
