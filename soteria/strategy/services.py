"""Writes to strategies. Each function is atomic, checks the actor's roles and is audited.

``actor=None`` means the system itself (the demo builder); every other actor goes
through :mod:`soteria.organisations.access`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.strategy.models import (
    ELEMENT_MODELS,
    Element,
    Strategy,
    StrategyVersion,
    VersionStatus,
)

#: Allowed status changes: from → {to}.
TRANSITIONS: dict[str, set[str]] = {
    VersionStatus.DRAFT: {VersionStatus.CONSULTATION, VersionStatus.APPROVED},
    VersionStatus.CONSULTATION: {VersionStatus.DRAFT, VersionStatus.APPROVED},
    VersionStatus.APPROVED: {VersionStatus.ARCHIVED},
    VersionStatus.ARCHIVED: set(),
}
VERSION_FIELDS = (
    "approving_body",
    "decision_date",
    "valid_from",
    "valid_to",
    "mission",
    "vision",
    "change_note",
)


# --- permission helpers -------------------------------------------------------------------


def _require(actor: Any, action: Action, unit: OrgUnit) -> None:
    if actor is not None:
        access.require_governed(actor, action, unit)


def can_edit_element(actor: Any, element: Element) -> bool:
    """Contributors on the strategy's unit, or on the element's (or its parent's) owner."""
    if actor is None:
        return True
    units = [element.governing_unit(), *element.owner_units()]
    return any(access.can(actor, Action.EDIT, unit) for unit in units)


def _require_element(actor: Any, element: Element) -> None:
    if actor is None or can_edit_element(actor, element):
        return
    access.require_governed(actor, Action.EDIT, element.governing_unit())
    raise PermissionDenied


# --- strategies and versions ----------------------------------------------------------------


@transaction.atomic
def strategy_create(
    *, actor: Any, unit: OrgUnit, code: str, title: dict[str, str], **version_fields: Any
) -> StrategyVersion:
    """A new strategy with its first (draft) version."""
    _require(actor, Action.MANAGE, unit)
    strategy = Strategy(unit=unit, code=code, title=title)
    strategy.full_clean()
    strategy.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=strategy,
        unit=unit,
        changes=diff({}, snapshot(strategy)),
    )
    version = StrategyVersion(strategy=strategy, number=1, **version_fields)
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=version,
        unit=unit,
        changes=diff({}, snapshot(version)),
    )
    return version


@transaction.atomic
def strategy_update(*, actor: Any, strategy: Strategy, **changes: Any) -> Strategy:
    _require(actor, Action.MANAGE, strategy.unit)
    before = snapshot(strategy)
    for field, value in changes.items():
        setattr(strategy, field, value)
    strategy.full_clean()
    strategy.save()
    changed = diff(before, snapshot(strategy))
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=strategy,
            unit=strategy.unit,
            changes=changed,
        )
    return strategy


@transaction.atomic
def strategy_delete(*, actor: Any, strategy: Strategy) -> None:
    _require(actor, Action.ADMINISTER, strategy.unit)
    if strategy.versions.filter(status=VersionStatus.APPROVED).exists():
        raise ValidationError(
            _("An approved strategy cannot be deleted; archive its approved version first.")
        )
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=strategy,
        unit=strategy.unit,
        changes=diff(snapshot(strategy), {}),
    )
    strategy.delete()


@transaction.atomic
def version_update(*, actor: Any, version: StrategyVersion, **changes: Any) -> StrategyVersion:
    unit = version.governing_unit()
    _require(actor, Action.MANAGE, unit)
    if version.is_frozen:
        raise ValidationError(
            _("This version is %(status)s and can no longer be changed; draft a new version.")
            % {"status": version.get_status_display().lower()}
        )
    unknown = set(changes) - set(VERSION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    version = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    before = snapshot(version)
    for field, value in changes.items():
        setattr(version, field, value)
    version.full_clean()
    version.save()
    changed = diff(before, snapshot(version))
    if changed:
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=version, unit=unit, changes=changed
        )
    return version


@transaction.atomic
def version_transition(
    *,
    actor: Any,
    version: StrategyVersion,
    status: str,
    approving_body: dict[str, str] | None = None,
    decision_date: Any = None,
) -> StrategyVersion:
    """Move a version along draft → consultation → approved → archived.

    Approving needs the approving body and the decision date; it archives the version that
    was approved before, so a strategy has at most one approved version at a time.
    """
    unit = version.governing_unit()
    _require(actor, Action.MANAGE, unit)
    version = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    if status not in TRANSITIONS.get(version.status, set()):
        raise ValidationError(
            {
                "status": _("A %(old)s version cannot become %(new)s.")
                % {
                    "old": version.get_status_display().lower(),
                    "new": dict(VersionStatus.choices).get(status, status).lower(),
                }
            }
        )
    before = snapshot(version)
    if approving_body is not None:
        version.approving_body = approving_body
    if decision_date is not None:
        version.decision_date = decision_date
    if status == VersionStatus.APPROVED:
        errors = {}
        if not version.approving_body:
            errors["approving_body"] = _("Say which body approved the strategy.")
        if not version.decision_date:
            errors["decision_date"] = _("Give the date of the approving decision.")
        if errors:
            raise ValidationError(errors)
        for previous in StrategyVersion.objects.filter(
            strategy=version.strategy, status=VersionStatus.APPROVED
        ).exclude(pk=version.pk):
            version_transition(actor=None, version=previous, status=VersionStatus.ARCHIVED)
    version.status = status
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action=AuditAction.STATUS,
        instance=version,
        unit=unit,
        changes=diff(before, snapshot(version)),
    )
    return version


@transaction.atomic
def version_copy(*, actor: Any, version: StrategyVersion) -> StrategyVersion:
    """A new draft with a copy of every element; element keys are kept for comparison."""
    unit = version.governing_unit()
    _require(actor, Action.MANAGE, unit)
    strategy = version.strategy
    number = (strategy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = StrategyVersion.objects.create(
        strategy=strategy,
        number=number,
        based_on=version,
        **{field: getattr(version, field) for field in VERSION_FIELDS if field != "change_note"},
    )
    copy.decision_date = None
    copy.save(update_fields=["decision_date"])
    mapping: dict[tuple[type[Element], int], Element] = {}
    for model in ELEMENT_MODELS:
        for element in model.objects.filter(version=version).order_by("pk"):
            old_pk = element.pk
            element.pk = None
            element.id = None  # type: ignore[attr-defined]
            element._state.adding = True
            element.version = copy
            for field in model._meta.concrete_fields:
                target = getattr(field, "related_model", None)
                if target in ELEMENT_MODELS and field.name != "version":
                    old_ref = getattr(element, field.attname)
                    if old_ref is not None:
                        setattr(element, field.name, mapping[(target, old_ref)])
            element.save()
            mapping[(model, old_pk)] = element
    audit_record(
        actor=actor,
        action=AuditAction.COPY,
        instance=copy,
        unit=unit,
        changes={"based_on": {"old": None, "new": str(version)}},
    )
    return copy


@transaction.atomic
def version_delete(*, actor: Any, version: StrategyVersion) -> None:
    unit = version.governing_unit()
    _require(actor, Action.MANAGE, unit)
    if version.status not in {VersionStatus.DRAFT, VersionStatus.CONSULTATION}:
        raise ValidationError(_("Only draft versions and versions in consultation can be deleted."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=version,
        unit=unit,
        changes=diff(snapshot(version), {}),
    )
    version.delete()


# --- elements -------------------------------------------------------------------------------


def _check_open(version: StrategyVersion, changed: set[str], model: type[Element]) -> None:
    if version.status == VersionStatus.ARCHIVED:
        raise ValidationError(_("This version is archived and can no longer be changed."))
    if version.status == VersionStatus.APPROVED:
        frozen = changed - set(model.progress_fields)
        if frozen:
            raise ValidationError(
                _(
                    "This version is approved: only progress (%(fields)s) can be updated. "
                    "Draft a new version to change the strategy itself."
                )
                % {"fields": ", ".join(model.progress_fields) or "—"}
            )


@transaction.atomic
def element_create(
    *, actor: Any, version: StrategyVersion, model: type[Element], **fields: Any
) -> Element:
    element = model(version=version, **fields)
    _require_element(actor, element)
    if version.is_frozen:
        _check_open(version, {"*"}, model)
    if "order" not in fields:
        last = model.objects.filter(version=version).aggregate(n=Max("order"))["n"]
        element.order = (last or 0) + 1
    element.full_clean()
    element.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=element,
        unit=version.governing_unit(),
        changes=diff({}, snapshot(element)),
    )
    return element


@transaction.atomic
def element_update(*, actor: Any, element: Element, **changes: Any) -> Element:
    model = type(element)
    current = model.objects.select_related("version__strategy__unit").get(pk=element.pk)
    _require_element(actor, current)
    before = snapshot(current)
    version = current.version
    for field, value in changes.items():
        setattr(current, field, value)
    changed = diff(before, snapshot(current))
    if "version" in changed:
        raise ValidationError(_("An element cannot move to another version."))
    _check_open(version, set(changed), model)
    current.full_clean()
    _require_element(actor, current)  # may not hand the element to a unit out of reach
    current.save()
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            unit=version.governing_unit(),
            changes=changed,
        )
    return current


@transaction.atomic
def element_delete(*, actor: Any, element: Element) -> None:
    _require_element(actor, element)
    if element.version.is_frozen:
        _check_open(element.version, {"*"}, type(element))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=element,
        unit=element.governing_unit(),
        changes=diff(snapshot(element), {}),
    )
    element.delete()
