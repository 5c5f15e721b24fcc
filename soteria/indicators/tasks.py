"""Background computation of indicator values (the database-backed task queue)."""

from __future__ import annotations

from django_tasks import task

from soteria.indicators.models import ComputeRun
from soteria.indicators.services import compute_run


@task()
def compute_indicators(run_id: int) -> str:
    run = compute_run(ComputeRun.objects.get(pk=run_id))
    return run.status
