"""Comments taken up by improvement initiatives, or linked to good-practice cases.

Any initiative of an approved strategy governing the unit the comment was given for may
take it up; any good-practice case the actor may read (published ones, and drafts of their
own units) may be linked — a comment that praises a practice, or one a case answers.
Linking and unlinking need contributor or above on the comment's unit and are audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record
from soteria.experience.models import Comment, CommentLink
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.scorecards.dashboard import governing_versions
from soteria.strategy.models import Initiative

if TYPE_CHECKING:
    from soteria.practices.models import PracticeCase

PRACTICE_CHOICES = 200
"""Cases offered on a comment page (those sharing a theme with the comment first)."""


def initiatives_for(comment: Comment) -> list[Initiative]:
    """Initiatives of the approved strategies governing the comment's unit."""
    versions = governing_versions(comment.response.unit)
    return list(
        Initiative.objects.filter(version__in=versions)
        .select_related("objective")
        .order_by("objective__code", "code")
    )


@transaction.atomic
def link(actor: Any, comment: Comment, initiative: Initiative, note: str = "") -> CommentLink:
    unit = comment.response.unit
    access.require(actor, Action.EDIT, unit)
    if initiative.pk not in {i.pk for i in initiatives_for(comment)}:
        raise ValidationError(
            {"initiative": _("Choose an initiative of a strategy that governs %(unit)s.")
             % {"unit": unit.display_name}}
        )  # fmt: skip
    return _linked(actor, comment, "initiative", initiative, initiative.code, note)


def _linked(
    actor: Any, comment: Comment, field: str, target: Any, label: str, note: str
) -> CommentLink:
    """The comment's link to ``target`` (its ``field``), made and audited when new."""
    found, created = CommentLink.objects.get_or_create(
        comment=comment,
        **{field: target},
        defaults={"note": note.strip()[:500], "created_by": actor},
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=found,
            unit=comment.response.unit,
            changes={field: {"old": None, "new": label}, "note": {"old": None, "new": found.note}},
        )
    return found


def practices_for(actor: Any, comment: Comment) -> list[PracticeCase]:
    """Cases the actor may read and that the comment is not linked to yet: those sharing a
    theme with the comment first (most shared themes first), then the others, newest first
    (at most :data:`PRACTICE_CHOICES`; two queries)."""
    from soteria.practices import selectors as practice_selectors

    linked = CommentLink.objects.filter(comment=comment, practice__isnull=False)
    rows = (
        practice_selectors.readable(actor)
        .exclude(pk__in=linked.values("practice_id"))
        .select_related("owner")
        .order_by("-published_at", "-created_at", "-pk")
    )
    themes = [code for code in comment.themes or [] if code]
    sharing: list[PracticeCase] = []
    if themes:
        sharing = list(practice_selectors.with_any_theme(rows, themes)[:PRACTICE_CHOICES])
        sharing.sort(key=lambda case: -len(set(themes).intersection(case.themes or [])))
    others = list(rows.exclude(pk__in=[c.pk for c in sharing])[: PRACTICE_CHOICES - len(sharing)])
    return sharing + others


def shares_theme(comment: Comment, case: PracticeCase) -> bool:
    return bool(set(comment.themes or []).intersection(case.themes or []))


@transaction.atomic
def link_practice(actor: Any, comment: Comment, case: PracticeCase, note: str = "") -> CommentLink:
    """Link the comment to a good-practice case the actor may read (EDIT on the comment's
    unit); linking twice returns the first link."""
    from soteria.practices import selectors as practice_selectors

    unit = comment.response.unit
    access.require(actor, Action.EDIT, unit)
    if not practice_selectors.may_read(actor, case):
        raise ValidationError({"practice": _("Choose a good-practice case you may read.")})
    return _linked(actor, comment, "practice", case, case.title, note)


@transaction.atomic
def unlink(actor: Any, found: CommentLink) -> None:
    """Remove a link of either kind (EDIT on the comment's unit)."""
    unit = found.comment.response.unit
    access.require(actor, Action.EDIT, unit)
    if found.practice_id is not None:
        changes = {"practice": {"old": found.practice.title, "new": None}}  # type: ignore[union-attr]
    else:
        changes = {"initiative": {"old": found.initiative.code, "new": None}}  # type: ignore[union-attr]
    audit_record(actor=actor, action=AuditAction.DELETE, instance=found, unit=unit, changes=changes)
    found.delete()
