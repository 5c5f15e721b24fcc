"""Review report benchmark: time to build and render review reports, one big and many small.

Run from the repository root::

    .venv/bin/python -m benchmarks.reviews [--units 50] [--period 2026S1] [--no-record]

On the page benchmark's scaled data set (``benchmarks/pages_data.py``: a region of about
300 units, 50 indicators with stored values, an approved regional strategy with 40
objectives, initiatives and targets; built on first use, reused after), in a child process:

1. **The region's report** (the biggest one: every objective, the indicators needing
   attention with their SPC charts): the figures document (``snapshot.build``), the page as
   the app renders it (HTML with the chart specs, the baseline measured in the same run),
   the SVG charts alone (vl-convert), and the PDF (WeasyPrint, charts included) — its pages
   counted with pypdf. Repeated ``--repeat`` times; the median is reported.
2. **Reports for ``--units`` units** (the first units below the region in tree order,
   hospitals and departments): figures document and PDF for each, one after the other, as
   the bulk task does (without storing drafts: the data set is only read).

Ratios: PDF ÷ HTML page of the same report, and seconds per PDF page. Results go to the
terminal and to ``RESULTS.md`` (this benchmark's own section). See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import indicators
from benchmarks import pages_data as data
from benchmarks.indicators import record

ROOT = data.ROOT
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def machine() -> dict[str, str]:
    return indicators.machine(("Django", "weasyprint", "vl-convert-python", "pypdf"), java=False)


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def child(out: Path, period_code: str, units: int, repeat: int) -> None:
    import io

    import django

    django.setup()
    from pypdf import PdfReader

    from soteria.indicators import periods
    from soteria.organisations.models import OrgUnit
    from soteria.reviews import render, snapshot
    from soteria.reviews.models import ReviewReport
    from soteria.scorecards.charts import to_svg

    period = periods.parse(period_code)
    region = OrgUnit.objects.get(depth=0, code="BR")
    options = snapshot.Options(language="en")

    def report_for(unit: Any) -> ReviewReport:
        return ReviewReport(unit=unit, period=period.code, version=1, language="en")

    # warm-up: imports, fonts, the vl-convert engine (not timed)
    warm = report_for(region)
    warm_doc = snapshot.build(region, period, options)
    render.pdf_bytes(warm, {**warm_doc, "attention": {"rows": [], "max_charts": 0}})

    big: dict[str, list[float]] = {"document": [], "html": [], "svg": [], "pdf": []}
    pages = charts = size = 0
    for _ in range(repeat):
        seconds, doc = _timed(lambda: snapshot.build(region, period, options))
        big["document"].append(seconds)
        report = report_for(region)
        seconds, _html = _timed(lambda r=report, d=doc: render.document_html_screen(r, d))
        big["html"].append(seconds)
        specs = [r["chart"] for r in doc["attention"]["rows"] if r.get("chart")]
        seconds, _svgs = _timed(lambda specs=specs: [to_svg(s) for s in specs])
        big["svg"].append(seconds)
        seconds, pdf = _timed(lambda r=report, d=doc: render.pdf_bytes(r, d))
        big["pdf"].append(seconds)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        charts, size = len(specs), len(pdf)

    below = list(OrgUnit.objects.filter(path__startswith=region.path, depth__gt=0).order_by("path"))
    below = below[:units]
    many = {"document": 0.0, "pdf": 0.0}
    many_pages = 0
    start = time.perf_counter()
    for unit in below:
        seconds, doc = _timed(lambda u=unit: snapshot.build(u, period, options))
        many["document"] += seconds
        seconds, pdf = _timed(lambda u=unit, d=doc: render.pdf_bytes(report_for(u), d))
        many["pdf"] += seconds
        many_pages += len(PdfReader(io.BytesIO(pdf)).pages)
    many_total = time.perf_counter() - start
    out.write_text(
        json.dumps(
            {
                "big": {k: statistics.median(v) for k, v in big.items()},
                "big_runs": big,
                "pages": pages,
                "charts": charts,
                "bytes": size,
                "units": len(below),
                "many": many,
                "many_total": many_total,
                "many_pages": many_pages,
                "period": period.code,
            }
        )
    )


def section(info: dict[str, str], meta: dict[str, Any], figures: dict[str, Any]) -> str:
    now = dt.datetime.now(dt.UTC)
    big, many = figures["big"], figures["many"]
    counts = meta["counts"]
    per_page = big["pdf"] / figures["pages"] if figures["pages"] else float("nan")
    lines = [
        f"## Review reports · {now:%Y-%m-%d} · {info['commit']}",
        "",
        "Written by `.venv/bin/python -m benchmarks.reviews` (see `README.md`, section "
        "*Review reports*).",
        "",
        f"- Run: {now:%Y-%m-%d %H:%M} UTC, commit `{info['commit']}` (HEAD; the working tree "
        "may have had uncommitted changes).",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, "
        f"{info['system']}; shared with other work. Django {info['Django']}, WeasyPrint "
        f"{info['weasyprint']}, vl-convert {info['vl-convert-python']}, pypdf {info['pypdf']}.",
        f"- Data: the page benchmark's set — {counts['units']} units, "
        f"{counts['indicators_with_values']} indicators, {counts['values']:,} stored values, "
        f"{counts['objectives']} objectives; period {figures['period']}.",
        "",
        f"**The region's report** ({figures['pages']} PDF pages, {figures['charts']} SPC "
        f"charts, {figures['bytes'] / 1024:.0f} KiB), median of "
        f"{len(figures['big_runs']['pdf'])} runs:",
        "",
        "| step | seconds | ratio |",
        "| --- | ---: | ---: |",
        f"| figures document (`snapshot.build`) | {big['document']:.2f} | |",
        f"| page as the app renders it (HTML, charts as specs) — baseline | {big['html']:.2f} "
        "| 1.0× |",
        f"| the SVG charts alone (vl-convert) | {big['svg']:.2f} | "
        f"{big['svg'] / big['html']:.1f}× |",
        f"| PDF (WeasyPrint, charts included) | {big['pdf']:.2f} | "
        f"{big['pdf'] / big['html']:.1f}× |",
        "",
        f"PDF: {per_page:.2f} s per page. Whole report (document + PDF): "
        f"{big['document'] + big['pdf']:.1f} s.",
        "",
        f"**Reports for {figures['units']} units** below the region, one after the other "
        f"(what the bulk task does): {figures['many_total']:.1f} s in all "
        f"({figures['many_total'] / max(figures['units'], 1):.2f} s per unit; figures "
        f"documents {many['document']:.1f} s, PDFs {many['pdf']:.1f} s; "
        f"{figures['many_pages']} pages).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reviews", description=__doc__)
    parser.add_argument("--units", type=int, default=50, help="unit reports in the bulk (50)")
    parser.add_argument("--period", default="2026S1", help="the period reviewed (2026S1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the big report (3)")
    parser.add_argument(
        "--work-dir", type=Path, default=ROOT / "var" / "bench", help="data sets (var/bench)"
    )
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.out, args.period, args.units, args.repeat)
    info = machine()
    work = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    meta = data.ensure_dataset(work, data.DEFAULT)
    env = {**os.environ, **data.environment(data.dataset_dir(work, data.DEFAULT))}
    # the data set may predate the newest migrations (it is only read, but its tables must
    # have today's columns)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        check=True,
        env=env,
        cwd=ROOT,
    )
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "benchmarks.reviews",
                "--child",
                "--out",
                str(out),
                "--period",
                args.period,
                "--units",
                str(args.units),
                "--repeat",
                str(args.repeat),
            ],
            check=True,
            env=env,
            cwd=ROOT,
        )
        figures = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    text = section(info, meta, figures)
    print(text)
    if not args.no_record:
        record(text, RESULTS)
        print(f"Recorded in {RESULTS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
