"""The demo's good-practice cases: written in each organisation's language, built on a small
world with some of the demo's unit codes, idempotent."""

from __future__ import annotations

from collections import Counter

from soteria.audit.models import AuditEntry
from soteria.demo.content import ORGANISATIONS
from soteria.demo.practices import CASES, build_demo_practices
from soteria.practices.models import CaseStatus, PracticeAdoption, PracticeCase
from soteria.practices.services import clean_themes
from soteria.testing.factories import unit_create


def test_three_or_four_cases_per_organisation_in_its_language() -> None:
    languages = {o["code"]: o["language"] for o in ORGANISATIONS}
    per_org: Counter[str] = Counter()
    across = 0
    for spec in CASES:
        root = next(code for code in languages if spec["owner"].startswith(code + "-"))
        per_org[root] += 1
        assert spec["language"] == languages[root], spec["title"]
        assert set(clean_themes(spec["themes"])) == set(spec["themes"])  # known codes
        assert spec["problem"] and spec["practice"] and spec["results"]
        across += sum(not a.unit.startswith(root + "-") for a in spec["adoptions"])
    assert across >= 10  # mostly by other organisations
    assert set(per_org) == set(languages)
    assert all(3 <= n <= 4 for n in per_org.values()), per_org


def _small_world() -> None:
    pl = unit_create("PL-WSS", kind="hospital", language="pl")
    for code in ("PL-WSS-KARD", "PL-WSS-INT"):
        unit_create(code, parent=pl, language="pl")
    dk = unit_create("DK-RFJ", kind="region", language="da")
    hkb = unit_create("DK-RFJ-HKB", parent=dk, kind="hospital", language="da")
    unit_create("DK-RFJ-HKB-MED", parent=hkb, language="da")


def test_the_builder_on_a_small_world_and_again(db: None) -> None:
    _small_world()
    build_demo_practices(log=lambda _line: None)
    cases = PracticeCase.objects.select_related("owner")
    assert {c.owner.code for c in cases} == {"PL-WSS-KARD", "DK-RFJ-HKB-MED"}
    assert all(c.status == CaseStatus.PUBLISHED and c.published_at for c in cases)
    assert {c.language for c in cases} == {"pl", "da"}
    adoptions = {(a.case.owner.code, a.unit.code): a for a in PracticeAdoption.objects.all()}
    # only between units that exist here
    assert set(adoptions) == {
        ("PL-WSS-KARD", "DK-RFJ-HKB-MED"),
        ("PL-WSS-KARD", "PL-WSS-INT"),
    }
    danish = adoptions[("PL-WSS-KARD", "DK-RFJ-HKB-MED")]
    assert danish.indicator.code == "READMISSION_30D" and danish.started_on
    counts = (PracticeCase.objects.count(), PracticeAdoption.objects.count(),
              AuditEntry.objects.count())  # fmt: skip
    build_demo_practices(log=lambda _line: None)
    assert counts == (
        PracticeCase.objects.count(),
        PracticeAdoption.objects.count(),
        AuditEntry.objects.count(),
    )


def test_every_case_and_adoption_lands_in_the_demo_organisations(db: None) -> None:
    from soteria.demo.builder import build_demo

    build_demo(log=lambda _line: None)
    build_demo_practices(log=lambda _line: None)
    assert PracticeCase.objects.filter(status=CaseStatus.PUBLISHED).count() == len(CASES)
    planned = [a for spec in CASES for a in spec["adoptions"]]
    assert PracticeAdoption.objects.count() == len(planned)
    followed = PracticeAdoption.objects.filter(indicator__isnull=False)
    assert followed.count() == sum(1 for a in planned if a.indicator)
    assert all(a.started_on for a in followed)
