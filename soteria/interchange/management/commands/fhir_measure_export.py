from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from soteria.indicators.models import IndicatorDefinition
from soteria.indicators.selectors import definitions_visible_to
from soteria.interchange import fhir_measure
from soteria.organisations.models import OrgUnit


def selection_arguments(parser: Any) -> None:
    """The selection options shared with ``excel_export``."""
    parser.add_argument("--indicator", action="append", required=True, help="indicator code")
    parser.add_argument("--unit", action="append", required=True, help="org-unit code")
    parser.add_argument("--sub-units", action="store_true", help="also every unit below them")
    parser.add_argument("--period", action="append", default=[], help="e.g. 2026Q1 (repeatable)")
    parser.add_argument("--from", dest="period_from", default=None, help="first period")
    parser.add_argument("--to", dest="period_to", default=None, help="last period")
    parser.add_argument(
        "--language",
        choices=[code for code, _name in settings.LANGUAGES],
        default=None,
        help="language of names and descriptions",
    )
    parser.add_argument("--user", default=None, help="export only what this user may see")


def selection_of(options: dict[str, Any]) -> tuple[Any, list[Any], list[OrgUnit], list[str]]:
    """(user, definitions, units, period codes) from the options; ``CommandError`` with the
    reason when a code is unknown (another organisation's own indicator included, when a
    --user is given) or the periods are not periods."""
    user = None
    if options["user"]:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']}.")
    known = definitions_visible_to(user) if user is not None else IndicatorDefinition.objects
    definitions = list(known.filter(code__in=options["indicator"]))
    units = list(OrgUnit.objects.filter(code__in=options["unit"]))
    missing = (set(options["indicator"]) - {d.code for d in definitions}) | (
        set(options["unit"]) - {u.code for u in units}
    )
    if missing:
        raise CommandError(f"Unknown code(s): {', '.join(sorted(missing))}.")
    codes = list(options["period"])
    try:
        if options["period_from"] or options["period_to"]:
            first = options["period_from"] or options["period_to"]
            last = options["period_to"] or options["period_from"]
            codes += fhir_measure.period_codes_between(first, last)
        for code in codes:
            fhir_measure.periods.parse(code)
    except ValueError as error:
        raise CommandError(str(error)) from None
    if not codes:
        raise CommandError("Give --period (repeatable) or --from and --to.")
    return user, definitions, units, codes


class Command(BaseCommand):
    help = (
        "Write stored indicator values as a FHIR R4 Bundle (type collection) of Measures and "
        "summary MeasureReports (stdout or --output)."
    )

    def add_arguments(self, parser: Any) -> None:
        selection_arguments(parser)
        parser.add_argument("--output", default=None, help="file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        user, definitions, units, codes = selection_of(options)
        try:
            export = fhir_measure.measure_bundle(
                user,
                definitions,
                units,
                codes,
                include_descendants=options["sub_units"],
                language=options["language"] or settings.LANGUAGE_CODE,
            )
        except fhir_measure.SelectionTooLarge as error:
            raise CommandError(str(error)) from None
        for warning in export.warnings:
            self.stderr.write(warning)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                for chunk in export.chunks():
                    handle.write(chunk)
            self.stderr.write(f"{export.count} MeasureReports written to {options['output']}.")
        else:
            for chunk in export.chunks():
                self.stdout.write(chunk, ending="")
