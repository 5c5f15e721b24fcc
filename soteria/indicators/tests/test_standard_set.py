"""The standard hospital set against figures computed by hand from a small warehouse.

World: REG → HOSP → {HOSP-CARD, HOSP-SURG}. Every number asserted below is worked out in the
comments from the rows written in ``hospital_rows``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from soteria.indicators.models import ComputeRun, IndicatorValue
from soteria.indicators.services import compute_run
from soteria.testing.factories import World
from soteria.testing.warehouse import WarehouseRows

AS_OF = date(2026, 4, 3)


@pytest.fixture(autouse=True)
def _private_warehouse(settings: Any, tmp_path: Path) -> None:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"


def hospital_rows(world: World) -> WarehouseRows:
    card, surg = world.cardiology.pk, world.surgery.pk
    w = WarehouseRows()
    # Outpatients: CARD Jan 1 visit (+1 cancelled, not counted), SURG Feb 1 virtual visit.
    w.encounter(card, "2026-01-15 09:00", "2026-01-15 09:30", cls="AMB", patient="p1")
    w.encounter(card, "2026-01-16 09:00", cls="AMB", status="cancelled", patient="p2")
    w.encounter(surg, "2026-02-03 10:00", "2026-02-03 10:20", cls="VR", patient="p1")
    # p1, CARD: 30 Jan 10:00 → 2 Feb 09:00, home. LOS 3; bed-days Jan 30, 31 (Jan) + Feb 1.
    w.encounter(
        card,
        "2026-01-30 10:00",
        "2026-02-02 09:00",
        patient="p1",
        admit_source="gp",
        disposition="home",
    )
    # p1 comes back through the ED on 20 Feb (18 days later) and dies on 25 Feb: LOS 5,
    # bed-days 5 in Feb; it makes the 2 Feb discharge readmitted; itself no index (died).
    w.encounter(
        card,
        "2026-02-20 14:00",
        "2026-02-25 08:00",
        patient="p1",
        admit_source="emd",
        disposition="exp",
    )
    # p2, SURG: same-day stay on 10 Feb. LOS 0, no bed-day.
    w.encounter(
        surg,
        "2026-02-10 08:00",
        "2026-02-10 17:00",
        patient="p2",
        admit_source="gp",
        disposition="home",
    )
    # p3, CARD: transferred out on 5 Mar (LOS 4), back as an emergency on 10 Mar → 12 Mar
    # (LOS 2). The transfer is no index, so that is no readmission.
    w.encounter(
        card,
        "2026-03-01 12:00",
        "2026-03-05 12:00",
        patient="p3",
        admit_source="gp",
        disposition="hosp",
    )
    w.encounter(
        card,
        "2026-03-10 12:00",
        "2026-03-12 12:00",
        patient="p3",
        admit_source="emd",
        disposition="home",
    )
    # p4, SURG: home 7 Jan (LOS 2), planned readmission 20 → 22 Jan (LOS 2): not counted.
    w.encounter(
        surg,
        "2026-01-05 08:00",
        "2026-01-07 08:00",
        patient="p4",
        admit_source="gp",
        disposition="home",
    )
    w.encounter(
        surg,
        "2026-01-20 08:00",
        "2026-01-22 08:00",
        patient="p4",
        admit_source="gp",
        disposition="home",
    )
    # p5, SURG: still in hospital, admitted 30 Mar; counted up to AS_OF (3 Apr): Mar 30, 31 → 2
    # in March; Apr 1, 2 → 2 in April. An admission, no discharge.
    w.encounter(
        surg, "2026-03-30 10:00", None, patient="p5", status="in-progress", admit_source="gp"
    )
    # p6: admitted to CARD 1 Feb, moved to SURG 3 Feb, discharged from SURG 6 Feb (LOS 5).
    # Admission counts at CARD, discharge at SURG; bed-days CARD Feb 1, 2 → 2; SURG Feb 3-5 → 3.
    w.encounter(
        surg,
        "2026-02-01 08:00",
        "2026-02-06 10:00",
        patient="p6",
        admit_source="gp",
        disposition="home",
        locations=[
            (card, "2026-02-01 08:00", "2026-02-03 12:00"),
            (surg, "2026-02-03 12:00", "2026-02-06 10:00"),
        ],
    )
    # p7: home 1 Jan 12:00 (CARD, LOS 1), emergency again exactly 30 days later → readmitted.
    # p8: the same but 30 days and 1 minute later → not readmitted.
    w.encounter(
        card,
        "2025-12-31 08:00",
        "2026-01-01 12:00",
        patient="p7",
        admit_source="gp",
        disposition="home",
    )
    w.encounter(
        card,
        "2026-01-31 12:00",
        "2026-02-01 12:00",
        patient="p7",
        admit_source="emd",
        disposition="home",
    )
    w.encounter(
        card,
        "2025-12-31 08:00",
        "2026-01-01 12:00",
        patient="p8",
        admit_source="gp",
        disposition="home",
    )
    w.encounter(
        card,
        "2026-01-31 12:01",
        "2026-02-01 12:00",
        patient="p8",
        admit_source="emd",
        disposition="home",
    )
    # ED at CARD in January: waits 10, 20, 30, 300 minutes; one left unseen after 50.
    for wait, stay in ((10, 100), (20, 250), (30, 239), (300, 400)):
        w.ed_arrival(card, "2026-01-10 10:00", seen_after=wait, left_after=stay)
    w.ed_arrival(
        card,
        "2026-01-11 10:00",
        seen_after=None,
        left_after=50,
        disposition="left_without_being_seen",
    )
    # ED at SURG in January: one wait of 40 minutes, still in the department.
    w.ed_arrival(surg, "2026-01-12 10:00", seen_after=40, left_after=None)
    # Beds: CARD 10 a day all quarter; SURG 5 a day in February only.
    w.beds(card, date(2026, 1, 1), date(2026, 3, 31), 10)
    w.beds(surg, date(2026, 2, 1), date(2026, 2, 28), 5)
    # Incidents at CARD in February, one with harm; FFT answers at SURG in March.
    w.incident(card, "2026-02-11 03:00", harm=True)
    w.incident(card, "2026-02-12 03:00")
    w.answer(surg, "2026-03-02 10:00", positive=True, negative=False)
    w.answer(surg, "2026-03-03 10:00", positive=True, negative=False)
    w.answer(surg, "2026-03-04 10:00", positive=False, negative=True)
    w.answer(surg, "2026-03-05 10:00", positive=False, negative=False, dont_know=True)
    return w


@pytest.fixture
def computed(world: World, settings: Any) -> dict[tuple[str, str, str], IndicatorValue]:
    # hand-counted figures on a handful of rows: no small-number suppression of the
    # patient-experience values here (pinned in experience/tests/test_engine.py)
    settings.SOTERIA_MIN_CELL = 1
    hospital_rows(world).write()
    run = compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    assert run.status == "succeeded", run.error
    return {
        (v.definition.code, v.unit.code, v.period): v
        for v in IndicatorValue.objects.select_related("definition", "unit")
    }


def value(computed: dict, code: str, unit: str, period: str) -> float | None:
    return computed[(code, unit, period)].value


def test_counts_per_unit_month_and_roll_ups(computed: dict) -> None:
    assert value(computed, "OUTPATIENT_VISITS", "HOSP-CARD", "202601") == 1
    assert value(computed, "OUTPATIENT_VISITS", "HOSP-SURG", "202602") == 1
    assert value(computed, "OUTPATIENT_VISITS", "HOSP", "2026Q1") == 2
    assert value(computed, "OUTPATIENT_VISITS", "REG", "2026") == 2
    # Admissions: CARD Jan 30, Feb 20, Mar 1, Mar 10, Jan 31, Jan 31 (p7, p8), Feb 1 (p6 at
    # CARD, its admitting unit) = Jan 3, Feb 2, Mar 2; Dec 2025: p7, p8 = 2.
    assert value(computed, "ADMISSIONS", "HOSP-CARD", "202601") == 3
    assert value(computed, "ADMISSIONS", "HOSP-CARD", "202602") == 2
    assert value(computed, "ADMISSIONS", "HOSP-CARD", "202603") == 2
    assert value(computed, "ADMISSIONS", "HOSP-CARD", "202512") == 2
    # SURG: Feb 10, Jan 5, Jan 20, Mar 30 = 4 in 2026.
    assert value(computed, "ADMISSIONS", "HOSP-SURG", "2026Q1") == 4
    assert value(computed, "ADMISSIONS", "HOSP", "2026S1") == 11
    assert value(computed, "EMERGENCY_ADMISSIONS", "HOSP", "2026Q1") == 4  # p1, p3, p7, p8
    # Discharges: CARD Jan 1 ×2, Feb 2, Feb 25, Mar 5, Mar 12, Feb 1 ×2 = Jan 2, Feb 4, Mar 2.
    assert value(computed, "DISCHARGES", "HOSP-CARD", "202601") == 2
    assert value(computed, "DISCHARGES", "HOSP-CARD", "202602") == 4
    # SURG: Feb 10, Jan 7, Jan 22, Feb 6 (p6) = 4; p5 still in.
    assert value(computed, "DISCHARGES", "HOSP-SURG", "2026Q1") == 4
    assert value(computed, "DISCHARGES", "HOSP", "2026Q1") == 12


def test_every_computed_value_keeps_its_row_facts(computed: dict) -> None:
    """What the scorecard tables show of each series (``soteria.scorecards.row_facts``) is
    worked out in the run, for every value it stored."""
    from soteria.scorecards import row_facts

    assert computed
    for stored in IndicatorValue.objects.all():
        assert row_facts.decode(stored.row_facts) is not None, stored


def test_distinct_patients_are_not_summed(computed: dict) -> None:
    # p1 has encounters at CARD (Jan, Feb) and SURG (Feb): counted once at HOSP for Q1.
    assert value(computed, "PATIENTS", "HOSP-CARD", "202601") == 3  # p1, p7, p8 (p2 cancelled)
    # HOSP Q1: p1..p8 minus none: p1, p2, p3, p4, p5, p6, p7, p8 = 8
    assert value(computed, "PATIENTS", "HOSP", "2026Q1") == 8
    assert value(computed, "PATIENTS", "HOSP-SURG", "2026Q1") == 5  # p1 (VR), p2, p4, p5, p6


def test_length_of_stay_counts_at_discharge(computed: dict) -> None:
    # CARD February discharges: p1 Feb 2 (3 days), p1 Feb 25 (5), p7 Feb 1 (1), p8 Feb 1 (1).
    assert value(computed, "ALOS", "HOSP-CARD", "202602") == pytest.approx(10 / 4)
    # SURG Q1: 0 (same day) + 2 + 2 + 5 = 9 over 4.
    assert value(computed, "ALOS", "HOSP-SURG", "2026Q1") == pytest.approx(9 / 4)
    # CARD January: p7 and p8, LOS 1 each (31 Dec → 1 Jan): the stay counts where it ended.
    assert value(computed, "ALOS", "HOSP-CARD", "202601") == pytest.approx(1.0)
    v = computed[("ALOS", "HOSP", "2026Q1")]
    assert (v.numerator, v.denominator) == (3 + 5 + 4 + 2 + 1 + 1 + 1 + 1 + 9, 12)


def test_bed_days_split_across_months_and_occupancy(computed: dict) -> None:
    # CARD Jan: p1 Jan 30, 31 (2) + p7 and p8 Jan 1? No: their stays 31 Dec → 1 Jan give
    # Dec 31 only. p7/p8 readmissions 31 Jan → 1 Feb give Jan 31 each (2). Jan = 4.
    assert value(computed, "BED_DAYS", "HOSP-CARD", "202601") == 4
    assert value(computed, "BED_DAYS", "HOSP-CARD", "202512") == 2
    # CARD Feb: p1 Feb 1 (1) + p1 Feb 20-24 (5) + p6 Feb 1, 2 (2) = 8.
    assert value(computed, "BED_DAYS", "HOSP-CARD", "202602") == 8
    # CARD Mar: p3 Mar 1-4 (4) + Mar 10, 11 (2) = 6.
    assert value(computed, "BED_DAYS", "HOSP-CARD", "202603") == 6
    # SURG: Jan 5, 6 + Jan 20, 21 = 4; Feb: p6 Feb 3, 4, 5 = 3; Mar: p5 Mar 30, 31 = 2;
    # Apr: p5 Apr 1, 2 = 2 (open stay counted up to AS_OF).
    assert value(computed, "BED_DAYS", "HOSP-SURG", "202601") == 4
    assert value(computed, "BED_DAYS", "HOSP-SURG", "202602") == 3
    assert value(computed, "BED_DAYS", "HOSP-SURG", "202603") == 2
    assert value(computed, "BED_DAYS", "HOSP-SURG", "202604") == 2
    # Occupancy CARD Feb: 8 of 10 × 28 = 280 bed-days.
    assert value(computed, "BED_OCCUPANCY", "HOSP-CARD", "202602") == pytest.approx(800 / 280)
    # HOSP Feb: (8 + 3) of (280 + 140).
    assert value(computed, "BED_OCCUPANCY", "HOSP", "202602") == pytest.approx(1100 / 420)
    # SURG Jan: bed-days but no bed capacity → no value, and why.
    v = computed[("BED_OCCUPANCY", "HOSP-SURG", "202601")]
    assert v.value is None and v.no_value_reason == "no_denominator"


def test_readmissions_index_window_and_exclusions(computed: dict) -> None:
    # Index discharges at CARD, month of discharge:
    #   Jan: p7 (readmitted at exactly 30 days), p8 (30 days + 1 minute: not) → 1 of 2.
    #   Feb: p1 Feb 2 (readmitted 20 Feb), p7 Feb 1, p8 Feb 1 (no later stays); p1 Feb 25
    #        died → not an index → 1 of 3.
    #   Mar: p3 Mar 5 transferred → not an index; p3 Mar 12 → 0 of 1.
    assert value(computed, "READMISSION_30D", "HOSP-CARD", "202601") == pytest.approx(50.0)
    assert value(computed, "READMISSION_30D", "HOSP-CARD", "202602") == pytest.approx(100 / 3)
    assert value(computed, "READMISSION_30D", "HOSP-CARD", "202603") == 0
    # SURG: p4's second stay was planned → 0 of 4 (Jan 7, Jan 22, Feb 10, Feb 6).
    assert value(computed, "READMISSION_30D", "HOSP-SURG", "2026Q1") == 0
    v = computed[("READMISSION_30D", "HOSP", "2026Q1")]
    assert (v.numerator, v.denominator) == (2, 10)


def test_mortality(computed: dict) -> None:
    assert value(computed, "MORTALITY_INHOSPITAL", "HOSP-CARD", "202602") == pytest.approx(25.0)
    assert value(computed, "MORTALITY_INHOSPITAL", "HOSP", "2026Q1") == pytest.approx(100 / 12)


def test_ed_percentiles_come_from_the_rows(computed: dict) -> None:
    # CARD waits [10, 20, 30, 300]: median 25; p90 at position 2.7 → 30 + 0.7 × 270 = 219.
    assert value(computed, "ED_WAIT_MEDIAN", "HOSP-CARD", "202601") == pytest.approx(25)
    assert value(computed, "ED_WAIT_P90", "HOSP-CARD", "202601") == pytest.approx(219)
    # HOSP adds SURG's 40: [10, 20, 30, 40, 300] → median 30 (not the mean of 25 and 40);
    # p90 at position 3.6 → 40 + 0.6 × 260 = 196.
    assert value(computed, "ED_WAIT_MEDIAN", "HOSP", "202601") == pytest.approx(30)
    assert value(computed, "ED_WAIT_P90", "HOSP", "2026") == pytest.approx(196)
    # Seen within 4 h: CARD 3 of 5 (300 min and the one who left unseen are not).
    assert value(computed, "ED_SEEN_4H", "HOSP-CARD", "202601") == pytest.approx(60.0)
    # Left within 4 h: CARD 100, 239 yes; 250, 400 no; 50 (unseen) yes → 3 of 5;
    # SURG's patient has not left and is not in the denominator.
    assert value(computed, "ED_LEFT_4H", "HOSP", "202601") == pytest.approx(60.0)
    assert value(computed, "ED_LWBS", "HOSP", "202601") == pytest.approx(100 / 6)
    assert value(computed, "ED_ARRIVALS", "REG", "2026S1") == 6


def test_rates_per_bed_days_and_patient_experience(computed: dict) -> None:
    # CARD Feb: 2 incidents over 8 bed-days × 1,000; harm 1.
    assert value(computed, "INCIDENTS_PER_1000_BED_DAYS", "HOSP-CARD", "202602") == pytest.approx(
        250
    )
    assert value(
        computed, "HARM_INCIDENTS_PER_1000_BED_DAYS", "HOSP-CARD", "202602"
    ) == pytest.approx(125)
    # Months with bed-days but no incident: 0, not "no value".
    assert value(computed, "INCIDENTS_PER_1000_BED_DAYS", "HOSP-CARD", "202603") == 0
    # FFT SURG March: 2 positive, 1 negative, 1 don't know → 2/3 and 1/3.
    assert value(computed, "FFT_POSITIVE", "HOSP-SURG", "202603") == pytest.approx(200 / 3)
    assert value(computed, "FFT_NEGATIVE", "HOSP", "2026Q1") == pytest.approx(100 / 3)


def test_periods_not_over_on_the_computation_day_are_partial(computed: dict) -> None:
    # computed as of 3 April 2026: April, Q2, H1 and 2026 were not over
    partial = {period for (_code, _unit, period), v in computed.items() if v.partial}
    assert partial == {"202604", "2026Q2", "2026S1", "2026"}
    assert computed[("ADMISSIONS", "HOSP", "2026")].partial
    assert not computed[("ADMISSIONS", "HOSP", "202603")].partial


def test_units_outside_the_data_get_no_values(computed: dict) -> None:
    assert not any(unit == "OTHER" for _, unit, _ in computed)


def test_values_record_version_and_recompute_replaces(world: World, computed: dict) -> None:
    before = IndicatorValue.objects.count()
    compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    assert IndicatorValue.objects.count() == before
    assert set(IndicatorValue.objects.values_list("definition_version", flat=True)) == {1}


def test_monthly_bed_capacity_rows_hold_until_the_next_row(world: World) -> None:
    w = WarehouseRows()
    card = world.cardiology.pk
    w.add("bed_capacity", unit_id=card, date=date(2026, 1, 1), beds=10)
    w.add("bed_capacity", unit_id=card, date=date(2026, 2, 1), beds=12)
    w.add("bed_capacity", unit_id=card, date=date(2026, 3, 15), beds=20)  # a change mid-month
    # 1 Feb 12:00 → 11 Feb 12:00: 10 bed-days in February.
    w.encounter(card, "2026-02-01 12:00", "2026-02-11 12:00", patient="p1", disposition="home")
    w.write()
    # Computed on 2 April: the last row (20 beds from 15 March) holds to the end of March.
    assert compute_run(ComputeRun.objects.create(), as_of=date(2026, 4, 2)).status == "succeeded"
    values = {
        v.period: v
        for v in IndicatorValue.objects.filter(
            definition__code="BED_OCCUPANCY", unit=world.cardiology
        )
    }
    assert values["202601"].denominator == 310  # 10 beds × 31 days
    assert values["202602"].denominator == 336  # 12 × 28
    assert values["202603"].denominator == 12 * 14 + 20 * 17
    assert values["202602"].value == pytest.approx(1000 / 336)
    assert values["2026Q1"].denominator == 310 + 336 + 12 * 14 + 20 * 17
