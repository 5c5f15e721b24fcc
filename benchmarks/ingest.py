"""Ingest benchmark: throughput and peak memory of the FHIR importer, against a baseline.

Run from the repository root::

    .venv/bin/python -m benchmarks.ingest [--sizes 100000 1000000] [--baseline-sample 20000]

For each size a synthetic FHIR R4 bulk export of PL-WSS is generated once (timed on its
own), then imported by ``soteria.warehouse.ingest.import_fhir`` in a fresh process into a
fresh DuckDB file, so that the peak resident memory measured is that of one import alone.
The baseline parses and validates a sample of the same lines with the ``fhir.resources``
pydantic models, also in a fresh process. The figures go to the terminal and, as a dated
section, to ``benchmarks/RESULTS.md``. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SCOPE = "PL-WSS"
SOURCE_SYSTEM = "benchmark"
SEED = 2026
GOAL_RATIO = 20.0
TYPES = ("Organization", "Location", "Patient", "Encounter")
TABLES = {"Organization": "organization", "Location": "location", "Patient": "patient"}
TABLES["Encounter"] = "encounter"
RESULTS_HEADER = """# Ingest benchmark results

Written by `.venv/bin/python -m benchmarks.ingest` (see `README.md` for what is measured and
the caveats). One section per run, newest last; a rerun on the same day and commit replaces
its section. Timings come from a shared machine: compare runs of the same machine only.
"""

# Settings that would point the throwaway run at real data: never inherited.
_REAL_DATA_VARIABLES = (
    "SOTERIA_DATABASE_URL",
    "SOTERIA_WAREHOUSE_PATH",
    "SOTERIA_PSEUDONYM_KEY_PATH",
)


# --- helpers ---------------------------------------------------------------------------------


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soteria.settings")
    import django

    django.setup()


def proc_status_kib(field: str) -> int:
    """``VmHWM`` (peak resident set) or ``VmRSS`` of this process, in KiB.

    ``getrusage().ru_maxrss`` is no use for a child process here: Linux carries the parent's
    peak over into the child at ``exec``, so a child spawned by a large parent reports at
    least the parent's size. ``VmHWM`` belongs to the new address space only.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 22):
            count += chunk.count(b"\n")
    return count


def run_child(mode: str, *arguments: str) -> dict[str, Any]:
    """Run ``python -m benchmarks.ingest --child MODE ...`` and return the JSON it wrote."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        command = [sys.executable, "-m", "benchmarks.ingest", "--child", mode, "--out", str(out)]
        started = time.perf_counter()
        subprocess.run([*command, *arguments], cwd=ROOT, check=True)  # noqa: S603
        process_seconds = time.perf_counter() - started
        result: dict[str, Any] = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    result["process_seconds"] = process_seconds
    return result


def machine() -> dict[str, str]:
    cpu = "unknown CPU"
    memory = "unknown RAM"
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
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    versions = {}
    for package in ("duckdb", "msgspec", "pyarrow", "pydantic", "fhir.resources"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "commit": commit,
        **versions,
    }


# --- the child processes ---------------------------------------------------------------------


def child_import(
    out: Path, data: Path, warehouse: Path, profile: int, python_path: bool = False
) -> None:
    """One import of the four NDJSON files of ``data`` into a new ``warehouse`` file."""
    setup_django()
    from soteria.organisations.models import OrgUnit
    from soteria.warehouse.ingest import ImportOptions, import_fhir
    from soteria.warehouse.services import pseudonymiser

    options = ImportOptions(
        source_system=SOURCE_SYSTEM,
        scope=OrgUnit.objects.get(code=SCOPE),
        fast=not python_path,
    )
    pseudo = pseudonymiser()
    paths = [data / f"{kind}.ndjson" for kind in TYPES]
    rss_before = proc_status_kib("VmRSS")
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    result = import_fhir(paths, options, pseudo, warehouse=warehouse)
    seconds = time.perf_counter() - started
    if profiler is not None:
        import pstats

        profiler.disable()
        print(f"\nImport of {data.name} under cProfile ({seconds:.1f} s), by own time:")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(profile)
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "ok": result.ok,
                "written": result.written,
                "counts": result.counts,
                "error_count": result.error_count,
                "errors": result.errors[:5],
                "records_read": result.records_read,
                "rss_before_kib": rss_before,
                "peak_rss_kib": proc_status_kib("VmHWM"),
            }
        )
    )


def child_baseline(out: Path, data: Path, sample: int) -> None:
    """Parse and validate a sample of the lines with the ``fhir.resources`` R4B models."""
    from fhir.resources.R4B.encounter import Encounter
    from fhir.resources.R4B.location import Location
    from fhir.resources.R4B.organization import Organization
    from fhir.resources.R4B.patient import Patient

    models = {"Organization": Organization, "Location": Location, "Patient": Patient}
    models["Encounter"] = Encounter
    available = {kind: count_lines(data / f"{kind}.ndjson") for kind in TYPES}
    fraction = min(1.0, sample / available["Encounter"])
    wanted = {kind: max(1, round(n * fraction)) for kind, n in available.items()}
    figures: dict[str, dict[str, float]] = {}
    for kind in TYPES:
        model = models[kind]
        path = data / f"{kind}.ndjson"
        with open(path, "rb") as handle:  # warm-up, not timed: first use of the model
            model.model_validate_json(handle.readline())
        invalid = 0
        started = time.perf_counter()
        with open(path, "rb") as handle:
            for line in itertools.islice(handle, wanted[kind]):
                try:
                    model.model_validate_json(line)
                except ValueError:  # pydantic.ValidationError
                    invalid += 1
        seconds = time.perf_counter() - started
        figures[kind] = {"lines": wanted[kind], "seconds": seconds, "invalid": invalid}
    out.write_text(json.dumps({"types": figures, "available": available}))


# --- the benchmark ---------------------------------------------------------------------------


def prepare(data_dir: Path) -> None:
    """A throwaway Django database with the demo organisations, and a pseudonym key."""
    for name in _REAL_DATA_VARIABLES:
        os.environ.pop(name, None)
    os.environ["SOTERIA_DATA_DIR"] = str(data_dir)
    setup_django()
    from django.core.management import call_command

    from soteria.demo.builder import build_demo
    from soteria.warehouse.services import pseudonymiser

    call_command("migrate", verbosity=0)
    build_demo(log=lambda *_: None)
    pseudonymiser()  # creates the key once, so that no child pays for it


def memory_limit() -> str:
    """The import's DuckDB memory budget, as the children will see it (after ``prepare``)."""
    from django.conf import settings

    limit = str(settings.WAREHOUSE_MEMORY_LIMIT)
    if "SOTERIA_WAREHOUSE_MEMORY_LIMIT" in os.environ:
        return f"{limit} (set by SOTERIA_WAREHOUSE_MEMORY_LIMIT)"
    return f"{limit} (the default)"


def warehouse_rows(path: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [*TABLES.values(), "encounter_location"]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]  # noqa: S608
    finally:
        con.close()


def measure_size(work: Path, size: int, python_path: bool = False) -> dict[str, Any]:
    from soteria.warehouse.synthetic import generate

    data = work / f"fhir-{size}"
    print(f"\n== {size:,} encounters", flush=True)
    started = time.perf_counter()
    summary = generate(data, encounters=size, seed=SEED, organisations=[SCOPE])
    generation_seconds = time.perf_counter() - started
    generated = summary.resources
    megabytes = sum((data / f"{kind}.ndjson").stat().st_size for kind in TYPES) / 1e6
    print(
        f"generated in {generation_seconds:.1f} s: "
        + ", ".join(f"{n:,} {kind}" for kind, n in generated.items())
        + f" ({megabytes:,.0f} MB of NDJSON)",
        flush=True,
    )
    warehouse = work / f"warehouse-{size}.duckdb"
    child = run_child(
        "import",
        "--data",
        str(data),
        "--warehouse",
        str(warehouse),
        *(["--python-path"] if python_path else []),
    )
    problems = []
    if not (child["ok"] and child["written"] and child["error_count"] == 0):
        problems.append(f"import failed with {child['error_count']} errors: {child['errors']}")
    rows = warehouse_rows(warehouse)
    for kind, table in TABLES.items():
        inserted = child["counts"].get(kind, {}).get("inserted")
        if not rows[table] == inserted == generated[kind]:
            problems.append(
                f"{kind}: generated {generated[kind]:,}, inserted {inserted}, "
                f"{rows[table]:,} rows in the warehouse"
            )
    if problems:
        raise SystemExit("The import did not load what was generated:\n" + "\n".join(problems))
    resources = sum(generated.values())
    seconds = child["seconds"]
    figures = {
        "size": size,
        "generated": generated,
        "rows": rows,
        "ndjson_mb": megabytes,
        "generation_seconds": generation_seconds,
        "import_seconds": seconds,
        "process_seconds": child["process_seconds"],
        "resources": resources,
        "resources_per_second": resources / seconds,
        "encounters_per_second": generated["Encounter"] / seconds,
        "peak_rss_mb": child["peak_rss_kib"] / 1024,
        "rss_before_mb": child["rss_before_kib"] / 1024,
    }
    print(
        f"imported in {seconds:.1f} s ({child['process_seconds']:.1f} s with process start): "
        f"{figures['resources_per_second']:,.0f} resources/s, "
        f"{figures['encounters_per_second']:,.0f} encounters/s, "
        f"peak RSS {figures['peak_rss_mb']:,.0f} MB "
        f"({figures['rss_before_mb']:,.0f} MB before the import); rows verified",
        flush=True,
    )
    warehouse.unlink()
    shutil.rmtree(work / f"warehouse-{size}.duckdb.tmp", ignore_errors=True)
    return figures


def measure_baseline(data: Path, sample: int) -> dict[str, Any]:
    print(f"\n== baseline: fhir.resources R4B models on a sample of {data.name}", flush=True)
    child = run_child("baseline", "--data", str(data), "--sample", str(sample))
    types = child["types"]
    lines = sum(int(t["lines"]) for t in types.values())
    seconds = sum(t["seconds"] for t in types.values())
    baseline = {
        "set": data.name.removeprefix("fhir-"),
        "types": types,
        "lines": lines,
        "seconds": seconds,
        "invalid": sum(int(t["invalid"]) for t in types.values()),
        "resources_per_second": lines / seconds,
        "encounters_per_second": types["Encounter"]["lines"] / types["Encounter"]["seconds"],
    }
    print(
        f"{lines:,} lines in {seconds:.1f} s: {baseline['resources_per_second']:,.0f} "
        f"resources/s ("
        + ", ".join(
            f"{kind} {t['lines']:,} at {t['lines'] / t['seconds']:,.0f}/s"
            for kind, t in types.items()
        )
        + f"); {baseline['invalid']} lines failed validation",
        flush=True,
    )
    return baseline


def table(sizes: list[dict[str, Any]], baseline: dict[str, Any]) -> str:
    rows = [
        "| encounters | resources | generation s | import s | resources/s | encounters/s "
        "| peak RSS MB | × baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        ratio = s["resources_per_second"] / baseline["resources_per_second"]
        rows.append(
            f"| {s['size']:,} | {s['resources']:,} | {s['generation_seconds']:.1f} "
            f"| {s['import_seconds']:.1f} | {s['resources_per_second']:,.0f} "
            f"| {s['encounters_per_second']:,.0f} | {s['peak_rss_mb']:,.0f} | {ratio:.1f}× |"
        )
    return "\n".join(rows)


def verdicts(sizes: list[dict[str, Any]], baseline: dict[str, Any]) -> list[str]:
    ratios = [s["resources_per_second"] / baseline["resources_per_second"] for s in sizes]
    met = all(r >= GOAL_RATIO for r in ratios)
    lines = [
        f"Goal ≥ {GOAL_RATIO:.0f}× the baseline's resources/s: "
        + ("**met**" if met else "**not met**")
        + " ("
        + ", ".join(f"{r:.1f}× at {s['size']:,}" for r, s in zip(ratios, sizes, strict=True))
        + ")."
    ]
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        lines.append(
            f"Peak RSS {large['size']:,} ÷ {small['size']:,} encounters: "
            f"{large['peak_rss_mb'] / small['peak_rss_mb']:.2f} "
            f"({large['peak_rss_mb']:,.0f} MB ÷ {small['peak_rss_mb']:,.0f} MB; goal: "
            f"independent of size, i.e. close to 1)."
        )
    return lines


def section(
    info: dict[str, str], sizes: list[dict[str, Any]], baseline: dict[str, Any], sample: int
) -> str:
    now = dt.datetime.now(dt.UTC)
    types = baseline["types"]
    sample_text = ", ".join(f"{t['lines']:,} {kind}" for kind, t in types.items())
    body = [
        f"## {now:%Y-%m-%d} · {info['commit']}{info.get('variant', '')}",
        "",
        f"- Run: {now:%Y-%m-%d %H:%M} UTC, commit `{info['commit']}` (HEAD; the working tree "
        "may have had uncommitted changes).",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, {info['system']}.",
        f"- Versions: Python {info['python']}, duckdb {info['duckdb']}, msgspec "
        f"{info['msgspec']}, pyarrow {info['pyarrow']}, pydantic {info['pydantic']}, "
        f"fhir.resources {info['fhir.resources']}.",
        f"- DuckDB memory limit: {info.get('memory_limit', 'unknown')} — one budget per import, "
        "shared by the fast path and the import's own work.",
        "- Import: "
        + (
            "the Python path only (`--python-path`: the fast path switched off)."
            if info.get("variant", "").startswith(" · Python path")
            else "as in production (Patient and Encounter files take the DuckDB fast path)."
        ),
        f"- Data: synthetic FHIR R4 export of {SCOPE} (seed {SEED}); one import per size, "
        "fresh process, fresh DuckDB file; all rows verified against what was generated.",
        "",
        table(sizes, baseline),
        "",
        f"Baseline: `fhir.resources` R4B `model_validate_json`, parse and validate only, on the "
        f"first lines of the {int(baseline['set']):,}-encounter set ({sample_text}; "
        f"`--baseline-sample {sample}`): {baseline['lines']:,} resources in "
        f"{baseline['seconds']:.1f} s = **{baseline['resources_per_second']:,.0f} resources/s** "
        f"({baseline['encounters_per_second']:,.0f} Encounter/s); "
        f"{baseline['invalid']} lines failed validation.",
        "",
        *(f"{line}\n" for line in verdicts(sizes, baseline)),
    ]
    return "\n".join(body).rstrip() + "\n"


def record(text: str, path: Path = RESULTS) -> None:
    """Append ``text`` (one ``## `` section) to ``path``, replacing one with the same title."""
    existing = path.read_text() if path.exists() else RESULTS_HEADER
    title = text.splitlines()[0]
    head, *parts = existing.split("\n## ")
    sections = ["## " + part for part in parts]
    kept = [s.rstrip() + "\n" for s in sections if s.splitlines()[0] != title]
    path.write_text("\n".join([head.rstrip() + "\n", *kept, text]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest", description=__doc__)
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100_000, 1_000_000],
        help="encounters per data set (default: 100000 1000000)",
    )
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=20_000,
        help="Encounter lines of the smallest set for the baseline, with a proportional "
        "number of the other types (default 20000)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also import the smallest set once more under cProfile and print the N "
        "functions with the most own time (not recorded)",
    )
    parser.add_argument(
        "--no-record", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}"
    )
    parser.add_argument(
        "--python-path",
        action="store_true",
        help="import with the fast path switched off (ImportOptions(fast=False)): what an "
        "export DuckDB cannot take whole costs; recorded as a section of its own",
    )
    parser.add_argument("--child", choices=["import", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warehouse", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "import":
        return child_import(args.out, args.data, args.warehouse, args.profile, args.python_path)
    if args.child == "baseline":
        return child_baseline(args.out, args.data, args.sample)

    sizes = sorted(set(args.sizes))
    from soteria.warehouse.synthetic import MAX_ENCOUNTERS, MIN_ENCOUNTERS

    if not all(MIN_ENCOUNTERS <= n <= MAX_ENCOUNTERS for n in sizes):
        parser.error(f"sizes must be between {MIN_ENCOUNTERS:,} and {MAX_ENCOUNTERS:,}")
    if args.baseline_sample < 1:
        parser.error("--baseline-sample must be positive")
    info = machine()
    print(
        f"Ingest benchmark: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, "
        f"Python {info['python']}, duckdb {info['duckdb']}, commit {info['commit']}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="soteria-bench-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        prepare(work / "data")
        print(f"demo organisations in a throwaway database: {time.perf_counter() - started:.1f} s")
        info["memory_limit"] = memory_limit()
        print(f"DuckDB memory limit: {info['memory_limit']}")
        # A run other than the default gets a section of its own (titles tell them apart).
        variant = ["Python path only"] if args.python_path else []
        if "SOTERIA_WAREHOUSE_MEMORY_LIMIT" in os.environ:
            variant.append(f"memory limit {os.environ['SOTERIA_WAREHOUSE_MEMORY_LIMIT']}")
        info["variant"] = "".join(f" · {v}" for v in variant)
        results = [measure_size(work, size, args.python_path) for size in sizes]
        smallest = work / f"fhir-{sizes[0]}"
        baseline = measure_baseline(smallest, args.baseline_sample)
        if args.profile:
            run_child(
                "import",
                "--data",
                str(smallest),
                "--warehouse",
                str(work / "warehouse-profile.duckdb"),
                "--profile",
                str(args.profile),
            )
    print("\n" + table(results, baseline) + "\n")
    print(
        f"Baseline: {baseline['resources_per_second']:,.0f} resources/s "
        f"({baseline['encounters_per_second']:,.0f} Encounter/s)"
    )
    for line in verdicts(results, baseline):
        print(line.replace("**", ""))
    if not args.no_record:
        record(section(info, results, baseline, args.baseline_sample))
        print(f"\nRecorded in {RESULTS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
