"""Indicator benchmark: the standard set over a large warehouse, engine against baselines.

Run from the repository root::

    .venv/bin/python -m benchmarks.indicators [--encounters 10000000] [--no-record]
        [--work-dir var/bench] [--repeat 3] [--skip pandas spark]

A full recompute of every computed indicator of the standard set for every org unit (about
300, every ancestor included) × every month, quarter, half-year and year of 36 months, four
ways, each in a fresh process whose wall time and peak resident memory (the whole process
tree, so Spark's JVM counts) are measured:

- **engine**: ``soteria.indicators.engine.compute`` on the DuckDB warehouse;
- **pandas** (baseline a): ``benchmarks/indicators_pandas.py``;
- **SQL** (baseline b, the practical limit): ``benchmarks/indicators_sql.py``, one
  hand-written DuckDB script;
- **Spark**: the engine on pyspark ``local[2]`` reading the warehouse's Parquet export (the
  export is timed on its own).

The storage of the engine's results into the Django database (``services._store``) is timed
on its own too. All four must give identical figures (same (indicator, unit, period) keys,
numerator, denominator, value within 1e-9 relative, same no-value reason), or the run
stops with an error. The data set is built once per size and seed under the work folder
(``benchmarks/indicators_data.py``) and reused. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import indicators_data as data

ROOT = data.ROOT
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SEED = 2026
IMPLEMENTATIONS = ("sql", "engine", "pandas", "spark")
LABELS = {
    "engine": "engine (DuckDB)",
    "engine_local": "engine (DuckDB), units in local time",
    "sql": "hand-written DuckDB SQL",
    "pandas": "pandas",
    "spark": "engine on Spark local[2]",
    "export": "Parquet export (for Spark)",
    "store": "storage into the Django DB",
}
GOAL_PANDAS = 10.0
GOAL_SQL = 1.5
GOAL_RSS_GIB = 4.0
TOLERANCE = 1e-9
SAMPLE_SECONDS = 0.05
MIN_AVAILABLE_MIB = 2048
"""A child is stopped when the machine's available memory falls below this (a shared
machine: the pandas baseline at 10 million encounters needs many GiB)."""
RESULTS_HEADER = """# Benchmark results

One section per run, newest last. Timings come from a shared machine: compare runs of the
same machine only.
"""


# --- helpers ------------------------------------------------------------------------------


def proc_status_kib(field: str) -> int:
    """``VmHWM`` (peak resident set of this process) or ``VmRSS``, in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def commit() -> str:
    """The checked-out commit, read from ``.git`` (no git command is run)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            file = git / ref
            if file.exists():
                return file.read_text().strip()[:7]
            packed = git / "packed-refs"
            for line in packed.read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0][:7]
            return "unknown"
        return head[:7]
    except OSError:
        return "unknown"


INDICATOR_PACKAGES = ("duckdb", "ibis-framework", "pandas", "numpy", "pyarrow", "pyspark", "Django")


def machine(packages: tuple[str, ...] = INDICATOR_PACKAGES, java: bool = True) -> dict[str, str]:
    """CPU, memory, system, Python, the versions of ``packages`` (and Java) and the commit."""
    cpu, memory = "unknown CPU", "unknown RAM"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
        with open("/proc/meminfo") as info:
            kib = next(int(line.split()[1]) for line in info if line.startswith("MemTotal:"))
            memory = f"{kib / 1024**2:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    versions = {}
    for package in packages:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    extra = {"java": _java_version()} if java else {}
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **extra,
        "commit": commit(),
        **versions,
    }


def _java_version() -> str:
    try:
        out = subprocess.run(
            ["java", "-version"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        return (out.stderr or out.stdout).splitlines()[0].strip()
    except (OSError, IndexError):
        return "unknown"


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def tree_rss(process: Any) -> int:
    """Resident bytes of ``process`` and all its descendants (Spark's JVM included)."""
    import psutil

    total = 0
    with contextlib.suppress(psutil.NoSuchProcess):
        for p in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
    return total


def run_child(
    mode: str, dataset: Path, env: dict[str, str], *arguments: str, log: Path | None = None
) -> dict[str, Any]:
    """Run ``python -m benchmarks.indicators --child MODE`` in a fresh process, sampling the
    resident memory of its whole process tree; returns the JSON it wrote plus
    ``process_seconds`` and ``tree_peak_rss_kib``. With ``log``, the child's standard error
    goes there (and is shown only if it fails)."""
    import psutil

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [
        sys.executable,
        "-m",
        "benchmarks.indicators",
        "--child",
        mode,
        "--dataset",
        str(dataset),
        "--out",
        str(out),
        *arguments,
    ]
    peak = 0
    started = time.perf_counter()
    stderr = open(log, "wb") if log else None  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)  # noqa: S603
    try:
        parent = psutil.Process(process.pid)
        while process.poll() is None:
            peak = max(peak, tree_rss(parent))
            available = psutil.virtual_memory().available
            if available < MIN_AVAILABLE_MIB * 2**20:
                process.kill()
                process.wait()
                raise SystemExit(
                    f"the {mode} run was stopped: the machine had only "
                    f"{available / 2**20:,.0f} MiB of memory left (its tree used "
                    f"{peak / 2**20:,.0f} MiB at most)"
                )
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            if log:
                sys.stderr.write(log.read_text(errors="replace")[-20000:])
            raise SystemExit(f"the {mode} run failed (exit status {process.returncode})")
        result: dict[str, Any] = json.loads(out.read_text())
    finally:
        if process.poll() is None:
            process.kill()
        if stderr:
            stderr.close()
        out.unlink(missing_ok=True)
    result["process_seconds"] = seconds
    result["tree_peak_rss_kib"] = peak
    result["peak_rss_mib"] = max(peak // 1024, result.get("vm_hwm_kib", 0)) / 1024
    return result


# --- the child processes ------------------------------------------------------------------


def _setup_django() -> None:
    """Django, and the libraries every implementation uses imported before any timing starts
    (this machine sets PYTHONDONTWRITEBYTECODE, so a first import compiles from source:
    pandas alone takes about 2 s, whichever implementation happens to import it first)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soteria.settings")
    import django

    django.setup()
    import duckdb  # noqa: F401
    import ibis
    import pandas  # noqa: F401
    import pyarrow as pa

    ibis.duckdb.connect().to_pyarrow(ibis.memtable(pa.table({"a": [1]})))


def _standard() -> tuple[list[Any], dict[str, int], dict[str, int]]:
    """The computed standard definitions, compiled; their ids and versions."""
    from soteria.indicators.definitions import compile_definition, database_resolver
    from soteria.indicators.models import IndicatorDefinition, Source

    resolve = database_resolver()
    compiled, ids, versions = [], {}, {}
    for d in IndicatorDefinition.objects.filter(
        standard=True, active=True, source=Source.COMPUTED
    ).order_by("code"):
        compiled.append(compile_definition(d, resolve))
        ids[d.code], versions[d.code] = d.pk, d.version
    return compiled, ids, versions


def _tree_pairs() -> tuple[tuple[int, int], ...]:
    from soteria.indicators import engine
    from soteria.organisations.models import OrgUnit

    return engine.Tree.from_paths(OrgUnit.objects.values_list("pk", "path")).pairs


def _write_results(rows: Any, path: Path) -> None:
    """``rows``: a pyarrow table or a pandas DataFrame with the result columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = rows if isinstance(rows, pa.Table) else pa.Table.from_pandas(rows, preserve_index=False)
    schema = pa.schema(
        [
            ("code", pa.string()),
            ("unit_id", pa.int64()),
            ("period", pa.string()),
            ("numerator", pa.float64()),
            ("denominator", pa.float64()),
            ("value", pa.float64()),
            ("reason", pa.string()),
        ]
    )
    pq.write_table(table.select(schema.names).cast(schema), path)


def _engine_rows(results: list[Any]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "code": [r.code for r in results],
            "unit_id": [r.unit_id for r in results],
            "period": [r.period for r in results],
            "numerator": [r.numerator for r in results],
            "denominator": [r.denominator for r in results],
            "value": [r.value for r in results],
            "reason": [r.reason for r in results],
        }
    )


def child_engine(out: Path, dataset: Path, results: Path, backend_name: str) -> None:
    _setup_django()
    from soteria.indicators import engine

    meta = data.load_meta(dataset) or {}
    definitions, _, _ = _standard()
    tree = engine.Tree(_tree_pairs())
    zone = os.environ.get("SOTERIA_BENCH_TIME_ZONE")
    zones = {unit: zone for unit, _ in tree.pairs} if zone else None
    first = dt.date.fromisoformat(meta["first_month"])
    last = dt.date.fromisoformat(meta["last_month"])
    as_of = dt.date.fromisoformat(meta["as_of"])
    rss_before = proc_status_kib("VmRSS")
    extra: dict[str, float] = {}
    started = time.perf_counter()
    cpu_started = time.process_time()
    if backend_name == "spark":
        session = engine.spark_session()
        extra["session_seconds"] = time.perf_counter() - started
        with engine.spark_backend(dataset / "parquet", session) as backend:
            computed = engine.compute(definitions, backend, tree, first, last, as_of)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    else:
        with engine.duckdb_backend(dataset / data.WAREHOUSE) as backend:
            computed = engine.compute(definitions, backend, tree, first, last, as_of, zones=zones)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    peak = proc_status_kib("VmHWM")
    _write_results(_engine_rows(computed), results)
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rows": len(computed),
                "rss_before_kib": rss_before,
                "vm_hwm_kib": peak,
                **extra,
            }
        )
    )
    if backend_name == "spark":
        session.stop()


def _duckdb_connection(dataset: Path) -> Any:
    """An in-memory DuckDB with the warehouse attached read-only as ``w``, with the
    settings the engine's connection gets (``store.connect`` and ``engine.duckdb_backend``:
    the same memory limit, temporary folder and no insertion order)."""
    import duckdb
    from django.conf import settings

    from soteria.indicators import engine

    warehouse = dataset / data.WAREHOUSE
    con = duckdb.connect(
        config={
            "memory_limit": str(
                getattr(settings, "INDICATOR_MEMORY_LIMIT", engine.DUCKDB_MEMORY_LIMIT)
            ),
            "temp_directory": str(warehouse.parent / f"{warehouse.stem}.tmp"),
            "preserve_insertion_order": False,
        }
    )
    con.execute(f"ATTACH '{warehouse}' AS w (READ_ONLY)")
    return con


def child_sql(out: Path, dataset: Path, results: Path) -> None:
    _setup_django()
    import pyarrow as pa

    from benchmarks import indicators_sql

    meta = data.load_meta(dataset) or {}
    pairs = _tree_pairs()
    first = dt.date.fromisoformat(meta["first_month"])
    last = dt.date.fromisoformat(meta["last_month"])
    as_of = dt.date.fromisoformat(meta["as_of"])
    bridge = pa.table(
        {"unit_id": [p[0] for p in pairs], "ancestor_id": [p[1] for p in pairs]},
    )
    rss_before = proc_status_kib("VmRSS")
    started = time.perf_counter()
    cpu_started = time.process_time()
    con = _duckdb_connection(dataset)
    con.register("bridge_arrow", bridge)
    con.execute("CREATE TEMP TABLE bridge AS SELECT * FROM bridge_arrow")
    con.execute(indicators_sql.script(first, last, as_of))
    table = con.sql("SELECT * FROM results").to_arrow_table()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = proc_status_kib("VmHWM")
    con.close()
    _write_results(table, results)
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rows": table.num_rows,
                "rss_before_kib": rss_before,
                "vm_hwm_kib": peak,
            }
        )
    )


def child_pandas(out: Path, dataset: Path, results: Path) -> None:
    _setup_django()
    import duckdb

    from benchmarks import indicators_pandas

    meta = data.load_meta(dataset) or {}
    pairs = _tree_pairs()
    first = dt.date.fromisoformat(meta["first_month"])
    last = dt.date.fromisoformat(meta["last_month"])
    as_of = dt.date.fromisoformat(meta["as_of"])
    rss_before = proc_status_kib("VmRSS")
    started = time.perf_counter()
    cpu_started = time.process_time()
    con = duckdb.connect(str(dataset / data.WAREHOUSE), read_only=True)
    frame = indicators_pandas.compute(con, pairs, first, last, as_of)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak = proc_status_kib("VmHWM")
    con.close()
    _write_results(frame, results)
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rows": len(frame),
                "rss_before_kib": rss_before,
                "vm_hwm_kib": peak,
            }
        )
    )


def child_export(out: Path, dataset: Path) -> None:
    _setup_django()
    from soteria.warehouse import store

    target = dataset / "parquet"
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    cpu_started = time.process_time()
    counts = store.export_parquet(target, dataset / data.WAREHOUSE)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    megabytes = sum(f.stat().st_size for f in target.glob("*.parquet")) / 1e6
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rows": sum(counts.values()),
                "megabytes": megabytes,
                "vm_hwm_kib": proc_status_kib("VmHWM"),
            }
        )
    )


def child_store(out: Path, dataset: Path, results: Path) -> None:
    """Store the engine's results (read from ``results``) with ``services._store`` into a
    copy of the data set's Django database."""
    _setup_django()
    import pyarrow.parquet as pq

    from soteria.indicators import engine, services

    _, ids, versions = _standard()
    unit_ids = {pair[0] for pair in _tree_pairs()}
    rows = pq.read_table(results).to_pylist()
    computed = [engine.Result(**row) for row in rows]
    started = time.perf_counter()
    cpu_started = time.process_time()
    as_of = dt.date.fromisoformat((data.load_meta(dataset) or {})["as_of"])
    written = services._store(computed, ids, versions, unit_ids, None, as_of)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rows": written,
                "vm_hwm_kib": proc_status_kib("VmHWM"),
            }
        )
    )


# --- checking -----------------------------------------------------------------------------


def compare(files: dict[str, Path], reference: str = "engine") -> dict[str, Any]:
    """Every implementation's figures against the reference's; raises SystemExit if any
    differ. Returns counts per indicator of the reference."""
    import pyarrow.parquet as pq

    def keyed(path: Path) -> dict[tuple[str, int, str], tuple[Any, ...]]:
        table = pq.read_table(path).to_pydict()
        return {
            (c, u, p): (n, d, v, r)
            for c, u, p, n, d, v, r in zip(
                table["code"],
                table["unit_id"],
                table["period"],
                table["numerator"],
                table["denominator"],
                table["value"],
                table["reason"],
                strict=True,
            )
        }

    def same(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is None and b is None
        if isinstance(a, float) and isinstance(b, float) and (math.isnan(a) or math.isnan(b)):
            return math.isnan(a) and math.isnan(b)
        return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-300) or a == b

    ref = keyed(files[reference])
    problems: list[str] = []
    for name, path in files.items():
        if name == reference:
            continue
        other = keyed(path)
        missing = ref.keys() - other.keys()
        extra = other.keys() - ref.keys()
        if missing or extra:
            problems.append(
                f"{name}: {len(missing):,} keys of {reference} missing (e.g. "
                f"{sorted(missing)[:3]}), {len(extra):,} extra (e.g. {sorted(extra)[:3]})"
            )
        differing = [
            (key, ref[key], other[key])
            for key in ref.keys() & other.keys()
            if not (
                all(same(a, b) for a, b in zip(ref[key][:3], other[key][:3], strict=True))
                and ref[key][3] == other[key][3]
            )
        ]
        if differing:
            problems.append(
                f"{name}: {len(differing):,} figures differ from {reference}, e.g. "
                + "; ".join(f"{k}: {a} vs {b}" for k, a, b in sorted(differing)[:5])
            )
    if problems:
        raise SystemExit("The implementations disagree:\n" + "\n".join(problems))
    per_code: dict[str, int] = {}
    with_value = 0
    for (code, _, _), (_, _, value, _) in ref.items():
        per_code[code] = per_code.get(code, 0) + 1
        with_value += value is not None
    return {"rows": len(ref), "with_value": with_value, "per_code": per_code}


# --- the benchmark ------------------------------------------------------------------------


def wait_for_quiet(threshold: float, max_wait: float) -> tuple[float, float, float]:
    """Wait (up to ``max_wait`` seconds) until the 1-minute load average is below
    ``threshold``; returns the load average at the start."""
    deadline = time.monotonic() + max_wait
    load = load_average()
    while load[0] >= threshold and time.monotonic() < deadline:
        print(f"load average {load[0]:.2f} ≥ {threshold}: waiting…", flush=True)
        time.sleep(30)
        load = load_average()
    return load


def warm_file_cache(path: Path) -> None:
    """Read the file once so that no implementation pays for the first read from disk."""
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


def measure(
    name: str, dataset: Path, env: dict[str, str], results: Path, log: Path | None = None
) -> dict[str, Any]:
    print(f"\n== {LABELS[name]}", flush=True)
    load = load_average()[0]
    child = run_child(name, dataset, env, "--results", str(results), log=log)
    child["load_before"] = load
    print(
        f"{child['seconds']:.1f} s, CPU {child.get('cpu_seconds', 0):.1f} s "
        f"({child['process_seconds']:.1f} s with process start), "
        f"peak RSS {child['peak_rss_mib']:,.0f} MiB, {child.get('rows', 0):,} rows, "
        f"load average before {load:.2f}",
        flush=True,
    )
    return child


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def summary(figures: dict[str, Any]) -> dict[str, Any]:
    runs = figures["runs"]
    median = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
    rss = {name: max(r["peak_rss_mib"] for r in rs) for name, rs in runs.items()}
    out: dict[str, Any] = {"median": median, "rss": rss}
    if "pandas" in median:
        out["pandas_engine"] = ratio(median["pandas"], median["engine"])
    out["engine_sql"] = ratio(median["engine"], median["sql"])
    if "spark" in median:
        out["spark_engine"] = ratio(median["spark"], median["engine"])
    out["engine_rss_gib"] = rss["engine"] / 1024
    return out


def table(figures: dict[str, Any]) -> str:
    s = summary(figures)
    rows = [
        "| implementation | runs | time s (median) | all runs s | CPU s | process s "
        "| peak RSS MiB | × engine time |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name in ("sql", "engine", "engine_local", "pandas", "spark", "export", "store"):
        runs = figures["runs"].get(name)
        if not runs:
            continue
        all_runs = ", ".join(f"{r['seconds']:.1f}" for r in runs)
        process = statistics.median(r["process_seconds"] for r in runs)
        cpu = statistics.median(r.get("cpu_seconds", 0.0) for r in runs)
        cpu_text = f"{cpu:.1f}" + (" ¹" if name == "spark" else "")
        versus = (
            f"{ratio(s['median'][name], s['median']['engine']):.2f}×"
            if name in (*IMPLEMENTATIONS, "engine_local")
            else "—"
        )
        rows.append(
            f"| {LABELS[name]} | {len(runs)} | {s['median'][name]:.1f} | {all_runs} "
            f"| {cpu_text} | {process:.1f} | {s['rss'][name]:,.0f} | {versus} |"
        )
    rows += [
        "",
        "*time*: wall time of the computation in the child; *CPU s*: CPU time of the child's "
        "Python process over the same span, all its threads (DuckDB uses both cores, pandas "
        "one; ¹ Spark: the Python driver only, not the JVM); *process s*: the whole child "
        "process; *peak RSS*: the child's process tree (Spark's JVM included).",
    ]
    return "\n".join(rows)


def verdicts(figures: dict[str, Any]) -> list[str]:
    s = summary(figures)

    def met(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    lines = []
    if "pandas_engine" in s:
        lines.append(
            f"pandas ÷ engine = {s['pandas_engine']:.1f}× (goal ≥ {GOAL_PANDAS:.0f}×): "
            + met(s["pandas_engine"] >= GOAL_PANDAS)
        )
    else:
        lines.append("pandas ÷ engine: not measured in this run (`--skip pandas`).")
    lines.append(
        f"engine ÷ hand-written SQL = {s['engine_sql']:.2f}× (goal ≤ {GOAL_SQL}×): "
        + met(s["engine_sql"] <= GOAL_SQL)
    )
    lines.append(
        f"engine peak RSS = {s['engine_rss_gib']:.2f} GiB (goal ≤ {GOAL_RSS_GIB:.0f} GiB): "
        + met(s["engine_rss_gib"] <= GOAL_RSS_GIB)
    )
    if "engine_local" in s["median"]:
        lines.append(
            f"local time ({figures.get('time_zone')}) ÷ UTC: "
            f"{ratio(s['median']['engine_local'], s['median']['engine']):.2f}× the engine's "
            "time (recorded, no goal; every unit's timestamps turned into local time before "
            "months and midnights are counted — its figures differ from UTC's, so it is left "
            "out of the comparison)."
        )
    if "spark_engine" in s:
        spark = figures["runs"]["spark"][0]
        lines.append(
            f"Spark ÷ engine = {s['spark_engine']:.1f}× (recorded, no goal; the Spark time "
            f"includes {spark.get('session_seconds', 0):.1f} s to start the session; the "
            f"Parquet export before it took {s['median'].get('export', 0):.1f} s more)."
        )
    return lines


def section(info: dict[str, str], meta: dict[str, Any], figures: dict[str, Any]) -> str:
    now = dt.datetime.now(dt.UTC)
    tables = meta["tables"]
    facts = figures["fact_rows"]
    check = figures["check"]
    load = figures["load"]
    body = [
        f"## Indicators · {now:%Y-%m-%d} · {info['commit']} · {meta['encounters']:,} encounters",
        "",
        "Written by `.venv/bin/python -m benchmarks.indicators` (see `README.md`, section "
        "*Indicators*).",
        "",
        f"- Run: {now:%Y-%m-%d %H:%M} UTC, commit `{info['commit']}` (HEAD; the working tree "
        "may have had uncommitted changes).",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, "
        f"{info['system']}; shared with other work. Load average (1 min) before the runs "
        f"{load['start']:.2f}, at the end {load['end']:.2f}; before each run: "
        + ", ".join(
            f"{name} {statistics.mean(r['load_before'] for r in rs):.2f}"
            for name, rs in figures["runs"].items()
            if rs and "load_before" in rs[0]
        )
        + ".",
        f"- Versions: Python {info['python']}, duckdb {info['duckdb']}, ibis "
        f"{info['ibis-framework']}, pandas {info['pandas']}, numpy {info['numpy']}, pyarrow "
        f"{info['pyarrow']}, pyspark {info['pyspark']} ({info['java']}), Django "
        f"{info['Django']}.",
        f"- Data: synthetic export of the 4 demo organisations (seed {meta['seed']}), "
        f"{meta['start']} – {meta['end']} (36 months), imported with the warehouse services; "
        f"{meta['units']} org units ({meta['demo_units']} demo units + "
        f"{meta['units'] - meta['demo_units']} benchmark wards, rows re-assigned by hash). "
        f"Warehouse rows: "
        + ", ".join(f"{t} {n:,}" for t, n in tables.items() if n)
        + f"; {meta['warehouse_mb']:,.0f} MB.",
        "- Fact rows (window): " + ", ".join(f"{f} {n:,}" for f, n in facts.items()) + ".",
        f"- Output: {check['rows']:,} (indicator, unit, period) rows for "
        f"{len(check['per_code'])} of the {figures['codes']} computed indicators (the others "
        f"have no rows: no data), {check['with_value']:,} with a value; "
        "identical in all implementations (keys, numerator, denominator and value within "
        f"{TOLERANCE:g} relative, no-value reason).",
        "",
        table(figures),
        "",
        *(f"- {line}" for line in verdicts(figures)),
    ]
    if figures.get("notes"):
        body += ["", *figures["notes"]]
    return "\n".join(body).rstrip() + "\n"


def record(text: str, path: Path = RESULTS) -> None:
    """Append ``text`` (one ``## `` section) to ``path``, replacing one with the same title;
    every other section (the ingest benchmark's too) is kept as it is."""
    existing = path.read_text() if path.exists() else RESULTS_HEADER
    title = text.splitlines()[0]
    head, *parts = existing.split("\n## ")
    sections = ["## " + part for part in parts]
    kept = [s.rstrip() + "\n" for s in sections if s.splitlines()[0] != title]
    path.write_text("\n".join([head.rstrip() + "\n", *kept, text]))


def fact_rows(dataset: Path, meta: dict[str, Any], env: dict[str, str]) -> dict[str, int]:
    """Rows of each fact over the window (counted by the engine's fact expressions)."""
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "benchmarks.indicators",
                "--child",
                "facts",
                "--dataset",
                str(dataset),
                "--out",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        counts: dict[str, int] = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    return counts


def child_facts(out: Path, dataset: Path) -> None:
    _setup_django()
    from soteria.indicators import engine
    from soteria.indicators.facts import FACTS, Source
    from soteria.indicators.local_time import LocalTables

    meta = data.load_meta(dataset) or {}
    with engine.duckdb_backend(dataset / data.WAREHOUSE) as backend:
        first = dt.date.fromisoformat(meta["first_month"])
        last = dt.date.fromisoformat(meta["last_month"])
        tables = LocalTables(backend.table, {}, first, last)
        source = Source(tables, first, last, dt.date.fromisoformat(meta["as_of"]))
        counts = {}
        for name, fact in FACTS.items():
            rows = fact.build(source)
            counts[name] = int(backend.execute(rows.aggregate(n=rows.count())).to_pylist()[0]["n"])
    out.write_text(json.dumps(counts))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.indicators", description=__doc__)
    parser.add_argument(
        "--encounters", type=int, default=10_000_000, help="size of the data set (10000000)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed ({SEED})")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=ROOT / "var" / "bench",
        help="where data sets are kept (var/bench)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the engine and of the SQL script (median reported; default 3)",
    )
    parser.add_argument(
        "--skip",
        nargs="*",
        choices=["pandas", "spark", "store"],
        default=[],
        help="leave these out (quick runs); pandas and Spark run once",
    )
    parser.add_argument(
        "--time-zone",
        default="Europe/Warsaw",
        help="also run the engine with every unit in this time zone, to measure what local "
        "time costs (Europe/Warsaw; 'UTC' leaves it out)",
    )
    parser.add_argument(
        "--wait-load",
        type=float,
        default=0.0,
        metavar="LOAD",
        help="before measuring, wait (up to --max-wait s) for the 1-minute load average "
        "to fall below LOAD",
    )
    parser.add_argument("--max-wait", type=float, default=900.0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-record", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}"
    )
    parser.add_argument(
        "--child",
        choices=[
            "prepare",
            "engine",
            "engine_local",
            "spark",
            "sql",
            "pandas",
            "export",
            "store",
            "facts",
        ],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--dataset", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "prepare":
        return data.prepare(args.dataset, args.encounters, args.seed)
    if args.child in ("engine", "engine_local", "spark"):
        return child_engine(args.out, args.dataset, args.results, args.child)
    if args.child == "sql":
        return child_sql(args.out, args.dataset, args.results)
    if args.child == "pandas":
        return child_pandas(args.out, args.dataset, args.results)
    if args.child == "export":
        return child_export(args.out, args.dataset)
    if args.child == "store":
        return child_store(args.out, args.dataset, args.results)
    if args.child == "facts":
        return child_facts(args.out, args.dataset)

    from soteria.warehouse.synthetic import MAX_ENCOUNTERS, MIN_ENCOUNTERS

    if not 4 * MIN_ENCOUNTERS <= args.encounters <= MAX_ENCOUNTERS:
        parser.error(f"--encounters must be between {4 * MIN_ENCOUNTERS:,} and {MAX_ENCOUNTERS:,}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    info = machine()
    print(
        f"Indicator benchmark: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, "
        f"Python {info['python']}, duckdb {info['duckdb']}, ibis {info['ibis-framework']}, "
        f"commit {info['commit']}",
        flush=True,
    )
    work = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    meta = data.ensure_dataset(work, args.encounters, args.seed)
    dataset = data.dataset_dir(work, args.encounters, args.seed)
    env = data.environment(dataset)
    print(
        f"{meta['encounters']:,} encounters, {meta['units']} units, "
        + ", ".join(f"{t} {n:,}" for t, n in meta["tables"].items() if n),
        flush=True,
    )
    counts = fact_rows(dataset, meta, env)
    print("fact rows: " + ", ".join(f"{f} {n:,}" for f, n in counts.items()), flush=True)

    from benchmarks.indicators_sql import CODES

    scratch = Path(tempfile.mkdtemp(prefix="indicators-", dir=work))
    try:
        figures = run_all(args, dataset, env, scratch, counts, CODES)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(dataset / "parquet", ignore_errors=True)
    print("\n" + table(figures) + "\n")
    for line in verdicts(figures):
        print(line.replace("**", ""))
    if not args.no_record:
        record(section(info, meta, figures))
        print(f"\nRecorded in {RESULTS.relative_to(ROOT)}.")


def run_all(
    args: argparse.Namespace,
    dataset: Path,
    env: dict[str, str],
    scratch: Path,
    counts: dict[str, int],
    codes: tuple[str, ...],
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in (*IMPLEMENTATIONS, "export")}
    runs["store"] = []
    files: dict[str, Path] = {}
    warm_file_cache(dataset / data.WAREHOUSE)
    load_start = wait_for_quiet(args.wait_load, args.max_wait) if args.wait_load else load_average()
    print(f"\nload average: {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}")
    for i in range(args.repeat):
        for name in ("sql", "engine"):
            path = scratch / f"{name}-{i}.parquet"
            runs[name].append(measure(name, dataset, env, path))
            files.setdefault(name, path)
    if args.time_zone != "UTC":
        local_env = dict(env, SOTERIA_BENCH_TIME_ZONE=args.time_zone)
        runs["engine_local"] = [
            measure("engine_local", dataset, local_env, scratch / "engine-local.parquet")
        ]
    if "store" not in args.skip:
        store_env = dict(env)
        store_dir = scratch / "store"
        store_dir.mkdir()
        shutil.copy2(dataset / data.DATABASE, store_dir / data.DATABASE)
        shutil.copytree(dataset / "keys", store_dir / "keys", dirs_exist_ok=True)
        store_env["SOTERIA_DATA_DIR"] = str(store_dir)
        runs["store"].append(measure("store", dataset, store_env, files["engine"]))
    if "pandas" not in args.skip:
        path = scratch / "pandas.parquet"
        runs["pandas"].append(measure("pandas", dataset, env, path))
        files["pandas"] = path
    if "spark" not in args.skip:
        runs["export"].append(measure("export", dataset, env, scratch / "unused"))
        path = scratch / "spark.parquet"
        spark_env = dict(env)
        # No console progress bar; the JVM's chatter goes to a log shown only on failure.
        spark_env["PYSPARK_SUBMIT_ARGS"] = "--conf spark.ui.showConsoleProgress=false pyspark-shell"
        runs["spark"].append(measure("spark", dataset, spark_env, path, scratch / "spark.log"))
        files["spark"] = path
    runs = {name: rs for name, rs in runs.items() if rs}
    print("\n== checking that all implementations give the same figures", flush=True)
    check = compare(files)
    unknown = set(check["per_code"]) - set(codes)
    if unknown:
        raise SystemExit(
            f"the standard set has indicators the baselines do not compute: {sorted(unknown)}"
        )
    print(
        f"identical: {check['rows']:,} rows ({check['with_value']:,} with a value) in "
        + ", ".join(files),
        flush=True,
    )
    return {
        "runs": runs,
        "check": check,
        "fact_rows": counts,
        "codes": len(codes),
        "load": {"start": load_start[0], "end": load_average()[0]},
        "time_zone": args.time_zone,
    }


if __name__ == "__main__":
    main()
