"""Draft → in review → signed; signing freezes the figures and the PDF."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from soteria.audit.models import AuditEntry
from soteria.indicators.models import IndicatorValue
from soteria.reviews import services
from soteria.reviews.models import ReportStatus, ReviewReport
from soteria.testing.factories import World


def _signed(world: World) -> ReviewReport:
    report = services.report_create(world.contributor, world.cardiology, "2026S1", language="en")
    services.report_update(world.contributor, report, {"achievements": "<p>Done <b>well</b></p>"})
    services.report_submit(world.contributor, report)
    return services.report_sign(world.lead, report)


def test_create_takes_the_units_language_and_numbers_versions(world: World) -> None:
    world.cardiology.language = "pl"
    world.cardiology.save()
    report = services.report_create(world.contributor, world.cardiology, "2026s1".upper())
    assert (report.language, report.version, report.status) == ("pl", 1, ReportStatus.DRAFT)
    with pytest.raises(ValidationError, match="already being written"):
        services.report_create(world.contributor, world.cardiology, "2026S1")


def test_bad_period_is_a_field_error(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.report_create(world.contributor, world.cardiology, "2026H1")
    assert "period" in caught.value.message_dict


def test_roles(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.report_create(world.viewer, world.cardiology, "2026S1")
    with pytest.raises(Http404):
        services.report_create(world.stranger, world.cardiology, "2026S1")
    report = services.report_create(world.contributor, world.cardiology, "2026S1")
    services.report_submit(world.contributor, report)
    with pytest.raises(PermissionDenied):
        services.report_sign(world.contributor, report)  # contributors do not sign


def test_narrative_is_sanitised_and_only_drafts_change(world: World) -> None:
    report = services.report_create(world.contributor, world.cardiology, "2026S1")
    services.report_update(
        world.contributor, report, {"introduction": "<p>Hi<script>alert(1)</script></p>"}
    )
    report.refresh_from_db()
    assert report.introduction == "<p>Hi</p>"
    services.report_submit(world.contributor, report)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.report_update(world.contributor, report, {"introduction": "x"})


def test_four_eyes(world: World) -> None:
    report = services.report_create(world.lead, world.cardiology, "2026S1")
    services.report_submit(world.lead, report)
    with pytest.raises(PermissionDenied, match="someone other"):
        services.report_sign(world.lead, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW and report.snapshot is None


def test_return_needs_a_note(world: World) -> None:
    report = services.report_create(world.contributor, world.cardiology, "2026S1")
    services.report_submit(world.contributor, report)
    with pytest.raises(ValidationError):
        services.report_return(world.lead, report, "  ")
    services.report_return(world.lead, report, "Add the difficulties.")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.review_note == "Add the difficulties."


def test_signing_freezes_figures_and_pdf(world: World, figures: dict[str, Any]) -> None:
    report = _signed(world)
    assert report.status == ReportStatus.SIGNED and report.signed_by == world.lead
    assert report.snapshot["headline"][0]["value"] == 12.0
    pdf = bytes(report.signed_pdf)
    assert pdf.startswith(b"%PDF") and len(report.signed_pdf_sha256) == 64

    # a recomputation changes the stored value: the signed report does not follow
    IndicatorValue.objects.filter(pk=figures["now"].pk).update(value=15.0, numerator=30)
    report.refresh_from_db()
    assert services.document(report)["headline"][0]["value"] == 12.0
    assert services.pdf_of(report) == pdf

    # a new version is a live draft with the narrative copied
    draft = services.report_new_version(world.contributor, report)
    assert (draft.version, draft.status, draft.based_on_id) == (2, ReportStatus.DRAFT, report.pk)
    assert draft.achievements == report.achievements
    assert services.document(draft)["headline"][0]["value"] == 15.0


def test_signed_report_cannot_be_deleted_or_resubmitted(world: World) -> None:
    report = _signed(world)
    with pytest.raises(ValidationError):
        services.report_delete(world.contributor, report)
    with pytest.raises(ValidationError):
        services.report_submit(world.contributor, report)


def test_every_step_is_audited(world: World) -> None:
    report = _signed(world)
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(ReviewReport)
    entries = AuditEntry.objects.filter(content_type=kind, object_id=str(report.pk)).order_by("pk")
    assert entries.count() == 4  # create, update, submit, sign
    signing = entries.last().changes
    assert signing["status"] == {"old": "in_review", "new": "signed"}
    assert signing["signed_pdf_sha256"]["new"] == report.signed_pdf_sha256
    assert "snapshot" not in signing and "signed_pdf" not in signing
