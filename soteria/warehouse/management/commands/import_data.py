from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from soteria.organisations.models import OrgUnit
from soteria.warehouse import services
from soteria.warehouse.models import ImportRecord


class Command(BaseCommand):
    help = (
        "Import hospital data into the warehouse: FHIR R4 NDJSON files, Bundles, or CSV "
        "exports (with an optional .toml column mapping), or folders of them. Nothing is "
        "written if any record is rejected, unless --allow-partial is given."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--mapping", type=Path, help="column mapping for CSV exports (.toml)")
        parser.add_argument("--unit", required=True, help="code of the org unit the data is for")
        parser.add_argument("--source-system", required=True, help="e.g. the HIS's name")
        parser.add_argument(
            "--allow-partial",
            action="store_true",
            help="import valid records, write rejects to a quarantine file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"No org unit has the code {options['unit']!r}.")
        if options["mapping"]:
            options["paths"].append(options["mapping"])
        for path in options["paths"]:
            if not path.exists():
                raise CommandError(f"{path} does not exist.")
        record = services.import_create(
            actor=None,
            unit=unit,
            source_system=options["source_system"],
            files=[],
            allow_partial=options["allow_partial"],
        )
        bar = tqdm(desc="records", unit=" rec", file=sys.stderr, disable=None)

        def on_progress(count: int) -> None:
            bar.update(count - bar.n)

        try:
            services.import_run(record=record, paths=options["paths"], on_progress=on_progress)
        finally:
            bar.close()
        self._report(record)
        if record.status == "failed":
            raise CommandError("Import rejected; nothing was written.")

    def _report(self, record: ImportRecord) -> None:
        self.stdout.write(
            f"Import #{record.pk}: {record.get_status_display()} in {record.duration_seconds:.1f} s"
        )
        for kind, counts in record.counts.items():
            self.stdout.write(
                "  "
                + kind.ljust(13)
                + "  ".join(f"{name} {value:,}" for name, value in counts.items())
            )
        for error in record.errors[:50]:
            where = f"{error['file']}:{error['line']}" if error["line"] else error["file"]
            field = f" [{error['field']}]" if error["field"] else ""
            self.stdout.write(self.style.ERROR(f"  {where}{field} {error['reason']}"))
        if record.error_count > 50:
            self.stdout.write(f"  … and {record.error_count - 50:,} more (see the import page)")
        if record.quarantine_file:
            self.stdout.write(f"  Rejected records: {record.quarantine_file}")
