"""Create a survey from a shipped template for an organisation unit, optionally distributed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse

from soteria.experience import catalogue, services
from soteria.organisations.models import OrgUnit


class Command(BaseCommand):
    help = "Create a patient-experience survey from a template (FFT, INPATIENT, FIVE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("owner", help="code of the owner org unit")
        parser.add_argument("--template", required=True, choices=sorted(catalogue.templates()))
        parser.add_argument("--code", help="survey code (default: the template's)")
        parser.add_argument(
            "--distribute", nargs="*", default=[], metavar="UNIT", help="unit codes to offer it at"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            owner = OrgUnit.objects.get(code=options["owner"])
            with transaction.atomic():
                survey = services.survey_from_template(
                    actor=None,
                    owner=owner,
                    template_code=options["template"],
                    code=options.get("code"),
                )
                for code in options["distribute"]:
                    unit = OrgUnit.objects.get(code=code)
                    d = services.distribution_create(actor=None, survey=survey, unit=unit)
                    self.stdout.write(
                        f"{unit.code}: {reverse('experience-respond', args=[d.token])}"
                    )
        except OrgUnit.DoesNotExist as error:
            raise CommandError("No such org unit.") from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created survey {survey.code} for {owner.code}."))
