"""Comment analysis in the background (the database-backed task queue)."""

from __future__ import annotations

from django_tasks import task

from soteria.experience import comment_jobs
from soteria.experience.models import AnalysisRun


@task()
def run_analysis(run_id: int) -> str:
    return comment_jobs.run(AnalysisRun.objects.get(pk=run_id)).status
