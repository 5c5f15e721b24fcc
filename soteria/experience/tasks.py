"""Background work of the experience app (the database-backed task queue)."""

from __future__ import annotations

from django_tasks import task

from soteria.experience.sync import sync_answers


@task()
def sync_answers_task() -> int:
    """Move unsynced answers to the warehouse and queue the recomputation; answers moved."""
    return sync_answers().answers
