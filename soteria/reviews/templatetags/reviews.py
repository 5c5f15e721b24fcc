"""Figures of a review report: localised numbers, "<k" for suppressed ones, dashes for none."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from soteria.scorecards.indicator_page import shown

register = template.Library()

_TRENDS = {"up": "↑", "down": "↓", "flat": "→"}


def number(value: Any, decimals: int = 1) -> str:
    """As the indicator pages show numbers (localised, grouped; "—" without one)."""
    return shown(None if value is None else float(value), int(decimals or 0))


@register.simple_tag
def figure(row: dict[str, Any], key: str = "value", k: int = 5) -> str:
    """A row's figure (``value``, ``target``, ``previous_value``…) in the report's locale;
    ``<k`` where suppression removed it."""
    suppressed = row.get("suppressed") if key == "value" else row.get(f"{key}_suppressed")
    if key == "previous_value":
        suppressed = row.get("previous_suppressed")
    if suppressed:
        return f"<{k}"
    return number(row.get(key), row.get("decimals", 1))


@register.simple_tag
def change(row: dict[str, Any]) -> str:
    """Value minus previous value, signed ("+2.5"), or a dash."""
    if row.get("suppressed") or row.get("previous_suppressed"):
        return "—"
    now, before = row.get("value"), row.get("previous_value")
    if now is None or before is None:
        return "—"
    delta = float(now) - float(before)
    text = number(abs(delta), row.get("decimals", 1))
    return ("+" if delta > 0 else "−" if delta < 0 else "±") + text


@register.simple_tag
def money(amount: Any, currency: str = "") -> str:
    text = number(amount, 0)
    return f"{text} {currency}".strip()


@register.simple_tag
def percent_of(part: Any, whole: Any) -> str:
    if not whole:
        return "—"
    return f"{round(100 * float(part or 0) / float(whole))} %"


@register.simple_tag
def trend_arrow(direction: str | None) -> str:
    words = {"up": _("improving"), "down": _("worsening"), "flat": _("unchanged")}
    if not direction:
        return "– " + _("no trend")
    return f"{_TRENDS.get(direction, '–')} {words.get(direction, '')}"


@register.filter
def score_percent(score: Any) -> str:
    return "—" if score is None else f"{round(float(score) * 100)} %"
