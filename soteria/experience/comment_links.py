"""Comments taken up by improvement initiatives.

Any initiative of an approved strategy governing the unit the comment was given for may
take it up; linking and unlinking need contributor or above on that unit and are audited.
"""

from __future__ import annotations

from typing import Any

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
    found, created = CommentLink.objects.get_or_create(
        comment=comment,
        initiative=initiative,
        defaults={"note": note.strip()[:500], "created_by": actor},
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=found,
            unit=unit,
            changes={"initiative": {"old": None, "new": initiative.code}, "note": found.note},
        )
    return found


@transaction.atomic
def unlink(actor: Any, found: CommentLink) -> None:
    unit = found.comment.response.unit
    access.require(actor, Action.EDIT, unit)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=found,
        unit=unit,
        changes={"initiative": {"old": found.initiative.code, "new": None}},
    )
    found.delete()
