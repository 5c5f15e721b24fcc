"""Status, trend and tally badges of the scorecard pages.

Tags, not ``{% include %}``: a house draws hundreds of them, and a Python function is many
times cheaper than an included template. Status is always an icon and words, never colour
alone.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from soteria.core.i18n import gettext_kept as _
from soteria.indicators.status import RAG_LABELS, Rag, score_status

register = template.Library()

_ICONS = {"green": "✔", "amber": "▲", "red": "✖"}


def _h(value: Any) -> str:
    """What ``format_html`` puts in for an argument (``conditional_escape``): safe HTML as
    it is, anything else escaped as Django's ``escape`` does — without its lazy-string
    wrappers, which cost more than the escaping (a house draws hundreds of badges)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(str(value))


def _status_words(status: str | None) -> str:
    if status and str(status) in _RAGS:
        return _(RAG_LABELS[Rag(str(status))])
    return _("not rated")


_RAGS = frozenset(Rag)


@register.simple_tag
def rag_status(status: Any, score: float | None = None) -> SafeString:
    """``<span class="rag-status rag-status--green">✔ on track 81 %</span>``"""
    key = str(status) if status else "none"
    score_html = (
        f' <span class="rag-status__score">{_h(round(score * 100))} %</span>'
        if score is not None
        else ""
    )
    return mark_safe(  # noqa: S308 - every value escaped by _h
        f'<span class="rag-status rag-status--{_h(key)}"><span class="rag-status__icon" '
        f'aria-hidden="true">{_h(_ICONS.get(key, "○"))}</span> {_h(_status_words(status))}'
        f"{score_html}</span>"
    )


@register.simple_tag
def trend_badge(trend: Any) -> SafeString:
    direction = getattr(trend, "direction", None) or "none"
    return mark_safe(  # noqa: S308 - every value escaped by _h
        f'<span class="trend trend--{_h(direction)}" title="{_h(getattr(trend, "label", ""))}">'
        f'<span class="trend__arrow" aria-hidden="true">{_h(getattr(trend, "arrow", ""))}</span>'
        f' {_h(getattr(trend, "word", ""))}<span class="visually-hidden">: '
        f"{_h(getattr(trend, 'detail', ''))}</span></span>"
    )


@register.simple_tag
def tally_badge(tally: Any, label: str) -> SafeString:
    """On track / at risk / off track (/ not rated) counts with icons."""
    if not getattr(tally, "total", 0):
        items = f' <span class="tally__item tally__item--none">{_h(_("none"))}</span>'
    else:
        parts = [
            ("green", "✔", _("%(n)s on track") % {"n": tally.on_track}),
            ("amber", "▲", _("%(n)s at risk") % {"n": tally.at_risk}),
            ("red", "✖", _("%(n)s off track") % {"n": tally.off_track}),
        ]
        if tally.not_rated:
            parts.append(("none", "○", _("%(n)s not rated") % {"n": tally.not_rated}))
        items = "".join(
            f'\n  <span class="tally__item tally__item--{_h(key)}"><span aria-hidden="true">'
            f"{_h(icon)}</span> {_h(text)}</span>"
            for key, icon, text in parts
        )
    return mark_safe(  # noqa: S308 - every value escaped by _h
        f'<span class="tally"><span class="tally__label">{_h(label)}:</span>{items}</span>'
    )


@register.simple_tag
def rollup_badges(rollup: Any) -> SafeString:
    """A priority's, programme's or the house's status, trend and tallies (objectives,
    indicators, initiatives) — a house draws a dozen of them."""
    score = rollup.score
    status = score_status(score)
    return mark_safe(  # noqa: S308 - the badges escape their values
        f'<span class="rollup__status">{rag_status(status, score)} {trend_badge(rollup.trend)}'
        f'</span>\n<span class="tallies">{tally_badge(rollup.objective_tally, _("Objectives"))}'
        f"\n{tally_badge(rollup.indicators, _('Indicators'))}"
        f"\n{tally_badge(rollup.initiatives, _('Initiatives'))}</span>\n"
    )
