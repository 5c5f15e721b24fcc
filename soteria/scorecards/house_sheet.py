"""The live house from cached objective cards: an objective worked out once per period,
whatever unit the house is looked at from.

An objective's status, trend and tallies do not depend on the unit the house is seen from —
the unit only decides *which* objectives count
(:func:`~soteria.scorecards.house.counted_objective_ids`). So each objective's **card** in a
(version, period) — its figures (score now and one period earlier, status, indicator and
initiative tallies) and its HTML, with and without the owner unit, the link's query string
left as a slot — is kept in the (version, period)'s **sheet**, cached per data generation,
language and time zone (``scorecards.caching``). A house reads the counted objectives' ids
(one query) and the sheet (one cache read), works out only the cards nobody has added yet
(together, in a fixed number of queries), and renders the roof and the roll-ups.

:func:`live_house_cached` gives the same figures as :func:`~soteria.scorecards.house.live_house`
(tests compare them); its cards are :class:`CardSummary`, not
:class:`~soteria.scorecards.house.ObjectiveCard` (no model instances: cheap to cache).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from markupsafe import escape

from soteria.indicators import periods
from soteria.indicators.periods import Period
from soteria.indicators.status import Rag
from soteria.organisations.models import OrgUnit
from soteria.scorecards import caching
from soteria.scorecards.house import (
    LiveHouse,
    RollUp,
    Tally,
    card_list,
    counted_objective_ids,
)
from soteria.strategy import structure
from soteria.strategy.models import (
    Objective,
    Priority,
    Programme,
    StrategyVersion,
    SuccessFactor,
    Value,
)

CARD_TEMPLATE = "scorecards/_house_objective.html"
OWNER_HTML = '<span class="small muted">{}</span>'
"""The owner unit's span in ``_house_objective.html`` (shown under a priority)."""
QUERY_SLOT = "@@scorecards-objective-query@@"
"""Stands for the query string (``?unit=…&period=…``) in a cached card's link."""


@dataclass(frozen=True)
class Scored:
    score: float | None


@dataclass(frozen=True)
class CardSummary:
    """An objective's figures in a period and its rendered card (no model instances)."""

    objective_id: int
    programme_id: int
    priority_id: int | None
    status: Rag | None
    score: float | None
    previous_score: float | None
    indicators: Tally
    initiatives: Tally
    html: str = ""
    """The card (``_house_objective.html``) without the owner unit."""
    html_owner: str = ""
    """The card with the owner unit (under a priority)."""

    @property
    def previous(self) -> Scored:
        """The score one period earlier (what :class:`RollUp` reads for its trend)."""
        return Scored(self.previous_score)

    def for_query(self, query: str) -> CardSummary:
        """The card with its links completed for ``query`` (HTML-escaped here)."""
        escaped = str(conditional_escape(query))
        return replace(
            self,
            html=mark_safe(self.html.replace(QUERY_SLOT, escaped)),  # noqa: S308 - rendered
            html_owner=mark_safe(self.html_owner.replace(QUERY_SLOT, escaped)),  # noqa: S308
        )


def _summaries(objectives: list[Objective], period: Period) -> dict[int, CardSummary]:
    """The cards of ``objectives`` in ``period``, worked out and rendered (not cached)."""
    out: dict[int, CardSummary] = {}
    for card in card_list(objectives, period):
        o = card.objective
        # Rendered once, with the owner; the plain card is the same without the owner's
        # span (exactly as the template writes it).
        html_owner = render_to_string(
            CARD_TEMPLATE,
            {"card": card, "show_owner": True, "query": QUERY_SLOT},
            using="jinja2",
        )
        # Escaped as Jinja2 escapes (markupsafe), so that it is found in the card.
        owner = OWNER_HTML.format(escape(o.owner_unit.display_name))
        out[o.pk] = CardSummary(
            objective_id=o.pk,
            programme_id=o.programme_id,
            priority_id=o.priority_id,
            status=card.status,
            score=card.score,
            previous_score=card.previous.score,
            indicators=card.indicators,
            initiatives=card.initiatives,
            html=html_owner.replace(owner, "", 1),
            html_owner=html_owner,
        )
    return out


def cards_for(
    version: StrategyVersion, period: Period, objective_ids: list[int], *, token: str
) -> list[CardSummary]:
    """The cards of ``objective_ids`` (in that order) in ``period``.

    The cards of a (version, period) live in one cache entry, the **sheet** (one entry, not
    one per objective: a per-process LocMemCache holds a limited number of entries). Cards an
    earlier house (of any unit) worked out under the same data generation ``token``,
    language and time zone are taken from it; the others are worked out together (fixed
    number of queries) and added. Two requests adding cards at once may each keep only
    their own: the next request works the missing ones out again, nothing wrong is shown.
    """
    cache = caches[caching.CACHE_ALIAS]
    cache_key = caching.key("house-sheet", token, version.pk, period.code)
    sheet: dict[int, CardSummary] = cache.get(cache_key) or {}
    missing = [pk for pk in objective_ids if pk not in sheet]
    if missing:
        kept = structure.of(version.pk)
        if kept is not None:
            objectives = sorted(
                (kept.objectives[pk] for pk in missing if pk in kept.objectives),
                key=lambda o: (o.programme_id, o.order, o.pk),
            )
        else:
            objectives = list(
                Objective.objects.filter(version=version, pk__in=missing)
                .select_related("owner_unit")
                .order_by("programme_id", "order", "pk")
            )
        sheet = {**sheet, **_summaries(objectives, period)}
        cache.set(cache_key, sheet, caching.TIMEOUT)
    return [sheet[pk] for pk in objective_ids if pk in sheet]


def live_house_cached(
    version: StrategyVersion, unit: OrgUnit, period: Period, *, token: str, query: str
) -> LiveHouse:
    """The house of ``version`` seen from ``unit`` in ``period`` with its cards from the
    cached sheet; ``query`` completes the cards' links."""
    previous_period = periods.shifted(period, -1)
    counted = counted_objective_ids(version, unit)
    cards: list[Any] = [
        card.for_query(query) for card in cards_for(version, period, counted, token=token)
    ]
    by_programme: dict[int, list[Any]] = defaultdict(list)
    by_priority: dict[int | None, list[Any]] = defaultdict(list)
    for card in cards:
        by_programme[card.programme_id].append(card)
        by_priority[card.priority_id].append(card)
    kept = structure.of(version.pk)
    if kept is not None:
        programmes, priorities = kept.programmes, kept.priorities
        values, success_factors = kept.values, kept.success_factors
    else:
        programmes = list(Programme.objects.filter(version=version).select_related("owner_unit"))
        priorities = list(Priority.objects.filter(version=version))
        values = list(Value.objects.filter(version=version))
        success_factors = list(SuccessFactor.objects.filter(version=version))
    return LiveHouse(
        version=version,
        unit=unit,
        period=period,
        previous_period=previous_period,
        values=values,
        success_factors=success_factors,
        priorities=[RollUp(p, by_priority.get(p.pk, []), previous_period) for p in priorities],
        programmes=[RollUp(p, by_programme.get(p.pk, []), previous_period) for p in programmes],
        overall=RollUp(None, cards, previous_period),
        unassigned=by_priority.get(None, []),
    )
