"""Numbers for people: rounded half away from zero to a fixed number of decimals, then
formatted in the active locale (decimal separator, grouping). Django's ``number_format``
cuts extra decimals off instead of rounding (0.96 with one decimal gives "0.9"), so every
figure shown passes through :func:`display`."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.utils import numberformat
from django.utils.formats import get_format

from soteria.core.i18n import active_language

MISSING = "—"

_separators: dict[str | None, tuple[str, Any, str]] = {}
"""Language → (decimal separator, grouping, thousand separator): what Django's
``number_format`` looks up three times per figure (a page shows up to ~200 figures)."""


def _formats(lang: str | None) -> tuple[str, Any, str]:
    found = _separators.get(lang)
    if found is None:
        found = (
            str(get_format("DECIMAL_SEPARATOR", lang, use_l10n=True)),
            get_format("NUMBER_GROUPING", lang, use_l10n=True),
            str(get_format("THOUSAND_SEPARATOR", lang, use_l10n=True)),
        )
        _separators[lang] = found
    return found


def _forget_formats(**kwargs: Any) -> None:
    _separators.clear()  # a test changed a format setting


setting_changed.connect(_forget_formats, dispatch_uid="soteria-number-formats")


_ROUNDING = Context(
    prec=60, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow]
)
"""Enough digits for any float's (never cut to 28), half away from zero."""


@lru_cache(maxsize=32)
def _step(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def rounded(value: Any, decimals: int) -> Decimal:
    """``value`` rounded half away from zero (the decimal digits as written: 2.35 → 2.4)."""
    return Decimal(str(value)).quantize(_step(int(decimals)), context=_ROUNDING)


def display(value: Any, decimals: int = 0, *, grouping: bool = True) -> str:
    """A figure in the active locale with ``decimals`` decimals; "—" without one (None,
    NaN, infinity)."""
    if value is None or isinstance(value, bool):
        return MISSING if value is None else str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return MISSING
    try:
        places = int(decimals or 0)
        exact = rounded(value, places)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)  # not a number (an empty template variable): shown as it is
    if not exact.is_finite():
        return MISSING
    decimal_separator, groups, thousand_separator = _formats(active_language())
    return _formatted(exact, places, decimal_separator, groups, thousand_separator, grouping)


def _formatted(
    exact: Decimal,
    places: int,
    decimal_separator: str,
    groups: Any,
    thousand_separator: str,
    grouping: bool,
) -> str:
    """Django's ``numberformat.format`` of a value rounded to ``places`` decimals, written
    for that case alone (a page shows up to ~200 figures; the general function costs
    several times more): the same text, which the tests compare on thousands of values in
    every language. Other cases (a grouping by a sequence, a negative number of places, a
    value of more than 200 digits) go to Django's function itself."""
    use_grouping = (grouping or settings.USE_THOUSAND_SEPARATOR) and groups != 0
    text = "0" if exact.is_zero() else f"{exact:f}"  # -0.0 is written without its sign
    if places < 0 or (use_grouping and (type(groups) is not int or groups < 0)) or len(text) > 200:
        return str(
            numberformat.format(
                exact,
                decimal_separator,
                places,
                groups,
                thousand_separator,
                force_grouping=grouping,
                use_l10n=True,
            )
        )
    negative = text[0] == "-"
    if negative:
        text = text[1:]
    whole, _, fraction = text.partition(".")
    if use_grouping and len(whole) > groups:
        first = len(whole) % groups or groups
        parts = [whole[:first]]
        for start in range(first, len(whole), groups):
            parts.append(whole[start : start + groups])
        whole = thousand_separator.join(parts)
    if len(fraction) != places:
        fraction = (fraction + "0" * places)[:places]
    return ("-" if negative else "") + whole + (decimal_separator + fraction if places else "")
