"""The review pages: who sees and does what, and what they show."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from soteria.reviews import bulk, services
from soteria.reviews.models import BulkReportRun, BulkStatus, ReportStatus, ReviewReport
from soteria.testing.factories import World


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(world: World, figures: dict[str, Any]) -> ReviewReport:
    return services.report_create(world.contributor, world.cardiology, "2026S1", language="en")


def test_create_from_the_list_page(world: World) -> None:
    client = _client(world.contributor)
    assert client.get(reverse("review-list")).status_code == 200
    response = client.post(
        reverse("review-list"),
        {"unit": world.cardiology.pk, "period": "2026S1", "language": "fi", "title": ""},
    )
    report = ReviewReport.objects.get()
    assert response.status_code == 302 and report.language == "fi"


def test_bad_period_shows_on_the_field(world: World) -> None:
    response = _client(world.contributor).post(
        reverse("review-list"), {"unit": world.cardiology.pk, "period": "26S1", "language": "en"}
    )
    assert response.status_code == 200 and ReviewReport.objects.count() == 0
    assert "half-year (2026S1)" in response.content.decode()


def test_detail_shows_live_figures_and_escapes_nothing_unsafe(
    world: World, draft: ReviewReport
) -> None:
    ReviewReport.objects.filter(pk=draft.pk).update(title="<script>alert(1)</script>")
    page = _client(world.viewer).get(reverse("review-detail", args=[draft.pk])).content.decode()
    assert "12.0" in page and "<script>alert(1)</script>" not in page
    assert "vega-spec" in page  # the SPC chart of the indicator off target


@pytest.mark.parametrize(
    ("user", "status"),
    [("viewer", 200), ("quality", 200), ("contributor", 200), ("stranger", 404)],
)
def test_who_reads_a_report(world: World, draft: ReviewReport, user: str, status: int) -> None:
    client = _client(getattr(world, user))
    assert client.get(reverse("review-detail", args=[draft.pk])).status_code == status
    assert client.get(reverse("review-pdf", args=[draft.pk])).status_code == status


def test_list_shows_only_reachable_reports(world: World, draft: ReviewReport) -> None:
    assert "HOSP-CARD" not in _client(world.stranger).get(reverse("review-list")).content.decode()


@pytest.mark.parametrize(("user", "status"), [("viewer", 403), ("stranger", 404)])
def test_who_may_not_edit(world: World, draft: ReviewReport, user: str, status: int) -> None:
    client = _client(getattr(world, user))
    assert client.get(reverse("review-edit", args=[draft.pk])).status_code == status
    assert client.post(reverse("review-submit", args=[draft.pk])).status_code == status
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT


def test_edit_submit_sign_through_the_pages(world: World, draft: ReviewReport) -> None:
    writer = _client(world.contributor)
    response = writer.post(
        reverse("review-edit", args=[draft.pk]),
        {
            "title": "H1",
            "language": "en",
            "suppression_k": 5,
            "introduction": "<p onclick='x'>Intro</p>",
            "achievements": "",
            "difficulties": "",
            "directions": "",
        },
    )
    assert response.status_code == 302
    writer.post(reverse("review-submit", args=[draft.pk]))
    # the writer may not sign; the unit lead may
    assert (
        _client(world.contributor).post(reverse("review-sign", args=[draft.pk])).status_code == 403
    )
    _client(world.lead).post(reverse("review-sign", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SIGNED and draft.introduction == "<p>Intro</p>"
    pdf = _client(world.viewer).get(reverse("review-pdf", args=[draft.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == bytes(draft.signed_pdf)


def test_four_eyes_is_a_message_not_an_error_page(world: World, draft: ReviewReport) -> None:
    services.report_submit(world.lead, draft)
    response = _client(world.lead).post(reverse("review-sign", args=[draft.pk]), follow=True)
    assert response.status_code == 200
    assert "someone other than who submitted" in response.content.decode()


def test_bulk_reports_for_the_units_below(
    world: World, figures: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.REVIEW_DIR = tmp_path
    response = _client(world.quality).post(
        reverse("review-bulk-new"),
        {"unit": world.hospital.pk, "period": "2026S1", "language": "en", "depth": 1},
    )
    run = BulkReportRun.objects.get()
    assert response.status_code == 302 and run.total == 2
    bulk.bulk_run(run)  # what the task queue runs
    run.refresh_from_db()
    assert (run.status, run.done, run.errors) == (BulkStatus.DONE, 2, [])
    download = _client(world.quality).get(reverse("review-bulk-download", args=[run.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == ["HOSP-CARD-2026S1-v1.pdf", "HOSP-SURG-2026S1-v1.pdf"]
    assert all(archive.read(n).startswith(b"%PDF") for n in archive.namelist())
    assert ReviewReport.objects.filter(status=ReportStatus.DRAFT).count() == 2
    # someone without a role on the hospital gets nothing
    assert _client(world.stranger).get(reverse("review-bulk", args=[run.pk])).status_code == 404
