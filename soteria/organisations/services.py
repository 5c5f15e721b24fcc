"""Writes to the org-unit tree and memberships. Each call is atomic and audit-logged.

``actor=None`` means the system itself (demo builder, migrations); any other actor is
checked against the access rules before anything is written.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import Membership, OrgUnit, Role

User = get_user_model()


def _require(actor: Any, action: Action, unit: OrgUnit | None) -> None:
    if actor is None:
        return
    if unit is None:
        if not getattr(actor, "is_superuser", False):
            raise access.PermissionDenied
        return
    access.require(actor, action, unit)


def _set_path(unit: OrgUnit) -> None:
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0


def _check_parent(unit: OrgUnit, parent: OrgUnit | None) -> None:
    if parent is None or unit.pk is None:
        return
    if parent.pk == unit.pk or parent.is_descendant_of(unit):
        raise ValidationError(
            {"parent": _("A unit cannot be moved under itself or one of its own descendants.")}
        )


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    code: str,
    kind: str,
    name: dict[str, str],
    parent: OrgUnit | None = None,
    language: str | None = None,
    time_zone: str | None = None,
) -> OrgUnit:
    _require(actor, Action.ADMINISTER, parent)
    unit = OrgUnit(
        code=code,
        kind=kind,
        name=name,
        parent=parent,
        language=language or (parent.language if parent else "en"),
        time_zone=time_zone or (parent.time_zone if parent else "UTC"),
    )
    unit.full_clean(exclude=["path", "depth"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=unit,
        unit=unit,
        changes=diff({}, snapshot(unit)),
    )
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: OrgUnit, **changes: Any) -> OrgUnit:
    """Change fields of a unit; changing ``parent`` moves its whole subtree."""
    current = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _require(actor, Action.ADMINISTER, current)
    before = snapshot(current)
    new_parent = changes.get("parent", current.parent)
    moving = "parent" in changes and (new_parent.pk if new_parent else None) != current.parent_id
    if moving:
        _check_parent(current, new_parent)
        if new_parent is None:
            _require(actor, Action.ADMINISTER, None)
        else:
            _require(actor, Action.ADMINISTER, new_parent)
    unit = current
    for field, value in changes.items():
        setattr(unit, field, value)
    unit.full_clean(exclude=["path", "depth"])
    if moving:
        old_path = current.path
        _set_path(unit)
        for descendant in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            descendant.path = unit.path + descendant.path[len(old_path) :]
            descendant.depth = descendant.path.strip("/").count("/")
            descendant.save(update_fields=["path", "depth"])
    unit.save()
    changed = diff(before, snapshot(unit))
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.MOVE if moving else AuditAction.UPDATE,
            instance=unit,
            unit=unit,
            changes=changed,
        )
    return unit


@transaction.atomic
def unit_logo_set(*, actor: Any, unit: OrgUnit, logo: str) -> OrgUnit:
    """Set (a ``data:`` URI from :func:`soteria.organisations.logo.logo_data_uri`) or remove
    (``""``) the unit's logo; audited by the image's hash."""
    from soteria.organisations.logo import fingerprint

    current = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _require(actor, Action.ADMINISTER, current)
    if current.logo == logo:
        return current
    old = fingerprint(current.logo)
    current.logo = logo
    current.save(update_fields=["logo"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        unit=current,
        changes={"logo": {"old": old, "new": fingerprint(logo)}},
    )
    return current


@transaction.atomic
def unit_delete(*, actor: Any, unit: OrgUnit) -> None:
    _require(actor, Action.ADMINISTER, unit)
    if unit.children.exists():
        raise ValidationError(_("Remove or move the units below this one first."))
    if unit.strategies.exists():  # type: ignore[attr-defined]
        raise ValidationError(_("This unit owns strategies; delete or move them first."))
    parent = unit.parent
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=unit,
        unit=parent,
        changes=diff(snapshot(unit), {}),
    )
    unit.memberships.all().delete()
    try:
        unit.delete()
    except ProtectedError:
        raise ValidationError(
            _("This unit still owns strategy elements or data; hand them to another unit first.")
        ) from None


@transaction.atomic
def membership_set(*, actor: Any, unit: OrgUnit, user: Any, role: Role | int) -> Membership:
    """Give ``user`` the ``role`` on ``unit`` (replacing the role they had there)."""
    _require(actor, Action.ADMINISTER, unit)
    role = Role(role)
    membership = Membership.objects.filter(unit=unit, user=user).first()
    before = snapshot(membership) if membership else {}
    if membership is None:
        membership = Membership(unit=unit, user=user, role=role)
    membership.role = role
    membership.full_clean()
    membership.save()
    changed = diff(before, snapshot(membership))
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            instance=membership,
            unit=unit,
            changes=changed,
        )
    access.forget(user)
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    _require(actor, Action.ADMINISTER, membership.unit)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=membership,
        unit=membership.unit,
        changes=diff(snapshot(membership), {}),
    )
    membership.delete()
    access.forget(membership.user)
