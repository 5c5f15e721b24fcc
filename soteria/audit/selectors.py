"""Reading the audit history, limited to what the reader may see."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from soteria.audit.models import AuditEntry


def history_for(instance_type: type[models.Model], object_id: Any) -> QuerySet[AuditEntry]:
    content_type = ContentType.objects.get_for_model(instance_type, for_concrete_model=True)
    return AuditEntry.objects.filter(
        content_type=content_type, object_id=str(object_id)
    ).select_related("actor")
