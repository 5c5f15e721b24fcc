"""Who may do what, where — the one place every page, API call and export asks.

A role held on a unit applies to that unit and all its descendants. Actions need a
minimum role (see ``REQUIRED_ROLE``). A user without even *view* on an object gets a
404 (we do not confirm it exists); one who may view but not act gets a 403.

Strategies are the exception that proves the rule: a strategy governs the whole subtree
of its unit, so anyone with a role anywhere in that subtree may *read* it (a head of
department reads the hospital strategy). Editing still needs a role on the strategy's
unit — or, for objectives and initiatives, on the element's owner unit.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from soteria.core import generation
from soteria.organisations.models import Membership, OrgUnit, Role, path_ids


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # strategy content, progress updates
    MANAGE = "manage"  # strategy versions: create, copy, change status
    ADMINISTER = "administer"  # org units and memberships


REQUIRED_ROLE: dict[Action, Role] = {
    Action.VIEW: Role.VIEWER,
    Action.EDIT: Role.CONTRIBUTOR,
    Action.MANAGE: Role.UNIT_LEAD,
    Action.ADMINISTER: Role.ADMINISTRATOR,
}

_CACHE_ATTR = "_soteria_grants"


def grants(user: Any) -> list[tuple[str, int]]:
    """(unit path, role) pairs of the user's memberships, cached on the user object — and,
    in a request that announced its data generation (the scorecard pages), kept in memory
    under that generation: every change of a membership or a unit starts a new one
    (``soteria.scorecards.freshness``), so what is kept is never older than the request's
    view of the data. Whether the user is active and a superuser is read from the user each
    request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        superuser = bool(user.is_superuser)
        cached = generation.kept(("access:grants", user.pk, superuser), lambda: _read(user))
        if cached is None:
            cached = _read(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def _read(user: Any) -> list[tuple[str, int]]:
    if user.is_superuser:
        return [(root.path, int(Role.ADMINISTRATOR)) for root in _roots()]
    return list(Membership.objects.filter(user=user).values_list("unit__path", "role"))


def forget(user: Any) -> None:
    """Drop the cached grants (after memberships change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _roots() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(parent__isnull=True)


def role_on(user: Any, unit: OrgUnit) -> Role | None:
    """The highest role the user holds on the unit or any of its ancestors."""
    best = max(
        (role for path, role in grants(user) if unit.path.startswith(path)),
        default=None,
    )
    return Role(best) if best is not None else None


def can(user: Any, action: Action, unit: OrgUnit) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    role = role_on(user, unit)
    return role is not None and role >= REQUIRED_ROLE[action]


def require(user: Any, action: Action, unit: OrgUnit) -> None:
    """Raise 404 when the user may not even see the unit, 403 when they may not act."""
    if not can(user, Action.VIEW, unit):
        raise Http404
    if not can(user, action, unit):
        raise PermissionDenied


def reach(user: Any, action: Action = Action.VIEW) -> list[str] | None:
    """The paths of the subtrees where the user may act (sorted), or None for everywhere
    (an active platform administrator)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    minimum = REQUIRED_ROLE[action]
    return sorted({path for path, role in grants(user) if role >= minimum})


def _path_filter(user: Any, action: Action, field: str) -> Q:
    """Q matching rows whose unit (reached via ``field``) the user may act on."""
    prefixes = reach(user, action)
    if prefixes is None:
        return Q()
    query = Q(pk__in=[])
    for prefix in prefixes:
        query |= Q(**{f"{field}__startswith": prefix})
    return query


def units_for(user: Any, action: Action = Action.VIEW) -> QuerySet[OrgUnit]:
    """Units the user may act on (every subtree where they hold a sufficient role)."""
    return OrgUnit.objects.filter(_path_filter(user, action, "path"))


def filter_by_unit(
    queryset: QuerySet[Any], user: Any, action: Action = Action.VIEW, unit_field: str = "unit"
) -> QuerySet[Any]:
    """Restrict any queryset to rows whose ``unit_field`` lies in the user's reach."""
    return queryset.filter(_path_filter(user, action, f"{unit_field}__path"))


def reads_within(user: Any, unit: OrgUnit) -> bool:
    """True when the user holds any role on the unit, above it, or anywhere below it."""
    if can(user, Action.VIEW, unit):
        return True
    return any(path.startswith(unit.path) for path, _role in grants(user))


def require_governed(user: Any, action: Action, unit: OrgUnit) -> None:
    """Like :func:`require` for things that govern a subtree (strategies): a reader
    anywhere in the subtree gets a 403 rather than a 404 when they may not act."""
    if not reads_within(user, unit):
        raise Http404
    if not can(user, action, unit):
        raise PermissionDenied


def governed_filter(user: Any, unit_field: str) -> Q:
    """Q for rows (e.g. strategies) whose unit governs somewhere the user has a role.

    A row of unit U matches when the user has a role on U or an ancestor of U, or on any
    unit below U.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    query = _path_filter(user, Action.VIEW, f"{unit_field}__path")
    ancestor_ids: set[int] = set()
    for path, _role in grants(user):
        ancestor_ids.update(path_ids(path))
    if ancestor_ids:
        query |= Q(**{f"{unit_field}__pk__in": sorted(ancestor_ids)})
    return query
