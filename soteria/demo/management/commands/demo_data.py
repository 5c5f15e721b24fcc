from typing import Any

from django.core.management.base import BaseCommand

from soteria.demo.builder import build_demo


class Command(BaseCommand):
    help = "Create the demo organisations, strategies and one user per role (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        users = build_demo(log=lambda line: self.stdout.write(line))
        self.stdout.write("")
        self.stdout.write("Demo users (user name / password / role):")
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {user.password:<18} {user.role.label}"
                f" ({user.organisation_language})"
            )
