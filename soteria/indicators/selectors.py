"""Reading indicators: which definitions and values a unit or user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from soteria.indicators.models import IndicatorDefinition
from soteria.organisations.models import OrgUnit


def definitions_for(unit: OrgUnit) -> QuerySet[IndicatorDefinition]:
    """Active definitions usable at ``unit``: the standard set and those owned by the unit's
    organisation (an ancestor of it, or a unit below it)."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
    return IndicatorDefinition.objects.filter(
        Q(owner__isnull=True) | Q(owner_id__in=ancestors) | Q(owner__path__startswith=unit.path),
        active=True,
    )


def definitions_visible_to(user: Any) -> QuerySet[IndicatorDefinition]:
    """The standard set and the definitions owned by units the user has a role in or above."""
    from soteria.organisations import access

    paths = [path for path, _ in access.grants(user)]
    if not paths:
        return IndicatorDefinition.objects.none()
    owned = Q()
    for path in paths:
        ancestors = [int(p) for p in path.strip("/").split("/") if p]
        owned |= Q(owner_id__in=ancestors) | Q(owner__path__startswith=path)
    return IndicatorDefinition.objects.filter(Q(owner__isnull=True) | owned, active=True)
