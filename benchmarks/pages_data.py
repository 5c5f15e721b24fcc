"""The data set of the page benchmark: a scaled region with stored indicator values.

Built once per size into ``<work-dir>/pages-v<version>/`` (the default size) or
``pages-v<version>-u<units>-i<indicators>-m<months>-o<objectives>/`` (any other size) and
reused; ``dataset.json`` is written last, so a folder without it is built again. The folder
holds a Django database (SQLite) and nothing else: the pages read stored values, never the
warehouse.

What :func:`build` makes (deterministic: every random figure comes from one seeded
generator; the organisation, the strategy, the targets and the user go through the services,
as users make them, audit entries included):

1. **Units**: a region ``BR`` → hospitals ``BR-H01`` … → departments ``BR-H01-D01`` …; at
   the default size 1 + 10 + 10 × 29 = 301 units.
2. **Indicators**: the standard set (loaded by ``migrate``: 20 computed, 2 hand-entered) and
   enough computed definitions owned by the region to reach ``indicators`` (28 at the
   default of 50), saved with ``definition_save`` (so their measures are validated):
   encounter counts by class and service type, ED arrivals by triage category, shares,
   means, percentiles and a distinct count over the facts of the standard set.
3. **Values**: for every indicator × unit, one stored ``IndicatorValue`` per month of the
   ``months`` months up to :data:`LAST_MONTH` and per quarter, half-year and year that
   overlaps them (60 periods for 36 months: about 900,000 rows at the default size). They
   are *not* computed by the engine from a warehouse: plausible random figures per kind of
   indicator (counts, shares with numerator and denominator, means, rates per 1,000
   bed-days, percentiles) are drawn per department and month, summed up the tree (a
   hospital is the sum of its departments, the region of its hospitals) and over the
   months of each longer period; percentiles are averaged instead. The rows are what
   ``services._store`` writes (the same fields, ``partial`` for periods ending after
   :data:`AS_OF`), inserted with ``bulk_create`` in batches — which stands in for a
   computation: the pages only read them. Then, as after a computation run (its
   ``values_stored`` signal), the planner's statistics are updated and what the scorecard
   tables show of each series is worked out and kept with every value
   (``soteria.scorecards.row_facts``).
4. **Strategy** of the region, approved: 5 priorities, 6 programmes, ``objectives``
   objectives (default 40) owned by the region and the hospitals, each measured by 2–3
   indicators (at its owner unit or at one of the owner's departments), one initiative per
   objective with 2–4 milestones, 1–2 budget lines and a funding source.
5. **Targets**: for every objective-indicator link, a yearly target at its measured unit for
   each year of the window, 3 % better than that year's stored value, with a 5 % amber
   band, approved.
6. **User** :data:`USERNAME`: quality manager of the region (password :data:`PASSWORD`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks.indicators_data import ROOT
from benchmarks.indicators_data import environment as _data_environment

DATASET_VERSION = 3
SEED = 2026
LAST_MONTH = dt.date(2026, 10, 1)
AS_OF = dt.date(2026, 11, 1)
"""Periods ending after this day are stored as partial (not over yet)."""
REGION = "BR"
USERNAME = "bench"
PASSWORD = "bench-pages-2026"  # a throwaway benchmark database
SECRET_KEY = "benchmark-pages-not-secret-" + "x" * 30
DATABASE = "soteria.sqlite3"
META = "dataset.json"
BATCH = 5000
MAX_HOSPITALS = 10
PRIORITIES = 5
PROGRAMMES = 6


@dataclass(frozen=True)
class Sizes:
    units: int = 300
    indicators: int = 50
    months: int = 36
    objectives: int = 40

    @property
    def hospitals(self) -> int:
        return min(MAX_HOSPITALS, max(2, self.units // 30))

    @property
    def departments(self) -> int:
        """Departments per hospital."""
        return max(1, math.ceil((self.units - 1 - self.hospitals) / self.hospitals))


DEFAULT = Sizes()


def dataset_dir(work_dir: Path, sizes: Sizes) -> Path:
    if sizes == DEFAULT:
        return work_dir / f"pages-v{DATASET_VERSION}"
    return work_dir / (
        f"pages-v{DATASET_VERSION}-u{sizes.units}-i{sizes.indicators}-m{sizes.months}"
        f"-o{sizes.objectives}"
    )


def environment(folder: Path) -> dict[str, str]:
    """The environment of a process working on the data set (the server's too)."""
    env = _data_environment(folder)
    env.update(
        SOTERIA_SECRET_KEY=SECRET_KEY,
        SOTERIA_DEBUG="0",
        SOTERIA_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SOTERIA_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    return env


def load_meta(folder: Path) -> dict[str, Any] | None:
    file = folder / META
    return json.loads(file.read_text()) if file.exists() else None


def ensure_dataset(work_dir: Path, sizes: Sizes, rebuild: bool = False) -> dict[str, Any]:
    """The data set's description, building it first (in a child process) when needed."""
    folder = dataset_dir(work_dir, sizes)
    meta = None if rebuild else load_meta(folder)
    if meta is not None and meta.get("sizes") == asdict(sizes):
        print(f"data set: reusing {folder.relative_to(ROOT)}", flush=True)
        return meta
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"data set: building {folder.relative_to(ROOT)} ({sizes})", flush=True)
    command = [
        sys.executable,
        "-m",
        "benchmarks.pages",
        "--child",
        "prepare",
        "--dataset",
        str(folder),
        "--units",
        str(sizes.units),
        "--indicators",
        str(sizes.indicators),
        "--months",
        str(sizes.months),
        "--objectives",
        str(sizes.objectives),
    ]
    subprocess.run(command, cwd=ROOT, env=environment(folder), check=True)  # noqa: S603
    meta = load_meta(folder)
    if meta is None:
        raise SystemExit(f"building the data set in {folder} did not finish")
    return meta


def prepare(folder: Path, sizes: Sizes) -> None:
    """In the child (settings point at ``folder``): migrate, build, describe."""
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrated in {time.perf_counter() - started:.0f} s", flush=True)
    meta = build(sizes, log=lambda text: print("  " + text, flush=True))
    meta["build_seconds"] = time.perf_counter() - started
    meta["database_mb"] = (folder / DATABASE).stat().st_size / 1e6
    meta["version"] = DATASET_VERSION
    (folder / META).write_text(json.dumps(meta, indent=2))
    print(
        f"  data set ready in {meta['build_seconds']:.0f} s ({meta['database_mb']:,.0f} MB)",
        flush=True,
    )


# --- the builder (runs in whatever database Django is connected to) ------------------------


def build(
    sizes: Sizes = DEFAULT, seed: int = SEED, log: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    """Build the whole data set in the current database (see the module); returns counts."""
    import numpy as np
    from django.db import transaction

    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    with transaction.atomic():
        region, hospitals, departments = _units(sizes)
    t1 = time.perf_counter()
    log(f"{1 + len(hospitals) + len(departments)} units in {t1 - t0:.1f} s")
    with transaction.atomic():
        definitions = _definitions(sizes.indicators, region)
    t2 = time.perf_counter()
    log(f"{len(definitions)} indicators in {t2 - t1:.1f} s")
    values, rows = _values(definitions, region, hospitals, departments, sizes.months, rng, log)
    t3 = time.perf_counter()
    log(f"{rows:,} indicator values in {t3 - t2:.1f} s")
    facts = _row_facts()
    t3f = time.perf_counter()
    log(f"row facts of {facts:,} values in {t3f - t3:.1f} s")
    with transaction.atomic():
        version, links = _strategy(sizes, region, hospitals, departments, definitions, rng)
    t4 = time.perf_counter()
    log(
        f"strategy with {sizes.objectives} objectives, {len(links)} indicator links "
        f"in {t4 - t3f:.1f} s"
    )
    with transaction.atomic():
        targets = _targets(links, values, sizes.months)
        _user(region)
    t5 = time.perf_counter()
    log(f"{targets} targets and the user in {t5 - t4:.1f} s")
    return describe() | {
        "sizes": asdict(sizes),
        "seed": seed,
        "region": REGION,
        "version_id": version.pk,
        "last_month": LAST_MONTH.isoformat(),
        "timings": {
            "units": t1 - t0,
            "indicators": t2 - t1,
            "values": t3 - t2,
            "row facts": t3f - t3,
            "strategy": t4 - t3f,
            "targets": t5 - t4,
        },
    }


def describe() -> dict[str, Any]:
    """Row counts of what the pages read."""
    from soteria.indicators.models import IndicatorDefinition, IndicatorValue, Target
    from soteria.organisations.models import OrgUnit
    from soteria.strategy.models import Initiative, Milestone, Objective, ObjectiveIndicator

    return {
        "counts": {
            "units": OrgUnit.objects.count(),
            "indicators": IndicatorDefinition.objects.filter(active=True).count(),
            "indicators_with_values": IndicatorValue.objects.values("definition_id")
            .distinct()
            .count(),
            "values": IndicatorValue.objects.count(),
            "targets": Target.objects.count(),
            "objectives": Objective.objects.count(),
            "objective_indicators": ObjectiveIndicator.objects.count(),
            "initiatives": Initiative.objects.count(),
            "milestones": Milestone.objects.count(),
        }
    }


def _units(sizes: Sizes) -> tuple[Any, list[Any], list[Any]]:
    from soteria.organisations import services as unit_services
    from soteria.organisations.models import UnitKind

    def create(code: str, kind: str, name: str, parent: Any) -> Any:
        return unit_services.unit_create(
            actor=None, code=code, kind=kind, name={"en": name}, parent=parent
        )

    region = create(REGION, UnitKind.REGION, "Benchmark region", None)
    hospitals, departments = [], []
    for h in range(sizes.hospitals):
        hospital = create(f"{REGION}-H{h + 1:02d}", UnitKind.HOSPITAL, f"Hospital {h + 1}", region)
        hospitals.append(hospital)
        for d in range(sizes.departments):
            departments.append(
                create(
                    f"{hospital.code}-D{d + 1:02d}",
                    UnitKind.DEPARTMENT,
                    f"Hospital {h + 1} department {d + 1}",
                    hospital,
                )
            )
    return region, hospitals, departments


def _count(fact: str, *filters: dict[str, Any], aggregate: str = "count") -> dict[str, Any]:
    measure: dict[str, Any] = {"fact": fact, "aggregate": aggregate}
    if filters:
        measure["filters"] = list(filters)
    return measure


def _eq(column: str, value: Any) -> dict[str, Any]:
    return {"column": column, "op": "eq", "value": value}


def _true(column: str) -> dict[str, Any]:
    return {"column": column, "op": "is_true"}


EXTRA: list[tuple[str, str, str, str, dict[str, Any], dict[str, Any] | None, float]] = [
    # code, name, unit, direction, numerator, denominator, multiplier
    ("BR_ENC_AMB", "Ambulatory encounters", "count", "higher",
     _count("encounter", _eq("class_code", "AMB")), None, 1),
    ("BR_ENC_VR", "Virtual encounters", "count", "higher",
     _count("encounter", _eq("class_code", "VR")), None, 1),
    ("BR_ENC_EMER", "Emergency encounters", "count", "none",
     _count("encounter", _eq("class_code", "EMER")), None, 1),
    ("BR_ENC_INPATIENT", "Inpatient encounters", "count", "none",
     _count("encounter", {"column": "class_code", "op": "in", "value": ["IMP", "ACUTE", "NONAC"]}),
     None, 1),
    *[
        (f"BR_ENC_{svc}", f"Encounters, service {svc}", "count", "none",
         _count("encounter", _eq("service_type", svc)), None, 1)
        for svc in ("CARD", "SURG", "INT", "PED", "ORTH", "OBS")
    ],
    *[
        (f"BR_ED_TRIAGE_{n}", f"ED arrivals, triage category {n}", "count", "none",
         _count("ed_visit", _eq("triage_category", n)), None, 1)
        for n in range(1, 6)
    ],
    ("BR_ED_ADMITTED", "ED arrivals admitted", "count", "none",
     _count("ed_visit", _eq("disposition", "admitted")), None, 1),
    ("BR_SHARE_SAME_DAY", "Same-day stays", "percent", "none",
     _count("discharge", _true("same_day")), _count("discharge"), 100),
    ("BR_SHARE_TRANSFER_OUT", "Discharges transferred out", "percent", "lower",
     _count("discharge", _true("transferred_out")), _count("discharge"), 100),
    ("BR_SHARE_EMERGENCY_ADM", "Admissions through the ED", "percent", "none",
     _count("admission", _true("emergency")), _count("admission"), 100),
    ("BR_SHARE_ED_SEEN", "ED arrivals seen by a clinician", "percent", "higher",
     _count("ed_visit", _true("seen")), _count("ed_visit"), 100),
    ("BR_SHARE_ED_ADMITTED", "ED arrivals admitted (share)", "percent", "none",
     _count("ed_visit", _eq("disposition", "admitted")), _count("ed_visit"), 100),
    ("BR_SHARE_VIRTUAL", "Virtual share of outpatient encounters", "percent", "higher",
     _count("encounter", _eq("class_code", "VR")),
     _count("encounter", {"column": "class_code", "op": "in", "value": ["AMB", "VR"]}), 100),
    ("BR_MEAN_LOS_IMP", "Mean length of stay, IMP", "days", "lower",
     _count("discharge", _eq("class_code", "IMP"), aggregate="sum") | {"column": "los_days"},
     _count("discharge", _eq("class_code", "IMP")), 1),
    ("BR_ED_MEAN_WAIT", "ED mean wait", "minutes", "lower",
     {"fact": "ed_visit", "aggregate": "sum", "column": "wait_minutes"},
     _count("ed_visit", {"column": "wait_minutes", "op": "not_null"}), 1),
    ("BR_ED_MEAN_TIME", "ED mean time in department", "minutes", "lower",
     {"fact": "ed_visit", "aggregate": "sum", "column": "time_in_department_minutes"},
     _count("ed_visit", {"column": "time_in_department_minutes", "op": "not_null"}), 1),
    ("BR_ED_WAIT_P75", "ED wait, 75th percentile", "minutes", "lower",
     {"fact": "ed_visit", "aggregate": "percentile", "column": "wait_minutes", "q": 0.75},
     None, 1),
    ("BR_ED_TIME_MEDIAN", "ED time in department, median", "minutes", "lower",
     {"fact": "ed_visit", "aggregate": "percentile", "column": "time_in_department_minutes",
      "q": 0.5}, None, 1),
    ("BR_INPATIENTS", "Distinct inpatients", "count", "none",
     {"fact": "admission", "aggregate": "count_distinct", "column": "patient_key"}, None, 1),
    ("BR_HARM_INCIDENTS", "Incidents causing harm", "count", "lower",
     _count("incident", _true("harm")), None, 1),
]  # fmt: skip


def _definitions(wanted: int, region: Any) -> list[Any]:
    """The first ``wanted`` of: the standard set (computed ones first), then the region's own
    computed definitions of :data:`EXTRA`, created here."""
    from soteria.indicators import services as indicator_services
    from soteria.indicators.models import IndicatorDefinition, Source

    standard = list(IndicatorDefinition.objects.filter(standard=True, active=True))
    standard.sort(key=lambda d: (d.source != Source.COMPUTED, d.code))
    chosen = standard[:wanted]
    missing = wanted - len(chosen)
    if missing > len(EXTRA):
        raise ValueError(f"at most {len(standard) + len(EXTRA)} indicators")
    for code, name, unit, direction, numerator, denominator, multiplier in EXTRA[:missing]:
        definition = IndicatorDefinition(code=code)
        fields = {
            "name": {"en": name},
            "unit": unit,
            "decimals": 0 if unit == "count" else 1,
            "direction": direction,
            "source": Source.COMPUTED,
            "numerator": numerator,
            "denominator": denominator,
            "multiplier": float(multiplier),
            "owner": region,
        }
        chosen.append(indicator_services.definition_save(None, definition, fields))
    return chosen


# --- values -------------------------------------------------------------------------------


def _kind(definition: Any) -> str:
    """How to draw figures: count, share (‰ or %), mean, percentile."""
    numerator = definition.numerator or {}
    if numerator.get("aggregate") == "percentile":
        return "percentile"
    if definition.denominator is None:
        return "share" if definition.unit == "percent" else "count"
    if definition.multiplier >= 1000:
        return "rate"
    return "share" if definition.multiplier >= 100 else "mean"


def _window(months: int) -> tuple[list[Any], list[Any]]:
    """The months up to :data:`LAST_MONTH` and every longer period overlapping them."""
    from soteria.indicators import periods

    last = LAST_MONTH.year * 12 + LAST_MONTH.month - 1
    first = last - months + 1
    month = periods.PeriodType.MONTH
    month_list = [periods.Period(i // 12, i % 12 + 1, month) for i in range(first, last + 1)]
    longer: dict[str, Any] = {}
    for month in month_list:
        for period in periods.containing(month)[1:]:
            longer.setdefault(period.code, period)
    return month_list, sorted(longer.values(), key=lambda p: (p.start, -p.months))


def _draw(kind: str, shape: tuple[int, int], rng: Any) -> tuple[Any, Any]:
    """Numerators and denominators (or None) per department × month."""
    import numpy as np

    departments, months = shape
    scale = rng.lognormal(0.0, 0.6, size=(departments, 1))  # departments differ in size
    season = 1 + 0.1 * np.sin(np.arange(months) * 2 * np.pi / 12 + rng.uniform(0, 6))
    if kind == "count":
        base = rng.uniform(20, 800)
        return rng.poisson(base * scale * season).astype(float), None
    if kind == "percentile":
        base = rng.uniform(10, 240)
        return base * scale**0.3 * rng.lognormal(0, 0.15, size=shape), None
    denominator = np.maximum(1, rng.poisson(rng.uniform(30, 600) * scale * season)).astype(float)
    if kind == "share":
        p = np.clip(
            rng.uniform(0.05, 0.95) + rng.normal(0, 0.05, size=(departments, 1)), 0.01, 0.99
        )
        return rng.binomial(denominator.astype(int), p).astype(float), denominator
    if kind == "rate":  # per 1,000 bed-days: the denominator is bed-days
        denominator = denominator * 10
        return rng.poisson(denominator * rng.uniform(1, 12) / 1000).astype(float), denominator
    mean = rng.uniform(2, 120) * scale**0.2
    return denominator * mean * rng.lognormal(0, 0.1, size=shape), denominator


def _values(
    definitions: list[Any],
    region: Any,
    hospitals: list[Any],
    departments: list[Any],
    months: int,
    rng: Any,
    log: Callable[[str], None],
) -> tuple[dict[tuple[int, int, str], float | None], int]:
    """Insert the values (see the module); returns the yearly values by (definition, unit,
    year) — the targets are set from them — and the number of rows."""
    import numpy as np
    from django.db import transaction
    from django.utils import timezone

    from soteria.indicators.models import IndicatorValue

    month_list, longer = _window(months)
    per_hospital = len(departments) // len(hospitals)
    # unit rows: departments, then hospitals, then the region; a matrix sums them up
    units = [*departments, *hospitals, region]
    up = np.zeros((len(units), len(departments)))
    up[: len(departments)] = np.eye(len(departments))
    for h in range(len(hospitals)):
        up[len(departments) + h, h * per_hospital : (h + 1) * per_hospital] = 1
    up[-1] = 1
    # period columns: months, then the longer periods; a matrix sums the months up
    period_list = [*month_list, *longer]
    over = np.zeros((len(month_list), len(period_list)))
    for j, period in enumerate(period_list):
        for i, month in enumerate(month_list):
            if period.start <= month.start < period.end:
                over[i, j] = 1
    n_months = over.sum(axis=0)
    counts_up = up.sum(axis=1, keepdims=True)
    columns = [(p.code, p.type.value, p.start, p.end > AS_OF, p.months == 12) for p in period_list]
    now = timezone.now()
    yearly: dict[tuple[int, int, str], float | None] = {}
    total = 0
    started = time.perf_counter()
    for index, definition in enumerate(definitions):
        kind = _kind(definition)
        numerator, denominator = _draw(kind, (len(departments), len(month_list)), rng)
        if kind == "percentile":  # not additive: averages stand in for the rows
            num = (up @ numerator @ over) / counts_up / n_months
            den = None
            value = num
        else:
            num = up @ numerator @ over
            den = up @ denominator @ over if denominator is not None else None
            if den is None:
                value = num
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    value = np.where(den > 0, num / den * definition.multiplier, np.nan)
        rows = []
        nums, values = num.tolist(), value.tolist()
        dens = den.tolist() if den is not None else None
        with transaction.atomic():
            for u, unit in enumerate(units):
                for p, (code, kind_code, start, partial, year) in enumerate(columns):
                    v = values[u][p]
                    stored = None if math.isnan(v) else round(v, 6)
                    rows.append(
                        IndicatorValue(
                            definition_id=definition.pk,
                            unit_id=unit.pk,
                            period=code,
                            period_type=kind_code,
                            period_start=start,
                            numerator=nums[u][p],
                            denominator=None if dens is None else dens[u][p],
                            value=stored,
                            no_value_reason="zero_denominator" if stored is None else "",
                            definition_version=definition.version,
                            computed_at=now,
                            partial=partial,
                        )
                    )
                    if year:
                        yearly[(definition.pk, unit.pk, code)] = stored
                    if len(rows) >= BATCH:
                        IndicatorValue.objects.bulk_create(rows)
                        total += len(rows)
                        rows = []
            IndicatorValue.objects.bulk_create(rows)
            total += len(rows)
        if (index + 1) % 5 == 0 or index + 1 == len(definitions):
            log(
                f"values: {index + 1}/{len(definitions)} indicators, {total:,} rows, "
                f"{time.perf_counter() - started:.0f} s"
            )
    return yearly, total


def _row_facts() -> int:
    """What follows a computation run's bulk write (its ``values_stored`` signal): the
    planner's statistics of the values, and what the scorecard tables show of each series
    kept with every value (``soteria.scorecards.row_facts``). Returns the values with facts."""
    from soteria.indicators.models import IndicatorValue, values_stored

    values_stored.send(sender=IndicatorValue, definition_ids=None, unit_ids=None)
    return IndicatorValue.objects.filter(row_facts__isnull=False).count()


# --- strategy, targets, user ---------------------------------------------------------------


def _strategy(
    sizes: Sizes,
    region: Any,
    hospitals: list[Any],
    departments: list[Any],
    definitions: list[Any],
    rng: Any,
) -> tuple[Any, list[Any]]:
    from soteria.strategy import services as strategy_services
    from soteria.strategy.models import (
        BudgetLine,
        FundingSource,
        Initiative,
        Milestone,
        MilestoneStatus,
        Objective,
        ObjectiveIndicator,
        Priority,
        Programme,
        SuccessFactor,
        Value,
        VersionStatus,
    )

    create = strategy_services.element_create
    version = strategy_services.strategy_create(
        actor=None,
        unit=region,
        code="BR-2024",
        title={"en": "Benchmark region strategy 2024–2027"},
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2027, 12, 31),
        mission={"en": "Good care, close to home."},
        vision={"en": "The safest region to be treated in."},
    )
    for name in ("Respect", "Openness", "Learning"):
        create(actor=None, version=version, model=Value, name={"en": name})
    for n in range(1, 4):
        create(
            actor=None,
            version=version,
            model=SuccessFactor,
            code=f"CSF{n}",
            title={"en": f"Critical success factor {n}"},
        )
    priorities = [
        create(
            actor=None,
            version=version,
            model=Priority,
            code=f"P{n}",
            title={"en": f"Priority {n}"},
        )
        for n in range(1, PRIORITIES + 1)
    ]
    owners = [region, *hospitals]
    programmes = [
        create(
            actor=None,
            version=version,
            model=Programme,
            code=f"PR{n + 1}",
            title={"en": f"Programme {n + 1}"},
            owner_unit=owners[n % len(owners)] if n >= 2 else region,
        )
        for n in range(PROGRAMMES)
    ]
    by_hospital = {h.pk: [d for d in departments if d.parent_id == h.pk] for h in hospitals}
    statuses = ["planned", "in_progress", "in_progress", "on_hold", "completed"]
    milestone_statuses = [
        MilestoneStatus.PLANNED,
        MilestoneStatus.IN_PROGRESS,
        MilestoneStatus.DONE,
        MilestoneStatus.LATE,
    ]
    links = []
    for i in range(sizes.objectives):
        owner = owners[i % len(owners)]
        objective = create(
            actor=None,
            version=version,
            model=Objective,
            programme=programmes[i % len(programmes)],
            code=f"O{i + 1:02d}",
            title={"en": f"Objective {i + 1}"},
            owner_unit=owner,
            priority=priorities[i % len(priorities)],
        )
        count = min(len(definitions), int(rng.integers(2, 4)))
        for k in rng.choice(len(definitions), size=count, replace=False):
            unit = None
            if owner.pk in by_hospital and rng.random() < 0.4:
                choices = by_hospital[owner.pk]
                unit = choices[int(rng.integers(len(choices)))]
            links.append(
                create(
                    actor=None,
                    version=version,
                    model=ObjectiveIndicator,
                    objective=objective,
                    indicator=definitions[int(k)],
                    unit=unit,
                    weight=int(rng.integers(1, 4)),
                )
            )
        start = dt.date(2024, 1 + int(rng.integers(12)), 1)
        initiative = create(
            actor=None,
            version=version,
            model=Initiative,
            objective=objective,
            code=f"I{i + 1:02d}",
            title={"en": f"Initiative {i + 1}"},
            owner_unit=owner,
            start=start,
            end=start + dt.timedelta(days=int(rng.integers(365, 1100))),
            status=statuses[i % len(statuses)],
        )
        for m in range(int(rng.integers(2, 5))):
            create(
                actor=None,
                version=version,
                model=Milestone,
                initiative=initiative,
                title={"en": f"Milestone {m + 1}"},
                due=start + dt.timedelta(days=120 * (m + 1)),
                status=milestone_statuses[int(rng.integers(len(milestone_statuses)))],
            )
        for b in range(int(rng.integers(1, 3))):
            planned = int(rng.integers(50, 2000)) * 1000
            create(
                actor=None,
                version=version,
                model=BudgetLine,
                initiative=initiative,
                category={"en": f"Budget line {b + 1}"},
                planned=Decimal(planned),
                spent=Decimal(int(planned * rng.uniform(0, 0.9))),
                currency="EUR",
            )
        create(
            actor=None,
            version=version,
            model=FundingSource,
            initiative=initiative,
            programme_name={"en": "Regional investment fund"},
            amount=Decimal(int(rng.integers(100, 5000)) * 1000),
            currency="EUR",
        )
    version = strategy_services.version_transition(
        actor=None,
        version=version,
        status=VersionStatus.APPROVED,
        approving_body={"en": "Regional board"},
        decision_date=dt.date(2024, 1, 15),
    )
    return version, links


def _targets(
    links: list[Any], yearly: dict[tuple[int, int, str], float | None], months: int
) -> int:
    """A yearly target per link's (indicator, measured unit) and year, approved."""
    from soteria.indicators import targets

    first = LAST_MONTH.year * 12 + LAST_MONTH.month - months
    years = range(first // 12, LAST_MONTH.year + 1)
    done: set[tuple[int, int, int]] = set()
    made = 0
    for link in links:
        definition, unit = link.indicator, link.measured_unit()
        for year in years:
            key = (definition.pk, unit.pk, year)
            figure = yearly.get((definition.pk, unit.pk, str(year)))
            if key in done or not figure:
                continue
            done.add(key)
            better = {"higher": 1.03, "lower": 0.97}.get(definition.direction, 1.0)
            value = round(figure * better, max(definition.decimals, 1))
            if definition.unit == "percent":
                value = min(value, 100.0)
            target = targets.target_set(
                None,
                definition,
                unit,
                str(year),
                value,
                tolerance=round(abs(value) * 0.05, max(definition.decimals, 1)),
            )
            targets.target_approve(None, target)
            made += 1
    return made


def _user(region: Any) -> Any:
    from django.contrib.auth import get_user_model

    from soteria.organisations import services as unit_services
    from soteria.organisations.models import Role

    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"first_name": "Bench", "last_name": "Mark"}
    )
    user.set_password(PASSWORD)
    user.save()
    unit_services.membership_set(actor=None, unit=region, user=user, role=Role.QUALITY_MANAGER)
    return user
