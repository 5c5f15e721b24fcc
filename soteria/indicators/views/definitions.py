"""Indicator definitions: the catalogue, a definition's page and values, editing by
administrators, and the computations (with a button to recompute)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from soteria.core.forms import apply_service
from soteria.indicators import selectors, services
from soteria.indicators.definitions import compile_definition
from soteria.indicators.forms import DefinitionForm
from soteria.indicators.models import IndicatorDefinition, Source
from soteria.indicators.periods import PERIOD_TYPE_LABELS, PeriodType
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import UnitKind


def _may_define(user: object) -> bool:
    return (
        bool(getattr(user, "is_superuser", False))
        or access.units_for(user, Action.ADMINISTER).exists()
    )


def definition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/definition_list.html",
        {
            "definitions": selectors.definitions_visible_to(request.user),
            "may_define": _may_define(request.user),
            "breadcrumbs": [(_("Indicators"), None)],
        },
    )


def _get_visible(request: HttpRequest, code: str) -> IndicatorDefinition:
    definition = selectors.definitions_visible_to(request.user).filter(code=code).first()
    if definition is None:
        raise Http404
    return definition


def definition_detail(request: HttpRequest, code: str) -> HttpResponse:
    definition = _get_visible(request, code)
    units = access.units_for(request.user)
    unit = units.filter(code=request.GET.get("unit", "")).first() or units.first()
    period_type = request.GET.get("period_type", PeriodType.MONTH.value)
    if period_type not in PeriodType._value2member_map_:
        period_type = PeriodType.MONTH.value
    formula = None
    if definition.source == Source.COMPUTED:
        compiled = compile_definition(definition)
        formula = {
            "numerator": compiled.numerator.describe(),
            "denominator": compiled.denominator.describe() if compiled.denominator else None,
            "multiplier": compiled.multiplier,
        }
    return render(
        request,
        "indicators/definition_detail.html",
        {
            "definition": definition,
            "formula": formula,
            "entered_at": [str(UnitKind(k).label) for k in definition.entered_at],
            "unit": unit,
            "units": units,
            "period_type": period_type,
            "period_types": [(t.value, PERIOD_TYPE_LABELS[t]) for t in PeriodType],
            "values": selectors.values_for(definition, unit, period_type) if unit else [],
            "may_edit": selectors.may_edit_definition(request.user, definition),
            "breadcrumbs": [(_("Indicators"), "/indicators/"), (definition.code, None)],
        },
    )


def definition_create(request: HttpRequest) -> HttpResponse:
    if not _may_define(request.user):
        raise PermissionDenied
    return _definition_form(request, IndicatorDefinition())


def definition_edit(request: HttpRequest, code: str) -> HttpResponse:
    definition = _get_visible(request, code)
    if not selectors.may_edit_definition(request.user, definition):
        raise PermissionDenied
    return _definition_form(request, definition)


def _definition_form(request: HttpRequest, definition: IndicatorDefinition) -> HttpResponse:
    form = DefinitionForm(request.POST or None, instance=definition, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields if name != "code"}
        target = (
            definition if definition.pk else IndicatorDefinition(code=form.cleaned_data["code"])
        )
        saved = apply_service(form, lambda: services.definition_save(request.user, target, fields))
        if saved is not None:
            messages.success(
                request,
                _("Saved. Values follow at the next computation (version %(version)s).")
                % {"version": saved.version},
            )
            return redirect("indicator-detail", saved.code)
    title = (
        _("Edit indicator %(code)s") % {"code": definition.code}
        if definition.pk
        else _("New indicator")
    )
    return render(
        request,
        "indicators/definition_form.html",
        {
            "form": form,
            "title": title,
            "definition": definition if definition.pk else None,
            "breadcrumbs": [(_("Indicators"), "/indicators/"), (title, None)],
        },
    )


def run_list(request: HttpRequest) -> HttpResponse:
    roots = selectors.roots_managed_by(request.user)
    if request.method == "POST":
        if not roots and not request.user.is_superuser:  # type: ignore[union-attr]
            raise PermissionDenied
        scope = {} if request.user.is_superuser else {"roots": [r.pk for r in roots]}  # type: ignore[union-attr]
        run = services.compute_request(request.user, scope=scope)
        from soteria.indicators.tasks import compute_indicators

        transaction.on_commit(lambda: compute_indicators.enqueue(run.pk))
        messages.success(request, _("The computation is queued; this page follows it."))
        return redirect("indicator-runs")
    runs = selectors.runs_visible_to(request.user)[:50]
    return render(
        request,
        "indicators/run_list.html",
        {
            "runs": runs,
            "may_compute": bool(roots) or request.user.is_superuser,  # type: ignore[union-attr]
            "running": any(r.status in {"queued", "running"} for r in runs),
            "breadcrumbs": [(_("Indicators"), "/indicators/"), (_("Computations"), None)],
        },
    )


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = next((r for r in selectors.runs_visible_to(request.user) if r.pk == pk), None)
    if run is None:
        raise Http404
    return render(
        request,
        "indicators/run_list.html",
        {
            "runs": [run],
            "running": run.status in {"queued", "running"},
            "breadcrumbs": [
                (_("Indicators"), "/indicators/"),
                (_("Computations"), "/indicators/runs/"),
                (f"#{run.pk}", None),
            ],
        },
    )
