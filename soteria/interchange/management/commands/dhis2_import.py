from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from soteria.interchange import dhis2
from soteria.organisations.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Enter the values of a DHIS2 dataValueSets JSON file as hand-entered values, as "
        "--user, translating ids through the --owner organisation's mappings. All or nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--owner", required=True)
        parser.add_argument("--user", required=True)
        parser.add_argument("--submit", action="store_true", help="also submit for approval")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = OrgUnit.objects.filter(code=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No org unit has the code {options['owner']}.")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        report = dhis2.import_data_value_set(
            user, path.read_bytes(), owner, submit=options["submit"]
        )
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"row {error.index} {error.field}: {error.message}")
            raise CommandError(f"{len(report.errors)} problem(s); nothing was imported.")
        self.stdout.write(
            f"{report.total} values: {report.created} new, {report.changed} changed, "
            f"{report.unchanged} unchanged."
        )
