"""Pages for hand-entered values: who gets 200, 403 and 404, and that forms reach the services."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from soteria.indicators import manual, manual_excel
from soteria.indicators.models import EntryStatus, IndicatorValue, ManualValue, PeriodLock

from .test_manual_excel import workbook
from .test_manual_services import Defs, make_defs


@pytest.fixture
def defs(world) -> Defs:
    return make_defs()


def entry_post(defs_obj, unit, period="202601", action="save", **fields):
    key = f"c{defs_obj.pk}-{unit.pk}"
    data = {"definition": defs_obj.pk, "unit": unit.pk, "period": period, "action": action}
    data.update({f"{key}-{name}": value for name, value in fields.items()})
    return data


def test_the_entry_page_lists_the_users_cells(client, world, defs):
    client.force_login(world.contributor)
    page = client.get(reverse("manual-entry"), {"period": "202601"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="c{defs.edoc.pk}-{world.cardiology.pk}-denominator"' in html
    assert f'name="c{defs.hours.pk}-{world.cardiology.pk}-numerator"' in html
    assert f'name="c{defs.hours.pk}-{world.cardiology.pk}-denominator"' not in html  # an amount
    assert "HOSP-SURG" not in html
    default = client.get(reverse("manual-entry"))
    assert default.context["period"] == manual.default_period()
    bad = client.get(reverse("manual-entry"), {"period": "soon"})
    assert bad.status_code == 200 and bad.context["period"] == manual.default_period()
    client.force_login(world.viewer)
    assert "not a contributor" in client.get(reverse("manual-entry")).content.decode()
    client.force_login(world.stranger)
    assert client.get(reverse("manual-entry"), {"unit": "HOSP"}).status_code == 404


def test_entering_through_the_page(client, world, defs):
    client.force_login(world.contributor)
    url = reverse("manual-entry") + "?period=202601"
    response = client.post(
        url,
        entry_post(defs.edoc, world.cardiology, numerator="84", denominator="100", comment="ok"),
    )
    assert response.status_code == 302
    value = ManualValue.objects.get()
    assert (value.numerator, value.denominator, value.comment, value.status) == (
        84,
        100,
        "ok",
        EntryStatus.DRAFT,
    )
    response = client.post(
        url,
        entry_post(defs.edoc, world.cardiology, action="submit", numerator="84", denominator="100"),
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.status == EntryStatus.SUBMITTED
    history = client.get(reverse("history", args=["indicators.ManualValue", value.pk]))
    assert history.status_code == 200
    assert "submitted" in history.content.decode()


def test_entry_errors_are_shown_next_to_the_fields(client, world, defs):
    client.force_login(world.contributor)
    url = reverse("manual-entry") + "?period=202601"
    response = client.post(
        url, entry_post(defs.edoc, world.cardiology, numerator="5", denominator="0")
    )
    assert response.status_code == 200
    assert "must be greater than zero" in response.content.decode()
    response = client.post(
        url, entry_post(defs.hours, world.cardiology, period="2026Q1", numerator="5")
    )
    assert "entered per month" in response.content.decode()
    response = client.post(url, entry_post(defs.hours, world.cardiology, numerator="abc"))
    assert response.status_code == 200
    assert not ManualValue.objects.exists()


def test_entry_permissions(client, world, defs):
    url = reverse("manual-entry")
    client.force_login(world.viewer)
    assert (
        client.post(url, entry_post(defs.hours, world.cardiology, numerator="5")).status_code == 403
    )
    client.force_login(world.stranger)
    assert (
        client.post(url, entry_post(defs.hours, world.cardiology, numerator="5")).status_code == 404
    )
    client.force_login(world.contributor)
    assert client.post(url, entry_post(defs.hours, world.surgery, numerator="5")).status_code == 404
    assert not ManualValue.objects.exists()


def test_approving_and_returning_through_the_page(client, world, defs):
    value = manual.manual_enter(
        world.contributor, defs.edoc, world.cardiology, "202601", 80, 100, submit=True
    )
    client.force_login(world.lead)
    page = client.get(reverse("manual-approvals"))
    assert page.status_code == 200
    assert [v for v, _form in page.context["waiting"]] == [value]
    assert "80.0" in page.content.decode()  # 80 / 100 × 100
    assert client.post(reverse("manual-approve", args=[value.pk])).status_code == 302
    value.refresh_from_db()
    assert value.status == EntryStatus.APPROVED
    assert IndicatorValue.objects.filter(definition=defs.edoc, unit=world.region).exists()
    # Returning needs a note.
    response = client.post(reverse("manual-return", args=[value.pk]), {f"r{value.pk}-note": ""})
    assert response.status_code == 400
    value.refresh_from_db()
    assert value.status == EntryStatus.APPROVED
    response = client.post(
        reverse("manual-return", args=[value.pk]), {f"r{value.pk}-note": "Wrong month"}
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.status, value.review_note) == (EntryStatus.RETURNED, "Wrong month")
    assert not IndicatorValue.objects.filter(definition=defs.edoc).exists()
    # The contributor sees the note on the entry page.
    client.force_login(world.contributor)
    assert (
        "Wrong month" in client.get(reverse("manual-entry"), {"period": "202601"}).content.decode()
    )


def test_approval_permissions_and_four_eyes(client, world, defs):
    value = manual.manual_enter(
        world.contributor, defs.hours, world.cardiology, "202601", 5, submit=True
    )
    sibling = manual.manual_enter(
        world.quality, defs.hours, world.surgery, "202601", 3, submit=True
    )
    approve = reverse("manual-approve", args=[value.pk])
    for user, status in ((world.contributor, 403), (world.viewer, 403), (world.stranger, 404)):
        client.force_login(user)
        assert client.post(approve).status_code == status
        assert (
            client.post(
                reverse("manual-return", args=[value.pk]), {f"r{value.pk}-note": "x"}
            ).status_code
            == status
        )
    client.force_login(world.lead)
    assert client.post(reverse("manual-approve", args=[sibling.pk])).status_code == 404
    assert client.get(approve).status_code == 405
    own = manual.manual_enter(world.lead, defs.edoc, world.cardiology, "202601", 1, 2, submit=True)
    response = client.post(reverse("manual-approve", args=[own.pk]), follow=True)
    assert "You entered this value yourself" in response.content.decode()
    own.refresh_from_db()
    assert own.status == EntryStatus.SUBMITTED
    value.refresh_from_db()
    sibling.refresh_from_db()
    assert value.status == sibling.status == EntryStatus.SUBMITTED


def test_template_download(client, world, defs):
    client.force_login(world.contributor)
    url = reverse("manual-template")
    response = client.get(url, {"unit": world.cardiology.pk, "period": "202601"})
    assert response.status_code == 200
    assert response["Content-Type"] == manual_excel.CONTENT_TYPE
    assert "soteria-values-HOSP-CARD-202601.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(1, 1).value == "Indicator"
    assert client.get(url, {"unit": world.hospital.pk, "period": "202601"}).status_code == 404
    assert client.get(url, {"unit": world.cardiology.pk, "period": "x"}).status_code == 302
    client.force_login(world.viewer)
    assert client.get(url, {"unit": world.hospital.pk, "period": "202601"}).status_code == 403
    assert client.get(reverse("manual-excel")).status_code == 200


def test_upload_through_the_page(client, world, defs):
    client.force_login(world.contributor)
    url = reverse("manual-excel")

    def upload(submit=False):
        data = workbook([["T_HOURS", "", "HOSP-CARD", "", "202601", 5]]).getvalue()
        body = {"file": SimpleUploadedFile("values.xlsx", data)}
        if submit:
            body["submit"] = "on"
        return client.post(url, body, follow=True)

    page = upload()
    assert "Saved: 1 new, 0 changed, 0 unchanged." in page.content.decode()
    assert ManualValue.objects.get().status == EntryStatus.DRAFT
    page = upload()
    assert "Nothing changed" in page.content.decode()
    page = upload(submit=True)
    assert "1 value submitted for approval." in page.content.decode()
    assert ManualValue.objects.get().status == EntryStatus.SUBMITTED
    bad = workbook([["T_HOURS", "", "HOSP-CARD", "", "202602", "abc"]]).getvalue()
    response = client.post(url, {"file": SimpleUploadedFile("values.xlsx", bad)})
    assert response.status_code == 400
    assert "row 2, column Value: &#x27;abc&#x27; is not a number." in response.content.decode()
    client.force_login(world.viewer)
    data = workbook([["T_HOURS", "", "HOSP-CARD", "", "202601", 5]]).getvalue()
    assert client.post(url, {"file": SimpleUploadedFile("v.xlsx", data)}).status_code == 403


def test_locks_page(client, world, defs):
    url = reverse("manual-locks")
    client.force_login(world.lead)
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is None
    body = {"unit": world.hospital.pk, "period": "2026Q1", "reason": "Q1 review signed"}
    assert client.post(url, body).status_code == 403
    client.force_login(world.stranger)  # an administrator elsewhere: HOSP is not a choice
    assert client.post(url, body).status_code == 200
    assert not PeriodLock.objects.exists()
    manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202602", 5)
    client.force_login(world.quality)
    response = client.post(url, body, follow=True)
    html = response.content.decode()
    assert "2026Q1 is locked for Hospital." in html
    assert "1 value in it was not approved" in html
    lock = PeriodLock.objects.get()
    assert (lock.unit, lock.period, lock.reason) == (world.hospital, "2026Q1", "Q1 review signed")
    # The contributor's page shows the cell as locked, without inputs.
    client.force_login(world.contributor)
    entry = client.get(reverse("manual-entry"), {"period": "202602"}).content.decode()
    assert "is locked for Hospital" in entry
    assert f'name="c{defs.hours.pk}-{world.cardiology.pk}-numerator"' not in entry
    unlock = reverse("manual-unlock", args=[lock.pk])
    assert client.post(unlock).status_code == 403
    client.force_login(world.stranger)
    assert client.post(unlock).status_code == 404
    client.force_login(world.quality)
    assert client.post(unlock).status_code == 302
    assert not PeriodLock.objects.exists()
