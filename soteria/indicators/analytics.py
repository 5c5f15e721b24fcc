"""Analytics queries: indicators × periods × org units, as DHIS2's analytics API has them.

``dx`` (indicator codes), ``pe`` (period codes: ``202603``, ``2026Q1``, ``2026S1``,
``2026``) and ``ou`` (unit codes; ``children`` adds each unit's direct children) name the
cells; the answer has one row per stored value. Units the user may not see are answered as
unknown — the query neither confirms nor leaks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from soteria.core.i18n import localise
from soteria.indicators import periods
from soteria.indicators.models import IndicatorDefinition, IndicatorValue
from soteria.organisations import access
from soteria.organisations.models import OrgUnit

MAX_CELLS = 200_000
HEADERS = (
    "indicator",
    "period",
    "unit",
    "value",
    "numerator",
    "denominator",
    "no_value_reason",
    "definition_version",
    "computed_at",
    "partial",
)


class QueryError(ValueError):
    """A query that cannot be answered; ``errors`` maps parameter → messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class Answer:
    headers: tuple[str, ...] = HEADERS
    rows: list[list[Any]] = field(default_factory=list)
    items: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "headers": list(self.headers),
            "rows": self.rows,
            "metaData": {"items": self.items},
        }


def _codes(raw: str | None) -> list[str]:
    return [c for c in re.split(r"[;,\s]+", raw or "") if c]


def query(
    user: Any, dx: str | None, pe: str | None, ou: str | None, *, children: bool = False
) -> Answer:
    errors: dict[str, list[str]] = {}
    codes, period_codes, unit_codes = _codes(dx), _codes(pe), _codes(ou)
    for name, given in (("dx", codes), ("pe", period_codes), ("ou", unit_codes)):
        if not given:
            errors.setdefault(name, []).append(_("Give at least one code."))
    parsed: list[periods.Period] = []
    for code in period_codes:
        try:
            parsed.append(periods.parse(code))
        except ValueError:
            errors.setdefault("pe", []).append(
                _("'%(code)s' is not a period (e.g. 202603, 2026Q1, 2026S1, 2026).")
                % {"code": code}
            )
    definitions = {  # another organisation's own indicators are unknown, as unseen units are
        d.code: d
        for d in IndicatorDefinition.objects.filter(code__in=codes).select_related("owner")
        if d.owner is None or access.reads_within(user, d.owner)
    }
    for code in codes:
        if code not in definitions:
            errors.setdefault("dx", []).append(_("Unknown indicator '%(code)s'.") % {"code": code})
    visible = access.units_for(user)
    units = {u.code: u for u in visible.filter(code__in=unit_codes)}
    for code in unit_codes:
        if code not in units:
            errors.setdefault("ou", []).append(
                _("Unknown unit '%(code)s' (or not yours to see).") % {"code": code}
            )
    if errors:
        raise QueryError(errors)
    chosen: list[OrgUnit] = list(units.values())
    if children:
        chosen += list(visible.filter(parent__in=chosen).exclude(pk__in=[u.pk for u in chosen]))
    cells = len(definitions) * len(parsed) * len(chosen)
    if cells > MAX_CELLS:
        raise QueryError(
            {"dx": [_("Too many cells (%(n)s); ask for fewer.") % {"n": f"{cells:,}"}]}
        )
    values = (
        IndicatorValue.objects.filter(
            definition__in=definitions.values(),
            period__in=[p.code for p in parsed],
            unit__in=chosen,
        )
        .select_related("definition", "unit")
        .order_by("definition__code", "unit__path", "period_type", "period_start")
    )
    answer = Answer()
    for v in values:
        answer.rows.append(
            [
                v.definition.code,
                v.period,
                v.unit.code,
                v.value,
                v.numerator,
                v.denominator,
                v.no_value_reason,
                v.definition_version,
                v.computed_at.isoformat(),
                v.partial,
            ]
        )
    answer.items = _items(definitions.values(), chosen)
    return answer


def _items(definitions: Iterable[IndicatorDefinition], units: Iterable[OrgUnit]) -> dict[str, str]:
    items = {d.code: localise(d.name) for d in definitions}
    items.update({u.code: u.display_name for u in units})
    return items
