"""Who reads which good-practice case, and the lists the pages show.

- A **draft or withdrawn** case is read with a role on its owner unit or above it (VIEW).
- A **published** case is shared: anyone signed in who holds a role anywhere reads it (the
  point of the library is that other hospitals and regions can adopt what worked).
- An **adoption** is read with a role on the adopting unit or above it; a case page lists
  only those, and says how many more there are elsewhere as a number.

Every permission rule is asked of :mod:`soteria.organisations.access`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from soteria.experience.models import CommentLink
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit, path_ids
from soteria.practices.models import CaseStatus, PracticeAdoption, PracticeCase


def has_any_role(user: Any) -> bool:
    """Signed in and holding a role somewhere (superusers always)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or access.grants(user))


def readable(user: Any) -> QuerySet[PracticeCase]:
    """The cases ``user`` may read."""
    if not has_any_role(user):
        return PracticeCase.objects.none()
    own = access.filter_by_unit(PracticeCase.objects.all(), user, Action.VIEW, "owner")
    return PracticeCase.objects.filter(Q(status=CaseStatus.PUBLISHED) | Q(pk__in=own.values("pk")))


def may_read(user: Any, case: PracticeCase) -> bool:
    if case.status == CaseStatus.PUBLISHED and has_any_role(user):
        return True
    return access.can(user, Action.VIEW, case.owner)


def require_case(user: Any, case: PracticeCase, action: Action = Action.VIEW) -> None:
    """404 when the user may not read the case; 403 when they may read it but not act
    (``action`` on the owner unit). ``user=None`` is the system (the demo builder)."""
    if user is None:
        return
    if not may_read(user, case):
        raise Http404
    if action is not Action.VIEW and not access.can(user, action, case.owner):
        raise PermissionDenied


def require_adoption(user: Any, adoption: PracticeAdoption, action: Action = Action.VIEW) -> None:
    """404 without a role on the adopting unit (or above); 403 when the user may not act.
    ``user=None`` is the system (the demo builder)."""
    if user is None:
        return
    access.require(user, action, adoption.unit)


def may_see_drafts(user: Any) -> bool:
    """Whether any case other than a published one can reach the user: a role somewhere."""
    return has_any_role(user)


@dataclass(frozen=True)
class Adoptions:
    shown: list[PracticeAdoption]
    """Adoptions at units the reader may view."""
    elsewhere: int
    """How many more there are at units the reader may not view."""


def adoptions_for(user: Any, case: PracticeCase) -> Adoptions:
    """The case's adoptions the reader may see, and a count of the others (two queries)."""
    rows = case.adoptions.select_related("unit", "indicator")
    shown = list(access.filter_by_unit(rows, user, Action.VIEW, "unit").order_by("unit__path"))
    total = case.adoptions.count()
    return Adoptions(shown=shown, elsewhere=max(total - len(shown), 0))


def linked_comments(user: Any, case: PracticeCase) -> list[CommentLink]:
    """Links from comments the reader may read (a role on the comment's unit or above)."""
    rows = CommentLink.objects.filter(practice=case).select_related("comment")
    return list(access.filter_by_unit(rows, user, Action.VIEW, "comment__response__unit"))


def listed(user: Any) -> QuerySet[PracticeCase]:
    """The readable cases with what a list row shows, without a query per row."""
    return (
        readable(user)
        .select_related("owner")
        .annotate(adoption_count=Count("adoptions", distinct=True))
        .order_by("-published_at", "-created_at", "-pk")
    )


def with_theme(rows: QuerySet[PracticeCase], code: str) -> QuerySet[PracticeCase]:
    """Cases tagged with the theme (the JSON list's text holds the quoted code; codes are
    lower-case letters, digits and ``_``, so this works on SQLite and PostgreSQL alike)."""
    return rows.filter(themes__icontains=f'"{code}"')


def with_any_theme(rows: QuerySet[PracticeCase], codes: list[str]) -> QuerySet[PracticeCase]:
    """Cases tagged with at least one of the themes."""
    wanted = Q(pk__in=[])
    for code in codes:
        wanted |= Q(themes__icontains=f'"{code}"')
    return rows.filter(wanted)


def owner_choices(user: Any) -> QuerySet[OrgUnit]:
    """Units to filter the list by: those the user may view, and the units (and their
    organisations) that own published cases."""
    if not has_any_role(user):
        return OrgUnit.objects.none()
    published = PracticeCase.objects.filter(status=CaseStatus.PUBLISHED)
    owner_paths = set(published.order_by().values_list("owner__path", flat=True).distinct())
    root_ids = {path_ids(path)[0] for path in owner_paths if path}
    return OrgUnit.objects.filter(
        Q(pk__in=access.units_for(user).values("pk")) | Q(path__in=owner_paths) | Q(pk__in=root_ids)
    ).order_by("path")
