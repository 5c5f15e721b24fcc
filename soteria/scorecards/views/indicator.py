"""The indicator page of a scorecard, its CSV tables and its charts as SVG.

Thin views: the data comes from :mod:`soteria.scorecards.indicator_page`; the unit and
period from the query string (:func:`~soteria.scorecards.selection.selection_from`), so
the downloads obey the very rules of the page. The page's content is a Jinja2 fragment
(``scorecards/jinja2/scorecards/_indicator_content.html``, see :mod:`soteria.web.jinja`) in
the Django page shell ``scorecards/indicator.html``.
"""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from soteria.indicators.models import IndicatorDefinition
from soteria.scorecards import caching, charts, freshness
from soteria.scorecards import indicator_page as data
from soteria.scorecards.rows import spec_json
from soteria.scorecards.selection import Selection, selection_from


def _selected(request: HttpRequest, code: str) -> tuple[IndicatorDefinition, Selection]:
    definition = data.visible_definition(request.user, code)
    selection = selection_from(request, lambda: data.default_unit(request.user, definition))
    data.require_usable(definition, selection.unit)
    return definition, selection


def _plain(status: int, message: str) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _links(definition: IndicatorDefinition, selection: Selection) -> dict[str, Any]:
    """The page's links that keep the selection: periods, units, downloads."""
    page_url = reverse("scorecard-indicator", args=[definition.code])
    csv_url = reverse("scorecard-indicator-csv", args=[definition.code])
    svg_url = reverse("scorecard-indicator-svg", args=[definition.code])
    return {
        "previous": page_url + selection.query(period=selection.previous.code),
        "next": page_url + selection.query(period=selection.next.code),
        "period_types": [
            (label, page_url + selection.query(period=code), chosen)
            for code, label, chosen in selection.period_choices
        ],
        "csv": {t: csv_url + selection.query(table=t) for t in data.CSV_TABLES},
        "svg": {c: svg_url + selection.query(chart=c) for c in data.SVG_CHARTS},
        "unit": lambda unit: page_url + selection.query(unit=unit.code),
    }


def _partial_note(count: int) -> str:
    """What the hollow diamonds of the run chart are (periods not over), or "" without any."""
    if not count:
        return ""
    return ngettext(
        "The period drawn as a hollow diamond was not over when its value was computed: it is "
        "shown, but not used for the limits or the signals.",
        "The periods drawn as hollow diamonds were not over when their values were computed: "
        "they are shown, but not used for the limits or the signals.",
        count,
    )


def indicator_page(request: HttpRequest, code: str) -> HttpResponse:
    freshness.for_request(request)  # read first: the lookups below may use what is kept
    definition, selection = _selected(request, code)

    def content() -> str:
        page = data.page(request.user, definition, selection)
        links = _links(definition, selection)
        unit_link = links.pop("unit")
        context = {
            "page": page,
            "definition": definition,
            "selection": selection,
            "unit": selection.unit,
            "chart": page.chart,
            "compared": page.comparison,
            "specs": {name: spec_json(spec) for name, spec in page.specs.items()},
            "links": links,
            "ancestors": [(u, unit_link(u)) for u in page.navigation.ancestors],
            "children": [(u, unit_link(u)) for u in page.navigation.children],
            "compared_rows": [(r, unit_link(r.unit)) for r in page.comparison.rows],
            "partial_note": _partial_note(len(page.chart.partial_rows)),
        }
        return render_to_string("scorecards/_indicator_content.html", context, using="jinja2")

    # The comparison, the funnel plot and the unit links hold only units the reader may
    # see: keyed by the reader's rights.
    cache_key = caching.key(
        "indicator",
        freshness.for_request(request),
        definition.pk,
        selection.unit.pk,
        selection.period.code,
        caching.rights_key(request.user),
    )
    return render(
        request,
        "scorecards/indicator.html",
        {
            "definition": definition,
            "selection": selection,
            "unit": selection.unit,
            "current_unit": selection.unit,
            "content": caching.cached_html(cache_key, content),
            "breadcrumbs": [
                (_("Indicators"), reverse("indicator-list")),
                (definition.display_name, reverse("indicator-detail", args=[definition.code])),
                (selection.unit.display_name, None),
            ],
        },
    )


def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    """``?table=series|comparison``: the numbers behind the run chart or the comparison."""
    table = request.GET.get("table", "series")
    if table not in data.CSV_TABLES:
        return _plain(
            400,
            _("Unknown table '%(table)s': use %(choices)s.")
            % {"table": table, "choices": " or ".join(data.CSV_TABLES)},
        )
    definition, selection = _selected(request, code)
    unit, period = selection.unit, selection.period
    if table == "series":
        rows = data.series_csv(data.run_chart(definition, unit, period))
    else:
        rows = data.comparison_csv(data.comparison(request.user, definition, unit, period))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{definition.code}_{unit.code}_{period.code}_{table}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows(rows)
    return response


def indicator_svg(request: HttpRequest, code: str) -> HttpResponse:
    """``?chart=spc|comparison|funnel``: a chart of the page drawn on the server."""
    name = request.GET.get("chart", "spc")
    if name not in data.SVG_CHARTS:
        return _plain(
            400,
            _("Unknown chart '%(chart)s': use %(choices)s.")
            % {"chart": name, "choices": ", ".join(data.SVG_CHARTS)},
        )
    definition, selection = _selected(request, code)
    spec = data.chart_spec(request.user, definition, selection, name)
    if spec is None:
        return _plain(
            404,
            _(
                "There is no funnel plot here: it is drawn for ratios only, when at least "
                "%(n)d units have a value."
            )
            % {"n": data.MIN_FUNNEL_UNITS},
        )
    response = HttpResponse(charts.to_svg(spec), content_type="image/svg+xml; charset=utf-8")
    filename = f"{definition.code}_{selection.unit.code}_{selection.period.code}_{name}.svg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
