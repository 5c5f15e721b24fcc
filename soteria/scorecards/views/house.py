"""The living strategy house, its index, and the objective scorecard.

Thin: reading rights through the strategy selectors and :mod:`soteria.organisations.access`,
the figures from :mod:`soteria.scorecards.house`. The house answers an htmx request (period or
unit switch) with its body only; plain links work without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from soteria.core.i18n import localise
from soteria.indicators.periods import PERIOD_TYPE_LABELS
from soteria.indicators.status import rule_text
from soteria.organisations import access, tree
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.scorecards import caching, freshness, house_sheet
from soteria.scorecards import house as domain
from soteria.scorecards.selection import BadSelection, Selection, selection_from
from soteria.strategy import selectors
from soteria.strategy.models import Objective, StrategyVersion, VersionStatus

HOUSE_BODY = "scorecards/_house_body.html"


def _is_htmx(request: HttpRequest) -> bool:
    """An htmx swap (not a history restore, which wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _default_unit(user: Any, strategy_unit: OrgUnit, preferred: Iterable[OrgUnit] = ()) -> OrgUnit:
    """The first of ``preferred`` and the strategy's unit the user may see; else the top unit
    they may see inside the strategy's subtree (a head of department reading the hospital
    strategy starts at their department)."""
    for unit in (*preferred, strategy_unit):
        if access.can(user, Action.VIEW, unit):
            return unit
    top = (
        access.units_for(user)
        .filter(path__startswith=strategy_unit.path)
        .order_by("depth", "path")
        .first()
    )
    if top is None:
        raise Http404
    return top


def _selection(
    request: HttpRequest, strategy_unit: OrgUnit, preferred: Iterable[OrgUnit] = ()
) -> Selection:
    asked = request.GET.get("unit", "").strip()
    default = None if asked else _default_unit(request.user, strategy_unit, preferred)
    selection = selection_from(request, default)
    if not selection.unit.is_descendant_of(strategy_unit):
        raise BadSelection(_("No such unit."))
    return selection


def _period_nav(base: str, selection: Selection) -> dict[str, Any]:
    """Links to the same moment in each kind of period and to the previous and next period."""
    return {
        "kinds": [
            (label, base + selection.query(period=code), chosen)
            for code, label, chosen in selection.period_choices
        ],
        "previous": (
            selection.previous.code,
            base + selection.query(period=selection.previous.code),
        ),
        "next": (selection.next.code, base + selection.query(period=selection.next.code)),
    }


def _unit_nav(user: Any, base: str, selection: Selection, strategy_unit: OrgUnit) -> dict[str, Any]:
    """The units from the strategy's down to the selected one, and the selected one's
    children to drill into — only those the user may see."""
    unit = selection.unit
    trail = [
        (u, base + selection.query(unit=u.code) if u.pk != unit.pk else None)
        for u in tree.ancestors(unit)
        if u.depth >= strategy_unit.depth and access.can(user, Action.VIEW, u)
    ]
    children = [
        (child, base + selection.query(unit=child.code))
        for child in tree.children(unit)
        if access.can(user, Action.VIEW, child)
    ]
    return {"trail": trail, "children": children}


def house_index(request: HttpRequest) -> HttpResponse:
    rows = []
    for strategy in selectors.strategies_for(request.user):
        version = strategy.current_version()
        approved = version if version and version.status == VersionStatus.APPROVED else None
        rows.append((strategy, approved))
    return render(
        request,
        "scorecards/house_index.html",
        {"rows": rows, "breadcrumbs": [(_("Scorecards"), None)]},
    )


def _counted_text(count: int, unit: OrgUnit) -> str:
    return ngettext(
        "%(n)s objective counted: owned by %(unit)s or a unit below it, or measured there.",
        "%(n)s objectives counted: owned by %(unit)s or a unit below it, or measured there.",
        count,
    ) % {"n": count, "unit": unit.display_name}


def house(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    token = freshness.for_request(request)  # read first: the lookups may use what is kept
    version = selectors.version_get(user, pk)
    strategy = version.strategy
    selection = _selection(request, strategy.unit)
    base = reverse("scorecard-house", args=[version.pk])

    def body() -> str:
        live = house_sheet.live_house_cached(
            version, selection.unit, selection.period, token=token, query=selection.query()
        )
        context = {
            "version": version,
            "strategy": strategy,
            "selection": selection,
            "base_url": base,
            "live": live,
            "period_nav": _period_nav(base, selection),
            "unit_nav": _unit_nav(user, base, selection, strategy.unit),
            "period_label": PERIOD_TYPE_LABELS[selection.period_type],
            "rollup_rule": domain.rollup_rule(),
            "objective_rule": rule_text(),
            "counted_text": _counted_text(len(live.objectives), selection.unit),
        }
        return render_to_string(HOUSE_BODY, context, using="jinja2")

    # The body depends on the data, the language, the selection and — through the unit
    # trail and the units to drill into — on what the reader may see.
    cache_key = caching.key(
        "house",
        token,
        version.pk,
        selection.unit.pk,
        selection.period.code,
        caching.rights_key(user),
    )
    html = caching.cached_html(cache_key, body)
    if _is_htmx(request):
        response = HttpResponse(html)
    else:
        context = {
            "version": version,
            "strategy": strategy,
            "body": html,
            "current_unit": selection.unit,
            "breadcrumbs": [
                (_("Scorecards"), reverse("scorecard-house-index")),
                (f"{localise(strategy.title)} v{version.number}", None),
            ],
        }
        response = render(request, "scorecards/house.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def objective(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    freshness.for_request(request)  # read first: the lookups below may use what is kept
    element = cast(Objective, selectors.element_get(user, Objective, pk))
    version: StrategyVersion = element.version
    strategy = version.strategy
    selection = _selection(request, strategy.unit, preferred=[element.owner_unit])
    base = reverse("scorecard-objective", args=[element.pk])
    house_url = reverse("scorecard-house", args=[version.pk]) + selection.query()

    def content() -> str:
        page = domain.objective_page(
            element,
            selection.unit,
            selection.period,
            may_see=lambda unit: access.can(user, Action.VIEW, unit),
        )
        context = {
            "objective": element,
            "version": version,
            "strategy": strategy,
            "selection": selection,
            "base_url": base,
            "page": page,
            "house_url": house_url,
            "period_nav": _period_nav(base, selection),
        }
        return render_to_string("scorecards/_objective_content.html", context, using="jinja2")

    # Which indicators show figures depends on what the reader may see (``may_see``).
    cache_key = caching.key(
        "objective",
        freshness.for_request(request),
        element.pk,
        selection.unit.pk,
        selection.period.code,
        caching.rights_key(user),
    )
    return render(
        request,
        "scorecards/objective.html",
        {
            "objective": element,
            "content": caching.cached_html(cache_key, content),
            "current_unit": selection.unit,
            "breadcrumbs": [
                (_("Scorecards"), reverse("scorecard-house-index")),
                (f"{localise(strategy.title)} v{version.number}", house_url),
                (f"{element.code} {localise(element.title)}", None),
            ],
        },
    )
