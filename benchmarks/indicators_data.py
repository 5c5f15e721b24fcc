"""The data set of the indicator benchmark: generated once per size and seed, then reused.

A data set is a folder ``<work-dir>/indicators-<encounters>-s<seed>-v<version>/`` holding a
Django database (SQLite) with the demo organisations and the standard indicator set, the
DuckDB warehouse with the imported synthetic export, the pseudonymisation key, and
``dataset.json`` (written last: a folder without it is incomplete and is built again).

How it is built (in a fresh process, with the settings pointed at the folder):

1. ``migrate`` (loads the standard indicator set) and ``build_demo`` (the four demo
   organisations, about 118 units).
2. Per organisation, ``synthetic.generate`` writes an export of ``encounters / 4`` encounters
   (the first organisation takes the remainder) over the 36 months from
   :data:`START` to :data:`END` — the generator's default window is 34 months
   (2024-01 to 2026-10), so the benchmark passes ``start``/``end``; the defaults are not
   touched. The NDJSON files and then the CSV files are imported as the demo does it
   (``services.import_create`` + ``services.import_run``, source system ``<CODE>-HIS``) and
   the raw export is deleted at once.
3. More units, to reach about :data:`TARGET_UNITS`: every department (or clinic) with rows in
   the warehouse gets new child units (kind *ward*), spread round-robin over the departments
   until the tree has :data:`TARGET_UNITS` units. Then the warehouse rows of a department
   move to its new wards deterministically: ``md5_number(key) % k`` picks the ward, where the
   key is ``source_system || encounter_key`` for an encounter and for its ward stays
   (``encounter_location``; stays in the department itself or in one of its original wards
   move with their encounter, so a stay keeps a single ward per department), and
   ``source_system || arrival_key`` for an ED arrival. The department's bed capacity rows
   (of the department or of the original ward the generator used for its beds) are
   replaced by one row per new ward and day, the beds shared out as evenly as integers
   allow. So the facts sit one level deeper than in the demo (hospital → department → ward),
   which makes every non-additive figure (distinct patients, ED percentiles) and every
   roll-up do more work, not less.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATASET_VERSION = 1
START = date(2023, 11, 1)
END = date(2026, 10, 31)
FIRST_MONTH = date(2023, 11, 1)
LAST_MONTH = date(2026, 10, 1)
AS_OF = date(2026, 11, 1)
"""Open stays count up to this day (exclusive): the day after the latest data."""
TARGET_UNITS = 300
WAREHOUSE = "warehouse.duckdb"
DATABASE = "soteria.sqlite3"
META = "dataset.json"

# Settings that would point the benchmark at real data: never inherited.
REAL_DATA_VARIABLES = (
    "SOTERIA_DATABASE_URL",
    "SOTERIA_WAREHOUSE_PATH",
    "SOTERIA_PSEUDONYM_KEY_PATH",
    "SOTERIA_DATA_DIR",
    "SOTERIA_QUARANTINE_DIR",
    "SOTERIA_UPLOAD_DIR",
    "SOTERIA_INDICATOR_BACKEND",
)


def dataset_dir(work_dir: Path, encounters: int, seed: int) -> Path:
    return work_dir / f"indicators-{encounters}-s{seed}-v{DATASET_VERSION}"


def environment(data_dir: Path, warehouse: Path | None = None) -> dict[str, str]:
    """The environment of a child process working on ``data_dir`` (and nothing else)."""
    env = {k: v for k, v in os.environ.items() if k not in REAL_DATA_VARIABLES}
    env["SOTERIA_DATA_DIR"] = str(data_dir)
    env["SOTERIA_WAREHOUSE_PATH"] = str(warehouse or data_dir / WAREHOUSE)
    env["DJANGO_SETTINGS_MODULE"] = "soteria.settings"
    return env


def load_meta(folder: Path) -> dict[str, Any] | None:
    file = folder / META
    return json.loads(file.read_text()) if file.exists() else None


def ensure_dataset(work_dir: Path, encounters: int, seed: int) -> dict[str, Any]:
    """The data set's description, building the data set first when it is not there yet."""
    folder = dataset_dir(work_dir, encounters, seed)
    meta = load_meta(folder)
    if meta is not None:
        print(f"data set: reusing {folder.relative_to(ROOT)}", flush=True)
        # its Django database may predate migrations added since it was built
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=environment(folder),
            check=True,
        )
        return meta
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"data set: building {folder.relative_to(ROOT)} ({encounters:,} encounters)", flush=True)
    command = [
        sys.executable,
        "-m",
        "benchmarks.indicators",
        "--child",
        "prepare",
        "--dataset",
        str(folder),
        "--encounters",
        str(encounters),
        "--seed",
        str(seed),
    ]
    subprocess.run(command, cwd=ROOT, env=environment(folder), check=True)  # noqa: S603
    meta = load_meta(folder)
    if meta is None:
        raise SystemExit(f"building the data set in {folder} did not finish")
    return meta


# --- inside the child process (settings point at the data set) --------------------------------


def prepare(folder: Path, encounters: int, seed: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from soteria.demo.builder import build_demo
    from soteria.demo.content import ORGANISATIONS
    from soteria.organisations.models import OrgUnit
    from soteria.warehouse import services
    from soteria.warehouse.synthetic import CSV_FILES, NDJSON_FILES, generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_demo(log=lambda *_: None)
    demo_units = OrgUnit.objects.count()
    print(f"  demo organisations: {demo_units} units", flush=True)
    codes = [str(o["code"]) for o in ORGANISATIONS]
    shares = [encounters // len(codes)] * len(codes)
    shares[0] += encounters - sum(shares)
    timings: dict[str, float] = {"generate": 0.0, "import": 0.0}
    for code, share in zip(codes, shares, strict=True):
        export = folder / "export" / code
        shutil.rmtree(export, ignore_errors=True)
        try:
            t0 = time.perf_counter()
            generate(
                export, encounters=share, seed=seed, organisations=[code], start=START, end=END
            )
            t1 = time.perf_counter()
            root = OrgUnit.objects.get(code=code)
            for names in (NDJSON_FILES, CSV_FILES):
                record = services.import_create(
                    actor=None, unit=root, source_system=f"{code}-HIS", files=[]
                )
                services.import_run(record=record, paths=[export / name for name in names])
                if record.status != "succeeded":
                    raise SystemExit(f"import for {code} failed: {record.errors[:3]}")
            t2 = time.perf_counter()
            timings["generate"] += t1 - t0
            timings["import"] += t2 - t1
            print(
                f"  {code}: {share:,} encounters generated in {t1 - t0:.0f} s, "
                f"imported in {t2 - t1:.0f} s",
                flush=True,
            )
        finally:
            shutil.rmtree(export, ignore_errors=True)  # raw exports never stay on disk
    shutil.rmtree(folder / "export", ignore_errors=True)
    t0 = time.perf_counter()
    added = split_departments(folder / WAREHOUSE)
    timings["split"] = time.perf_counter() - t0
    meta = describe(folder / WAREHOUSE)
    meta.update(
        encounters_requested=encounters,
        seed=seed,
        start=START.isoformat(),
        end=END.isoformat(),
        first_month=FIRST_MONTH.isoformat(),
        last_month=LAST_MONTH.isoformat(),
        as_of=AS_OF.isoformat(),
        demo_units=demo_units,
        units=OrgUnit.objects.count(),
        wards_added=added,
        build_seconds=time.perf_counter() - started,
        timings=timings,
        version=DATASET_VERSION,
    )
    (folder / META).write_text(json.dumps(meta, indent=2))
    print(f"  data set ready in {meta['build_seconds']:.0f} s: {meta['units']} units", flush=True)


def split_departments(warehouse: Path) -> dict[str, int]:
    """Add wards under the departments with data and move their rows there (see above)."""
    from soteria.organisations import services as unit_services
    from soteria.organisations.models import OrgUnit, UnitKind
    from soteria.warehouse import store

    with store.connect(warehouse, read_only=True) as con:
        used = {
            int(r[0])
            for r in con.execute(
                "SELECT DISTINCT unit_id FROM encounter UNION SELECT DISTINCT unit_id "
                "FROM ed_arrival"
            ).fetchall()
        }
    units = {u.pk: u for u in OrgUnit.objects.all()}
    departments = sorted(
        (
            u
            for pk, u in units.items()
            if pk in used and u.kind in (UnitKind.DEPARTMENT, UnitKind.CLINIC)
        ),
        key=lambda u: u.code,
    )
    if not departments:
        return {}
    wanted = max(0, TARGET_UNITS - len(units))
    per = {d.pk: 0 for d in departments}
    for i in range(wanted):
        per[departments[i % len(departments)].pk] += 1
    # The original wards of a department (rows there move with their encounter).
    original: dict[int, int] = {}
    for u in units.values():
        if u.kind == UnitKind.WARD:
            for ancestor in reversed(u.ancestor_ids[:-1]):
                if ancestor in per:
                    original[u.pk] = ancestor
                    break
    rows = []  # (old unit, department, index, new unit)
    added: dict[str, int] = {}
    for d in departments:
        k = per[d.pk]
        if k < 1:
            continue
        added[d.code] = k
        for i in range(k):
            ward = unit_services.unit_create(
                actor=None,
                code=f"{d.code}-BW{i + 1}",
                kind=UnitKind.WARD,
                name={"en": f"{d.code} benchmark ward {i + 1}"},
                parent=d,
            )
            rows.append((d.pk, d.pk, k, i, ward.pk))
            rows.extend(
                (old, d.pk, k, i, ward.pk) for old, dept in original.items() if dept == d.pk
            )
    with store.connect(warehouse) as con:
        con.execute(
            "CREATE TEMP TABLE ward_map (old_unit INTEGER, dept INTEGER, k INTEGER, "
            "i INTEGER, new_unit INTEGER)"
        )
        con.executemany("INSERT INTO ward_map VALUES (?, ?, ?, ?, ?)", rows)
        con.execute("BEGIN")
        for table, key in (
            ("encounter", "encounter_key"),
            ("encounter_location", "encounter_key"),
            ("ed_arrival", "arrival_key"),
        ):
            con.execute(
                f"UPDATE {table} t SET unit_id = m.new_unit FROM ward_map m "  # noqa: S608
                f"WHERE t.unit_id = m.old_unit "
                f"AND m.i = md5_number(t.source_system || t.{key}) % m.k"
            )
        # Capacity: the beds of a department (or of its original ward) shared among its new
        # wards, day by day.
        con.execute(
            "CREATE TEMP TABLE moved_beds AS "
            "SELECT b.source_system, b.date, m.dept, m.k, sum(b.beds) AS beds, "
            "max(b.last_updated) AS last_updated, max(b.import_id) AS import_id "
            "FROM bed_capacity b JOIN (SELECT DISTINCT old_unit, dept, k FROM ward_map) m "
            "ON b.unit_id = m.old_unit GROUP BY ALL"
        )
        con.execute("DELETE FROM bed_capacity WHERE unit_id IN (SELECT old_unit FROM ward_map)")
        con.execute(
            "INSERT INTO bed_capacity (source_system, unit_id, date, beds, last_updated, "
            "import_id) SELECT b.source_system, m.new_unit, b.date, "
            "b.beds // b.k + CASE WHEN m.i < b.beds % b.k THEN 1 ELSE 0 END, "
            "b.last_updated, b.import_id FROM moved_beds b "
            "JOIN (SELECT DISTINCT dept, i, new_unit FROM ward_map) m ON m.dept = b.dept"
        )
        con.execute("COMMIT")
    return added


def describe(warehouse: Path) -> dict[str, Any]:
    from soteria.warehouse import store

    with store.connect(warehouse, read_only=True) as con:
        tables = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for t in store.TABLES
        }
        bounds = con.execute(
            "SELECT min(start_ts), max(start_ts), max(end_ts) FROM encounter"
        ).fetchone()
    return {
        "tables": tables,
        "encounters": tables["encounter"],
        "encounter_start": [str(b) for b in bounds] if bounds else None,
        "warehouse_mb": warehouse.stat().st_size / 1e6,
    }
