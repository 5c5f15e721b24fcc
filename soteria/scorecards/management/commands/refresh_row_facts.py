from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from soteria.indicators.models import IndicatorDefinition
from soteria.scorecards import row_facts


class Command(BaseCommand):
    help = (
        "Work out again what the scorecard tables show of every stored series (sparkline "
        "and latest SPC judgement, kept with each value): after values were written by code "
        "that does not announce them, or after an upgrade that changed what is kept. "
        "--indicator limits it to some indicators."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--indicator", action="append", default=[], help="an indicator code (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = None
        if options["indicator"]:
            found = dict(
                IndicatorDefinition.objects.filter(code__in=options["indicator"]).values_list(
                    "code", "pk"
                )
            )
            unknown = sorted(set(options["indicator"]) - set(found))
            if unknown:
                raise CommandError(f"Unknown indicator: {', '.join(unknown)}")
            ids = list(found.values())
        started = time.perf_counter()
        written = row_facts.refresh(ids, None)
        self.stdout.write(
            f"Row facts of {written:,} stored values in {time.perf_counter() - started:.1f} s."
        )
