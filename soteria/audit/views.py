"""The history of one object: who changed what, when, old → new."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from soteria.audit.selectors import history_for
from soteria.organisations import access
from soteria.organisations.models import Membership, OrgUnit

#: Objects read with a role on their unit (or above), like units: not from below it.
_READ_ON_UNIT = {
    "indicators.Target",
    "indicators.ManualValue",
    # a case's history holds its draft texts; an adoption is its unit's business
    "practices.PracticeCase",
    "practices.PracticeAdoption",
    # a comment and what it was linked to are read on the comment's unit
    "experience.CommentLink",
}


def _may_read(user: object, model_class: type, unit: OrgUnit) -> bool:
    """Memberships are an administrator's business; units, targets and hand-entered values
    need a role on their unit; strategy content (and what else governs a subtree) is read
    by anyone in the subtree."""
    if model_class is Membership:
        return access.can(user, access.Action.ADMINISTER, unit)
    if model_class is OrgUnit or model_class._meta.label in _READ_ON_UNIT:  # type: ignore[attr-defined]
        return access.can(user, access.Action.VIEW, unit)
    return access.reads_within(user, unit)


def history(request: HttpRequest, model: str, pk: str) -> HttpResponse:
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    try:
        pk = str(model_class._meta.pk.to_python(pk))  # type: ignore[union-attr]
    except (ValidationError, ValueError, TypeError):
        raise Http404 from None
    entries = list(history_for(model_class, pk))
    instance = model_class._default_manager.filter(pk=pk).first()
    unit: OrgUnit | None = None
    if instance is not None and hasattr(instance, "governing_unit"):
        unit = instance.governing_unit()
    elif entries and entries[0].unit_path:
        unit = OrgUnit.objects.filter(path=entries[0].unit_path).first()
    if unit is None or not _may_read(request.user, model_class, unit):
        raise Http404
    fields = {f.name: f.verbose_name for f in model_class._meta.fields}
    for entry in entries:
        entry.rows = [  # type: ignore[attr-defined]
            (fields.get(name, name), change.get("old"), change.get("new"))
            for name, change in entry.changes.items()
        ]
    title = str(instance) if instance is not None else (entries[0].object_repr if entries else pk)
    return render(
        request,
        "audit/history.html",
        {
            "entries": entries,
            "title": title,
            "kind": model_class._meta.verbose_name,
            "breadcrumbs": [(_("History"), None)],
        },
    )
