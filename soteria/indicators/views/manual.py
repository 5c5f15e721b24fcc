"""Hand-entered values: the entry page, approvals, the Excel template and upload, period
locks. Thin: forms in, :mod:`soteria.indicators.manual` does the work and the checks."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.indicators import manual, manual_excel, selectors
from soteria.indicators.forms_manual import (
    LockForm,
    ReturnForm,
    TemplateForm,
    UploadForm,
    ValueForm,
)
from soteria.indicators.models import Source
from soteria.indicators.periods import Period
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Indicators"), reverse("indicator-list")), *tail]


def _chosen_period(request: HttpRequest, code: str | None) -> Period:
    if code:
        try:
            return manual.parse_period(code)
        except ValidationError:
            messages.error(
                request,
                _("'%(code)s' is not a period: showing %(default)s.")
                % {"code": code, "default": manual.default_period().code},
            )
    return manual.default_period()


def _id(text: str | None) -> int:
    """An id given in a form or a query string; 0 (found nowhere) unless it is digits."""
    return int(text) if text and text.isascii() and text.isdigit() else 0


def _entry_url(period: str, unit: OrgUnit | None) -> str:
    query = {"period": period}
    if unit is not None:
        query["unit"] = unit.code
    return f"{reverse('manual-entry')}?{urlencode(query)}"


# --- entering ---------------------------------------------------------------------------


def manual_entry(request: HttpRequest) -> HttpResponse:
    """The values the user enters for a period, one inline form per indicator × unit."""
    period = _chosen_period(request, request.GET.get("period") or request.POST.get("period"))
    within: OrgUnit | None = None
    if request.GET.get("unit"):
        within = get_object_or_404(OrgUnit, code=request.GET["unit"])
        access.require(request.user, Action.VIEW, within)
    bound: tuple[str, ValueForm] | None = None
    if request.method == "POST":
        definition = get_object_or_404(
            selectors.definitions_visible_to(request.user),
            pk=_id(request.POST.get("definition")),
            source=Source.MANUAL,
        )
        unit = get_object_or_404(OrgUnit, pk=_id(request.POST.get("unit")))
        access.require(request.user, Action.EDIT, unit)  # stranger 404, viewer 403
        key = f"c{definition.pk}-{unit.pk}"
        form = ValueForm(request.POST, prefix=key, share=manual.needs_denominator(definition))
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            data = form.cleaned_data
            saved = apply_service(
                form,
                lambda: manual.manual_enter(
                    request.user,
                    definition,
                    unit,
                    request.POST.get("period", ""),
                    data["numerator"],
                    data.get("denominator"),
                    data["comment"],
                    submit=submit,
                ),
            )
            if saved is not None:
                message = (
                    _("%(code)s for %(unit)s: submitted for approval.")
                    if submit
                    else _("%(code)s for %(unit)s: saved as a draft; submit it when ready.")
                )
                messages.success(
                    request, message % {"code": definition.code, "unit": unit.display_name}
                )
                return redirect(_entry_url(saved.period, within))
        bound = (key, form)
    cells = manual.entry_cells(request.user, period.code, within)
    for cell in cells:
        if bound is not None and bound[0] == cell.key:
            cell.form = bound[1]  # type: ignore[attr-defined]
            continue
        initial = {}
        if cell.value is not None:
            initial = {
                "numerator": cell.value.numerator,
                "denominator": cell.value.denominator,
                "comment": cell.value.comment,
            }
        cell.form = ValueForm(  # type: ignore[attr-defined]
            initial=initial, prefix=cell.key, share=cell.share
        )
    return render(
        request,
        "indicators/manual/entry.html",
        {
            "cells": cells,
            "period": period,
            "within": within,
            "choices": manual.period_choices(),
            "may_enter": access.units_for(request.user, Action.EDIT).exists(),
            "awaiting": manual.awaiting_approval(request.user).count(),
            "breadcrumbs": _crumbs((_("Enter values"), None)),
        },
    )


# --- approving --------------------------------------------------------------------------


def _approvals_page(
    request: HttpRequest, failed: tuple[int, ReturnForm] | None = None
) -> HttpResponse:
    def rows(values: Any) -> list[tuple[Any, ReturnForm]]:
        out = []
        for value in values:
            value.shown = manual.value_of(  # type: ignore[attr-defined]
                value.definition, value.numerator, value.denominator
            )
            if failed is not None and failed[0] == value.pk:
                out.append((value, failed[1]))
            else:
                out.append((value, ReturnForm(prefix=f"r{value.pk}")))
        return out

    return render(
        request,
        "indicators/manual/approvals.html",
        {
            "waiting": rows(manual.awaiting_approval(request.user)),
            "approved": rows(manual.recently_approved(request.user)),
            "breadcrumbs": _crumbs(
                (_("Enter values"), reverse("manual-entry")), (_("Approvals"), None)
            ),
        },
        status=400 if failed is not None else 200,
    )


def manual_approvals(request: HttpRequest) -> HttpResponse:
    return _approvals_page(request)


@require_POST
def manual_approve(request: HttpRequest, pk: int) -> HttpResponse:
    value = manual.value_get(request.user, pk)  # 404 out of reach; the service gives 403
    try:
        manual.manual_approve(request.user, value)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(code)s for %(unit)s, %(period)s: approved.")
            % {
                "code": value.definition.code,
                "unit": value.unit.display_name,
                "period": value.period,
            },
        )
    return redirect("manual-approvals")


@require_POST
def manual_return(request: HttpRequest, pk: int) -> HttpResponse:
    value = manual.value_get(request.user, pk)
    access.require(request.user, Action.MANAGE, value.unit)
    form = ReturnForm(request.POST, prefix=f"r{value.pk}")
    if form.is_valid():
        returned = apply_service(
            form, lambda: manual.manual_return(request.user, value, form.cleaned_data["note"])
        )
        if returned is not None:
            messages.success(
                request,
                _("%(code)s for %(unit)s, %(period)s: returned for correction.")
                % {
                    "code": value.definition.code,
                    "unit": value.unit.display_name,
                    "period": value.period,
                },
            )
            return redirect("manual-approvals")
    return _approvals_page(request, failed=(value.pk, form))


# --- Excel ------------------------------------------------------------------------------


def manual_excel_page(request: HttpRequest) -> HttpResponse:
    """Download a template for a subtree and period; upload it filled in."""
    template_form = TemplateForm(
        initial={"period": manual.default_period().code}, user=request.user
    )
    upload_form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not access.units_for(request.user, Action.EDIT).exists():
            raise PermissionDenied
        if upload_form.is_valid():
            data = upload_form.cleaned_data
            result = apply_service(
                upload_form,
                lambda: manual_excel.manual_upload(
                    request.user, data["file"], submit=data["submit"]
                ),
            )
            if result is not None:
                if result.nothing_changed:
                    messages.info(
                        request, _("Nothing changed: every value in the file is already stored.")
                    )
                else:
                    summary = _("Saved: %(new)d new, %(changed)d changed, %(same)d unchanged.") % {
                        "new": result.created,
                        "changed": result.changed,
                        "same": result.unchanged,
                    }
                    if result.submitted:
                        summary += " " + ngettext(
                            "%(n)d value submitted for approval.",
                            "%(n)d values submitted for approval.",
                            result.submitted,
                        ) % {"n": result.submitted}
                    messages.success(request, summary)
                return redirect("manual-excel")
    return render(
        request,
        "indicators/manual/excel.html",
        {
            "template_form": template_form,
            "upload_form": upload_form,
            "breadcrumbs": _crumbs(
                (_("Enter values"), reverse("manual-entry")), (_("Excel"), None)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def manual_template(request: HttpRequest) -> HttpResponse:
    unit_id = request.GET.get("unit", "")
    if not _id(unit_id):
        raise Http404
    unit = get_object_or_404(OrgUnit, pk=int(unit_id))
    access.require(request.user, Action.EDIT, unit)
    code = request.GET.get("period", "")
    try:
        period = manual.parse_period(code)
    except ValidationError:
        messages.error(request, _("'%(code)s' is not a period.") % {"code": code})
        return redirect("manual-excel")
    data = manual_excel.manual_template(request.user, unit, period.code)
    response = HttpResponse(data, content_type=manual_excel.CONTENT_TYPE)
    name = manual_excel.filename(unit, period.code)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- period locks -----------------------------------------------------------------------


def manual_locks(request: HttpRequest) -> HttpResponse:
    lock_units = manual.lock_units_for(request.user)
    may_lock = lock_units.exists()
    form = LockForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not may_lock:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            lock = apply_service(
                form,
                lambda: manual.period_lock(
                    request.user, data["unit"], data["period"], data["reason"]
                ),
            )
            if lock is not None:
                pending = manual.pending_in(lock.unit, manual.parse_period(lock.period))
                messages.success(
                    request,
                    _("%(period)s is locked for %(unit)s.")
                    % {"period": lock.period, "unit": lock.unit.display_name},
                )
                if pending:
                    messages.warning(
                        request,
                        ngettext(
                            "%(n)d value in it was not approved; it stays as it is.",
                            "%(n)d values in it were not approved; they stay as they are.",
                            pending,
                        )
                        % {"n": pending},
                    )
                return redirect("manual-locks")
    locks = list(manual.locks_for(request.user))
    for lock in locks:
        lock.may_unlock = manual.can_lock(request.user, lock.unit)  # type: ignore[attr-defined]
    return render(
        request,
        "indicators/manual/locks.html",
        {
            "locks": locks,
            "form": form if may_lock else None,
            "breadcrumbs": _crumbs(
                (_("Enter values"), reverse("manual-entry")), (_("Period locks"), None)
            ),
        },
    )


@require_POST
def manual_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    lock = manual.lock_get(request.user, pk)
    manual.period_unlock(request.user, lock)
    messages.success(
        request,
        _("%(period)s is unlocked for %(unit)s.")
        % {"period": lock.period, "unit": lock.unit.display_name},
    )
    return redirect("manual-locks")
