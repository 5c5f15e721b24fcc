"""Which unit and period a scorecard page shows: read from the query string, checked
against the user's rights, with the links to move to the previous or next period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from soteria.indicators import periods
from soteria.indicators.periods import PERIOD_TYPE_LABELS, Period, PeriodType
from soteria.organisations import access, tree
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

DEFAULT_PERIOD_TYPE = PeriodType.QUARTER
YEARS = range(1900, 2200)
"""Years a page may show: ``0000`` or ``9999Q4`` parse, but their days (or their next
period's) do not exist."""


@lru_cache(maxsize=4096)
def unit_period_query(unit_code: str, period_code: str) -> str:
    """``unit=…&period=…``, encoded once (a page links to dozens of units, a table's rows
    share it)."""
    return urlencode({"unit": unit_code, "period": period_code})


@dataclass(frozen=True)
class Selection:
    unit: OrgUnit
    period: Period

    @property
    def period_type(self) -> PeriodType:
        return self.period.type

    @property
    def previous(self) -> Period:
        return periods.shifted(self.period, -1)

    @property
    def next(self) -> Period:
        return periods.shifted(self.period, 1)

    def query(self, **changes: Any) -> str:
        """The query string for this selection with some parameters changed."""
        params = {"unit": self.unit.code, "period": self.period.code}
        params.update({k: str(v) for k, v in changes.items() if v is not None})
        if len(params) == 2:  # a unit or a period changed: pages link to dozens of units
            return "?" + unit_period_query(params["unit"], params["period"])
        return "?" + urlencode(params)

    @property
    def period_choices(self) -> list[tuple[str, Any, bool]]:
        """(code of the same moment in each kind of period, label, chosen) for a switcher."""
        out = []
        for kind in PeriodType:
            code = periods.period_of(self.period.start, kind).code
            out.append((code, PERIOD_TYPE_LABELS[kind], kind == self.period.type))
        return out


class BadSelection(Http404):
    """An unknown or hidden unit, or a malformed period (shown as "not found")."""


def selection_from(
    request: HttpRequest,
    default_unit: OrgUnit | Callable[[], OrgUnit | None] | None = None,
    action: Action = Action.VIEW,
) -> Selection:
    """``?unit=CODE&period=2026Q1``; missing parts fall back to ``default_unit`` (a unit, or
    a function finding it, called only when the query names none) and the last complete
    quarter. A unit the user may not see is "not found" (not "forbidden"): its existence is
    not revealed."""
    code = request.GET.get("unit", "").strip()
    if code:
        unit = tree.unit_by_code(code)
    else:
        unit = default_unit() if callable(default_unit) else default_unit
    if unit is None or not access.can(request.user, action, unit):
        raise BadSelection(_("No such unit."))
    text = request.GET.get("period", "").strip()
    if text:
        try:
            period = periods.parse(text)
        except ValueError:
            raise BadSelection(_("No such period.")) from None
        if period.year not in YEARS:
            raise BadSelection(_("No such period."))
    else:
        kind_text = request.GET.get("period_type", "")
        kind = PeriodType(kind_text) if kind_text in set(PeriodType) else DEFAULT_PERIOD_TYPE
        period = periods.last_complete(kind, timezone.localdate())
    return Selection(unit, period)
