from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from soteria.indicators.models import IndicatorDefinition
from soteria.interchange import dhis2
from soteria.interchange.models import IdScheme
from soteria.organisations.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Write stored indicator values as a DHIS2 dataValueSets JSON payload (stdout or "
        "--output), translating codes through the --owner organisation's mappings."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--owner", required=True, help="org unit code owning the mappings")
        parser.add_argument("--indicator", action="append", required=True)
        parser.add_argument("--unit", action="append", required=True)
        parser.add_argument("--period", action="append", required=True, help="e.g. 2026Q1")
        parser.add_argument("--id-scheme", choices=IdScheme.values, default=IdScheme.UID)
        parser.add_argument("--data-set", default="")
        parser.add_argument("--user", default=None, help="export only what this user may see")
        parser.add_argument("--output", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        owner = OrgUnit.objects.filter(code=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No org unit has the code {options['owner']}.")
        definitions = list(IndicatorDefinition.objects.filter(code__in=options["indicator"]))
        units = list(OrgUnit.objects.filter(code__in=options["unit"]))
        missing = (set(options["indicator"]) - {d.code for d in definitions}) | (
            set(options["unit"]) - {u.code for u in units}
        )
        if missing:
            raise CommandError(f"Unknown code(s): {', '.join(sorted(missing))}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']}.")
        result = dhis2.export_data_value_set(
            user,
            definitions,
            units,
            options["period"],
            owner,
            id_scheme=options["id_scheme"],
            data_set=options["data_set"],
        )
        for warning in result.warnings:
            self.stderr.write(warning)
        text = json.dumps(result.payload, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"{result.count} values written to {options['output']}.")
        else:
            self.stdout.write(text)
