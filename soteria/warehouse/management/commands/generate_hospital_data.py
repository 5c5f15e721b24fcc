"""Write a synthetic hospital data set (FHIR Bulk Data NDJSON plus HIS CSV files)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from soteria.warehouse.synthetic import MAX_ENCOUNTERS, MIN_ENCOUNTERS, generate


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic hospital data set for the demo organisations: "
        "Organization, Location, Patient and Encounter NDJSON files (FHIR R4 Bulk Data) and "
        "ed_arrivals.csv, bed_capacity.csv and waiting_list.csv, in OUT_DIR."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out_dir", type=Path, help="folder to write into (created if needed)")
        parser.add_argument(
            "--encounters",
            type=int,
            required=True,
            help=f"number of Encounter resources, {MIN_ENCOUNTERS:,} to {MAX_ENCOUNTERS:,}",
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--organisation",
            dest="organisations",
            action="extend",
            nargs="+",
            metavar="CODE",
            help="root organisation code(s), e.g. PL-WSS FI-JVL (default: all four)",
        )
        parser.add_argument(
            "--faults",
            type=float,
            default=0.0,
            help="probability that an Encounter line is written broken (default 0)",
        )
        parser.add_argument(
            "--start", type=date.fromisoformat, default=date(2024, 1, 1), help="first day"
        )
        parser.add_argument(
            "--end", type=date.fromisoformat, default=date(2026, 10, 31), help="last day"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = options["encounters"]
        bar = tqdm(
            total=total,
            unit="enc",
            unit_scale=True,
            file=sys.stderr,
            disable=options["verbosity"] == 0,
            desc="Encounters",
        )
        done = 0

        def progress(count: int) -> None:
            nonlocal done
            bar.update(count - done)
            done = count

        try:
            summary = generate(
                options["out_dir"],
                encounters=total,
                seed=options["seed"],
                organisations=options["organisations"],
                start=options["start"],
                end=options["end"],
                faults=options["faults"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        self.stdout.write(summary.describe())
