"""Baseline (b): the standard indicator set as one hand-written DuckDB SQL script.

What an expert would write for these figures, directly against the warehouse, as the
practical limit of what the engine (which compiles definitions through Ibis) could reach:

- every table is read once per fact, only the columns needed, with the filters pushed down;
- additive measures are aggregated per unit × month (a few thousand rows) and rolled up with
  the unit → ancestor bridge and one ``GROUPING SETS`` aggregate over month, quarter,
  half-year and year — no period bridge for the large tables;
- distinct patients: per (unit, year, patient) a 12-bit mask of the months seen
  (``bit_or``), OR-ed up the unit → ancestor bridge per (ancestor, year, patient), then one
  pass counts, per ancestor and year, the patients whose mask meets each month, quarter,
  half-year and the year — no period bridge, every row spread over the ancestors once;
  patients are grouped by the 64-bit ``hash`` of their key after a check that it tells
  them apart (the script stops with an error otherwise);
- ED waiting-time percentiles: the rows with a waiting time are spread over the ancestors
  and both quantiles come from one ``quantile_cont(wait, [0.5, 0.9])`` per group, again
  with ``GROUPING SETS`` for the four period types;
- readmissions: a range join of index discharges and emergency admissions of the same
  patient.

It follows the rules of ``soteria/indicators/facts.py`` and ``engine.py``
(``docs/indicators.md``) exactly; the benchmark checks it gives the engine's figures. The
script runs in an in-memory DuckDB database with the warehouse attached read-only as ``w``
and the unit bridge registered as ``bridge(unit_id, ancestor_id)``.
"""

from __future__ import annotations

from datetime import date

SCRIPT = """
CREATE TEMP TABLE months AS
SELECT m::DATE AS month, (m + INTERVAL 1 MONTH)::DATE AS month_end
FROM range(DATE '{first}', DATE '{last}' + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m);

CREATE MACRO period_code(month, kind) AS CASE kind
    WHEN 0 THEN strftime(month, '%Y%m')
    WHEN 1 THEN year(month)::VARCHAR || 'Q' || quarter(month)::VARCHAR
    WHEN 2 THEN year(month)::VARCHAR || CASE WHEN month(month) <= 6 THEN 'S1' ELSE 'S2' END
    ELSE year(month)::VARCHAR END;

-- Per fact: additive measures per unit x month (leaf), then rolled up below.
CREATE TEMP TABLE inpatient AS
SELECT source_system, encounter_key, patient_key, unit_id, status, start_ts, end_ts,
       admit_source, discharge_disposition
FROM w.encounter
WHERE class_code IN ('IMP', 'ACUTE', 'NONAC')
  AND status NOT IN ('cancelled', 'entered-in-error', 'planned') AND start_ts IS NOT NULL;

CREATE TEMP TABLE encounter_rows AS
SELECT unit_id, date_trunc('month', start_ts)::DATE AS month, patient_key,
       class_code IN ('AMB', 'VR') AS outpatient
FROM w.encounter
WHERE status NOT IN ('cancelled', 'entered-in-error', 'planned') AND start_ts IS NOT NULL
  AND start_ts >= DATE '{first}' AND start_ts < DATE '{last}' + INTERVAL 1 MONTH;

CREATE TEMP TABLE leaf AS
SELECT 'encounter' AS fact, unit_id, month, count(*) AS n, count(*) FILTER (outpatient) AS a,
       0 AS b, 0 AS c, 0 AS d
FROM encounter_rows GROUP BY ALL;

-- admission: at the first mapped location of the stay
INSERT INTO leaf
WITH first_unit AS (
    SELECT source_system, encounter_key, arg_min(unit_id, seq) AS admit_unit
    FROM w.encounter_location WHERE unit_id IS NOT NULL GROUP BY ALL
)
SELECT 'admission', coalesce(f.admit_unit, i.unit_id), date_trunc('month', i.start_ts)::DATE,
       count(*), count(*) FILTER (coalesce(i.admit_source IN ('emd'), false)), 0, 0, 0
FROM inpatient i LEFT JOIN first_unit f USING (source_system, encounter_key)
WHERE i.start_ts >= DATE '{first}' AND i.start_ts < DATE '{last}' + INTERVAL 1 MONTH
GROUP BY ALL;

-- discharge: length of stay, deaths, 30-day emergency readmissions of index discharges
INSERT INTO leaf
WITH discharged AS (
    SELECT * FROM inpatient
    WHERE status = 'finished' AND end_ts IS NOT NULL
      AND end_ts >= DATE '{first}' AND end_ts < DATE '{last}' + INTERVAL 1 MONTH
), readmitted AS (
    SELECT DISTINCT d.source_system, d.encounter_key
    FROM discharged d JOIN inpatient r
      ON r.source_system = d.source_system AND r.patient_key = d.patient_key
     AND r.encounter_key <> d.encounter_key
     AND r.start_ts >= d.end_ts AND r.start_ts <= d.end_ts + INTERVAL 30 DAY
    WHERE r.admit_source IN ('emd')
), flagged AS (
    SELECT d.unit_id, date_trunc('month', d.end_ts)::DATE AS month,
           date_diff('day', d.start_ts::DATE, d.end_ts::DATE) AS los_days,
           coalesce(d.discharge_disposition IN ('exp'), false) AS died,
           NOT coalesce(d.discharge_disposition IN ('exp'), false)
           AND NOT coalesce(d.discharge_disposition IN ('hosp', 'other-hcf'), false) AS idx,
           r.encounter_key IS NOT NULL AS readmitted
    FROM discharged d LEFT JOIN readmitted r USING (source_system, encounter_key)
)
SELECT 'discharge', unit_id, month, count(*), sum(los_days), count(*) FILTER (died),
       count(*) FILTER (idx), count(*) FILTER (idx AND readmitted)
FROM flagged GROUP BY ALL;

-- bed_day: each ward stay (or the stay itself when it has no ward stays) split by month,
-- counting the midnights; open stays up to as_of
INSERT INTO leaf
WITH ward_stays AS (
    SELECT source_system, encounter_key, unit_id, start_ts, end_ts
    FROM w.encounter_location
    WHERE start_ts IS NOT NULL AND NOT coalesce(status IN ('planned'), false)
), segments AS (
    SELECT coalesce(l.unit_id, i.unit_id) AS unit_id, l.start_ts::DATE AS first_day,
           coalesce(coalesce(l.end_ts, i.end_ts)::DATE, DATE '{as_of}') AS after_day
    FROM ward_stays l JOIN inpatient i USING (source_system, encounter_key)
    UNION ALL
    SELECT i.unit_id, i.start_ts::DATE, coalesce(i.end_ts::DATE, DATE '{as_of}')
    FROM inpatient i ANTI JOIN ward_stays l USING (source_system, encounter_key)
), split AS (
    SELECT s.unit_id, m.month,
           date_diff('day', greatest(s.first_day, m.month), least(s.after_day, m.month_end))
               AS bed_days
    FROM segments s JOIN months m ON s.first_day < m.month_end AND s.after_day > m.month
)
SELECT 'bed_day', unit_id, month, count(*), sum(bed_days), 0, 0, 0
FROM split WHERE bed_days > 0 GROUP BY ALL;

-- bed_capacity: a row's beds hold until the unit's next row, the last one to the end of its
-- month (or as_of)
INSERT INTO leaf
WITH spans AS (
    SELECT unit_id, date AS first_day, beds,
           coalesce(lead(date) OVER (PARTITION BY source_system, unit_id ORDER BY date),
                    least((date_trunc('month', date) + INTERVAL 1 MONTH)::DATE,
                          DATE '{as_of}')) AS after_day
    FROM w.bed_capacity
), split AS (
    SELECT s.unit_id, m.month,
           date_diff('day', greatest(s.first_day, m.month), least(s.after_day, m.month_end))
               * s.beds AS available
    FROM spans s JOIN months m ON s.first_day < m.month_end AND s.after_day > m.month
)
SELECT 'bed_capacity', unit_id, month, count(*), sum(available), 0, 0, 0
FROM split WHERE available > 0 GROUP BY ALL;

-- ed_visit
CREATE TEMP TABLE ed_rows AS
SELECT unit_id, date_trunc('month', arrival_ts)::DATE AS month,
       date_diff('minute', arrival_ts, first_seen_ts) AS wait,
       date_diff('minute', arrival_ts, departure_ts) AS stay,
       coalesce(disposition = 'left_without_being_seen', false) AS lwbs
FROM w.ed_arrival
WHERE arrival_ts >= DATE '{first}' AND arrival_ts < DATE '{last}' + INTERVAL 1 MONTH;

INSERT INTO leaf
SELECT 'ed_visit', unit_id, month, count(*), count(*) FILTER (wait <= 240),
       count(*) FILTER (stay <= 240), count(stay), count(*) FILTER (lwbs)
FROM ed_rows GROUP BY ALL;

-- incident and experience (empty in the synthetic data, computed all the same)
INSERT INTO leaf
SELECT 'incident', unit_id, date_trunc('month', occurred_ts)::DATE, count(*),
       count(*) FILTER (coalesce(harm, false)), 0, 0, 0
FROM w.incident
WHERE occurred_ts >= DATE '{first}' AND occurred_ts < DATE '{last}' + INTERVAL 1 MONTH
GROUP BY ALL;

INSERT INTO leaf
SELECT 'experience', unit_id, date_trunc('month', answered_ts)::DATE, count(*),
       count(*) FILTER (question_code = 'FFT' AND coalesce(positive, false)),
       count(*) FILTER (question_code = 'FFT' AND coalesce(negative, false)),
       count(*) FILTER (question_code = 'FFT' AND NOT coalesce(dont_know, true)), 0
FROM w.experience_answer
WHERE answered_ts >= DATE '{first}' AND answered_ts < DATE '{last}' + INTERVAL 1 MONTH
GROUP BY ALL;

-- Roll-up of the additive measures: ancestors x (month, quarter, half-year, year).
CREATE TEMP TABLE rolled AS
WITH spread AS (
    SELECT l.fact, b.ancestor_id, l.month, l.n, l.a, l.b, l.c, l.d
    FROM leaf l JOIN bridge b ON b.unit_id = l.unit_id
), tagged AS (
    SELECT *, period_code(month, 0) AS p0, period_code(month, 1) AS p1,
           period_code(month, 2) AS p2, period_code(month, 3) AS p3
    FROM spread
)
SELECT fact, ancestor_id, coalesce(p0, p1, p2, p3) AS period,
       sum(n)::DOUBLE AS n, sum(a)::DOUBLE AS a, sum(b)::DOUBLE AS b, sum(c)::DOUBLE AS c,
       sum(d)::DOUBLE AS d
FROM tagged
GROUP BY GROUPING SETS ((fact, ancestor_id, p0), (fact, ancestor_id, p1),
                        (fact, ancestor_id, p2), (fact, ancestor_id, p3));

-- Distinct patients at every level. Per (unit, year, patient) the months seen as a 12-bit
-- mask; OR-ed up to the ancestors; then a patient counts in a period of that year when the
-- mask meets the period's months. No period bridge, and each row is spread only once.
-- Patients are grouped by the 64-bit hash of their 32-character key, once it is checked to
-- tell them apart (the script stops otherwise).
SELECT CASE WHEN count(DISTINCT patient_key) <> count(DISTINCT hash(patient_key))
            THEN error('two patient keys share a hash') END
FROM encounter_rows WHERE patient_key IS NOT NULL;

CREATE TEMP TABLE patient_counts AS
WITH leaf AS (
    SELECT unit_id, year(month) AS y, hash(patient_key) AS patient,
           bit_or(1 << (month(month) - 1)) AS m
    FROM encounter_rows WHERE patient_key IS NOT NULL GROUP BY ALL
), spread AS (
    SELECT b.ancestor_id, l.y, bit_or(l.m) AS m
    FROM leaf l JOIN bridge b ON b.unit_id = l.unit_id
    GROUP BY b.ancestor_id, l.y, l.patient
), counted AS (
    SELECT ancestor_id, y,
           count(*) FILTER (m & 1 <> 0) AS "01",
           count(*) FILTER (m & 2 <> 0) AS "02",
           count(*) FILTER (m & 4 <> 0) AS "03",
           count(*) FILTER (m & 8 <> 0) AS "04",
           count(*) FILTER (m & 16 <> 0) AS "05",
           count(*) FILTER (m & 32 <> 0) AS "06",
           count(*) FILTER (m & 64 <> 0) AS "07",
           count(*) FILTER (m & 128 <> 0) AS "08",
           count(*) FILTER (m & 256 <> 0) AS "09",
           count(*) FILTER (m & 512 <> 0) AS "10",
           count(*) FILTER (m & 1024 <> 0) AS "11",
           count(*) FILTER (m & 2048 <> 0) AS "12",
           count(*) FILTER (m & 7 <> 0) AS "Q1",
           count(*) FILTER (m & 56 <> 0) AS "Q2",
           count(*) FILTER (m & 448 <> 0) AS "Q3",
           count(*) FILTER (m & 3584 <> 0) AS "Q4",
           count(*) FILTER (m & 63 <> 0) AS "S1",
           count(*) FILTER (m & 4032 <> 0) AS "S2",
           count(*) AS "YEAR"
    FROM spread GROUP BY ALL
)
SELECT ancestor_id, y::VARCHAR || CASE suffix WHEN 'YEAR' THEN '' ELSE suffix END AS period,
       patients::DOUBLE AS patients
FROM (UNPIVOT counted ON COLUMNS(* EXCLUDE (ancestor_id, y)) INTO NAME suffix VALUE patients);

-- ED waiting-time percentiles at every level (groups without a waiting time have none).
CREATE TEMP TABLE waits AS
WITH tagged AS (
    SELECT b.ancestor_id, e.wait, period_code(e.month, 0) AS p0, period_code(e.month, 1) AS p1,
           period_code(e.month, 2) AS p2, period_code(e.month, 3) AS p3
    FROM ed_rows e JOIN bridge b ON b.unit_id = e.unit_id
    WHERE e.wait IS NOT NULL
), q AS (
    SELECT ancestor_id, coalesce(p0, p1, p2, p3) AS period,
           quantile_cont(wait, [0.5, 0.9]) AS qs
    FROM tagged
    GROUP BY GROUPING SETS ((ancestor_id, p0), (ancestor_id, p1), (ancestor_id, p2),
                            (ancestor_id, p3))
)
SELECT ancestor_id, period, qs[1]::DOUBLE AS p50, qs[2]::DOUBLE AS p90 FROM q;

-- Indicators: numerator, denominator, value, and the reason when there is no value.
-- Leaf columns per fact: encounter a = outpatient visits; admission a = emergency;
-- discharge a = length of stay, b = died, c = readmission index, d = index readmitted;
-- bed_day a = bed-days; bed_capacity a = available bed-days; ed_visit a = seen within 4 h,
-- b = left within 4 h, c = has left, d = left without being seen; incident a = harm;
-- experience a = FFT positive, b = FFT negative, c = FFT answered (not "don't know").
CREATE TEMP TABLE measures AS
UNPIVOT rolled ON n, a, b, c, d INTO NAME measure VALUE v;

CREATE MACRO total(code, fact_name, measure_name) AS TABLE
SELECT code AS code, ancestor_id AS unit_id, period, v AS numerator, NULL::DOUBLE AS denominator,
       v AS value, '' AS reason
FROM measures WHERE fact = fact_name AND measure = measure_name;

CREATE MACRO ratio(code, nfact, nmeasure, dfact, dmeasure, mult) AS TABLE
SELECT code AS code, coalesce(nm.ancestor_id, dn.ancestor_id) AS unit_id,
       coalesce(nm.period, dn.period) AS period, coalesce(nm.v, 0.0) AS numerator,
       dn.v AS denominator,
       CASE WHEN dn.v IS NULL OR dn.v = 0 THEN NULL ELSE coalesce(nm.v, 0.0) * mult / dn.v END
           AS value,
       CASE WHEN dn.v IS NULL THEN 'no_denominator' WHEN dn.v = 0 THEN 'zero_denominator'
            ELSE '' END AS reason
FROM (SELECT * FROM measures WHERE fact = nfact AND measure = nmeasure) nm
FULL JOIN (SELECT * FROM measures WHERE fact = dfact AND measure = dmeasure) dn
  ON dn.ancestor_id = nm.ancestor_id AND dn.period = nm.period;

CREATE TEMP TABLE results AS
          SELECT * FROM total('OUTPATIENT_VISITS', 'encounter', 'a')
UNION ALL SELECT * FROM total('ADMISSIONS', 'admission', 'n')
UNION ALL SELECT * FROM total('EMERGENCY_ADMISSIONS', 'admission', 'a')
UNION ALL SELECT * FROM total('DISCHARGES', 'discharge', 'n')
UNION ALL SELECT 'PATIENTS', m.ancestor_id, m.period, coalesce(p.patients, 0.0), NULL,
                 coalesce(p.patients, 0.0), ''
          FROM measures m LEFT JOIN patient_counts p USING (ancestor_id, period)
          WHERE m.fact = 'encounter' AND m.measure = 'n'
UNION ALL SELECT * FROM total('BED_DAYS', 'bed_day', 'a')
UNION ALL SELECT * FROM ratio('ALOS', 'discharge', 'a', 'discharge', 'n', 1.0)
UNION ALL SELECT * FROM ratio('BED_OCCUPANCY', 'bed_day', 'a', 'bed_capacity', 'a', 100.0)
UNION ALL SELECT * FROM ratio('READMISSION_30D', 'discharge', 'd', 'discharge', 'c', 100.0)
UNION ALL SELECT * FROM ratio('MORTALITY_INHOSPITAL', 'discharge', 'b', 'discharge', 'n', 100.0)
UNION ALL SELECT * FROM total('ED_ARRIVALS', 'ed_visit', 'n')
UNION ALL SELECT 'ED_WAIT_MEDIAN', m.ancestor_id, m.period, w.p50, NULL, w.p50,
                 CASE WHEN w.p50 IS NULL THEN 'no_rows' ELSE '' END
          FROM measures m LEFT JOIN waits w USING (ancestor_id, period)
          WHERE m.fact = 'ed_visit' AND m.measure = 'n'
UNION ALL SELECT 'ED_WAIT_P90', m.ancestor_id, m.period, w.p90, NULL, w.p90,
                 CASE WHEN w.p90 IS NULL THEN 'no_rows' ELSE '' END
          FROM measures m LEFT JOIN waits w USING (ancestor_id, period)
          WHERE m.fact = 'ed_visit' AND m.measure = 'n'
UNION ALL SELECT * FROM ratio('ED_SEEN_4H', 'ed_visit', 'a', 'ed_visit', 'n', 100.0)
UNION ALL SELECT * FROM ratio('ED_LEFT_4H', 'ed_visit', 'b', 'ed_visit', 'c', 100.0)
UNION ALL SELECT * FROM ratio('ED_LWBS', 'ed_visit', 'd', 'ed_visit', 'n', 100.0)
UNION ALL SELECT * FROM ratio('INCIDENTS_PER_1000_BED_DAYS', 'incident', 'n', 'bed_day', 'a',
                              1000.0)
UNION ALL SELECT * FROM ratio('HARM_INCIDENTS_PER_1000_BED_DAYS', 'incident', 'a', 'bed_day',
                              'a', 1000.0)
UNION ALL SELECT * FROM ratio('FFT_POSITIVE', 'experience', 'a', 'experience', 'c', 100.0)
UNION ALL SELECT * FROM ratio('FFT_NEGATIVE', 'experience', 'b', 'experience', 'c', 100.0);
"""

CODES = (
    "OUTPATIENT_VISITS",
    "ADMISSIONS",
    "EMERGENCY_ADMISSIONS",
    "DISCHARGES",
    "PATIENTS",
    "BED_DAYS",
    "ALOS",
    "BED_OCCUPANCY",
    "READMISSION_30D",
    "MORTALITY_INHOSPITAL",
    "ED_ARRIVALS",
    "ED_WAIT_MEDIAN",
    "ED_WAIT_P90",
    "ED_SEEN_4H",
    "ED_LEFT_4H",
    "ED_LWBS",
    "INCIDENTS_PER_1000_BED_DAYS",
    "HARM_INCIDENTS_PER_1000_BED_DAYS",
    "FFT_POSITIVE",
    "FFT_NEGATIVE",
)
"""The computed indicators of the standard set this script answers."""


def script(first: date, last: date, as_of: date) -> str:
    return SCRIPT.format(first=first.isoformat(), last=last.isoformat(), as_of=as_of.isoformat())
