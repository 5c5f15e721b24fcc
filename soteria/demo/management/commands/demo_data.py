from typing import Any

from django.core.management.base import BaseCommand

from soteria.demo.builder import build_demo
from soteria.demo.experience import build_demo_experience
from soteria.demo.hospital_data import (
    DEMO_ENCOUNTERS_PER_ORGANISATION,
    compute_demo_indicators,
    load_hospital_data,
)
from soteria.demo.indicators import build_demo_indicators
from soteria.demo.practices import build_demo_practices


class Command(BaseCommand):
    help = "Create the demo organisations, strategies and one user per role (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-hospital-data",
            action="store_true",
            help="skip generating and importing the synthetic hospital data",
        )
        parser.add_argument(
            "--encounters",
            type=int,
            default=DEMO_ENCOUNTERS_PER_ORGANISATION,
            help="synthetic encounters per organisation (default %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = build_demo(log=lambda line: self.stdout.write(line))
        if not options["no_hospital_data"]:
            load_hospital_data(
                log=lambda line: self.stdout.write(line), encounters=options["encounters"]
            )
            build_demo_experience(log=lambda line: self.stdout.write(line))
            build_demo_practices(log=lambda line: self.stdout.write(line))
            compute_demo_indicators(log=lambda line: self.stdout.write(line))
            build_demo_indicators(log=lambda line: self.stdout.write(line))
        self.stdout.write("")
        self.stdout.write("Demo users (user name / password / role):")
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {user.password:<18} {user.role.label}"
                f" ({user.organisation_language})"
            )
