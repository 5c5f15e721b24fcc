"""Comment analysis in the background: language, sentiment, themes and the embedding of
every comment, done again whenever the shipped models change.

A comment is *pending* when its ``analysis_version`` is not the current model version
(:func:`soteria.experience.analysis.analyse.model_version`): new comments (empty version)
and comments analysed by an older model alike, so retraining the models or changing the
taxonomy re-analyses everything once. :func:`request` records an :class:`AnalysisRun` and
queues :func:`soteria.experience.comment_tasks.run_analysis`; :func:`run` works through the
pending comments in batches of :data:`BATCH`, saving each batch and the run's progress in
one transaction, so a run that stops leaves every finished batch stored and the rest
pending for the next run. New comments queue a run by themselves (the ``comments_stored``
signal), unless one is already waiting.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from soteria.experience.models import AnalysisRun, AnalysisStatus, Comment

log = logging.getLogger(__name__)

BATCH = 64
FIELDS = ["language", "sentiment", "themes", "vector", "analysis_version", "analysed_at"]


def current_version() -> str:
    from soteria.experience.analysis.analyse import model_version

    return model_version()


def pending(version: str | None = None) -> QuerySet[Comment]:
    return Comment.objects.exclude(analysis_version=version or current_version())


def analyse_batch(comments: list[Comment]) -> None:
    """Analyse and store a batch (one ``bulk_update``)."""
    from soteria.experience.analysis.analyse import analyse, vector_to_bytes

    results = analyse([c.text for c in comments])
    now = timezone.now()
    for comment, result in zip(comments, results, strict=True):
        comment.language = result.language if result.language != "und" else ""
        comment.sentiment = result.sentiment or ""
        comment.themes = list(result.themes)
        comment.vector = vector_to_bytes(result.vector)
        comment.analysis_version = result.model_version
        comment.analysed_at = now
    Comment.objects.bulk_update(comments, FIELDS)


def request(actor: Any = None) -> AnalysisRun:
    """A run for the comments pending now, queued (or the one already waiting)."""
    from soteria.experience.comment_tasks import run_analysis

    waiting = AnalysisRun.objects.filter(status=AnalysisStatus.QUEUED).first()
    if waiting is not None:
        return waiting
    version = current_version()
    run = AnalysisRun.objects.create(
        model_version=version,
        total=pending(version).count(),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: run_analysis.enqueue(run.pk))
    return run


def run(analysis_run: AnalysisRun) -> AnalysisRun:
    """Work through the pending comments (see the module)."""
    version = current_version()
    analysis_run.status = AnalysisStatus.RUNNING
    analysis_run.model_version = version
    analysis_run.total = analysis_run.done + pending(version).count()
    analysis_run.save(update_fields=["status", "model_version", "total"])
    try:
        while True:
            batch = list(pending(version).order_by("pk")[:BATCH])
            if not batch:
                break
            with transaction.atomic():
                analyse_batch(batch)
                analysis_run.done += len(batch)
                analysis_run.save(update_fields=["done"])
    except Exception as exc:  # recorded; what was stored stays
        log.exception("comment analysis failed")
        analysis_run.status = AnalysisStatus.FAILED
        analysis_run.error = str(exc)[:500]
    else:
        analysis_run.status = AnalysisStatus.DONE
    analysis_run.finished_at = timezone.now()
    analysis_run.save(update_fields=["status", "error", "finished_at"])
    return analysis_run


def on_comments_stored(sender: Any, comment_ids: list[int], **kwargs: Any) -> None:
    """New comments arrived: make sure a run is queued for them. The comments are stored
    already; a failure here (e.g. model files missing) is logged, never shown to the
    patient, and the comments stay pending for the next run."""
    if not comment_ids:
        return
    try:
        request()
    except Exception:
        log.exception("could not queue the analysis of %s new comments", len(comment_ids))
