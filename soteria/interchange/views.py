"""DHIS2 interchange pages. Thin: forms in, :mod:`soteria.interchange.dhis2` does the work."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.interchange import dhis2
from soteria.interchange.forms import ExportForm, ImportForm, MappingForm
from soteria.interchange.models import Dhis2Mapping
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("DHIS2 interchange"), reverse("dhis2-index")), *tail]


def _owners(user: Any) -> QuerySet[OrgUnit]:
    """Organisations with mappings that the user reads (a role on, above or below them)."""
    ids = set(Dhis2Mapping.objects.values_list("owner_id", flat=True))
    units = OrgUnit.objects.filter(pk__in=ids)
    return units.filter(pk__in=[u.pk for u in units if access.reads_within(user, u)])


def index(request: HttpRequest) -> HttpResponse:
    """Organisations whose mappings the user administers, and the export/import links."""
    administered = access.units_for(request.user, Action.ADMINISTER).order_by("path")
    counts = {u.pk: Dhis2Mapping.objects.filter(owner=u).count() for u in administered[:200]}
    rows = [(u, counts.get(u.pk, 0)) for u in administered[:200]]
    return render(
        request,
        "interchange/index.html",
        {"rows": rows, "breadcrumbs": _crumbs()},
    )


def mapping_list(request: HttpRequest, code: str) -> HttpResponse:
    """The mappings of one organisation; administrators add and delete them."""
    owner = get_object_or_404(OrgUnit, code=code)
    access.require(request.user, Action.ADMINISTER, owner)
    form = MappingForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Mapping added."))
        return redirect("dhis2-mappings", code=owner.code)
    return render(
        request,
        "interchange/mapping_list.html",
        {
            "owner": owner,
            "mappings": Dhis2Mapping.objects.filter(owner=owner),
            "form": form,
            "breadcrumbs": _crumbs((owner.display_name, None)),
        },
    )


@require_POST
def mapping_delete(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = get_object_or_404(Dhis2Mapping.objects.select_related("owner"), pk=pk)
    access.require(request.user, Action.ADMINISTER, mapping.owner)
    mapping.delete()
    messages.success(request, _("Mapping deleted."))
    return redirect("dhis2-mappings", code=mapping.owner.code)


def export(request: HttpRequest) -> HttpResponse:
    """Choose indicators, a unit and a period range; download the dataValueSets JSON."""
    user = request.user
    form = ExportForm(
        request.POST or None,
        owners=_owners(user),
        units=access.units_for(user, Action.VIEW).order_by("path"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = dhis2.export_data_value_set(
            user,
            data["indicators"],
            [data["unit"]],
            dhis2.period_range(data["period_from"], data["period_to"]),
            data["owner"],
            id_scheme=data["id_scheme"],
            data_set=data["data_set"],
        )
        if not result.count:
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.error(request, _("Nothing to export."))
        else:
            response = HttpResponse(
                json.dumps(result.payload, indent=2), content_type="application/json"
            )
            response["Content-Disposition"] = 'attachment; filename="dataValueSets.json"'
            response["X-Soteria-Warnings"] = str(len(result.warnings))
            return response
    return render(
        request,
        "interchange/form.html",
        {
            "form": form,
            "title": _("Export to DHIS2"),
            "button": _("Download JSON"),
            "multipart": False,
            "breadcrumbs": _crumbs((_("Export"), None)),
        },
    )


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a dataValueSets JSON file; every value becomes a hand-entered value."""
    user = request.user
    if not access.units_for(user, Action.EDIT).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, owners=_owners(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = dhis2.import_data_value_set(
            user, data["file"].read(), data["owner"], submit=data["submit"]
        )
        return render(
            request,
            "interchange/import_report.html",
            {"report": report, "breadcrumbs": _crumbs((_("Import report"), None))},
        )
    return render(
        request,
        "interchange/form.html",
        {
            "form": form,
            "title": _("Import from DHIS2"),
            "button": _("Import"),
            "multipart": True,
            "breadcrumbs": _crumbs((_("Import"), None)),
        },
    )
