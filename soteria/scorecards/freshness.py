"""The data generation: one token in the database that every scorecard cache key contains.

Whatever changes what a scorecard page shows bumps it (:func:`bump`): a computation run
(its new ``IndicatorValue`` rows), a hand-entered value, a target, a strategy, a version or
any of its elements (objective–indicator links included), a period lock, an org unit, a
membership, an indicator definition, a pin — and, as a net under all of them, every audit
entry (every audited write of every app). A page reads the token once per request
(:func:`current`) and puts it in its cache keys, so after a change no process finds the old
entries: the per-process caches (LocMemCache) of all gunicorn workers agree without being
told anything.

The bump is an ``UPDATE`` of the one row inside the writer's transaction, so the new token
becomes visible exactly when the changed data does: a reader that got the old token may
cache what it read under the old key, which nobody asks for once the new token is visible.
The token is random and new at every bump, so a rolled-back transaction (a test) can never
make an old key valid again.

Not covered by a signal, because no model signal is sent: ``QuerySet.update()`` and
``bulk_create()`` outside the services named above. The two ``bulk_create`` writers of
values (a computation run, the publishing of approved hand-entered values) are covered by
their run's save and by the hand-entered value's save and audit entry. Code that writes such
rows in bulk elsewhere must call :func:`bump` itself.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from soteria.core import generation

ROW = 1
"""Primary key of the one row."""

_SAVED_AND_DELETED = (
    "indicators.IndicatorDefinition",
    "indicators.Target",
    "indicators.ManualValue",
    "indicators.PeriodLock",
    "organisations.OrgUnit",
    "organisations.Membership",
    "strategy.Strategy",
    "strategy.StrategyVersion",
    "scorecards.Pin",
)
"""Models whose saves and deletions change what a page shows (plus every strategy element
model, see :func:`connect`)."""

_SAVED_ONLY = (
    "audit.AuditEntry",
    "indicators.ComputeRun",
    "indicators.IndicatorValue",
)
"""Only saves: ``IndicatorValue`` deletions happen in bulk (a run replaces hundreds of
thousands of rows), and a deletion receiver would make Django load and signal every row;
the run's save that follows covers them."""


def _new_token() -> str:
    return uuid.uuid4().hex


def current() -> str:
    """The token now (one query, written as SQL: every scorecard request makes it, and
    Django would compile it anew each time; the row is created on first use)."""
    from soteria.scorecards.models import DataGeneration

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM {DataGeneration._meta.db_table} WHERE id = %s",  # noqa: S608
            [ROW],
        )
        found = cursor.fetchone()
    if found is not None:
        return str(found[0])
    try:
        with transaction.atomic():
            row, _created = DataGeneration.objects.get_or_create(
                pk=ROW, defaults={"token": _new_token()}
            )
    except IntegrityError:  # created meanwhile by another request
        row = DataGeneration.objects.get(pk=ROW)
    return str(row.token)


_REQUEST_ATTR = "_soteria_data_generation"


def for_request(request: Any) -> str:
    """The token for this request: read once (:func:`current`) and kept on the request, so
    the page and its shell (``soteria.web.shell``) share it. Only for requests that read: a
    view that writes and then renders must use :func:`current` after its write."""
    found = getattr(request, _REQUEST_ATTR, None)
    if found is None:
        found = current()
        setattr(request, _REQUEST_ATTR, found)
        generation.enter(str(found))  # the in-process reference caches may use it
    return str(found)


def bump() -> None:
    """Make every cached scorecard page stale (inside the caller's transaction, if any)."""
    from soteria.scorecards.models import DataGeneration

    updated = DataGeneration.objects.filter(pk=ROW).update(
        token=_new_token(), changes=F("changes") + 1, changed_at=timezone.now()
    )
    if not updated:
        current()  # creates the row with a fresh token: no key made before can match it


def _changed(sender: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    bump()


def connect() -> None:
    """Connect :func:`bump` to the model signals (from ``ScorecardsConfig.ready``)."""
    from soteria.strategy.models import ELEMENT_MODELS

    labels = [*_SAVED_AND_DELETED, *(m._meta.label for m in ELEMENT_MODELS)]
    for label in dict.fromkeys(labels):
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"scorecards-fresh-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"scorecards-fresh-del-{label}")
    for label in _SAVED_ONLY:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"scorecards-fresh-save-{label}")
