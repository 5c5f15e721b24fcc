"""Data pages: upload an import, follow it, read its report; map source codes to units."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from soteria.core.forms import apply_service
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.warehouse import selectors, services
from soteria.warehouse.forms import MappingForm, UnknownIdentifiersForm, UploadForm
from soteria.warehouse.models import ImportRecord, ImportStatus


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
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={
            "unit": request.GET.get("unit"),
            "source_system": request.GET.get("source_system", ""),
            "allow_partial": request.GET.get("allow_partial") == "1",
        },
    )
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
    unknowns = selectors.unknown_identifiers(record) if not running else None
    may_map = access.can(request.user, Action.EDIT, record.unit)
    form = None
    if request.method == "POST":
        access.require(request.user, Action.EDIT, record.unit)  # viewers: 403
        if unknowns is None or not unknowns.mappable:
            return redirect("import-detail", record.pk)
    if unknowns is not None and unknowns.mappable and may_map:
        form = UnknownIdentifiersForm(
            request.POST if request.method == "POST" else None,
            user=request.user,
            record=record,
            unknowns=unknowns.mappable,
        )
        if request.method == "POST" and form.is_valid():
            response = _map_unknowns(request, record, form)
            if response is not None:
                return response
    kept = services.import_kept_folder(record) is not None if form is not None else False
    return render(
        request,
        "warehouse/import_detail.html",
        {
            "record": record,
            "running": running,
            "unknowns": unknowns,
            "may_map": may_map,
            "form": form,
            "files_kept": kept,
            "breadcrumbs": [(_("Data imports"), "/data/imports/"), (f"#{record.pk}", None)],
        },
    )


def _map_unknowns(
    request: HttpRequest, record: ImportRecord, form: UnknownIdentifiersForm
) -> HttpResponse | None:
    """Save the chosen mappings (all or nothing), then import the files again if asked."""
    positions = form.chosen_positions()
    try:
        saved, again = services.import_map_unknowns(
            actor=request.user,
            record=record,
            rows=form.chosen(),
            import_again=request.POST.get("then") == "import",
        )
    except ValidationError as error:
        by_key = error.error_dict if hasattr(error, "error_dict") else {"": error.error_list}
        for key, problems in by_key.items():
            target = None
            if key.isdigit() and int(key) < len(positions):
                target = form.field_name(positions[int(key)])
            for problem in problems:
                form.add_error(target, problem)
        return None
    count = len(saved)
    summary = ngettext("%(n)d mapping saved.", "%(n)d mappings saved.", count) % {"n": count}
    if again is not None:
        messages.success(
            request,
            summary
            + " "
            + _("Import #%(new)d of the same files is queued; this page follows it.")
            % {"new": again.pk},
        )
        return redirect("import-detail", again.pk)
    if request.POST.get("then") == "import":
        messages.warning(
            request,
            summary
            + " "
            + _(
                "The files of import #%(pk)d are no longer kept (they are deleted once an "
                "import has run), so it cannot be run again from here: import the files "
                "again to apply the mappings."
            )
            % {"pk": record.pk},
        )
    else:
        messages.success(request, summary)
    return redirect("import-detail", record.pk)


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
