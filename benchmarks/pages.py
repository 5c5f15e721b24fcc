"""Page benchmark: latency of the scorecard pages under concurrent clients, against a floor.

Run from the repository root::

    .venv/bin/python -m benchmarks.pages [--clients 20] [--requests 20] [--no-record]
        [--units 300 --indicators 50 --months 36 --objectives 40] [--rebuild]

With a scaled data set (``benchmarks/pages_data.py``: about 300 units, 50 indicators with
stored values for 36 months and their quarters, half-years and years, an approved regional
strategy with targets), the app runs under gunicorn on 127.0.0.1 (2 worker processes × 4
threads, ``DEBUG`` off) and ``--clients`` client threads, each with its own persistent HTTP
connection and the session cookie of a signed-in quality manager, request one page
``--requests`` times each, one page after the other: first the bare ``/healthz`` view (the
floor, measured in the same run), then the strategy house, the objective scorecard, the
indicator page and the unit dashboard (when its URL exists). The URL parameters (unit,
period, objective, indicator) vary from request to request. Every response must be 200 with
the page's marker in it. p50/p95/p99/mean latency, throughput, the server's CPU time per
request and p95 ÷ the floor's p95 (goal ≤ 5×) go to the terminal and to ``RESULTS.md``. The
SQL queries of each page are counted once, in-process, for units of each level. See
``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import indicators
from benchmarks import pages_data as data
from benchmarks.indicators import record

ROOT = data.ROOT
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
GOAL_RATIO = 5.0
PAGES = ("floor", "house", "objective", "indicator", "dashboard")
LABELS = {
    "floor": "floor: `/healthz`",
    "house": "strategy house",
    "objective": "objective scorecard",
    "indicator": "indicator page",
    "dashboard": "unit dashboard",
}
MARKERS = {"floor": b'"ok"'}
PAGE_MARKER = b"<main"
WORKERS = 2
THREADS = 4
ROUNDS = 3
"""Rounds over all the pages: one round's p95 of 400 requests moves by ±30 % on this shared
machine from run to run; pooled rounds, interleaved with the floor's, move far less."""
REQUEST_TIMEOUT = 120.0
READY_TIMEOUT = 90.0
CACHE_MODES = ("on", "warm", "cold")
WARM_DISTINCT = 100
"""``--caches warm``: how many distinct URLs of a page are measured (each several times)."""
WARM_REPEAT = 6
"""``--caches warm``: how often each is requested before (a worker misses one: ~3 %)."""
CACHE_TITLES = {"on": "", "warm": " · caches warm", "cold": " · caches cold"}
CACHE_WORDS = {
    "on": "on, as deployed (per-process LocMemCache; every key holds the data generation): "
    "each page warmed up with other URLs, then the measured ones, so a request finds only "
    "what earlier requests with the same parameters (or sharing a part) cached",
    "warm": "warm: the measured requests cycle through the first 100 distinct URLs of "
    "the page's draw, each requested 6 times before the measured run (spread over the "
    "clients, so each worker process most likely has it; every process keeps its own "
    "cache), so nearly every measured request found its page cached — what a cached page "
    "costs, not a fresh one",
    "cold": "cold: each client bumped the data generation in the database before every "
    "request of a page (warm-up included; not timed), as any change to the data does, so no "
    "request found anything of the pages cached. The floor is measured without bumps, as in "
    "the other modes. A bump is an SQLite write, which the server's reads may have to wait "
    "for: the pages' latencies (not their server CPU) carry that too, so the p95 ratios "
    "are, if anything, unflattering to the pages",
}
PERIOD_WEIGHTS = {"quarter": 0.5, "month": 0.3, "half_year": 0.1, "year": 0.1}
"""How often each kind of period is asked for (pages default to the quarter)."""


# --- helpers ------------------------------------------------------------------------------


def shared_cache() -> bool:
    """Whether the server runs with ``SOTERIA_CACHE_DIR`` (it inherits the environment)."""
    return bool(os.environ.get("SOTERIA_CACHE_DIR"))


def machine() -> dict[str, str]:
    import sqlite3

    return {
        **indicators.machine(("Django", "gunicorn"), java=False),
        "sqlite": sqlite3.sqlite_version,
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method, as ``statistics.quantiles``)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# --- the child: session, URLs, query counts (settings point at the data set) ---------------


def child_inspect(out: Path, count: int, seed: int) -> None:
    """Bring the reused database up to the code's migrations, sign the benchmark user in (a
    session row; its cookie goes to the load clients), draw the URLs of every page, and count
    each page's SQL queries once per unit level."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import numpy as np
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from soteria.indicators.models import IndicatorValue
    from soteria.organisations.models import OrgUnit
    from soteria.scorecards import caching
    from soteria.strategy.models import Objective

    translation.activate("en")
    meta = data.load_meta(Path(settings.DATA_DIR)) or {}
    user = get_user_model().objects.get(username=data.USERNAME)
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    region = OrgUnit.objects.get(code=data.REGION)
    units = list(OrgUnit.objects.filter(path__startswith=region.path).order_by("depth", "code"))
    levels = [[u for u in units if u.depth == d] for d in sorted({u.depth for u in units})]
    months, longer = data._window(meta["sizes"]["months"])
    by_kind: dict[str, list[str]] = {}
    for period in [*months, *longer]:
        by_kind.setdefault(period.type.value, []).append(period.code)
    kinds = [k for k in PERIOD_WEIGHTS if k in by_kind]
    weights = np.array([PERIOD_WEIGHTS[k] for k in kinds])
    weights /= weights.sum()
    codes = sorted(
        IndicatorValue.objects.values_list("definition__code", flat=True).distinct().order_by()
    )
    version_id = meta["version_id"]
    objectives = list(
        Objective.objects.filter(version_id=version_id).select_related("owner_unit").order_by("pk")
    )
    try:
        reverse("scorecard-dashboard", args=[region.code])
        dashboard = True
    except NoReverseMatch:
        dashboard = False

    rng = np.random.default_rng(seed)

    def unit() -> Any:
        """A unit: first a level (region, hospital, department) then one of that level."""
        level = levels[int(rng.integers(len(levels)))]
        return level[int(rng.integers(len(level)))]

    def period() -> str:
        kind = kinds[int(rng.choice(len(kinds), p=weights))]
        options = by_kind[kind]
        return options[int(rng.integers(len(options)))]

    def url(page: str, u: Any = None, p: str | None = None, objective: Any = None) -> str:
        u = u or unit()
        p = p or period()
        if page == "floor":
            return reverse("healthz")
        if page == "house":
            return f"{reverse('scorecard-house', args=[version_id])}?unit={u.code}&period={p}"
        if page == "objective":
            o = objective or objectives[int(rng.integers(len(objectives)))]
            at = o.owner_unit if objective or rng.random() < 2 / 3 else region
            return f"{reverse('scorecard-objective', args=[o.pk])}?unit={at.code}&period={p}"
        if page == "indicator":
            code = codes[int(rng.integers(len(codes)))]
            return f"{reverse('scorecard-indicator', args=[code])}?unit={u.code}&period={p}"
        return f"{reverse('scorecard-dashboard', args=[u.code])}?period={p}"

    measured = [p for p in PAGES if p != "dashboard" or dashboard]
    urls = {page: [url(page) for _ in range(count)] for page in measured}
    warm = {page: [url(page) for _ in range(4 * WORKERS * THREADS)] for page in measured}

    # SQL queries of one rendering, at a unit of each level (no N+1: the count must not
    # grow with the size of the subtree)
    quarter = next((c for c in by_kind.get("quarter", []) if c == "2026Q1"), None)
    quarter = quarter or by_kind.get("quarter", by_kind["month"])[-1]
    samples = {"region": region, "hospital": levels[1][0], "department": levels[-1][0]}
    by_owner = {o.owner_unit.depth: o for o in objectives}
    queries: dict[str, dict[str, Any]] = {}
    for page in measured:
        queries[page] = {}
        for label, at in samples.items():
            if page == "objective":
                o = by_owner.get(at.depth)
                if o is None:
                    continue
                address = url(page, at, quarter, objective=o)
            elif page == "indicator":
                address = f"{reverse('scorecard-indicator', args=[codes[0]])}?unit={at.code}"
                address += f"&period={quarter}"
            else:
                address = url(page, at, quarter)
            caching.clear()  # counted as rendered when nothing is cached
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address)
            body = response.content
            marker = MARKERS.get(page, PAGE_MARKER)
            if response.status_code != 200 or marker not in body:
                raise SystemExit(
                    f"{page} at {address}: status {response.status_code}, marker "
                    f"{'present' if marker in body else 'missing'}"
                )
            queries[page][label] = {
                "url": address,
                "queries": len(captured.captured_queries),
                "bytes": len(body),
            }
    out.write_text(
        json.dumps(
            {
                "cookie": cookie,
                "urls": urls,
                "warm": warm,
                "queries": queries,
                "dashboard": dashboard,
                "codes": len(codes),
                "periods": {k: len(v) for k, v in by_kind.items()},
            }
        )
    )


def run_inspect(folder: Path, env: dict[str, str], count: int, seed: int) -> dict[str, Any]:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "benchmarks.pages",
                "--child",
                "inspect",
                "--dataset",
                str(folder),
                "--out",
                str(out),
                "--count",
                str(count),
                "--seed",
                str(seed),
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        result: dict[str, Any] = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    return result


# --- the server ---------------------------------------------------------------------------


class Server:
    """gunicorn on 127.0.0.1 in its own process group; stopped (the whole group) on exit."""

    def __init__(self, env: dict[str, str], log: Path, workers: int, threads: int) -> None:
        self.env, self.log, self.workers, self.threads = env, log, workers, threads
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "soteria.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(self.threads),
            "--no-sendfile",
            "--keep-alive",
            "60",
            "--timeout",
            str(int(REQUEST_TIMEOUT)),
            "--log-level",
            "warning",
            "--error-logfile",
            "-",
        ]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {READY_TIMEOUT:.0f} s")

    def workers_cpu(self) -> float:
        """CPU seconds (user + system) used so far by the server's processes."""
        import psutil

        total = 0.0
        assert self.process is not None
        with contextlib.suppress(psutil.NoSuchProcess):
            parent = psutil.Process(self.process.pid)
            for p in [parent, *parent.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    t = p.cpu_times()
                    total += t.user + t.system
        return total

    def log_tail(self, chars: int = 20000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- the clients --------------------------------------------------------------------------


def load(
    port: int,
    cookie: str,
    urls: list[str],
    clients: int,
    marker: bytes,
    database: Path | None = None,
) -> dict[str, Any]:
    """``clients`` threads, each with one persistent connection, request their share of
    ``urls`` one after the other; latency of each request (send → whole body read).

    With ``database`` (``--caches cold``), each client bumps the scorecards' data generation
    in that SQLite database before each request (not timed), as any change to the data
    does: the request then finds nothing of the pages cached."""
    shares = [urls[i::clients] for i in range(clients)]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[str] = []
    reconnects = [0] * clients
    start = threading.Barrier(clients + 1)
    headers = {"Cookie": cookie, "Host": "127.0.0.1", "Accept": "text/html"}

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        bumper = GenerationBumper(database) if database is not None else None
        try:
            start.wait()
            for url in shares[index]:
                if bumper is not None:
                    bumper.bump()
                began = time.perf_counter()
                for attempt in (1, 2):
                    try:
                        conn.request("GET", url, headers=headers)
                        response = conn.getresponse()
                        body = response.read()
                        break
                    except (http.client.RemoteDisconnected, ConnectionError):
                        if attempt == 2:
                            raise
                        reconnects[index] += 1
                        conn.close()
                        conn = http.client.HTTPConnection(
                            "127.0.0.1", port, timeout=REQUEST_TIMEOUT
                        )
                latencies[index].append(time.perf_counter() - began)
                if response.status != 200 or marker not in body:
                    failures.append(
                        f"{url}: status {response.status}, {len(body)} bytes, marker "
                        f"{'present' if marker in body else 'missing'}"
                    )
        except Exception as error:  # reported with the failures
            failures.append(f"client {index}: {type(error).__name__}: {error}")
        finally:
            conn.close()
            if bumper is not None:
                bumper.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    flat = sorted(x for share in latencies for x in share)
    return {"latencies": flat, "wall": wall, "failures": failures, "reconnects": sum(reconnects)}


class GenerationBumper:
    """Bumps the scorecards' data generation (``soteria.scorecards.freshness``) straight in
    the benchmark's SQLite database, as every change to the data does: a new random token,
    so every cache key of every server process is new."""

    SQL = (
        "UPDATE scorecards_datageneration SET token = lower(hex(randomblob(16))), "
        "changes = changes + 1 WHERE id = 1"
    )

    def __init__(self, database: Path) -> None:
        import sqlite3

        self.connection = sqlite3.connect(database, timeout=60, isolation_level=None)

    def bump(self) -> None:
        self.connection.execute(self.SQL)

    def close(self) -> None:
        self.connection.close()


def measure_pages(
    server: Server,
    plan: dict[str, Any],
    clients: int,
    caches: str,
    database: Path,
    rounds: int,
) -> dict[str, dict[str, Any]]:
    """Each page: the warm-up, then the measured requests (see ``--caches``), in ``rounds``
    rounds over all the pages (the floor too), each round with its own share of the URLs:
    a page's figures pool its rounds, so that a moment of load on the machine weighs on
    every page alike, not on the one measured then."""
    pooled: dict[str, dict[str, Any]] = {}
    for round_index in range(rounds):
        for page, drawn in plan["urls"].items():
            share = len(drawn) // rounds
            urls = drawn[round_index * share : (round_index + 1) * share]
            marker = MARKERS.get(page, PAGE_MARKER)
            # the floor is measured as in the other modes: it caches nothing
            bump = database if caches == "cold" and page != "floor" else None
            warm_urls = plan["warm"][page] if round_index == 0 else []
            if caches == "warm":
                # WARM_DISTINCT pages, each requested WARM_REPEAT times first: which worker
                # process serves a request is up to gunicorn, and each has its own cache (of
                # 300 entries by default); then every measured request is a cache hit
                distinct = list(dict.fromkeys(drawn))[:WARM_DISTINCT]
                urls = [distinct[i % len(distinct)] for i in range(len(urls))]
                if round_index == 0:
                    warm_urls = [*warm_urls, *(distinct * WARM_REPEAT)]
            if warm_urls:
                warm = load(server.port, plan["cookie"], warm_urls, clients, marker, bump)
                if warm["failures"]:
                    fail(page, warm["failures"], server)
            load_before = os.getloadavg()[0]
            cpu_before = server.workers_cpu()
            run = load(server.port, plan["cookie"], urls, clients, marker, bump)
            cpu = server.workers_cpu() - cpu_before
            if run["failures"]:
                fail(page, run["failures"], server)
            found = pooled.setdefault(
                page,
                {
                    "latencies": [],
                    "wall": 0.0,
                    "cpu": 0.0,
                    "reconnects": 0,
                    "loads": [],
                    "p95s": [],
                },
            )
            found["latencies"] += run["latencies"]
            found["wall"] += run["wall"]
            found["cpu"] += cpu
            found["reconnects"] += run["reconnects"]
            found["loads"].append(load_before)
            found["p95s"].append(percentile(run["latencies"], 95))
            print(
                f"  round {round_index + 1}/{rounds} {page:<10} {len(urls)} requests in "
                f"{run['wall']:.1f} s: p95 {found['p95s'][-1] * 1000:.0f} ms, server CPU "
                f"{cpu / len(urls) * 1000:.1f} ms/request",
                flush=True,
            )
    results: dict[str, dict[str, Any]] = {}
    for page, found in pooled.items():
        values = sorted(found["latencies"])
        results[page] = {
            "requests": len(values),
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "p99": percentile(values, 99),
            "mean": statistics.fmean(values),
            "max": values[-1],
            "throughput": len(values) / found["wall"],
            "wall": found["wall"],
            "server_cpu_ms": found["cpu"] / len(values) * 1000,
            "reconnects": found["reconnects"],
            "load_before": statistics.fmean(found["loads"]),
            "round_p95s": found["p95s"],
        }
    return results


def fail(page: str, failures: list[str], server: Server) -> None:
    sys.stderr.write(server.log_tail() + "\n")
    listed = "\n  ".join(failures[:10])
    raise SystemExit(
        f"the {page} page failed {len(failures)} time(s) (server log above):\n  {listed}"
    )


# --- report -------------------------------------------------------------------------------


def table(figures: dict[str, Any]) -> str:
    results, queries = figures["results"], figures["queries"]
    floor = results["floor"]["p95"]
    rows = [
        "| page | requests | p50 ms | p95 ms | p99 ms | mean ms | req/s | server CPU ms/req "
        "| SQL queries (region / hospital / dept.) | p95 ÷ floor p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in PAGES:
        if page not in results:
            rows.append(f"| {LABELS[page]} | not measured: page missing | | | | | | | | |")
            continue
        r = results[page]
        q = queries.get(page, {})
        counted = " / ".join(
            str(q[level]["queries"]) if level in q else "—"
            for level in ("region", "hospital", "department")
        )
        ratio = "1.00× (floor)" if page == "floor" else f"{r['p95'] / floor:.1f}×"
        rows.append(
            f"| {LABELS[page]} | {r['requests']} | {r['p50'] * 1000:.1f} | "
            f"{r['p95'] * 1000:.1f} | {r['p99'] * 1000:.1f} | {r['mean'] * 1000:.1f} | "
            f"{r['throughput']:.1f} | {r['server_cpu_ms']:.1f} | {counted} | {ratio} |"
        )
    return "\n".join(rows)


def verdicts(figures: dict[str, Any]) -> list[str]:
    results = figures["results"]
    floor = results["floor"]["p95"]
    lines = []
    for page in PAGES[1:]:
        if page not in results:
            lines.append(
                f"{LABELS[page]}: not measured: page missing (no `scorecard-dashboard` URL)."
            )
            continue
        ratio = results[page]["p95"] / floor
        verdict = "**met**" if ratio <= GOAL_RATIO else "**not met**"
        rounds = results[page].get("round_p95s", [])
        each = ""
        if len(rounds) > 1:
            each = "; round by round " + ", ".join(
                f"{p / f:.1f}×" for p, f in zip(rounds, results["floor"]["round_p95s"], strict=True)
            )
        lines.append(
            f"{LABELS[page]}: p95 {results[page]['p95'] * 1000:.0f} ms = {ratio:.1f}× the "
            f"floor's {floor * 1000:.1f} ms (goal ≤ {GOAL_RATIO:.0f}×): {verdict}{each}"
        )
    return lines


def section(info: dict[str, str], meta: dict[str, Any], figures: dict[str, Any]) -> str:
    now = dt.datetime.now(dt.UTC)
    counts = meta["counts"]
    sizes = meta["sizes"]
    plan = figures["plan"]
    results = figures["results"]
    body = [
        f"## Pages · {now:%Y-%m-%d} · {info['commit']} · {counts['units']} units"
        + CACHE_TITLES[figures["caches"]]
        + (" · shared cache" if shared_cache() else ""),
        "",
        "Written by `.venv/bin/python -m benchmarks.pages` (see `README.md`, section *Pages*).",
        "",
        f"- Run: {now:%Y-%m-%d %H:%M} UTC, commit `{info['commit']}` (HEAD; the working tree "
        "may have had uncommitted changes).",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, "
        f"{info['system']}; shared with other work, and the clients run on it too. Load "
        f"average (1 min) before the runs {figures['load']['start']:.2f}, at the end "
        f"{figures['load']['end']:.2f}; before each page: "
        + ", ".join(f"{p} {r['load_before']:.2f}" for p, r in results.items())
        + ".",
        f"- Caches: {CACHE_WORDS[figures['caches']]}.",
        "- Cache backend: "
        + (
            "a folder shared by the worker processes (`SOTERIA_CACHE_DIR`, Django's "
            "file-based cache)."
            if shared_cache()
            else "a LocMemCache per worker process (the default)."
        ),
        f"- Versions: Python {info['python']}, Django {info['Django']}, gunicorn "
        f"{info['gunicorn']}, SQLite {info['sqlite']}.",
        f"- Server: gunicorn on 127.0.0.1, {figures['workers']} worker processes × "
        f"{figures['threads']} threads (gthread), `--no-sendfile`, `DEBUG` off, SQLite "
        "database; the pages read stored values only.",
        f"- Data (`pages_data.py`, seed {meta['seed']}): {counts['units']} units (a region, "
        f"{data.Sizes(**sizes).hospitals} hospitals, {data.Sizes(**sizes).departments} "
        f"departments each), {counts['indicators']} active indicators, "
        f"{counts['indicators_with_values']} with stored values: {counts['values']:,} "
        f"values ({sizes['months']} months up to {meta['last_month'][:7]} and their quarters, "
        f"half-years and years; random figures inserted in bulk, standing in for computed "
        f"ones); an approved strategy with {counts['objectives']} objectives, "
        f"{counts['objective_indicators']} objective indicators, {counts['initiatives']} "
        f"initiatives, {counts['milestones']} milestones; {counts['targets']} targets. "
        f"Database {meta['database_mb']:,.0f} MB.",
        f"- Load: {figures['clients']} concurrent clients (threads, one persistent "
        f"connection each, signed in as a quality manager of the region), "
        f"{figures['requests']} requests each per page, pages one after the other, in "
        f"{figures.get('rounds', 1)} rounds (each with its own URLs; a page's figures pool "
        "its rounds); "
        "URLs drawn with a fixed seed: unit (level first: region, hospital, department), "
        "period (quarter 50 %, month 30 %, half-year 10 %, year 10 %), objective "
        f"({counts['objectives']}), indicator ({plan['codes']}). Each page warmed up first "
        f"with {len(plan['warm']['floor'])} other requests. Every response "
        'was 200 with the page\'s marker (`<main`, or `"ok"` for the floor); reconnects: '
        + ", ".join(f"{p} {r['reconnects']}" for p, r in results.items())
        + ".",
        "",
        table(figures),
        "",
        "*server CPU*: CPU time of the gunicorn processes during the page's run ÷ requests "
        "(what a request costs without the queueing); *SQL queries*: one rendering "
        "in-process (`django.test.Client`, `CaptureQueriesContext`, the cache emptied "
        "first) at the region, the first hospital and its first department, period 2026Q1 "
        "(the objective page: an objective owned at that level, where there is one).",
        "",
        *(f"- {line}" for line in verdicts(figures)),
    ]
    return "\n".join(body).rstrip() + "\n"


# --- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument(
        "--workers", type=int, default=WORKERS, help=f"gunicorn worker processes ({WORKERS})"
    )
    parser.add_argument(
        "--threads", type=int, default=THREADS, help=f"threads per worker process ({THREADS})"
    )
    parser.add_argument(
        "--requests", type=int, default=20, help="requests per client per page and round (20)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=ROUNDS,
        help=f"rounds over all the pages, each with its own URLs, pooled per page ({ROUNDS})",
    )
    parser.add_argument("--units", type=int, default=data.DEFAULT.units, help="about (300)")
    parser.add_argument(
        "--indicators", type=int, default=data.DEFAULT.indicators, help="with values (50)"
    )
    parser.add_argument(
        "--months", type=int, default=data.DEFAULT.months, help="months of values (36)"
    )
    parser.add_argument("--objectives", type=int, default=data.DEFAULT.objectives, help="(40)")
    parser.add_argument("--seed", type=int, default=data.SEED, help=f"({data.SEED})")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=ROOT / "var" / "bench",
        help="where data sets are kept (var/bench)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    parser.add_argument(
        "--caches",
        choices=CACHE_MODES,
        default="on",
        help="on: as deployed (warm-up with other URLs, then the measured ones: a request "
        "finds what earlier ones cached); warm: 100 distinct URLs per page, each requested "
        "6 times first, then measured (cache hits: what a cached page costs); cold: the data "
        "generation is bumped before every page request (nothing of the pages is cached). "
        "Default: on",
    )
    parser.add_argument(
        "--no-record", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}"
    )
    parser.add_argument("--child", choices=["prepare", "inspect"], help=argparse.SUPPRESS)
    parser.add_argument("--dataset", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = data.Sizes(args.units, args.indicators, args.months, args.objectives)

    if args.child == "prepare":
        return data.prepare(args.dataset, sizes)
    if args.child == "inspect":
        return child_inspect(args.out, args.count, args.seed)

    if args.clients < 1 or args.requests < 1 or args.rounds < 1:
        parser.error("--clients, --requests and --rounds must be at least 1")
    if not 1 <= args.months <= 120 or args.units < 4 or args.objectives < 1:
        parser.error("--months 1…120, --units at least 4, --objectives at least 1")
    info = machine()
    print(
        f"Page benchmark: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Python "
        f"{info['python']}, Django {info['Django']}, gunicorn {info['gunicorn']}, commit "
        f"{info['commit']}",
        flush=True,
    )
    work = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    meta = data.ensure_dataset(work, sizes, rebuild=args.rebuild)
    folder = data.dataset_dir(work, sizes)
    env = data.environment(folder)
    counts = meta["counts"]
    print(
        f"{counts['units']} units, {counts['indicators_with_values']} indicators, "
        f"{counts['values']:,} values, {counts['objectives']} objectives, "
        f"{counts['targets']} targets",
        flush=True,
    )
    plan = run_inspect(folder, env, args.clients * args.requests * args.rounds, args.seed)
    for page, by_level in plan["queries"].items():
        print(
            f"  SQL queries, {page}: "
            + ", ".join(f"{level} {q['queries']}" for level, q in by_level.items()),
            flush=True,
        )
    if not plan["dashboard"]:
        print("  dashboard: not measured: page missing (no scorecard-dashboard URL)")
    load_start = os.getloadavg()[0]
    log = folder / "gunicorn.log"
    print(
        f"\nload average: {load_start:.2f}; starting gunicorn ({args.workers}×{args.threads}); "
        f"caches {args.caches}",
        flush=True,
    )
    with Server(env, log, args.workers, args.threads) as server:
        results = measure_pages(
            server, plan, args.clients, args.caches, folder / data.DATABASE, args.rounds
        )
    figures = {
        "results": results,
        "queries": plan["queries"],
        "plan": plan,
        "clients": args.clients,
        "requests": args.requests,
        "rounds": args.rounds,
        "workers": args.workers,
        "threads": args.threads,
        "load": {"start": load_start, "end": os.getloadavg()[0]},
        "caches": args.caches,
    }
    print("\n" + table(figures) + "\n")
    for line in verdicts(figures):
        print(line.replace("**", ""))
    if not args.no_record:
        record(section(info, meta, figures), RESULTS)
        print(f"\nRecorded in {RESULTS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
