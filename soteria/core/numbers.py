"""Numbers for people: rounded half away from zero to a fixed number of decimals, then
formatted in the active locale (decimal separator, grouping). Django's ``number_format``
cuts extra decimals off instead of rounding (0.96 with one decimal gives "0.9"), so every
figure shown passes through :func:`display`."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django.utils.formats import number_format

MISSING = "—"


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
    return str(number_format(exact, decimal_pos=places, use_l10n=True, force_grouping=grouping))
