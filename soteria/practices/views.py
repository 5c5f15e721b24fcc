"""Good-practice pages. Thin: forms in, :mod:`soteria.practices.services` writes,
:mod:`soteria.practices.selectors` decides what may be read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.experience import explorer
from soteria.indicators import selectors as indicator_selectors
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.practices import effect, selectors, services
from soteria.practices.forms import AdoptForm, AdoptionForm, CaseForm, FilterForm
from soteria.practices.models import PracticeAdoption, PracticeCase

PAGE_SIZE = 20


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Good practice"), reverse("practice-list")), *tail]


def _case(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> PracticeCase:
    case = get_object_or_404(PracticeCase.objects.select_related("owner", "created_by"), pk=pk)
    selectors.require_case(request.user, case, action)
    return case


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def theme_labels(codes: list[str]) -> list[str]:
    return [explorer.theme_name(code) for code in codes]


def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    with_status = selectors.may_see_drafts(user)
    form = FilterForm(
        request.GET or None, units=selectors.owner_choices(user), with_status=with_status
    )
    rows = selectors.listed(user)
    page_number = 1
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"].strip():
            words = data["q"].strip()
            rows = rows.filter(Q(title__icontains=words) | Q(summary__icontains=words))
        if data["theme"]:
            rows = selectors.with_theme(rows, data["theme"])
        if data["language"]:
            rows = rows.filter(language=data["language"])
        if data["unit"] is not None:
            rows = rows.filter(owner__path__startswith=data["unit"].path)
        if with_status and data.get("status"):
            rows = rows.filter(status=data["status"])
        page_number = data.get("page") or 1
    elif form.is_bound:
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "practices/case_list.html",
        {
            "form": form,
            "page": page,
            "cases": [(case, theme_labels(case.themes)) for case in page.object_list],
            "query": query.urlencode(),
            "may_create": access.units_for(user, Action.EDIT).exists(),
            "breadcrumbs": _crumbs(),
        },
    )


def case_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = access.units_for(user, Action.EDIT).order_by("path")
    if not units.exists():
        raise PermissionDenied  # a reader: no unit where they may write a case
    form = CaseForm(
        request.POST or None,
        units=units,
        initial={"language": translation.get_language() or "en"},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner")
        case = apply_service(form, lambda: services.case_create(user, owner, data))
        if case is not None:
            messages.success(request, _("Draft saved. Publish it to share it with others."))
            return redirect("practice-detail", pk=case.pk)
    return render(
        request,
        "practices/case_form.html",
        {
            "form": form,
            "title": _("New good-practice case"),
            "breadcrumbs": _crumbs((_("New case"), None)),
        },
    )


def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.EDIT)
    initial = {name: getattr(case, name) for name in services.CASE_FIELDS}
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        found = apply_service(
            form, lambda: services.case_update(request.user, case, form.cleaned_data)
        )
        if found is not None:
            messages.success(request, _("Saved."))
            return redirect("practice-detail", pk=case.pk)
    return render(
        request,
        "practices/case_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Edit good-practice case"),
            "breadcrumbs": _crumbs(
                (case.title, reverse("practice-detail", args=[case.pk])), (_("Edit"), None)
            ),
        },
    )


def _adopt_units(request: HttpRequest, case: PracticeCase) -> Any:
    return (
        access.units_for(request.user, Action.EDIT)
        .exclude(pk=case.owner_id)
        .exclude(pk__in=case.adoptions.values("unit_id"))
        .order_by("path")
    )


def _detail(
    request: HttpRequest, case: PracticeCase, adopt_form: AdoptForm | None = None
) -> HttpResponse:
    user = request.user
    adoptions = selectors.adoptions_for(user, case)
    if adopt_form is None and case.published:
        units = _adopt_units(request, case)
        if units.exists():
            adopt_form = AdoptForm(units=units)
    return render(
        request,
        "practices/case_detail.html",
        {
            "case": case,
            "themes": theme_labels(case.themes),
            "adoptions": adoptions.shown,
            "elsewhere": adoptions.elsewhere,
            "comment_links": selectors.linked_comments(user, case),
            "may_edit": access.can(user, Action.EDIT, case.owner),
            "may_manage": access.can(user, Action.MANAGE, case.owner),
            "may_history": access.can(user, Action.VIEW, case.owner),
            "adopt_form": adopt_form,
            "breadcrumbs": _crumbs((case.title, None)),
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _case(request, pk))


@require_POST
def case_publish(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.MANAGE)
    try:
        services.case_publish(request.user, case)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Published: every organisation can read and adopt it now."))
    return redirect("practice-detail", pk=case.pk)


@require_POST
def case_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, Action.MANAGE)
    try:
        services.case_withdraw(request.user, case)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("Withdrawn: only people with a role at %(unit)s or above can read it now.")
            % {"unit": case.owner.display_name},
        )
    return redirect("practice-detail", pk=case.pk)


@require_POST
def case_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    units = _adopt_units(request, case)
    if not case.published:
        messages.error(request, _("Only a published case can be adopted."))
        return redirect("practice-detail", pk=case.pk)
    if not units.exists():
        raise PermissionDenied  # a reader: no unit where they may adopt it
    form = AdoptForm(request.POST, units=units)
    if form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        adoption = apply_service(
            form, lambda: services.adoption_create(request.user, case, unit, data)
        )
        if adoption is not None:
            messages.success(request, _("Adoption recorded."))
            return redirect("practice-adoption", pk=adoption.pk)
    return _detail(request, case, adopt_form=form)


def _indicator_choices(adoption: PracticeAdoption) -> Any:
    """The adopting unit's active indicators, and the one already chosen (even if it has been
    deactivated since: saving the form must not drop it silently)."""
    from soteria.indicators.models import IndicatorDefinition

    active = indicator_selectors.definitions_for(adoption.unit)
    return IndicatorDefinition.objects.filter(
        Q(pk__in=active.values("pk")) | Q(pk=adoption.indicator_id)
    ).order_by("code")


def _adoption(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> PracticeAdoption:
    adoption = get_object_or_404(
        PracticeAdoption.objects.select_related("case__owner", "unit", "indicator"), pk=pk
    )
    selectors.require_adoption(request.user, adoption, action)
    return adoption


def adoption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    adoption = _adoption(request, pk, Action.EDIT if request.method == "POST" else Action.VIEW)
    may_edit = access.can(user, Action.EDIT, adoption.unit)
    form = None
    if may_edit:
        form = AdoptionForm(
            request.POST or None,
            indicators=_indicator_choices(adoption),
            initial={
                "status": adoption.status,
                "started_on": adoption.started_on,
                "note": adoption.note,
                "indicator": adoption.indicator,
            },
        )
        if request.method == "POST" and form.is_valid():
            found = apply_service(
                form, lambda: services.adoption_update(user, adoption, form.cleaned_data)
            )
            if found is not None:
                messages.success(request, _("Saved."))
                return redirect("practice-adoption", pk=adoption.pk)
    measured = None
    if adoption.indicator is not None and adoption.started_on is not None:
        measured = effect.effect_of(adoption.indicator, adoption.unit, adoption.started_on)
    case = adoption.case
    return render(
        request,
        "practices/adoption_detail.html",
        {
            "adoption": adoption,
            "case": case,
            "case_readable": selectors.may_read(user, case),
            "form": form,
            "may_edit": may_edit,
            "effect": measured,
            "min_values": effect.MIN_VALUES,
            "window": effect.WINDOW,
            "breadcrumbs": _crumbs(
                (case.title, reverse("practice-detail", args=[case.pk])),
                (adoption.unit.display_name, None),
            ),
        },
    )


@require_POST
def adoption_remove(request: HttpRequest, pk: int) -> HttpResponse:
    adoption = _adoption(request, pk, Action.EDIT)
    case_pk = adoption.case_id
    services.adoption_delete(request.user, adoption)
    messages.success(request, _("Adoption removed."))
    if selectors.may_read(request.user, adoption.case):
        return redirect("practice-detail", pk=case_pk)
    return redirect("practice-list")
