"""Import patient-experience responses (CSV or FHIR QuestionnaireResponse JSON) into a survey."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from soteria.experience.imports import import_responses, parse_link_map
from soteria.experience.models import Survey
from soteria.organisations.models import OrgUnit


class Command(BaseCommand):
    help = "Import responses into a survey, all or nothing (see docs/experience.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("owner", help="code of the survey's owner unit")
        parser.add_argument("survey", help="survey code")
        parser.add_argument("path", type=Path, help=".csv or .json file")
        parser.add_argument("--unit", help="unit code for FHIR responses / CSV rows without one")
        parser.add_argument(
            "--map",
            type=Path,
            help="FHIR item mapping file (linkId = CODE, linkId / answer = CODE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        survey = (
            Survey.objects.filter(owner__code=options["owner"], code=options["survey"])
            .select_related("owner")
            .first()
        )
        if survey is None:
            raise CommandError("No such survey.")
        unit = None
        if options.get("unit"):
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError("No such unit.")
        path: Path = options["path"]
        try:
            link_map = parse_link_map(options["map"].read_text()) if options.get("map") else None
            report = import_responses(
                actor=None,
                survey=survey,
                file_name=path.name,
                content=path.read_bytes(),
                default_unit=unit,
                link_map=link_map,
            )
        except (OSError, ValidationError) as error:
            raise CommandError("; ".join(getattr(error, "messages", [str(error)]))) from error
        for problem in report.errors:
            self.stderr.write(f"{problem.row}\t{problem.field}\t{problem.message}")
        if not report.ok:
            raise CommandError(f"Nothing imported: {len(report.errors)} problem(s).")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.read} read, {report.created} imported, {report.already} imported before."
            )
        )
