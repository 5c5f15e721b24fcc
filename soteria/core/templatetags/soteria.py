"""Template helpers: translated content, tree indentation, money."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from soteria.core.i18n import localise
from soteria.core.numbers import display

register = template.Library()


@register.filter
def tr(texts: Any) -> str:
    """Translated content in the active language (with fallback)."""
    return localise(texts if isinstance(texts, dict) else None)


@register.filter
def indent(depth: int) -> str:
    return "\u00a0\u00a0\u00a0" * int(depth or 0)


@register.filter
def money(amount: Decimal | None, currency: str = "") -> str:
    """A whole amount in the active locale with its currency, rounded half away from zero
    (never cut: 0.99 EUR is "1 EUR")."""
    if amount is None:
        return ""
    return f"{display(amount, 0)} {currency}".strip()


@register.filter
def percent_of(part: Decimal | None, whole: Decimal | None) -> int:
    if not part or not whole:
        return 0
    return round(100 * part / whole)


@register.simple_tag
def field_label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


@register.filter
def show(value: Any) -> str:
    """Render any recorded value: translated texts localised, empty as a dash."""
    if value is None or value == {} or value == "":
        return "—"
    if isinstance(value, dict):
        return localise(value) or "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


@register.filter
def number(value: Any, decimals: int = 0) -> str:
    """A figure in the active locale's format, rounded to ``decimals``; "—" if none."""
    return display(value, decimals)
