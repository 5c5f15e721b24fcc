from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from soteria.indicators.models import ComputeRun
from soteria.indicators.services import affected_scope, compute_run
from soteria.organisations.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Compute every active indicator from the warehouse and store the values: all "
        "organisations and periods (a full recompute), or only --unit organisations and "
        "--year years. --queue hands the work to the background worker instead."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--unit",
            action="append",
            default=[],
            help="an org unit code (its organisation is recomputed)",
        )
        parser.add_argument("--year", action="append", type=int, default=[])
        parser.add_argument("--backend", choices=["duckdb", "spark"], default=None)
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="count open stays up to this day (YYYY-MM-DD)",
        )
        parser.add_argument("--queue", action="store_true", help="run in the background worker")

    def handle(self, *args: Any, **options: Any) -> None:
        units = list(OrgUnit.objects.filter(code__in=options["unit"]))
        missing = set(options["unit"]) - {u.code for u in units}
        if missing:
            raise CommandError(f"No org unit has the code(s) {', '.join(sorted(missing))}.")
        scope: dict[str, Any] = {}
        if units:
            scope = affected_scope([u.pk for u in units], options["year"])
        elif options["year"]:
            scope = {"years": sorted(set(options["year"]))}
        run = ComputeRun.objects.create(
            scope=scope, backend=options["backend"] or settings.INDICATOR_BACKEND
        )
        if options["queue"]:
            from soteria.indicators.tasks import compute_indicators

            compute_indicators.enqueue(run.pk)
            self.stdout.write(f"Queued computation #{run.pk}.")
            return
        bar = tqdm(desc="facts", unit=" fact", file=sys.stderr, disable=None)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            run = compute_run(run, as_of=options["as_of"], progress=progress)
        finally:
            bar.close()
        if run.status != "succeeded":
            raise CommandError(f"Computation failed: {run.error}")
        self.stdout.write(
            f"Computed #{run.pk} on {run.backend}: {run.values_written:,} values in "
            f"{run.duration_seconds:.1f} s."
        )
