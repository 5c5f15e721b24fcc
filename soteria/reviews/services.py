"""The review workflow: draft → in review → signed, and new versions of signed reports.

Who may do what (roles on the report's unit, see ``docs/permissions.md``):

- draft, edit the narrative, submit for review, delete a draft: contributors (EDIT);
- return to draft, sign: unit leads (MANAGE), and not the person who submitted it
  (four eyes; administrators of the whole tree are no exception);
- start a new version of a signed report: contributors.

Signing builds the figures document, renders the PDF from it and stores both with the
report in one transaction; a failure leaves the report in review, unchanged.
Every change is audit-logged.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.indicators import periods
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.reviews import render
from soteria.reviews import snapshot as figures
from soteria.reviews.models import NARRATIVE_FIELDS, ReportStatus, ReviewReport
from soteria.reviews.richtext import sanitise


def _state(report: ReviewReport) -> dict[str, Any]:
    """The report's fields for the audit log (the frozen figures and PDF by their hash)."""
    data = snapshot(report)
    data.pop("snapshot", None)
    data.pop("signed_pdf", None)
    return data


def parse_period(code: str) -> periods.Period:
    try:
        return periods.parse(code)
    except (ValueError, KeyError) as exc:
        raise ValidationError(
            {
                "period": _(
                    "Give a year (2026), a half-year (2026S1), a quarter (2026Q2) or a month."
                )
            }
        ) from exc


def _next_version(unit: OrgUnit, period: str) -> int:
    found = ReviewReport.objects.filter(unit=unit, period=period).aggregate(n=Max("version"))
    return (found["n"] or 0) + 1


def options_of(report: ReviewReport) -> figures.Options:
    return figures.Options(
        language=report.language,
        publication=report.for_publication,
        k=report.suppression_k,
    )


def document(report: ReviewReport) -> dict[str, Any]:
    """The figures of the report: the frozen ones once signed, live ones before."""
    if report.signed and report.snapshot is not None:
        return report.snapshot
    return figures.build(report.unit, periods.parse(report.period), options_of(report))


@transaction.atomic
def report_create(
    user: Any,
    unit: OrgUnit,
    period: str,
    *,
    language: str | None = None,
    title: str = "",
    for_publication: bool = False,
    suppression_k: int | None = None,
) -> ReviewReport:
    access.require(user, Action.EDIT, unit)
    parsed = parse_period(period)
    open_drafts = ReviewReport.objects.filter(unit=unit, period=parsed.code).exclude(
        status=ReportStatus.SIGNED
    )
    if open_drafts.exists():
        raise ValidationError(
            {"period": _("A report for this unit and period is already being written.")}
        )
    previous = (
        ReviewReport.objects.filter(unit=unit, period=parsed.code, status=ReportStatus.SIGNED)
        .order_by("-version")
        .first()
    )
    report = ReviewReport(
        unit=unit,
        period=parsed.code,
        version=_next_version(unit, parsed.code),
        language=language or unit.language or "en",
        title=title.strip(),
        for_publication=for_publication,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        based_on=previous,
    )
    if suppression_k is not None:
        report.suppression_k = suppression_k
    if previous is not None:
        for field in NARRATIVE_FIELDS:
            setattr(report, field, getattr(previous, field))
        report.title = report.title or previous.title
    report.full_clean()
    report.save()
    audit_record(actor=user, action=AuditAction.CREATE, instance=report, unit=unit,
                 changes=diff({}, _state(report)))  # fmt: skip
    return report


def _require_draft(report: ReviewReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this report is %(status)s.") % {
            "status": report.get_status_display().lower()
        })  # fmt: skip


@transaction.atomic
def report_update(user: Any, report: ReviewReport, data: dict[str, Any]) -> ReviewReport:
    """Change the narrative and settings of a draft (narrative sanitised)."""
    access.require(user, Action.EDIT, report.unit)
    report = ReviewReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    before = _state(report)
    for field in NARRATIVE_FIELDS:
        if field in data:
            setattr(report, field, sanitise(str(data[field] or "")))
    for field in ("title", "language", "for_publication", "suppression_k"):
        if field in data:
            setattr(report, field, data[field])
    report.full_clean()
    report.save()
    changes = diff(before, _state(report))
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, instance=report, unit=report.unit,
                     changes=changes)  # fmt: skip
    return report


def _transition(
    user: Any, report: ReviewReport, to: ReportStatus, fields: dict[str, Any]
) -> ReviewReport:
    before = _state(report)
    report.status = to
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    audit_record(actor=user, action=AuditAction.UPDATE, instance=report, unit=report.unit,
                 changes=diff(before, _state(report)))  # fmt: skip
    return report


@transaction.atomic
def report_submit(user: Any, report: ReviewReport) -> ReviewReport:
    access.require(user, Action.EDIT, report.unit)
    report = ReviewReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    return _transition(
        user,
        report,
        ReportStatus.IN_REVIEW,
        {"submitted_by": user, "submitted_at": timezone.now(), "review_note": ""},
    )


def _require_in_review(report: ReviewReport) -> None:
    if report.status != ReportStatus.IN_REVIEW:
        raise ValidationError(_("The report is not in review."))


@transaction.atomic
def report_return(user: Any, report: ReviewReport, note: str) -> ReviewReport:
    access.require(user, Action.MANAGE, report.unit)
    report = ReviewReport.objects.select_for_update().get(pk=report.pk)
    _require_in_review(report)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"review_note": _("Say what should change.")})
    return _transition(user, report, ReportStatus.DRAFT, {"review_note": note[:4000]})


@transaction.atomic
def report_sign(user: Any, report: ReviewReport) -> ReviewReport:
    """Freeze the figures and the PDF (see the module)."""
    access.require(user, Action.MANAGE, report.unit)
    report = ReviewReport.objects.select_for_update().get(pk=report.pk)
    _require_in_review(report)
    if report.submitted_by_id is not None and report.submitted_by_id == user.pk:
        raise PermissionDenied(
            _("The report must be signed by someone other than who submitted it.")
        )
    doc = figures.build(report.unit, periods.parse(report.period), options_of(report))
    report.status = ReportStatus.SIGNED
    report.signed_by = user
    report.signed_at = timezone.now()
    pdf = render.pdf_bytes(report, doc)
    report.status = ReportStatus.IN_REVIEW  # set again by _transition, for the audit diff
    return _transition(
        user,
        report,
        ReportStatus.SIGNED,
        {
            "snapshot": doc,
            "signed_pdf": pdf,
            "signed_pdf_sha256": hashlib.sha256(pdf).hexdigest(),
            "signed_by": user,
            "signed_at": report.signed_at,
        },
    )


@transaction.atomic
def report_new_version(user: Any, report: ReviewReport) -> ReviewReport:
    """A new draft of a signed report's unit and period, its narrative copied."""
    if not report.signed:
        raise ValidationError(_("Only a signed report gets a new version."))
    return report_create(
        user,
        report.unit,
        report.period,
        language=report.language,
        title=report.title,
        for_publication=report.for_publication,
        suppression_k=report.suppression_k,
    )


@transaction.atomic
def report_delete(user: Any, report: ReviewReport) -> None:
    access.require(user, Action.EDIT, report.unit)
    _require_draft(report)
    audit_record(actor=user, action=AuditAction.DELETE, instance=report, unit=report.unit,
                 changes={"deleted": _state(report)})  # fmt: skip
    report.delete()


def pdf_of(report: ReviewReport) -> bytes:
    """The signed PDF as stored, or a fresh one of a draft (marked as not signed)."""
    if report.signed and report.signed_pdf:
        return bytes(report.signed_pdf)
    return render.pdf_bytes(report, document(report))
