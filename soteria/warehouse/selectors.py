"""Reads of the warehouse package, limited to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from soteria.organisations import access
from soteria.warehouse.models import ImportRecord, UnitMapping


def imports_for(user: Any) -> QuerySet[ImportRecord]:
    return access.filter_by_unit(
        ImportRecord.objects.select_related("unit", "actor"), user, access.Action.VIEW
    )


def import_get(user: Any, pk: int) -> ImportRecord:
    record = get_object_or_404(ImportRecord.objects.select_related("unit", "actor"), pk=pk)
    if not access.can(user, access.Action.VIEW, record.unit):
        raise Http404
    return record


def mappings_for(user: Any) -> QuerySet[UnitMapping]:
    return access.filter_by_unit(UnitMapping.objects.select_related("unit"), user)
