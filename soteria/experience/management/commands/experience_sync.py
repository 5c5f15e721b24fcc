"""Move unsynced patient-experience answers to the warehouse now (the worker does it too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from soteria.experience.sync import sync_answers


class Command(BaseCommand):
    help = "Move unsynced experience answers to the warehouse and queue the recomputation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-recompute", action="store_true", help="do not queue the indicator computation"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_answers(recompute=not options["no_recompute"])
        self.stdout.write(
            f"{result.answers} answers moved to the warehouse"
            + (f"; computation {result.run_id} queued." if result.run_id else ".")
        )
