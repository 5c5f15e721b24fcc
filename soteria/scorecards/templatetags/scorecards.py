"""Status, trend and tally badges of the scorecard pages.

Tags, not ``{% include %}``: a house draws hundreds of them, and a Python function is many
times cheaper than an included template. Status is always an icon and words, never colour
alone.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from soteria.core.i18n import gettext_kept
from soteria.indicators.status import score_status

register = template.Library()

_ICONS = {"green": "✔", "amber": "▲", "red": "✖"}


_STATUS_WORDS = {
    "green": gettext_noop("on track"),
    "amber": gettext_noop("at risk"),
    "red": gettext_noop("off track"),
}


def _status_words(status: str | None) -> str:
    return gettext_kept(_STATUS_WORDS.get(str(status) if status else "", gettext_noop("not rated")))


@register.simple_tag
def rag_status(status: Any, score: float | None = None) -> SafeString:
    """``<span class="rag-status rag-status--green">✔ on track 81 %</span>``"""
    key = str(status) if status else "none"
    score_html = (
        format_html(' <span class="rag-status__score">{} %</span>', round(score * 100))
        if score is not None
        else ""
    )
    return format_html(
        '<span class="rag-status rag-status--{}"><span class="rag-status__icon" '
        'aria-hidden="true">{}</span> {}{}</span>',
        key,
        _ICONS.get(key, "○"),
        _status_words(status),
        score_html,
    )


@register.simple_tag
def trend_badge(trend: Any) -> SafeString:
    direction = getattr(trend, "direction", None) or "none"
    return format_html(
        '<span class="trend trend--{}" title="{}"><span class="trend__arrow" '
        'aria-hidden="true">{}</span> {}<span class="visually-hidden">: {}</span></span>',
        direction,
        getattr(trend, "label", ""),
        getattr(trend, "arrow", ""),
        getattr(trend, "word", ""),
        getattr(trend, "detail", ""),
    )


@register.simple_tag
def tally_badge(tally: Any, label: str) -> SafeString:
    """On track / at risk / off track (/ not rated) counts with icons."""
    if not getattr(tally, "total", 0):
        items = format_html(' <span class="tally__item tally__item--none">{}</span>', _("none"))
    else:
        parts = [
            ("green", "✔", _("%(n)s on track") % {"n": tally.on_track}),
            ("amber", "▲", _("%(n)s at risk") % {"n": tally.at_risk}),
            ("red", "✖", _("%(n)s off track") % {"n": tally.off_track}),
        ]
        if tally.not_rated:
            parts.append(("none", "○", _("%(n)s not rated") % {"n": tally.not_rated}))
        items = format_html_join(
            "",
            '\n  <span class="tally__item tally__item--{}"><span aria-hidden="true">{}</span>'
            " {}</span>",
            parts,
        )
    return format_html(
        '<span class="tally"><span class="tally__label">{}:</span>{}</span>', label, items
    )


@register.simple_tag
def rollup_badges(rollup: Any) -> SafeString:
    """A priority's, programme's or the house's status, trend and tallies (objectives,
    indicators, initiatives) — a house draws a dozen of them."""
    score = rollup.score
    status = score_status(score)
    return format_html(
        '<span class="rollup__status">{} {}</span>\n<span class="tallies">{}\n{}\n{}</span>\n',
        rag_status(status, score),
        trend_badge(rollup.trend),
        tally_badge(rollup.objective_tally, _("Objectives")),
        tally_badge(rollup.indicators, _("Indicators")),
        tally_badge(rollup.initiatives, _("Initiatives")),
    )
