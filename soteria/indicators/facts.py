"""The facts indicators are declared over: a small semantic layer on the warehouse tables.

An indicator's numerator and denominator each count, sum or take a percentile over *one*
fact. A fact is a table with one row per thing that happened — an admission, a discharge,
the bed-days of one ward stay in one month, an ED arrival — with the org unit it belongs to
(``unit_id``), the month it falls in (``month``, the first day of that month) and the
columns a definition may filter or aggregate on.

Facts are built as Ibis expressions from the warehouse tables, so the same definitions run on
DuckDB (embedded, the default) and on Spark (reading the warehouse's Parquet export). The
rules that decide what counts — which encounters are inpatient stays, when a stay is a
readmission, how a stay's bed-days are split across months — live here, once, and are
described in ``docs/indicators.md``.

Months are calendar months in UTC (the warehouse keeps UTC timestamps).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import ibis
import ibis.expr.types as ir
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ColumnType = Literal["int", "float", "bool", "str", "timestamp", "date"]
NUMERIC: frozenset[str] = frozenset({"int", "float"})

INPATIENT_CLASSES = ("IMP", "ACUTE", "NONAC")
"""Encounter classes (v3 ActCode) that are inpatient stays."""
OUTPATIENT_CLASSES = ("AMB", "VR")
NOT_HAPPENED = ("cancelled", "entered-in-error", "planned")
"""Encounter statuses that are not (yet) an encounter that took place."""
DIED = ("exp",)
"""Discharge dispositions meaning the patient died (HL7 discharge-disposition ``exp``)."""
TRANSFERRED = ("hosp", "other-hcf")
"""Discharge dispositions meaning a transfer to another hospital or care facility."""
EMERGENCY_ADMIT_SOURCES = ("emd",)
"""Admit sources meaning an unplanned admission through the emergency department."""
READMISSION_DAYS = 30
FOUR_HOURS_MINUTES = 240


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    label: str | Promise
    nonnegative: bool = False


@dataclass(frozen=True)
class Fact:
    name: str
    label: str | Promise
    description: str | Promise
    tables: tuple[str, ...]
    """Warehouse tables it reads (an import touching them makes it change)."""
    columns: Mapping[str, Column]
    build: Callable[[Source], ir.Table]
    """Returns ``unit_id``, ``month`` and ``columns``."""


@dataclass
class Source:
    """Where facts come from: warehouse tables on one backend, and the calendar to use."""

    tables: Callable[[str], ir.Table]
    first_month: date
    last_month: date
    as_of: date
    """Stays still open are counted up to this day (exclusive)."""
    _cache: dict[str, ir.Table] = field(default_factory=dict)

    def table(self, name: str) -> ir.Table:
        if name not in self._cache:
            self._cache[name] = self.tables(name)
        return self._cache[name]

    def months(self) -> ir.Table:
        """One row per calendar month of the window: ``month`` and ``month_end`` (exclusive)."""
        starts, ends = [], []
        index = self.first_month.year * 12 + self.first_month.month - 1
        stop = self.last_month.year * 12 + self.last_month.month - 1
        while index <= stop:
            starts.append(date(index // 12, index % 12 + 1, 1))
            index += 1
            ends.append(date(index // 12, index % 12 + 1, 1))
        return ibis.memtable(
            {"cal_month": starts, "cal_end": ends},
            schema={"cal_month": "date", "cal_end": "date"},
        )


def _month(value: ir.Value) -> ir.Value:
    """The first day of the month of a timestamp or date."""
    if isinstance(value, ir.TimestampValue):
        value = value.date()
    return value.truncate("M")


def _in_window(table: ir.Table, source: Source) -> ir.Table:
    return table.filter(
        table.month >= ibis.literal(source.first_month),
        table.month <= ibis.literal(source.last_month),
    )


def _happened(source: Source) -> ir.Table:
    e = source.table("encounter")
    return e.filter(~e.status.isin(NOT_HAPPENED), e.start_ts.notnull())


def _build_encounter(source: Source) -> ir.Table:
    e = _happened(source)
    out = e.select(
        unit_id=e.unit_id,
        month=_month(e.start_ts),
        class_code=e.class_code,
        status=e.status,
        service_type=e.service_type,
        admit_source=e.admit_source,
        discharge_disposition=e.discharge_disposition,
        patient_key=e.patient_key,
        los_days=e.end_ts.date().delta(e.start_ts.date(), unit="day"),
    )
    return _in_window(out, source)


def _inpatient(source: Source) -> ir.Table:
    e = _happened(source)
    return e.filter(e.class_code.isin(INPATIENT_CLASSES))


def _min_by(value: object, key: object) -> object:
    """Stands for the backends' own ``min_by`` (``ibis.udf.agg.builtin``)."""


def _build_admission(source: Source) -> ir.Table:
    e = _inpatient(source)
    loc = source.table("encounter_location")
    loc = loc.filter(loc.unit_id.notnull())
    # The unit of the lowest seq, in one aggregation (DuckDB: arg_min, Spark: min_by).
    min_by = ibis.udf.agg.builtin(
        _min_by,
        name="min_by",
        signature=((loc.unit_id.type(), loc.seq.type()), loc.unit_id.type()),
    )
    first_unit = loc.group_by(["source_system", "encounter_key"]).aggregate(
        admit_unit=min_by(loc.unit_id, loc.seq)
    )
    joined = e.left_join(
        first_unit,
        [
            e.source_system == first_unit.source_system,
            e.encounter_key == first_unit.encounter_key,
        ],
    )
    out = joined.select(
        unit_id=joined.admit_unit.coalesce(joined.unit_id),
        month=_month(joined.start_ts),
        class_code=joined.class_code,
        admit_source=joined.admit_source,
        emergency=joined.admit_source.isin(EMERGENCY_ADMIT_SOURCES).fill_null(False),
        patient_key=joined.patient_key,
    )
    return _in_window(out, source)


def _build_discharge(source: Source) -> ir.Table:
    e = _inpatient(source)
    e = e.filter(e.status == "finished", e.end_ts.notnull())
    # Emergency admissions of the same patient that start after the discharge: the join
    # stays on patient_key, so its size follows the number of stays per patient.
    inp = _inpatient(source)
    readmit = inp.filter(inp.admit_source.isin(EMERGENCY_ADMIT_SOURCES)).select(
        r_source=inp.source_system,
        r_patient=inp.patient_key,
        r_key=inp.encounter_key,
        r_start=inp.start_ts,
    )
    pairs = e.join(
        readmit,
        [
            e.source_system == readmit.r_source,
            e.patient_key == readmit.r_patient,
            e.encounter_key != readmit.r_key,
            readmit.r_start >= e.end_ts,
            readmit.r_start <= e.end_ts + ibis.interval(days=READMISSION_DAYS),
        ],
    )
    readmitted = pairs.select(x_source=pairs.source_system, x_key=pairs.encounter_key).distinct()
    flagged = e.left_join(
        readmitted,
        [e.source_system == readmitted.x_source, e.encounter_key == readmitted.x_key],
    )
    died = flagged.discharge_disposition.isin(DIED).fill_null(False)
    transferred = flagged.discharge_disposition.isin(TRANSFERRED).fill_null(False)
    out = flagged.select(
        unit_id=flagged.unit_id,
        month=_month(flagged.end_ts),
        class_code=flagged.class_code,
        admit_source=flagged.admit_source,
        discharge_disposition=flagged.discharge_disposition,
        patient_key=flagged.patient_key,
        los_days=flagged.end_ts.date().delta(flagged.start_ts.date(), unit="day"),
        same_day=flagged.end_ts.date() == flagged.start_ts.date(),
        died=died,
        transferred_out=transferred,
        readmission_index=~died & ~transferred,
        readmitted_30d=flagged.x_key.notnull(),
    )
    return _in_window(out, source)


def _build_bed_day(source: Source) -> ir.Table:
    e = _inpatient(source)
    as_of = ibis.literal(source.as_of)
    loc = source.table("encounter_location")
    loc = loc.filter(loc.start_ts.notnull(), ~loc.status.isin(["planned"]).fill_null(False))
    segments_loc = loc.join(
        e,
        [loc.source_system == e.source_system, loc.encounter_key == e.encounter_key],
    )
    segments_loc = segments_loc.select(
        seg_unit=segments_loc.unit_id.coalesce(segments_loc.unit_id_right),
        seg_start=segments_loc.start_ts,
        seg_end=segments_loc.end_ts.coalesce(segments_loc.end_ts_right),
    )
    without = e.anti_join(  # stays with no ward stay: the stay itself
        loc, [e.source_system == loc.source_system, e.encounter_key == loc.encounter_key]
    )
    segments_enc = without.select(
        seg_unit=without.unit_id, seg_start=without.start_ts, seg_end=without.end_ts
    )
    segments = segments_loc.union(segments_enc)
    segments = segments.select(
        seg_unit=segments.seg_unit,
        first_day=segments.seg_start.date(),
        after_day=segments.seg_end.date().coalesce(as_of),
    )
    # A bed-day is counted for each calendar day D the patient was in a bed at the
    # midnight that ends D: days first_day .. after_day - 1 (length of stay in days).
    cal = source.months()
    split = segments.join(
        cal,
        [segments.first_day < cal.cal_end, segments.after_day > cal.cal_month],
    )
    lo = ibis.greatest(split.first_day, split.cal_month)
    hi = ibis.least(split.after_day, split.cal_end)
    out = split.select(
        unit_id=split.seg_unit,
        month=split.cal_month,
        bed_days=hi.delta(lo, unit="day"),
    )
    return out.filter(out.bed_days > 0)


def _build_bed_capacity(source: Source) -> ir.Table:
    """Available bed-days per unit and month from capacity rows, daily or per period.

    A row's number of beds holds from its date until the unit's next row; the last row holds
    to the end of its month or to the day of computation, whichever comes first — so daily
    exports and monthly ones (one row on the first of each month) both count right.
    """
    b = source.table("bed_capacity")
    following = b.date.lead().over(
        ibis.window(group_by=[b.source_system, b.unit_id], order_by=b.date)
    )
    month_end = b.date.truncate("M") + ibis.interval(months=1)
    until = following.coalesce(ibis.least(month_end, ibis.literal(source.as_of)))
    spans = b.select(unit_id=b.unit_id, first_day=b.date, after_day=until, beds=b.beds)
    cal = source.months()
    split = spans.join(cal, [spans.first_day < cal.cal_end, spans.after_day > cal.cal_month])
    lo = ibis.greatest(split.first_day, split.cal_month)
    hi = ibis.least(split.after_day, split.cal_end)
    out = split.select(
        unit_id=split.unit_id,
        month=split.cal_month,
        available_bed_days=hi.delta(lo, unit="day") * split.beds,
    )
    return out.filter(out.available_bed_days > 0)


def _build_ed_visit(source: Source) -> ir.Table:
    a = source.table("ed_arrival")
    # durations from UTC (see local_time): the night summer time begins has 23 hours
    wait = a.first_seen_ts_utc.delta(a.arrival_ts_utc, unit="minute")
    stay = a.departure_ts_utc.delta(a.arrival_ts_utc, unit="minute")
    out = a.select(
        unit_id=a.unit_id,
        month=_month(a.arrival_ts),
        triage_category=a.triage_category,
        disposition=a.disposition,
        seen=a.first_seen_ts.notnull(),
        wait_minutes=wait,
        time_in_department_minutes=stay,
        seen_within_4h=(wait <= FOUR_HOURS_MINUTES).fill_null(False),
        left_within_4h=(stay <= FOUR_HOURS_MINUTES).fill_null(False),
        left_without_being_seen=(a.disposition == "left_without_being_seen").fill_null(False),
    )
    return _in_window(out, source)


def _build_incident(source: Source) -> ir.Table:
    i = source.table("incident")
    out = i.select(
        unit_id=i.unit_id,
        month=_month(i.occurred_ts),
        category=i.category,
        severity=i.severity,
        harm=i.harm,
    )
    return _in_window(out, source)


def _build_experience(source: Source) -> ir.Table:
    x = source.table("experience_answer")
    out = x.select(
        unit_id=x.unit_id,
        month=_month(x.answered_ts),
        survey_code=x.survey_code,
        question_code=x.question_code,
        score=x.score,
        positive=x.positive,
        negative=x.negative,
        dont_know=x.dont_know,
    )
    return _in_window(out, source)


def _columns(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


_CLASS = Column("class_code", "str", _("encounter class"))
_ADMIT = Column("admit_source", "str", _("admit source"))
_DISPOSITION = Column("discharge_disposition", "str", _("discharge disposition"))
_PATIENT = Column("patient_key", "str", _("patient (pseudonym)"))
_LOS = Column("los_days", "int", _("length of stay in days"), nonnegative=True)

FACTS: dict[str, Fact] = {
    f.name: f
    for f in [
        Fact(
            "encounter",
            _("Encounters"),
            _(
                "Every encounter that took place (not planned, cancelled or entered in error), "
                "in the month it started, at the unit it belongs to."
            ),
            ("encounter",),
            _columns(
                _CLASS,
                Column("status", "str", _("status")),
                Column("service_type", "str", _("service type")),
                _ADMIT,
                _DISPOSITION,
                _PATIENT,
                _LOS,
            ),
            _build_encounter,
        ),
        Fact(
            "admission",
            _("Admissions"),
            _(
                "Inpatient stays (class IMP, ACUTE or NONAC) in the month they started, at "
                "the admitting unit (the first mapped location of the stay)."
            ),
            ("encounter", "encounter_location"),
            _columns(
                _CLASS,
                _ADMIT,
                Column("emergency", "bool", _("admitted through the emergency department")),
                _PATIENT,
            ),
            _build_admission,
        ),
        Fact(
            "discharge",
            _("Discharges"),
            _(
                "Finished inpatient stays in the month they ended, at the discharging unit; "
                "length of stay = discharge date − admission date (same-day stays count 0 "
                "days). A discharge is a readmission index when the patient left alive and "
                "was not transferred; it is readmitted when the same patient had an "
                "emergency admission within 30 days after it."
            ),
            ("encounter", "encounter_location"),
            _columns(
                _CLASS,
                _ADMIT,
                _DISPOSITION,
                _PATIENT,
                _LOS,
                Column("same_day", "bool", _("same-day stay")),
                Column("died", "bool", _("died in hospital")),
                Column("transferred_out", "bool", _("transferred to another hospital")),
                Column("readmission_index", "bool", _("readmission index stay")),
                Column("readmitted_30d", "bool", _("emergency readmission within 30 days")),
            ),
            _build_discharge,
        ),
        Fact(
            "bed_day",
            _("Bed-days"),
            _(
                "Occupied bed-days of inpatient stays, split by ward stay and month: a day "
                "counts when the patient was in a bed at the midnight ending it, so a stay "
                "from 30 January to 2 February gives 2 days to January and 1 to February. "
                "Stays still open count up to the day of computation."
            ),
            ("encounter", "encounter_location"),
            _columns(Column("bed_days", "int", _("bed-days"), nonnegative=True)),
            _build_bed_day,
        ),
        Fact(
            "bed_capacity",
            _("Available beds"),
            _(
                "Available bed-days per unit and month from the bed-capacity data: the beds "
                "of a capacity row count every day until the unit's next row (daily or "
                "monthly exports alike)."
            ),
            ("bed_capacity",),
            _columns(
                Column("available_bed_days", "int", _("available bed-days"), nonnegative=True)
            ),
            _build_bed_capacity,
        ),
        Fact(
            "ed_visit",
            _("Emergency-department arrivals"),
            _(
                "Arrivals at an emergency department in the month of arrival; waiting time "
                "runs from arrival to first assessment by a clinician."
            ),
            ("ed_arrival",),
            _columns(
                Column("triage_category", "int", _("triage category")),
                Column("disposition", "str", _("disposition")),
                Column("seen", "bool", _("seen by a clinician")),
                Column("wait_minutes", "float", _("minutes to first assessment"), nonnegative=True),
                Column(
                    "time_in_department_minutes",
                    "float",
                    _("minutes in the department"),
                    nonnegative=True,
                ),
                Column("seen_within_4h", "bool", _("seen within 4 hours")),
                Column("left_within_4h", "bool", _("left the department within 4 hours")),
                Column("left_without_being_seen", "bool", _("left without being seen")),
            ),
            _build_ed_visit,
        ),
        Fact(
            "incident",
            _("Incidents"),
            _("Reported patient-safety incidents in the month they occurred."),
            ("incident",),
            _columns(
                Column("category", "str", _("category")),
                Column("severity", "str", _("severity")),
                Column("harm", "bool", _("caused harm")),
            ),
            _build_incident,
        ),
        Fact(
            "experience",
            _("Patient-experience answers"),
            _("Answers to patient-experience survey questions, in the month answered."),
            ("experience_answer",),
            _columns(
                Column("survey_code", "str", _("survey")),
                Column("question_code", "str", _("question")),
                Column("score", "float", _("score (0–100)"), nonnegative=True),
                Column("positive", "bool", _("positive answer")),
                Column("negative", "bool", _("negative answer")),
                Column("dont_know", "bool", _("don't know / not relevant")),
            ),
            _build_experience,
        ),
    ]
}


def facts_reading(tables: set[str]) -> set[str]:
    """The facts that change when the given warehouse tables change."""
    return {name for name, fact in FACTS.items() if tables & set(fact.tables)}
