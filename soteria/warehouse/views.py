"""Data pages: upload an import, follow it, read its report; map source codes to units."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from soteria.core.forms import apply_service
from soteria.warehouse import selectors, services
from soteria.warehouse.forms import MappingForm, UploadForm
from soteria.warehouse.models import ImportStatus


def import_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "warehouse/import_list.html",
        {
            "imports": selectors.imports_for(request.user)[:200],
            "breadcrumbs": [(_("Data imports"), None)],
        },
    )


def import_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = apply_service(
            form,
            lambda: services.import_upload(
                actor=request.user,
                unit=data["unit"],
                source_system=data["source_system"],
                uploads=data["uploads"],
                allow_partial=data["allow_partial"],
            ),
        )
        if record is not None:
            messages.success(request, _("The import is queued; this page follows it."))
            return redirect("import-detail", record.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Import hospital data"),
            "multipart": True,
            "submit_label": pgettext("button", "Import"),
            "breadcrumbs": [(_("Data imports"), "/data/imports/"), (_("New import"), None)],
        },
    )


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_get(request.user, pk)
    running = record.status in {ImportStatus.QUEUED, ImportStatus.RUNNING}
    return render(
        request,
        "warehouse/import_detail.html",
        {
            "record": record,
            "running": running,
            "breadcrumbs": [(_("Data imports"), "/data/imports/"), (f"#{record.pk}", None)],
        },
    )


def mapping_list(request: HttpRequest) -> HttpResponse:
    form = MappingForm(
        request.POST or None,
        user=request.user,
        initial={
            "identifier": request.GET.get("identifier", ""),
            "source_system": request.GET.get("source_system", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = apply_service(
            form,
            lambda: services.mapping_set(
                actor=request.user,
                source_system=data["source_system"],
                kind=data["kind"],
                identifier=data["identifier"].strip(),
                unit=data["unit"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Mapping saved."))
            return redirect("mapping-list")
    return render(
        request,
        "warehouse/mapping_list.html",
        {
            "mappings": selectors.mappings_for(request.user),
            "form": form,
            "breadcrumbs": [(_("Data imports"), "/data/imports/"), (_("Unit mappings"), None)],
        },
    )
