"""Numbers for people: rounded half away from zero to a fixed number of decimals, then
formatted in the active locale (decimal separator, grouping). Django's ``number_format``
cuts extra decimals off instead of rounding (0.96 with one decimal gives "0.9"), so every
figure shown passes through :func:`display`."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format

MISSING = "—"


def rounded(value: Any, decimals: int) -> Decimal:
    """``value`` rounded half away from zero (the decimal digits as written: 2.35 → 2.4)."""
    exponent = Decimal(1).scaleb(-int(decimals))
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def display(value: Any, decimals: int = 0) -> str:
    """A figure in the active locale with ``decimals`` decimals; "—" without one."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    decimals = int(decimals or 0)
    try:
        exact = rounded(value, decimals)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)  # not a number (an empty template variable): shown as it is
    return str(number_format(exact, decimal_pos=decimals, use_l10n=True, force_grouping=True))
