"""Baseline (a): the standard indicator set in straightforward pandas.

What a data analyst would write by hand for these figures: load the warehouse tables
(only the columns needed) into DataFrames through Arrow, build each fact with
pandas filters and merges, aggregate per unit × month, roll up with a merge on the unit →
ancestor bridge and a ``groupby`` per period type, and compute distinct counts and
percentiles again from the rows at every level. Idiomatic and vectorised (no Python loop
over rows), not tuned beyond that. It follows the rules of ``soteria/indicators/facts.py``
and ``engine.py`` (see ``docs/indicators.md``) exactly; the benchmark checks that it gives
the engine's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

INPATIENT = ["IMP", "ACUTE", "NONAC"]
NOT_HAPPENED = ["cancelled", "entered-in-error", "planned"]
KEY = ["source_system", "encounter_key"]
GROUP = ["ancestor_id", "period"]


def _month(values: pd.Series) -> pd.Series:
    """First day of the month (datetime64), NaT stays NaT."""
    return values.dt.to_period("M").dt.to_timestamp()


def _day(values: pd.Series) -> pd.Series:
    return values.dt.floor("D")


def _period_codes(month: pd.Series) -> dict[str, pd.Series]:
    """The month, quarter, half-year and year codes of each row (worked out once per
    distinct month, then mapped onto the rows)."""
    months = pd.Series(month.unique()).dropna()
    year = months.dt.year.astype(str)
    number = months.dt.month
    codes = {
        "month": months.dt.strftime("%Y%m"),
        "quarter": year + "Q" + ((number - 1) // 3 + 1).astype(str),
        "half_year": year + "S" + ((number - 1) // 6 + 1).astype(str),
        "year": year,
    }
    return {
        kind: month.map(dict(zip(months, values, strict=True))) for kind, values in codes.items()
    }


class Rollup:
    """Aggregates a fact per ancestor unit × period."""

    def __init__(self, bridge: pd.DataFrame) -> None:
        self.bridge = bridge

    def sums(self, fact: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
        """``_rows`` and the sum of each column (booleans count their true values)."""
        leaf = (
            fact.assign(_rows=1)
            .groupby(["unit_id", "month"], as_index=False)[["_rows", *columns]]
            .sum()
        )
        leaf = leaf.merge(self.bridge, on="unit_id")
        parts = []
        for codes in _period_codes(leaf["month"]).values():
            parts.append(leaf.assign(period=codes).groupby(GROUP)[["_rows", *columns]].sum())
        return pd.concat(parts)

    def nunique(self, fact: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
        rows = fact[["unit_id", "month", column]].dropna().drop_duplicates()
        rows = rows.merge(self.bridge, on="unit_id")
        parts = []
        for codes in _period_codes(rows["month"]).values():
            parts.append(rows.assign(period=codes).groupby(GROUP)[column].nunique().rename(name))
        return pd.concat(parts).to_frame()

    def quantiles(self, fact: pd.DataFrame, column: str, names: dict[str, float]) -> pd.DataFrame:
        rows = fact[["unit_id", "month", column]].dropna()
        rows = rows.merge(self.bridge, on="unit_id")
        parts = []
        for codes in _period_codes(rows["month"]).values():
            grouped = rows.assign(period=codes).groupby(GROUP)[column]
            parts.append(pd.DataFrame({n: grouped.quantile(q) for n, q in names.items()}))
        return pd.concat(parts)


def _in_window(fact: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    return fact[(fact["month"] >= pd.Timestamp(first)) & (fact["month"] <= pd.Timestamp(last))]


def _split_by_month(
    spans: pd.DataFrame, first: date, last: date, value: str | None = None
) -> pd.DataFrame:
    """Rows ``first_day`` .. ``after_day`` (exclusive) split into the calendar months of the
    window: ``unit_id``, ``month``, ``days`` (× ``value`` when given), positive ones only."""
    first_day = spans["first_day"].to_numpy().astype("datetime64[D]")
    after_day = spans["after_day"].to_numpy().astype("datetime64[D]")
    lo_month = np.maximum(first_day.astype("datetime64[M]"), np.datetime64(first, "M"))
    hi_month = np.minimum((after_day - 1).astype("datetime64[M]"), np.datetime64(last, "M"))
    count = np.where(after_day > first_day, (hi_month - lo_month).astype("int64") + 1, 0)
    count = np.clip(count, 0, None)
    rows = spans.loc[spans.index.repeat(count)]
    offset = rows.groupby(level=0).cumcount().to_numpy()
    position = np.repeat(np.arange(len(spans)), count)
    month = lo_month[position] + offset
    lo = np.maximum(first_day[position], month.astype("datetime64[D]"))
    hi = np.minimum(after_day[position], (month + 1).astype("datetime64[D]"))
    days = (hi - lo).astype("int64")
    if value is not None:
        days = days * rows[value].to_numpy()
    out = pd.DataFrame(
        {
            "unit_id": rows["unit_id"].to_numpy(),
            "month": month.astype("datetime64[ns]"),
            "days": days,
        }
    )
    return out[out["days"] > 0]


def _load(con: Any, query: str) -> pd.DataFrame:
    """A query's rows as a DataFrame, through Arrow (``.df()`` goes through Python objects
    for strings: several times slower and larger)."""
    return con.sql(query).to_arrow_table().to_pandas()


def compute(
    con: Any, pairs: Sequence[tuple[int, int]], first: date, last: date, as_of: date
) -> pd.DataFrame:
    """Every computed indicator of the standard set × unit × period: ``code``, ``unit_id``,
    ``period``, ``numerator``, ``denominator``, ``value``, ``reason``."""
    bridge = pd.DataFrame(pairs, columns=["unit_id", "ancestor_id"])
    rollup = Rollup(bridge)
    as_of_ts = pd.Timestamp(as_of)

    encounters = _load(
        con,
        "SELECT source_system, encounter_key, patient_key, unit_id, class_code, status, "
        "start_ts, end_ts, admit_source, discharge_disposition FROM encounter",
    )
    locations = _load(
        con,
        "SELECT source_system, encounter_key, seq, unit_id, status, start_ts, end_ts "
        "FROM encounter_location",
    )
    arrivals = _load(
        con, "SELECT unit_id, arrival_ts, first_seen_ts, departure_ts, disposition FROM ed_arrival"
    )
    capacity = _load(
        con, "SELECT source_system, unit_id, date::TIMESTAMP AS date, beds FROM bed_capacity"
    )
    incidents = _load(con, "SELECT unit_id, occurred_ts, harm FROM incident")
    answers = _load(
        con,
        "SELECT unit_id, answered_ts, question_code, positive, negative, dont_know "
        "FROM experience_answer",
    )

    happened = encounters[~encounters["status"].isin(NOT_HAPPENED) & encounters["start_ts"].notna()]
    inpatient = happened[happened["class_code"].isin(INPATIENT)]
    groups: dict[str, pd.DataFrame] = {}

    # encounter: outpatient visits, distinct patients
    fact = pd.DataFrame(
        {
            "unit_id": happened["unit_id"],
            "month": _month(happened["start_ts"]),
            "outpatient": happened["class_code"].isin(["AMB", "VR"]),
            "patient_key": happened["patient_key"],
        }
    )
    fact = _in_window(fact, first, last)
    groups["encounter"] = rollup.sums(fact, ["outpatient"]).join(
        rollup.nunique(fact, "patient_key", "patients")
    )

    # admission: at the first mapped location of the stay
    mapped = locations[locations["unit_id"].notna()].sort_values("seq")
    first_unit = mapped.drop_duplicates(KEY)[[*KEY, "unit_id"]].rename(
        columns={"unit_id": "admit_unit"}
    )
    fact = inpatient.merge(first_unit, on=KEY, how="left")
    fact = fact.assign(
        unit_id=fact["admit_unit"].fillna(fact["unit_id"]).astype("int64"),
        month=_month(fact["start_ts"]),
        emergency=fact["admit_source"].isin(["emd"]),
    )
    groups["admission"] = rollup.sums(_in_window(fact, first, last), ["emergency"])

    # discharge: length of stay, deaths, 30-day emergency readmissions
    finished = inpatient[(inpatient["status"] == "finished") & inpatient["end_ts"].notna()]
    emergency = inpatient[inpatient["admit_source"].isin(["emd"])][
        ["source_system", "patient_key", "encounter_key", "start_ts"]
    ].rename(columns={"encounter_key": "r_key", "start_ts": "r_start"})
    pairs_df = finished[[*KEY, "patient_key", "end_ts"]].merge(
        emergency, on=["source_system", "patient_key"]
    )
    pairs_df = pairs_df[
        (pairs_df["encounter_key"] != pairs_df["r_key"])
        & (pairs_df["r_start"] >= pairs_df["end_ts"])
        & (pairs_df["r_start"] <= pairs_df["end_ts"] + pd.Timedelta(days=30))
    ]
    readmitted = pairs_df[KEY].drop_duplicates().assign(readmitted=True)
    fact = finished.merge(readmitted, on=KEY, how="left")
    died = fact["discharge_disposition"].isin(["exp"])
    transferred = fact["discharge_disposition"].isin(["hosp", "other-hcf"])
    index = ~died & ~transferred
    fact = fact.assign(
        month=_month(fact["end_ts"]),
        los_days=(_day(fact["end_ts"]) - _day(fact["start_ts"])).dt.days,
        died=died,
        index=index,
        index_readmitted=index & fact["readmitted"].fillna(False).astype(bool),
    )
    groups["discharge"] = rollup.sums(
        _in_window(fact, first, last), ["los_days", "died", "index", "index_readmitted"]
    )

    # bed_day: midnight census per ward stay and month; open stays up to as_of
    ward_stays = locations[locations["start_ts"].notna() & ~locations["status"].isin(["planned"])]
    stays = inpatient[[*KEY, "unit_id", "start_ts", "end_ts"]]
    joined = ward_stays.merge(stays, on=KEY, suffixes=("", "_enc"))
    segments = pd.concat(
        [
            pd.DataFrame(
                {
                    "unit_id": joined["unit_id"].fillna(joined["unit_id_enc"]),
                    "start": joined["start_ts"],
                    "end": joined["end_ts"].fillna(joined["end_ts_enc"]),
                }
            ),
            stays.merge(ward_stays[KEY].drop_duplicates(), on=KEY, how="left", indicator=True)
            .query("_merge == 'left_only'")
            .rename(columns={"start_ts": "start", "end_ts": "end"})[["unit_id", "start", "end"]],
        ],
        ignore_index=True,
    )
    segments = pd.DataFrame(
        {
            "unit_id": segments["unit_id"].astype("int64"),
            "first_day": _day(segments["start"]),
            "after_day": _day(segments["end"]).fillna(as_of_ts),
        }
    )
    fact = _split_by_month(segments, first, last).rename(columns={"days": "bed_days"})
    groups["bed_day"] = rollup.sums(fact, ["bed_days"])

    # bed_capacity: a row's beds hold until the unit's next row, the last to its month's end
    capacity = capacity.sort_values(["source_system", "unit_id", "date"])
    following = capacity.groupby(["source_system", "unit_id"])["date"].shift(-1)
    month_end = _month(capacity["date"]) + pd.DateOffset(months=1)
    spans = pd.DataFrame(
        {
            "unit_id": capacity["unit_id"],
            "first_day": capacity["date"],
            "after_day": following.fillna(month_end.clip(upper=as_of_ts)),
            "beds": capacity["beds"],
        }
    )
    fact = _split_by_month(spans, first, last, "beds").rename(columns={"days": "available"})
    groups["bed_capacity"] = rollup.sums(fact, ["available"])

    # ed_visit
    wait = _minutes(arrivals["first_seen_ts"], arrivals["arrival_ts"])
    stay = _minutes(arrivals["departure_ts"], arrivals["arrival_ts"])
    fact = pd.DataFrame(
        {
            "unit_id": arrivals["unit_id"],
            "month": _month(arrivals["arrival_ts"]),
            "wait": wait,
            "seen_4h": (wait <= 240).fillna(False),
            "left_4h": (stay <= 240).fillna(False),
            "has_stay": stay.notna(),
            "lwbs": arrivals["disposition"].eq("left_without_being_seen").fillna(False),
        }
    )
    fact = _in_window(fact, first, last)
    groups["ed_visit"] = rollup.sums(fact, ["seen_4h", "left_4h", "has_stay", "lwbs"]).join(
        rollup.quantiles(fact, "wait", {"wait_p50": 0.5, "wait_p90": 0.9})
    )

    # incident, experience (empty in the synthetic data, computed all the same)
    fact = pd.DataFrame(
        {
            "unit_id": incidents["unit_id"],
            "month": _month(incidents["occurred_ts"]),
            "harm": incidents["harm"].fillna(False).astype(bool),
        }
    )
    groups["incident"] = rollup.sums(_in_window(fact, first, last), ["harm"])
    fft = answers["question_code"].eq("FFT").fillna(False)
    fact = pd.DataFrame(
        {
            "unit_id": answers["unit_id"],
            "month": _month(answers["answered_ts"]),
            "fft_positive": fft & answers["positive"].fillna(False).astype(bool),
            "fft_negative": fft & answers["negative"].fillna(False).astype(bool),
            "fft_answered": fft & ~answers["dont_know"].fillna(True).astype(bool),
        }
    )
    groups["experience"] = rollup.sums(
        _in_window(fact, first, last), ["fft_positive", "fft_negative", "fft_answered"]
    )
    return _indicators(groups)


def _minutes(later: pd.Series, earlier: pd.Series) -> pd.Series:
    """Whole minutes between two timestamps (minute boundaries crossed, as SQL's
    ``date_diff('minute', …)``), as floats with NaN where either is missing."""
    a = later.dt.floor("min")
    b = earlier.dt.floor("min")
    return (a - b).dt.total_seconds() / 60


INDICATORS: dict[str, tuple[tuple[str, str], tuple[str, str] | None, float, bool]] = {
    # code: ((fact, numerator column), (fact, denominator column) | None, multiplier,
    #        numerator additive)
    "OUTPATIENT_VISITS": (("encounter", "outpatient"), None, 1.0, True),
    "ADMISSIONS": (("admission", "_rows"), None, 1.0, True),
    "EMERGENCY_ADMISSIONS": (("admission", "emergency"), None, 1.0, True),
    "DISCHARGES": (("discharge", "_rows"), None, 1.0, True),
    "PATIENTS": (("encounter", "patients"), None, 1.0, False),
    "BED_DAYS": (("bed_day", "bed_days"), None, 1.0, True),
    "ALOS": (("discharge", "los_days"), ("discharge", "_rows"), 1.0, True),
    "BED_OCCUPANCY": (("bed_day", "bed_days"), ("bed_capacity", "available"), 100.0, True),
    "READMISSION_30D": (("discharge", "index_readmitted"), ("discharge", "index"), 100.0, True),
    "MORTALITY_INHOSPITAL": (("discharge", "died"), ("discharge", "_rows"), 100.0, True),
    "ED_ARRIVALS": (("ed_visit", "_rows"), None, 1.0, True),
    "ED_WAIT_MEDIAN": (("ed_visit", "wait_p50"), None, 1.0, False),
    "ED_WAIT_P90": (("ed_visit", "wait_p90"), None, 1.0, False),
    "ED_SEEN_4H": (("ed_visit", "seen_4h"), ("ed_visit", "_rows"), 100.0, True),
    "ED_LEFT_4H": (("ed_visit", "left_4h"), ("ed_visit", "has_stay"), 100.0, True),
    "ED_LWBS": (("ed_visit", "lwbs"), ("ed_visit", "_rows"), 100.0, True),
    "INCIDENTS_PER_1000_BED_DAYS": (("incident", "_rows"), ("bed_day", "bed_days"), 1000.0, True),
    "HARM_INCIDENTS_PER_1000_BED_DAYS": (
        ("incident", "harm"),
        ("bed_day", "bed_days"),
        1000.0,
        True,
    ),
    "FFT_POSITIVE": (("experience", "fft_positive"), ("experience", "fft_answered"), 100.0, True),
    "FFT_NEGATIVE": (("experience", "fft_negative"), ("experience", "fft_answered"), 100.0, True),
}


def _indicators(groups: dict[str, pd.DataFrame]) -> pd.DataFrame:
    parts = []
    for code, (num, den, multiplier, additive) in INDICATORS.items():
        numerator = groups[num[0]][num[1]].astype("float64").rename("numerator")
        if den is None:
            out = numerator.to_frame()
            out["denominator"] = np.nan
            out["value"] = out["numerator"] * multiplier
            out["reason"] = np.where(out["numerator"].isna(), "no_rows", "")
        else:
            denominator = groups[den[0]][den[1]].astype("float64").rename("denominator")
            out = pd.concat([numerator, denominator], axis=1, join="outer")
            if additive:
                out["numerator"] = out["numerator"].fillna(0.0)
            missing = out["denominator"].isna()
            zero = out["denominator"].eq(0)
            no_num = out["numerator"].isna()
            out["value"] = (out["numerator"] * multiplier / out["denominator"]).where(
                ~missing & ~zero & ~no_num
            )
            out["reason"] = np.select(
                [missing, zero, no_num], ["no_denominator", "zero_denominator", "no_rows"], ""
            )
        out = out.reset_index().rename(columns={"ancestor_id": "unit_id"})
        out.insert(0, "code", code)
        parts.append(
            out[["code", "unit_id", "period", "numerator", "denominator", "value", "reason"]]
        )
    return pd.concat(parts, ignore_index=True)
