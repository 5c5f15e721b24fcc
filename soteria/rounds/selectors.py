"""Reads of update rounds, limited to what the reader may see.

A round governs its unit's subtree, like a strategy: anyone with a role on the round's
unit, above it or anywhere below it takes part and may open the round's page (they see
their own updates in it). Everyone else gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from soteria.organisations import access
from soteria.organisations.models import OrgUnit, Role, path_ids
from soteria.rounds.models import UpdateRound

QUALITY_ROLE = Role.QUALITY_MANAGER
"""The least role (on the round's unit or above) that opens, closes, reopens a round and
sees its completion overview."""


def _superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def is_quality(user: Any, unit: OrgUnit) -> bool:
    """Quality managers and administrators on the unit or above it (and superusers)."""
    if _superuser(user):
        return True
    role = access.role_on(user, unit)
    return role is not None and role >= QUALITY_ROLE


def quality_units(user: Any) -> QuerySet[OrgUnit]:
    """Units on which the user may open rounds."""
    if _superuser(user):
        return OrgUnit.objects.all()
    query = Q(pk__in=[])
    for path, role in access.grants(user):
        if role >= QUALITY_ROLE:
            query |= Q(path__startswith=path)
    return OrgUnit.objects.filter(query)


def rounds_for(user: Any) -> QuerySet[UpdateRound]:
    """Rounds the user takes part in: their unit governs somewhere the user has a role."""
    return (
        UpdateRound.objects.filter(access.governed_filter(user, "unit"))
        .select_related("unit", "opened_by", "closed_by")
        .order_by("-period_start", "unit__path", "-pk")
    )


def _editor_filter(user: Any) -> Q | None:
    """Q for rounds whose subtree holds a unit where the user is a contributor or above:
    rounds on (or below) such a unit, and rounds on a unit above one. None: no such unit."""
    if _superuser(user):
        return Q()
    paths = [path for path, role in access.grants(user) if role >= Role.CONTRIBUTOR]
    if not paths:
        return None
    query = Q(unit__pk__in=sorted({pk for path in paths for pk in path_ids(path)}))
    for path in sorted(paths):
        query |= Q(unit__path__startswith=path)
    return query


def open_rounds_with_work(user: Any) -> list[UpdateRound]:
    """Open rounds where the user may have something to do: one query, none at all for a
    user who is nowhere a contributor or above."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    query = _editor_filter(user)
    if query is None:
        return []
    return list(
        UpdateRound.objects.filter(query, closed_at__isnull=True)
        .select_related("unit")
        .order_by("due", "unit__path", "pk")
    )


def round_get(user: Any, pk: int) -> UpdateRound:
    """A round the user takes part in (404 otherwise)."""
    found = (
        UpdateRound.objects.select_related("unit", "opened_by", "closed_by", "lock")
        .filter(pk=pk)
        .first()
    )
    if found is None or not access.reads_within(user, found.unit):
        raise Http404
    return found
