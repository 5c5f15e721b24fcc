"""A review report as HTML (in the app) and as PDF (WeasyPrint), from its figures document.

Both come from the same template (``reviews/_document.html``). In the app the SPC charts
are drawn by vega-embed from their Vega-Lite specs; in the PDF the same specs are rendered
to SVG on the server (vl-convert). The PDF embeds Noto Sans (shipped in
``soteria/reviews/fonts``: Polish, Vietnamese, Finnish and Danish letters), numbers its
pages, and opens with a table of contents whose page numbers WeasyPrint fills in.

WeasyPrint may fetch only ``data:`` URIs and the shipped font files: nothing from the
network and no other local file, whatever a narrative contains.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from soteria.indicators.status import rule_text
from soteria.reviews.models import ReviewReport
from soteria.scorecards.charts import to_svg
from soteria.scorecards.house import spec_json

FONT_DIR = Path(__file__).resolve().parent / "fonts"
CHART_WIDTH = 620
CHART_HEIGHT = 230


def title_of(report: ReviewReport, doc: dict[str, Any]) -> str:
    return report.title or _("Review of %(unit)s, %(period)s") % {
        "unit": doc["unit"]["name"],
        "period": doc["period"],
    }


def sections(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(anchor, heading) of the document's sections, for the table of contents."""
    out = [
        ("sec-introduction", _("Introduction")),
        ("sec-headline", _("Headline figures against plan")),
        ("sec-strategy", _("Strategy: status and changes since the last period")),
        ("sec-achievements", _("What we achieved")),
        ("sec-attention", _("Indicators needing attention")),
        ("sec-difficulties", _("Difficulties")),
        ("sec-initiatives", _("Initiatives, milestones and budget")),
    ]
    out += [(f"sec-{key}", heading) for key, heading, _rows in fact_sections(doc)]
    out.append(
        (
            "sec-directions",
            _("Directions for the next period (%(period)s)") % {"period": doc["next_period"]},
        )
    )
    return out


def fact_sections(doc: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Patient experience and safety, each only when the unit has such figures."""
    out = []
    if doc.get("experience"):
        out.append(("experience", _("Patient experience"), doc["experience"]))
    if doc.get("safety"):
        out.append(("safety", _("Patient safety"), doc["safety"]))
    return out


def _svg_image(spec: dict[str, Any], alt: str) -> SafeString:
    svg = to_svg(spec, width=CHART_WIDTH, height=CHART_HEIGHT)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return format_html(
        '<img class="review-chart__img" alt="{}" src="data:image/svg+xml;base64,{}">', alt, data
    )


def _embedded(spec: dict[str, Any], index: int) -> SafeString:
    return mark_safe(  # noqa: S308 - a template of ours, the spec escaped by spec_json
        render_to_string(
            "scorecards/_indicator_chart.html", {"name": f"review-{index}", "spec": spec_json(spec)}
        )
    )


def context(report: ReviewReport, doc: dict[str, Any], *, pdf: bool) -> dict[str, Any]:
    rows = doc["attention"]["rows"]
    charts: list[SafeString | None] = []
    for index, row in enumerate(rows):
        spec = row.get("chart")
        if not spec:
            charts.append(None)
        elif pdf:
            charts.append(_svg_image(spec, f"{row['name']} · {row['unit_name']}"))
        else:
            charts.append(_embedded(spec, index))
    return {
        "report": report,
        "doc": doc,
        "title": title_of(report, doc),
        "built_at": parse_datetime(doc["built_at"]),
        "sections": sections(doc),
        "fact_sections": fact_sections(doc),
        "attention_charts": list(zip(rows, charts, strict=True)),
        "directions": [o for o in doc["directions"] if o["targets"]],
        "has_partial": any(r.get("partial") for r in doc["headline"]),
        "rule": rule_text(),
        "pdf": pdf,
    }


def document_html_screen(report: ReviewReport, doc: dict[str, Any]) -> str:
    """The document as the report page shows it (charts as specs for the browser)."""
    with translation.override(report.language):
        return render_to_string("reviews/_document.html", context(report, doc, pdf=False))


def document_html(report: ReviewReport, doc: dict[str, Any]) -> str:
    """The whole document for the PDF (its own styles, no site navigation)."""
    with translation.override(report.language):
        ctx = context(report, doc, pdf=True)
        ctx["font_dir"] = FONT_DIR.as_uri()
        ctx["page_word"] = _("Page")
        return render_to_string("reviews/document_pdf.html", ctx)


def _local_only() -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URIs and the shipped fonts only."""
    from weasyprint.urls import URLFetcher

    class LocalOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(url.removeprefix("file://").split("?")[0]).resolve()
                if FONT_DIR not in path.parents:
                    raise ValueError("refused: only the report fonts may be read")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols={"data", "file"}, timeout=5)


def pdf_bytes(report: ReviewReport, doc: dict[str, Any]) -> bytes:
    """The PDF of the report (A4, page numbers, table of contents)."""
    from weasyprint import HTML

    html = document_html(report, doc)
    pdf: bytes = HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_local_only()
    ).write_pdf()
    return pdf
