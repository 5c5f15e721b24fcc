"""The initiatives portfolio page and its CSV download.

Thin: the unit and period from the query string (:func:`selection_from`, which hides units
the reader may not see), the rest from :mod:`soteria.scorecards.portfolio`. Without a unit the
page shows every top unit the reader sees; the download obeys the very same rules.
"""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.organisations import access
from soteria.organisations.models import OrgUnit
from soteria.scorecards import portfolio as domain
from soteria.scorecards.selection import BadSelection, Selection, selection_from
from soteria.strategy.models import InitiativeStatus


def _scope(request: HttpRequest) -> tuple[Selection, list[OrgUnit], bool]:
    """The selection, the units whose subtrees are shown, and whether a unit was asked for."""
    asked = bool(request.GET.get("unit", "").strip())
    tops = [] if asked else domain.top_units(request.user)
    if not asked and not tops:
        raise BadSelection(_("No such unit."))
    selection = selection_from(request, None if asked else tops[0])
    return selection, [selection.unit] if asked else tops, asked


def _query(params: dict[str, str], **changes: str) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v})


def portfolio(request: HttpRequest) -> HttpResponse:
    selection, units, asked = _scope(request)
    filters = domain.filters_from(request.GET)
    data = domain.portfolio(
        request.user,
        units,
        today=timezone.localdate(),
        period=selection.period,
        filters=filters,
    )
    if request.GET.get("format") == "csv":
        return _csv(data, selection)
    params = {
        "unit": selection.unit.code if asked else "",
        "period": selection.period.code,
        "group": filters.group.value,
        "status": filters.status,
        "funding": filters.funding,
    }
    base = reverse("scorecard-portfolio")
    context: dict[str, Any] = {
        "data": data,
        "selection": selection,
        "asked_unit": selection.unit if asked else None,
        "base_url": base,
        "groupings": [
            (label, base + _query(params, group=g.value), g == filters.group)
            for g, label in domain.GROUPING_LABELS.items()
        ],
        "csv_url": base + _query(params, format="csv"),
        "unit_choices": access.units_for(request.user).only("code", "name", "depth", "path"),
        "status_choices": InitiativeStatus.choices,
        "current_unit": selection.unit if asked else None,
        "breadcrumbs": [
            (_("Scorecards"), reverse("scorecard-house-index")),
            (_("Initiatives portfolio"), None),
        ],
    }
    return render(request, "scorecards/portfolio.html", context)


def _csv(data: domain.Portfolio, selection: Selection) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    scope = "-".join(unit.code for unit in data.units)
    filename = f"initiatives_{scope}_{selection.period.code}_{data.filters.group.value}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(domain.csv_rows(data))
    return response
