"""Review reports in the background (the database-backed task queue)."""

from __future__ import annotations

from django_tasks import task

from soteria.reviews.bulk import bulk_run
from soteria.reviews.models import BulkReportRun


@task()
def run_bulk(run_id: int) -> str:
    run = bulk_run(BulkReportRun.objects.select_related("unit", "requested_by").get(pk=run_id))
    return run.status
