"""Writing good-practice cases and their adoptions.

Who may do what (roles on units, see ``docs/practices.md``):

- create or edit a case: contributor or above on its owner unit (EDIT);
- publish or withdraw it: unit lead or above on the owner unit (MANAGE);
- adopt a published case, change or remove an adoption: contributor or above on the
  adopting unit (EDIT).

Every write is atomic and audit-logged against the case's owner unit or the adopting unit;
bad input raises a field-keyed ``ValidationError`` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.core.text import drop_control
from soteria.experience.analysis import taxonomy
from soteria.indicators import selectors as indicator_selectors
from soteria.indicators.models import IndicatorDefinition
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.practices import selectors
from soteria.practices.models import (
    MAX_TEXT,
    AdoptionStatus,
    CaseStatus,
    PracticeAdoption,
    PracticeCase,
)

CASE_FIELDS = ("title", "summary", "problem", "practice", "results", "language", "themes",
               "contact")  # fmt: skip
"""What a writer sets on a case (the owner unit is chosen once, at creation)."""

LIMITS = {"title": 200, "summary": 1000, "problem": MAX_TEXT, "practice": MAX_TEXT,
          "results": MAX_TEXT, "contact": 200}  # fmt: skip


REQUIRED = ("title", "summary")


def _require(actor: Any, action: Action, unit: OrgUnit) -> None:
    """``access.require``; ``actor=None`` is the system (the demo builder)."""
    if actor is not None:
        access.require(actor, action, unit)


def _author(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(value: Any) -> str:
    """Plain text as written: line breaks kept (``\\r\\n`` → ``\\n``), control characters
    dropped, trimmed. Markup stays text; it is escaped wherever it is shown."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return drop_control(text).strip()


def clean_themes(codes: Iterable[str] | None) -> list[str]:
    """Known theme codes of the comment taxonomy, in taxonomy order, each once."""
    given = [str(c).strip() for c in (codes or []) if str(c).strip()]
    known = taxonomy.load().codes
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise ValidationError(
            {"themes": _("Unknown theme: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return [code for code in known if code in given]


def _cleaned(data: Mapping[str, Any], partial_of: PracticeCase | None = None) -> dict[str, Any]:
    """The case fields from ``data`` checked and normalised (all errors at once)."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    for name in CASE_FIELDS:
        if name not in data:
            if partial_of is None and name in REQUIRED:
                errors.setdefault(name, []).append(_("This field is required."))
            continue
        if name == "themes":
            try:
                out[name] = clean_themes(data[name])
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
            continue
        value = _text(data[name])
        limit = LIMITS.get(name)
        if limit and len(value) > limit:
            errors.setdefault(name, []).append(
                _("Keep this under %(limit)s characters (it has %(count)s).")
                % {"limit": f"{limit:,}", "count": f"{len(value):,}"}
            )
        out[name] = value
    for name in ("title", "summary"):
        if name in out and not out[name]:
            errors.setdefault(name, []).append(_("This field is required."))
    if partial_of is None and out.get("language") == "":
        del out["language"]  # the owner unit's language
    if "language" in out and out["language"] not in dict(settings.LANGUAGES):
        errors.setdefault("language", []).append(_("Choose one of the listed languages."))
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def case_create(actor: Any, owner: OrgUnit, data: Mapping[str, Any]) -> PracticeCase:
    """A draft case developed at ``owner`` (EDIT on it)."""
    _require(actor, Action.EDIT, owner)
    values = _cleaned(data)
    if "language" not in values:
        values["language"] = owner.language if owner.language in dict(settings.LANGUAGES) else "en"
    case = PracticeCase.objects.create(
        owner=owner, status=CaseStatus.DRAFT, created_by=_author(actor), **values
    )
    audit_record(actor=actor, action=AuditAction.CREATE, instance=case, unit=owner,
                 changes=diff({}, snapshot(case)))  # fmt: skip
    return case


@transaction.atomic
def case_update(actor: Any, case: PracticeCase, data: Mapping[str, Any]) -> PracticeCase:
    """Change a case's text, language, themes or contact (EDIT on the owner unit)."""
    selectors.require_case(actor, case, Action.EDIT)
    case = (
        PracticeCase.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
    )
    values = _cleaned(data, partial_of=case)
    before = snapshot(case)
    for name, value in values.items():
        setattr(case, name, value)
    changes = diff(before, snapshot(case))
    changes.pop("updated_at", None)
    if changes:
        case.save()
        audit_record(actor=actor, action=AuditAction.UPDATE, instance=case, unit=case.owner,
                     changes=changes)  # fmt: skip
    return case


def _set_status(actor: Any, case: PracticeCase, status: CaseStatus) -> PracticeCase:
    old = case.status
    changes: dict[str, Any] = {"status": {"old": old, "new": status.value}}
    case.status = status
    if status == CaseStatus.PUBLISHED:
        previous = case.published_at
        case.published_at = timezone.now()
        changes["published_at"] = {
            "old": previous.isoformat() if previous else None,
            "new": case.published_at.isoformat(),
        }
    case.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.STATUS, instance=case, unit=case.owner,
                 changes=changes)  # fmt: skip
    return case


@transaction.atomic
def case_publish(actor: Any, case: PracticeCase) -> PracticeCase:
    """Share a draft or withdrawn case with everyone (MANAGE on the owner unit). A case is
    published with what was done written down; its results may follow."""
    selectors.require_case(actor, case, Action.MANAGE)
    case = (
        PracticeCase.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
    )
    if case.status == CaseStatus.PUBLISHED:
        raise ValidationError(_("This case is already published."))
    missing = {
        name: [_("Describe this before publishing.")]
        for name in ("problem", "practice")
        if not getattr(case, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    return _set_status(actor, case, CaseStatus.PUBLISHED)


@transaction.atomic
def case_withdraw(actor: Any, case: PracticeCase) -> PracticeCase:
    """Take a published case out of the shared library (MANAGE on the owner unit); the
    adoptions stay with the units that made them."""
    selectors.require_case(actor, case, Action.MANAGE)
    case = (
        PracticeCase.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
    )
    if case.status != CaseStatus.PUBLISHED:
        raise ValidationError(_("Only a published case can be withdrawn."))
    return _set_status(actor, case, CaseStatus.WITHDRAWN)


# Adoptions ----------------------------------------------------------------------------

ADOPTION_FIELDS = ("status", "started_on", "note", "indicator")


def _adoption_values(
    unit: OrgUnit, data: Mapping[str, Any], *, creating: bool, kept_indicator: int | None = None
) -> dict[str, Any]:
    """The adoption fields from ``data`` checked (all errors at once). The indicator must be
    one used at the unit — or ``kept_indicator``, the one already chosen, which may have
    been deactivated since."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    if "status" in data or creating:
        status = str(data.get("status") or AdoptionStatus.CONSIDERING)
        if status not in AdoptionStatus.values:
            errors["status"] = [_("Choose one of the listed statuses.")]
        out["status"] = status
    if "started_on" in data:
        started = data["started_on"] or None
        if started is not None and not isinstance(started, dt.date):
            try:
                started = dt.date.fromisoformat(str(started))
            except ValueError:
                errors["started_on"] = [_("Give a date as YYYY-MM-DD.")]
        out["started_on"] = started
    if "note" in data:
        note = _text(data["note"])
        if len(note) > 4000:
            errors["note"] = [_("Keep this under %(limit)s characters (it has %(count)s).")
                              % {"limit": "4,000", "count": f"{len(note):,}"}]  # fmt: skip
        out["note"] = note
    if "indicator" in data:
        indicator = data["indicator"] or None
        if indicator is not None:
            pk = indicator.pk if isinstance(indicator, IndicatorDefinition) else indicator
            if kept_indicator is not None and str(pk) == str(kept_indicator):
                indicator = IndicatorDefinition.objects.filter(pk=pk).first()
            else:
                indicator = indicator_selectors.definitions_for(unit).filter(pk=pk).first()
            if indicator is None:
                errors["indicator"] = [_("Choose an indicator used at %(unit)s.")
                                       % {"unit": unit.display_name}]  # fmt: skip
        out["indicator"] = indicator
    if errors:
        raise ValidationError(errors)
    return out


def _check_start(status: str, started_on: dt.date | None) -> None:
    if status in (AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED) and started_on is None:
        raise ValidationError(
            {"started_on": _("Say when the unit started (needed for in progress and adopted).")}
        )


@transaction.atomic
def adoption_create(
    actor: Any, case: PracticeCase, unit: OrgUnit, data: Mapping[str, Any] | None = None
) -> PracticeAdoption:
    """``unit`` takes up a published case (EDIT on the unit; the actor must read the case)."""
    selectors.require_case(actor, case)
    _require(actor, Action.EDIT, unit)
    if case.status != CaseStatus.PUBLISHED:
        raise ValidationError(_("Only a published case can be adopted."))
    if unit.pk == case.owner_id:
        raise ValidationError(
            {"unit": _("The practice was developed at this unit; choose another one.")}
        )
    values = _adoption_values(unit, data or {}, creating=True)
    _check_start(values["status"], values.get("started_on"))
    if PracticeAdoption.objects.filter(case=case, unit=unit).exists():
        raise ValidationError({"unit": _("This unit has already adopted the case.")})
    try:
        with transaction.atomic():
            adoption = PracticeAdoption.objects.create(
                case=case, unit=unit, created_by=_author(actor), **values
            )
    except IntegrityError as exc:  # a second request at the same moment
        raise ValidationError({"unit": _("This unit has already adopted the case.")}) from exc
    audit_record(actor=actor, action=AuditAction.CREATE, instance=adoption, unit=unit,
                 changes=diff({}, snapshot(adoption)))  # fmt: skip
    return adoption


@transaction.atomic
def adoption_update(
    actor: Any, adoption: PracticeAdoption, data: Mapping[str, Any]
) -> PracticeAdoption:
    """Change an adoption's status, start, note or indicator (EDIT on the adopting unit)."""
    selectors.require_adoption(actor, adoption, Action.EDIT)
    adoption = (
        PracticeAdoption.objects.select_for_update(of=("self",))
        .select_related("unit", "case", "indicator")
        .get(pk=adoption.pk)
    )
    values = _adoption_values(
        adoption.unit, data, creating=False, kept_indicator=adoption.indicator_id
    )
    _check_start(
        values.get("status", adoption.status), values.get("started_on", adoption.started_on)
    )
    before = snapshot(adoption)
    for name, value in values.items():
        setattr(adoption, name, value)
    changes = diff(before, snapshot(adoption))
    changes.pop("updated_at", None)
    if changes:
        adoption.save()
        audit_record(actor=actor, action=AuditAction.UPDATE, instance=adoption,
                     unit=adoption.unit, changes=changes)  # fmt: skip
    return adoption


@transaction.atomic
def adoption_delete(actor: Any, adoption: PracticeAdoption) -> None:
    """Remove an adoption (EDIT on the adopting unit)."""
    selectors.require_adoption(actor, adoption, Action.EDIT)
    audit_record(actor=actor, action=AuditAction.DELETE, instance=adoption, unit=adoption.unit,
                 changes={"deleted": snapshot(adoption)})  # fmt: skip
    adoption.delete()
