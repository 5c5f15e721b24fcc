"""A unit's dashboard and pinning indicators to it (thin: see ``scorecards.dashboard``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from soteria.indicators.selectors import definitions_visible_to
from soteria.organisations import access, tree
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.scorecards import caching, freshness
from soteria.scorecards import dashboard as domain
from soteria.scorecards.selection import Selection, selection_from
from soteria.scorecards.views.house import _period_nav


def _unit(request: HttpRequest, code: str) -> OrgUnit:
    unit = tree.unit_by_code(code)
    if unit is None or not access.can(request.user, Action.VIEW, unit):
        raise Http404
    return unit


def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    freshness.for_request(request)  # read first: the lookups below may use what is kept
    unit = _unit(request, code)
    period = selection_from(request, unit).period  # ?period=; the unit is the one in the path
    selection = Selection(unit, period)
    base = reverse("scorecard-dashboard", args=[unit.code])
    trail = [
        u
        for u in tree.ancestors(unit)
        if u.pk != unit.pk and access.can(request.user, Action.VIEW, u)
    ]

    pinned = domain.pinned_here(request.user, unit)

    def content() -> str:
        children = [
            child for child in tree.children(unit) if access.can(request.user, Action.VIEW, child)
        ]
        board = domain.unit_dashboard(request.user, unit, period, pinned)
        count = len(board.versions)
        context = {
            "unit": unit,
            "selection": selection,
            "board": board,
            "intro": ngettext(
                "Indicators of the approved strategy governing this unit, measured here; "
                "off track first.",
                "Indicators of the %(n)s approved strategies governing this unit, measured "
                "here; off track first.",
                count,
            )
            % {"n": count},
            "period_nav": _period_nav(base, selection),
            "children": children,
            "csrf_slot": mark_safe(caching.CSRF_SLOT),  # noqa: S308 - a constant
        }
        return render_to_string("scorecards/_dashboard_content.html", context, using="jinja2")

    # What the reader may see (units below, other indicators) and their own pins.
    cache_key = caching.key(
        "dashboard",
        freshness.for_request(request),
        unit.pk,
        period.code,
        caching.rights_key(request.user),
        pinned,
    )
    return render(
        request,
        "scorecards/dashboard.html",
        {
            "unit": unit,
            "content": caching.fill_csrf(caching.cached_html(cache_key, content), request),
            "current_unit": unit,
            "breadcrumbs": [
                *((u.display_name, reverse("scorecard-dashboard", args=[u.code])) for u in trail),
                (unit.display_name, None),
            ],
        },
    )


@require_POST
def pin(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    definition = get_object_or_404(
        definitions_visible_to(request.user), code=request.POST.get("indicator", "")
    )
    pinned = request.POST.get("pinned") == "1"
    try:
        domain.pin_set(request.user, definition, unit, pinned)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    url = reverse("scorecard-dashboard", args=[unit.code])
    period = request.POST.get("period", "").strip()
    return redirect(f"{url}?period={period}" if period.isalnum() else url)
