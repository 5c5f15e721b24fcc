from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from soteria.interchange import excel_workbook
from soteria.interchange.fhir_measure import SelectionTooLarge
from soteria.interchange.management.commands.fhir_measure_export import (
    selection_arguments,
    selection_of,
)


class Command(BaseCommand):
    help = (
        "Write stored indicator values with their targets and statuses as an Excel workbook "
        "(sheets Values, Targets, About) or the values as CSV."
    )

    def add_arguments(self, parser: Any) -> None:
        selection_arguments(parser)
        parser.add_argument(
            "--format",
            choices=["xlsx", "csv", "targets-csv"],
            default="xlsx",
            help="the workbook, the values table as CSV, or the targets table as CSV",
        )
        parser.add_argument(
            "--output", default=None, help="file to write (default: stdout, CSV only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, definitions, units, codes = selection_of(options)
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("An Excel workbook needs --output FILE.xlsx.")
        try:
            export = excel_workbook.workbook_export(
                user,
                definitions,
                units,
                codes,
                include_descendants=options["sub_units"],
                language=options["language"] or settings.LANGUAGE_CODE,
            )
        except SelectionTooLarge as error:
            raise CommandError(str(error)) from None
        for warning in export.warnings:
            self.stderr.write(warning)
        if options["format"] in ("csv", "targets-csv"):
            table = "targets" if options["format"] == "targets-csv" else "values"
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                    export.write_csv(handle, table)
            else:
                text = io.StringIO()
                export.write_csv(text, table)
                self.stdout.write(text.getvalue(), ending="")
        else:
            with open(options["output"], "wb") as handle:
                export.write_xlsx(handle)
        if options["output"]:
            self.stderr.write(f"{export.count} values written to {options['output']}.")
