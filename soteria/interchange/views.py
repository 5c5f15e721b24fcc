"""Interchange pages: DHIS2, FHIR MeasureReport and the Excel workbook of values.

Thin: forms in; :mod:`~soteria.interchange.dhis2`, :mod:`~soteria.interchange.fhir_measure`
and :mod:`~soteria.interchange.excel_workbook` do the work.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.indicators.selectors import definitions_visible_to
from soteria.interchange import dhis2, excel_workbook, fhir_measure
from soteria.interchange.forms import (
    ExportForm,
    ImportForm,
    MappingForm,
    MeasureExportForm,
    WorkbookExportForm,
)
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
        definitions=definitions_visible_to(user).order_by("code"),
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


# --- FHIR MeasureReport and the workbook of values ------------------------------------------------


def _measure_form(request: HttpRequest, form_class: type[MeasureExportForm]) -> Any:
    """The selection form over what the user may see; 403 for a user with no role at all."""
    user = request.user
    units = access.units_for(user, Action.VIEW).order_by("path")
    if not units.exists():
        raise PermissionDenied
    return form_class(
        request.POST or None,
        definitions=definitions_visible_to(user).order_by("code"),
        units=units,
    )


def _selection_args(
    form: MeasureExportForm,
) -> tuple[list[Any], list[Any], list[str], dict[str, Any]]:
    data = form.cleaned_data
    options = {"include_descendants": data["sub_units"], "language": data["language"]}
    return list(data["indicators"]), list(data["units"]), form.period_codes, options


def _nothing(request: HttpRequest, warnings: list[str]) -> None:
    for warning in warnings[:50]:
        messages.warning(request, warning)
    messages.error(request, _("Nothing to export."))


def _export_page(request: HttpRequest, form: Any, title: str, button: str) -> HttpResponse:
    return render(
        request,
        "interchange/form.html",
        {
            "form": form,
            "title": title,
            "button": button,
            "multipart": False,
            "breadcrumbs": _crumbs((title, None)),
        },
    )


def measure_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Choose indicators, units and periods; download a FHIR R4 Bundle of Measures and
    summary MeasureReports (streamed)."""
    form = _measure_form(request, MeasureExportForm)
    if request.method == "POST" and form.is_valid():
        definitions, units, codes, options = _selection_args(form)
        try:
            export = fhir_measure.measure_bundle(request.user, definitions, units, codes, **options)
        except fhir_measure.SelectionTooLarge as error:
            form.add_error(None, str(error))
            return _export_page(
                request, form, _("Export FHIR MeasureReports"), _("Download FHIR JSON")
            )
        if not export.count:
            _nothing(request, export.warnings)
        else:
            response = StreamingHttpResponse(
                (chunk.encode("utf-8") for chunk in export.chunks()),
                content_type=fhir_measure.CONTENT_TYPE,
            )
            response["Content-Disposition"] = 'attachment; filename="measure-reports.json"'
            response["X-Soteria-Warnings"] = str(len(export.warnings))
            return response
    return _export_page(request, form, _("Export FHIR MeasureReports"), _("Download FHIR JSON"))


def _csv_lines(rows: list[list[str]]) -> Iterator[bytes]:
    """CSV rows encoded one line at a time (for a streamed download)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def workbook_export(
    request: HttpRequest,
) -> HttpResponse | FileResponse | StreamingHttpResponse:
    """Choose indicators, units and periods; download the values with their targets and
    statuses as an Excel workbook, or the values or the targets table as CSV."""
    title = _("Export the workbook of values")
    form = _measure_form(request, WorkbookExportForm)
    if request.method == "POST" and form.is_valid():
        definitions, units, codes, options = _selection_args(form)
        try:
            export = excel_workbook.workbook_export(
                request.user, definitions, units, codes, **options
            )
        except fhir_measure.SelectionTooLarge as error:
            form.add_error(None, str(error))
            return _export_page(request, form, title, _("Download"))
        kind = form.cleaned_data["file_format"]
        if not (len(export.targets) if kind == "targets_csv" else export.count):
            _nothing(request, export.warnings)
            return _export_page(request, form, title, _("Download"))
        download: HttpResponse | FileResponse | StreamingHttpResponse
        if kind in ("csv", "targets_csv"):
            targets = kind == "targets_csv"
            rows = export.target_csv_rows() if targets else export.csv_rows()
            download = StreamingHttpResponse(
                _csv_lines(rows), content_type=excel_workbook.CSV_CONTENT_TYPE
            )
            name = "indicator-targets.csv" if targets else "indicator-values.csv"
            download["Content-Disposition"] = f'attachment; filename="{name}"'
        else:
            # write-only workbooks are assembled on save: spool (to disk when large), then
            # stream the file; FileResponse closes it
            spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
            export.write_xlsx(spool)
            spool.seek(0)
            download = FileResponse(
                spool,
                as_attachment=True,
                filename="indicator-values.xlsx",
                content_type=excel_workbook.CONTENT_TYPE,
            )
        download["X-Soteria-Warnings"] = str(len(export.warnings))
        return download
    return _export_page(request, form, title, _("Download"))
