"""Numbers for people: rounded half away from zero to a fixed number of decimals, then
formatted in the active locale (decimal separator, grouping). Django's ``number_format``
cuts extra decimals off instead of rounding (0.96 with one decimal gives "0.9"), so every
figure shown passes through :func:`display`."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django.core.signals import setting_changed
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language

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


def rounded(value: Any, decimals: int) -> Decimal:
    """``value`` rounded half away from zero (the decimal digits as written: 2.35 → 2.4)."""
    exponent = Decimal(1).scaleb(-int(decimals))
    with localcontext() as context:
        context.prec = 60  # enough for any float's digits: never cut to 28
        return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


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
    # Django's number_format, with the locale's separators looked up once per language
    decimal_separator, groups, thousand_separator = _formats(get_language())
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
