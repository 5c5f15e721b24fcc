"""Review reports for every unit below a unit, made in the task queue.

:func:`bulk_request` checks the request and queues :func:`soteria.reviews.tasks.run_bulk`;
:func:`bulk_run` does the work: for each unit down to ``depth`` levels below (that the
requester may edit), it takes the unit's draft for the period (creating one when there is
none; a unit whose report for the period is in review or signed keeps it), renders its
PDF, and writes all PDFs into one zip file under ``REVIEW_DIR``. Progress is saved after
every unit; one unit failing is recorded and the others go on.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.reviews import services
from soteria.reviews.models import BulkReportRun, BulkStatus, ReviewReport

log = logging.getLogger(__name__)


def review_dir() -> Path:
    path = Path(getattr(settings, "REVIEW_DIR", settings.DATA_DIR / "reviews"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def units_below(user: Any, unit: OrgUnit, depth: int) -> list[OrgUnit]:
    """The units 1…``depth`` levels below ``unit`` that the user may edit, in tree order."""
    rows = OrgUnit.objects.filter(
        path__startswith=unit.path, depth__gt=unit.depth, depth__lte=unit.depth + depth
    ).order_by("path")
    return [u for u in rows if access.can(user, Action.EDIT, u)]


@transaction.atomic
def bulk_request(
    user: Any, unit: OrgUnit, period: str, *, language: str, depth: int, for_publication: bool
) -> BulkReportRun:
    access.require(user, Action.EDIT, unit)
    parsed = services.parse_period(period)
    targets = units_below(user, unit, depth)
    if not targets:
        raise ValidationError({"depth": _("There is no unit below this one that you may edit.")})
    run = BulkReportRun(
        unit=unit,
        period=parsed.code,
        language=language,
        depth=depth,
        for_publication=for_publication,
        total=len(targets),
        requested_by=user,
    )
    run.full_clean()
    run.save()
    from soteria.reviews.tasks import run_bulk

    transaction.on_commit(lambda: run_bulk.enqueue(run.pk))
    return run


def _draft_for(user: Any, run: BulkReportRun, unit: OrgUnit) -> ReviewReport:
    current = ReviewReport.objects.filter(unit=unit, period=run.period).order_by("-version").first()
    if current is not None:  # a draft is refreshed, one in review or signed is kept
        return current
    return services.report_create(
        user,
        unit,
        run.period,
        language=run.language,
        for_publication=run.for_publication,
    )


def bulk_run(run: BulkReportRun) -> BulkReportRun:
    user = run.requested_by or get_user_model()(is_superuser=False)
    run.status = BulkStatus.RUNNING
    run.save(update_fields=["status"])
    targets = units_below(user, run.unit, run.depth)
    run.total = len(targets)
    name = f"reviews-{run.pk}-{run.unit.code}-{run.period}.zip"
    path = review_dir() / name
    errors: list[dict[str, str]] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, unit in enumerate(targets, start=1):
            try:
                report = _draft_for(user, run, unit)
                archive.writestr(
                    f"{unit.code}-{run.period}-v{report.version}.pdf", services.pdf_of(report)
                )
            except Exception as exc:  # one unit must not stop the others
                log.exception("bulk review report failed for %s", unit.code)
                errors.append({"unit": unit.code, "error": str(exc)[:300]})
            run.done = done
            run.errors = errors
            run.save(update_fields=["done", "errors", "total"])
    run.archive = name
    run.status = BulkStatus.FAILED if errors and len(errors) == len(targets) else BulkStatus.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["archive", "status", "finished_at"])
    return run
