"""Review report pages. Thin: forms in, :mod:`soteria.reviews.services` does the work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.reviews import bulk, services
from soteria.reviews import render as rendering
from soteria.reviews.forms import BulkForm, NarrativeForm, ReportCreateForm, ReturnForm
from soteria.reviews.models import BulkReportRun, ReviewReport


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Reviews"), reverse("review-list")), *tail]


def _report(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> ReviewReport:
    report = get_object_or_404(
        ReviewReport.objects.select_related("unit", "signed_by", "submitted_by"), pk=pk
    )
    access.require(request.user, action, report.unit)
    return report


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    reports = access.filter_by_unit(
        ReviewReport.objects.select_related("unit", "signed_by"), user
    ).order_by("unit__path", "-period", "-version")[:300]
    editable = access.units_for(user, Action.EDIT).order_by("path")
    form = ReportCreateForm(
        request.POST or None,
        units=editable,
        initial={"language": translation.get_language() or "en"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = apply_service(
            form,
            lambda: services.report_create(
                user,
                data["unit"],
                data["period"].strip(),
                language=data["language"],
                title=data["title"],
                for_publication=data["for_publication"],
            ),
        )
        if report is not None:
            messages.success(request, _("Draft created."))
            return redirect("review-detail", pk=report.pk)
    return render(
        request,
        "reviews/list.html",
        {
            "reports": reports,
            "form": form if editable.exists() else None,
            "bulk_runs": access.filter_by_unit(BulkReportRun.objects.select_related("unit"), user)[
                :20
            ],
            "breadcrumbs": _crumbs(),
        },
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    user = request.user
    with translation.override(report.language):
        doc = services.document(report)
        document = rendering.context(report, doc, pdf=False)
    return render(
        request,
        "reviews/detail.html",
        {
            **document,
            "may_edit": access.can(user, Action.EDIT, report.unit),
            "may_manage": access.can(user, Action.MANAGE, report.unit),
            "return_form": ReturnForm(),
            "versions": ReviewReport.objects.filter(unit=report.unit, period=report.period)
            .exclude(pk=report.pk)
            .order_by("-version"),
            "breadcrumbs": _crumbs((f"{report.unit.code} {report.period} v{report.version}", None)),
        },
    )


def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.EDIT)
    if not report.editable:
        messages.error(request, _("Only a draft can be changed."))
        return redirect("review-detail", pk=report.pk)
    form = NarrativeForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(request.user, report, form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("review-detail", pk=report.pk)
    return render(
        request,
        "reviews/edit.html",
        {
            "report": report,
            "form": form,
            "breadcrumbs": _crumbs(
                (
                    f"{report.unit.code} {report.period} v{report.version}",
                    reverse("review-detail", args=[report.pk]),
                ),
                (_("Edit"), None),
            ),
        },
    )


def _step(request: HttpRequest, pk: int, action: Action, step: Any, done: str) -> HttpResponse:
    report = _report(request, pk, action)
    try:
        result = step(request.user, report)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("review-detail", pk=report.pk)
    except PermissionDenied as exc:
        if not str(exc):
            raise
        messages.error(request, str(exc))
        return redirect("review-detail", pk=report.pk)
    messages.success(request, done)
    return redirect("review-detail", pk=getattr(result, "pk", report.pk))


@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, Action.EDIT, services.report_submit, _("Sent for review."))


@require_POST
def report_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, Action.MANAGE, services.report_sign, _("Signed: the figures are frozen.")
    )


@require_POST
def report_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, Action.EDIT, services.report_new_version, _("New draft created."))


@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.MANAGE)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what should change."))
        return redirect("review-detail", pk=report.pk)
    try:
        services.report_return(request.user, report, form.cleaned_data["review_note"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Returned to draft."))
    return redirect("review-detail", pk=report.pk)


@require_POST
def report_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, Action.EDIT)
    try:
        services.report_delete(request.user, report)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("review-detail", pk=report.pk)
    messages.success(request, _("Draft deleted."))
    return redirect("review-list")


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    pdf = services.pdf_of(report)
    name = slugify(f"{report.unit.code}-{report.period}-v{report.version}") or "review"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def bulk_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = BulkForm(
        request.POST or None,
        units=access.units_for(user, Action.EDIT).order_by("path"),
        initial={"language": translation.get_language() or "en", "depth": 1},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = apply_service(
            form,
            lambda: bulk.bulk_request(
                user,
                data["unit"],
                data["period"].strip(),
                language=data["language"],
                depth=data["depth"],
                for_publication=data["for_publication"],
            ),
        )
        if run is not None:
            messages.success(request, _("Queued: the reports are made in the background."))
            return redirect("review-bulk", pk=run.pk)
    return render(
        request,
        "reviews/bulk_new.html",
        {"form": form, "breadcrumbs": _crumbs((_("Reports for units below"), None))},
    )


def _bulk(request: HttpRequest, pk: int) -> BulkReportRun:
    run = get_object_or_404(BulkReportRun.objects.select_related("unit"), pk=pk)
    access.require(request.user, Action.EDIT, run.unit)
    return run


def bulk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _bulk(request, pk)
    return render(
        request,
        "reviews/bulk_detail.html",
        {"run": run, "breadcrumbs": _crumbs((f"{run.unit.code} {run.period}", None))},
    )


def bulk_download(request: HttpRequest, pk: int) -> FileResponse:
    run = _bulk(request, pk)
    path = bulk.review_dir() / run.archive if run.archive else None
    if path is None or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=run.archive)
