"""Target pages: per indicator, who aims for what and where it comes from; set, change,
approve, delete; Excel download and upload; an objective's status and how it is worked out.

Thin: permissions through :mod:`soteria.organisations.access` (via the selectors and the
services), writes through :mod:`soteria.indicators.targets`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.indicators import target_excel, targets
from soteria.indicators.forms_targets import TargetForm, TargetUploadForm
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, Target
from soteria.indicators.periods import Period
from soteria.indicators.status import RAG_LABELS, rag, thresholds
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.strategy.models import Objective


def _may_see_definition(user: Any, definition: IndicatorDefinition) -> bool:
    """The standard set is everyone's; an organisation's own indicators its members'."""
    owner = definition.owner
    return owner is None or access.reads_within(user, owner)


def _definition_get(user: Any, code: str) -> IndicatorDefinition:
    definition = get_object_or_404(IndicatorDefinition.objects.select_related("owner"), code=code)
    if not _may_see_definition(user, definition):
        raise Http404
    return definition


def _period(request: HttpRequest) -> Period:
    """The period asked for (``?period=``), else the current year."""
    asked = request.GET.get("period", "").strip()
    if asked:
        try:
            return targets.parse_period(asked)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return targets.parse_period(str(timezone.localdate().year))


def _crumbs(definition: IndicatorDefinition | None = None) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [
        (_("Indicators"), reverse("indicator-list")),
        (_("Targets"), reverse("target-index")),
    ]
    if definition is not None:
        crumbs.append((definition.code, reverse("target-list", args=[definition.code])))
    return crumbs


def _list_url(target: Target) -> str:
    return reverse("target-list", args=[target.definition.code])


# --- reading ---------------------------------------------------------------------------------


def target_index(request: HttpRequest) -> HttpResponse:
    definitions = [
        d
        for d in IndicatorDefinition.objects.filter(active=True).select_related("owner")
        if _may_see_definition(request.user, d)
    ]
    counts = dict(
        targets.targets_visible(request.user)
        .order_by()
        .values_list("definition_id")
        .annotate(n=Count("pk"))
    )
    return render(
        request,
        "indicators/targets/index.html",
        {
            "rows": [(d, counts.get(d.pk, 0)) for d in definitions],
            "may_upload": access.units_for(request.user, Action.MANAGE).exists(),
            "breadcrumbs": _crumbs()[:1] + [(_("Targets"), None)],
        },
    )


def target_list(request: HttpRequest, code: str) -> HttpResponse:
    user = request.user
    definition = _definition_get(user, code)
    period = _period(request)
    rows = list(targets.targets_visible(user, definition))
    for row in rows:
        row.may_edit = targets.can_set(user, row.unit)  # type: ignore[attr-defined]
        row.may_approve = targets.may_approve(user, row)  # type: ignore[attr-defined]
        row.bands = thresholds(  # type: ignore[attr-defined]
            row.value, row.tolerance, definition.direction, definition.decimals
        )
    units = list(access.units_for(user).order_by("path"))
    if definition.owner_id is not None:
        units = [u for u in units if targets.definition_usable_at(definition, u)]
    effective = targets.targets_for(definition, [(u, period) for u in units])
    values = {
        v.unit_id: v
        for v in IndicatorValue.objects.filter(
            definition=definition, unit__in=units, period=period.code
        )
    }
    applies = []
    for unit in units:
        target = effective[(unit.pk, period.code)]
        stored = values.get(unit.pk)
        value = stored.value if stored is not None else None
        status = (
            rag(value, target.value, target.tolerance, definition.direction) if target else None
        )
        applies.append(
            {
                "unit": unit,
                "target": target,
                "value": stored,
                "status": status,
                "status_label": _(RAG_LABELS[status]) if status else "",
                "bands": thresholds(
                    target.value, target.tolerance, definition.direction, definition.decimals
                )
                if target
                else None,
                "may_set": targets.can_set(user, unit),
            }
        )
    return render(
        request,
        "indicators/targets/list.html",
        {
            "definition": definition,
            "period": period,
            "targets": rows,
            "applies": applies,
            "may_set": access.units_for(user, Action.MANAGE).exists(),
            "breadcrumbs": _crumbs() + [(f"{definition.code} · {definition.display_name}", None)],
        },
    )


# --- writing ---------------------------------------------------------------------------------


def target_create(request: HttpRequest, code: str) -> HttpResponse:
    user = request.user
    definition = _definition_get(user, code)
    if not access.units_for(user, Action.MANAGE).exists():
        raise PermissionDenied
    form = TargetForm(
        request.POST or None,
        user=user,
        initial={
            "unit": access.units_for(user, Action.MANAGE)
            .filter(code=request.GET.get("unit", ""))
            .first(),
            "period": request.GET.get("period", ""),
            "tolerance": 0,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = apply_service(
            form,
            lambda: targets.target_set(
                user,
                definition,
                data["unit"],
                data["period"],
                data["value"],
                data["tolerance"],
                data["note"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Target saved."))
            return redirect(_list_url(saved) + f"?period={saved.period}")
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("New target for %(indicator)s") % {"indicator": definition.display_name},
            "subtitle": definition.get_direction_display(),
            "breadcrumbs": _crumbs(definition) + [(_("New target"), None)],
        },
    )


def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    target = targets.target_get(user, pk, Action.MANAGE)
    form = TargetForm(
        request.POST or None,
        user=user,
        fixed=True,
        initial={"value": target.value, "tolerance": target.tolerance, "note": target.note},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = apply_service(
            form,
            lambda: targets.target_set(
                user,
                target.definition,
                target.unit,
                target.period,
                data["value"],
                data["tolerance"],
                data["note"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Target saved."))
            return redirect(_list_url(saved) + f"?period={saved.period}")
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Target of %(unit)s for %(period)s")
            % {"unit": target.unit.code, "period": target.period},
            "subtitle": _(
                "%(indicator)s — %(direction)s. Changing the target or the tolerance "
                "withdraws its approval."
            )
            % {
                "indicator": target.definition.display_name,
                "direction": target.definition.get_direction_display(),
            },
            "history_url": reverse("history", args=["indicators.target", target.pk]),
            "delete_url": reverse("target-delete", args=[target.pk]),
            "breadcrumbs": _crumbs(target.definition) + [(str(target), None)],
        },
    )


@require_POST
def target_approve(request: HttpRequest, pk: int) -> HttpResponse:
    target = targets.target_get(request.user, pk)
    try:
        targets.target_approve(request.user, target)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Target approved."))
    return redirect(_list_url(target) + f"?period={target.period}")


def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = targets.target_get(request.user, pk, Action.MANAGE)
    back = _list_url(target) + f"?period={target.period}"
    if request.method == "POST":
        try:
            targets.target_delete(request.user, target)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Target deleted."))
        return redirect(back)
    return render(
        request,
        "web/confirm_delete.html",
        {
            "object": target,
            "cancel_url": back,
            "breadcrumbs": _crumbs(target.definition) + [(_("Delete"), None)],
        },
    )


# --- Excel -----------------------------------------------------------------------------------


def targets_download(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("indicator", "").strip()
    definition = _definition_get(request.user, code) if code else None
    content = target_excel.targets_export(request.user, definition)
    name = f"targets-{code.lower() + '-' if code else ''}{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=target_excel.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def targets_upload(request: HttpRequest) -> HttpResponse:
    if not access.units_for(request.user, Action.MANAGE).exists():
        raise PermissionDenied
    form = TargetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = apply_service(
            form, lambda: target_excel.targets_import(request.user, form.cleaned_data["file"])
        )
        if result is not None:
            (messages.success if result.changed else messages.info)(request, result.summary())
            return redirect("target-index")
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Upload targets"),
            "subtitle": _(
                "Download the targets first to get a workbook in the right shape. Each row "
                "is checked as if the target were set by hand, with your permissions."
            ),
            "multipart": True,
            "submit_label": _("Upload"),
            "breadcrumbs": _crumbs() + [(_("Upload"), None)],
        },
    )


# --- objectives ------------------------------------------------------------------------------


def objective_status_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Moved: the objective's scorecard shows its status with the indicators' trends. The
    period asked for (``?period=``) is carried over; strangers still get a 404 here."""
    objective = get_object_or_404(
        Objective.objects.select_related("version__strategy__unit"), pk=pk
    )
    if not access.reads_within(request.user, objective.version.strategy.unit):  # strategy readers
        raise Http404
    url = reverse("scorecard-objective", args=[objective.pk])
    if request.GET.get("period", "").strip():
        url += "?" + urlencode({"period": _period(request).code})
    return redirect(url)
