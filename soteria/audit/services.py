"""Recording changes. Every service that writes calls :func:`audit_record`."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from soteria.audit.models import AuditAction, AuditEntry

IGNORED_FIELDS = {"id", "path", "depth", "key", "logo"}
"""Never recorded: ids and tree bookkeeping, and images (a logo's change is recorded by
its hash by the service that sets it)."""


def _jsonable(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def snapshot(instance: models.Model, *, labels: bool = True) -> dict[str, Any]:
    """Field values of a model instance, JSON-ready.

    Foreign keys are recorded by their label (what a reader of the history recognises),
    or by primary key with ``labels=False``; choices keep their stored value.
    """
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in IGNORED_FIELDS:
            continue
        value = field.value_from_object(instance)
        if labels and field.is_relation and value is not None:
            value = str(getattr(instance, field.name))
        data[field.name] = _jsonable(value)
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old": …, "new": …}} for every field whose value differs."""
    return {
        name: {"old": before.get(name), "new": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    unit: Any = None,
    object_id: Any = None,
) -> AuditEntry:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "system",
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(object_id if object_id is not None else instance.pk),
        object_repr=str(instance)[:300],
        unit=unit,
        unit_path=getattr(unit, "path", "") or "",
        changes=changes or {},
    )
