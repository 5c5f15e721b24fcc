"""An organisation's logo: checked, re-encoded, audited by hash, shown on review reports."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from soteria.audit.models import AuditEntry
from soteria.indicators import periods
from soteria.organisations.logo import logo_data_uri
from soteria.reviews import snapshot
from soteria.testing.factories import World


def _image(fmt: str = "PNG", size: tuple[int, int] = (1200, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 60, 120)).save(out, format=fmt)
    return out.getvalue()


def test_png_and_jpeg_become_a_small_png() -> None:
    for fmt in ("PNG", "JPEG"):
        uri = logo_data_uri(io.BytesIO(_image(fmt)))
        assert uri.startswith("data:image/png;base64,")
        import base64

        back = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
        assert back.format == "PNG" and max(back.size) <= 600


@pytest.mark.parametrize(
    "data",
    [b"<svg onload='alert(1)'></svg>", b"GIF89a" + b"\0" * 20, b"", b"%PDF-1.7 not an image"],
)
def test_other_files_are_refused(data: bytes) -> None:
    with pytest.raises(ValidationError):
        logo_data_uri(io.BytesIO(data))


def test_upload_page_is_for_administrators_and_audited(world: World) -> None:
    url = reverse("unit-logo", args=[world.hospital.code])
    viewer = Client()
    viewer.force_login(world.viewer)
    assert viewer.get(url).status_code == 403
    admin = Client()
    admin.force_login(world.admin)
    upload = SimpleUploadedFile("logo.png", _image(), content_type="image/png")
    assert admin.post(url, {"logo": upload}).status_code == 302
    world.hospital.refresh_from_db()
    assert world.hospital.logo.startswith("data:image/png;base64,")
    entry = AuditEntry.objects.filter(object_id=str(world.hospital.pk)).latest("pk")
    assert set(entry.changes) == {"logo"} and len(entry.changes["logo"]["new"]) == 16
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = admin.post(url, {"logo": bad})
    assert response.status_code == 200 and "not an image" in response.content.decode()
    assert admin.post(url, {"remove": "on"}).status_code == 302
    world.hospital.refresh_from_db()
    assert world.hospital.logo == ""


def test_reports_show_the_nearest_logo_above(world: World) -> None:
    from soteria.organisations.services import unit_logo_set

    logo = logo_data_uri(io.BytesIO(_image()))
    unit_logo_set(actor=world.admin, unit=world.hospital, logo=logo)
    doc = snapshot.build(world.cardiology, periods.parse("2026S1"), snapshot.Options(language="en"))
    assert doc["organisation"]["logo"] == logo
    other = snapshot.build(
        world.other_org, periods.parse("2026S1"), snapshot.Options(language="en")
    )
    assert other["organisation"]["logo"] == ""
