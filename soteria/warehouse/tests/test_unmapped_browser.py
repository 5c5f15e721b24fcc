"""End to end in Debian's Chromium: map an import's unknown identifiers from its report."""

from __future__ import annotations

import pytest

from soteria.organisations.models import OrgUnit, Role
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import role_give
from soteria.warehouse.models import UnitMapping

from .test_unmapped_identifiers import QUOTED, X9, _by_identifier, _fhir_files, _import, _write

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_unmapped_identifiers_are_mapped_from_the_import_report(page, world, hospital, tmp_path):
    providers = [_by_identifier(X9), _by_identifier(QUOTED), _by_identifier(X9)]
    record = _import(hospital, _write(tmp_path / "in", _fhir_files(providers)))
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)

    page.goto("/login/")
    page.fill("#id_username", "contributor")
    page.fill("#id_password", "contributor-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/")
    page.goto(f"/data/imports/{record.pk}/")
    form = page.locator("#unknowns-title + p + form")
    assert form.locator("tbody tr").count() == 2
    page.screenshot(path=str(SCREENSHOTS / "import-unknowns.png"), full_page=True)

    med = OrgUnit.objects.get(code="H1-MED")
    page.get_by_label(f"Org unit for {X9}").select_option(str(med.pk))
    with page.expect_navigation():
        form.get_by_role("button", name="Save mappings").click()
    assert "1 mapping saved." in page.content()
    page.screenshot(path=str(SCREENSHOTS / "import-unknowns-saved.png"), full_page=True)
    assert UnitMapping.objects.get().identifier == X9
