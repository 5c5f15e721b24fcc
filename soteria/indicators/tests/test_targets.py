"""Targets: setting, approving, deleting (permissions, locks, audit) and which one applies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from soteria.audit.models import AuditAction, AuditEntry
from soteria.indicators import periods
from soteria.indicators.models import (
    IndicatorDefinition,
    PeriodLock,
    Source,
    Target,
)
from soteria.indicators.targets import (
    containing_periods,
    is_extensive,
    may_approve,
    target_approve,
    target_delete,
    target_for,
    target_history,
    target_set,
    target_write,
    targets_for,
    targets_for_many,
    targets_visible,
)
from soteria.organisations.models import Role
from soteria.testing.factories import role_give, standard_indicator, unit_create, user_create


@pytest.fixture
def ratio(world):
    return standard_indicator("READMISSION_30D")  # lower is better, a share


@pytest.fixture
def count(world):
    return standard_indicator("ADMISSIONS")  # higher is better, a count


def _audit(target, action=None):
    entries = AuditEntry.objects.filter(content_type__model="target", object_id=str(target.pk))
    return entries.filter(action=action) if action else entries


def lock(unit, code):
    period = periods.parse(code)
    return PeriodLock.objects.create(
        unit=unit, period=code, period_start=period.start, period_end=period.end
    )


# --- setting -------------------------------------------------------------------------------------


def test_a_unit_lead_sets_a_target_and_it_is_recorded_who_and_when(world, ratio):
    target = target_set(world.lead, ratio, world.cardiology, "2026", 8, 2, "Board decision")
    assert (target.value, target.tolerance, target.note) == (8.0, 2.0, "Board decision")
    assert target.period_start == dt.date(2026, 1, 1)
    assert target.set_by == world.lead and target.set_at is not None
    assert target.approved_at is None
    entry = _audit(target).get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor == world.lead and entry.unit == world.cardiology
    assert entry.changes["value"] == {"old": None, "new": 8.0}


def test_period_codes_are_normalised_and_bad_ones_refused_with_a_clear_message(world, ratio):
    assert target_set(world.lead, ratio, world.cardiology, " 2026q1 ".upper(), 8).period == "2026Q1"
    with pytest.raises(ValidationError) as error:
        target_set(world.lead, ratio, world.cardiology, "2026Q5", 8)
    assert error.value.message_dict["period"][0].startswith("'2026Q5' is not a period")
    assert not Target.objects.filter(period="2026Q5").exists()


@pytest.mark.parametrize(
    ("value", "tolerance", "field"),
    [
        ("many", 0, "value"),
        (float("nan"), 0, "value"),
        (float("inf"), 0, "value"),
        (8, -1, "tolerance"),
        (8, "wide", "tolerance"),
    ],
)
def test_values_and_tolerances_must_be_finite_numbers(world, ratio, value, tolerance, field):
    with pytest.raises(ValidationError) as error:
        target_set(world.lead, ratio, world.cardiology, "2026", value, tolerance)
    assert field in error.value.message_dict
    assert not Target.objects.exists()


def test_every_bad_field_is_reported_at_once(world, ratio):
    with pytest.raises(ValidationError) as error:
        target_set(world.lead, ratio, world.cardiology, "26", "x", -2, "n" * 2001)
    assert set(error.value.message_dict) == {"period", "value", "tolerance", "note"}


@pytest.mark.parametrize(
    ("user", "unit", "refusal"),
    [
        ("viewer", "cardiology", PermissionDenied),  # sees it, may not act: 403
        ("contributor", "cardiology", PermissionDenied),  # contributors don't set targets
        ("lead", "surgery", Http404),  # a sibling unit is out of reach
        ("lead", "hospital", Http404),  # so is the unit above
        ("stranger", "cardiology", Http404),
        ("quality", "region", Http404),
    ],
)
def test_who_may_not_set_a_target(world, ratio, user, unit, refusal):
    with pytest.raises(refusal):
        target_set(getattr(world, user), ratio, getattr(world, unit), "2026", 8)
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="target").exists()


@pytest.mark.parametrize(
    ("user", "unit"),
    [
        ("lead", "cardiology"),
        ("quality", "cardiology"),
        ("quality", "hospital"),
        ("admin", "region"),
    ],
)
def test_who_may_set_a_target(world, ratio, user, unit):
    assert target_set(getattr(world, user), ratio, getattr(world, unit), "2026", 8).pk


def test_another_organisations_own_indicator_cannot_get_targets_here(world):
    theirs = IndicatorDefinition.objects.create(
        code="THEIRS",
        name={"en": "Theirs"},
        unit="count",
        direction="higher",
        source=Source.MANUAL,
        owner=world.other_org,
    )
    with pytest.raises(ValidationError) as error:
        target_set(world.quality, theirs, world.cardiology, "2026", 1)
    assert "definition" in error.value.message_dict
    assert target_set(world.stranger, theirs, world.other_org, "2026", 1).pk


def test_setting_the_same_values_again_changes_and_records_nothing(world, ratio):
    target = target_set(world.lead, ratio, world.cardiology, "2026", 8, 2, "n")
    again, outcome = target_write(world.quality, ratio, world.cardiology, "2026", 8.0, 2.0, "n")
    assert outcome == "unchanged" and again.pk == target.pk
    assert again.set_by == world.lead
    assert _audit(target).count() == 1


def test_a_new_value_or_tolerance_clears_the_approval_but_a_new_note_does_not(world, ratio):
    target = target_set(world.lead, ratio, world.cardiology, "2026", 8, 2)
    target = target_approve(world.quality, target)
    assert target.approved_by == world.quality and target.approved_at is not None

    target = target_set(world.lead, ratio, world.cardiology, "2026", 8, 2, "only a note")
    assert target.approved_by == world.quality, "a note alone keeps the approval"

    target = target_set(world.quality, ratio, world.cardiology, "2026", 7.5, 2, "only a note")
    assert target.approved_by is None and target.approved_at is None
    assert target.set_by == world.quality
    change = _audit(target).first()
    assert change.action == AuditAction.UPDATE and change.actor == world.quality
    assert change.changes["value"] == {"old": 8.0, "new": 7.5}
    assert change.changes["approved_by"]["new"] is None

    target_approve(world.admin, target)
    target = target_set(world.lead, ratio, world.cardiology, "2026", 7.5, 3, "only a note")
    assert target.approved_at is None, "a new tolerance clears it too"


# --- approving -----------------------------------------------------------------------------------


def test_approval_is_for_leads_of_the_unit_above(world, ratio):
    card = target_set(world.lead, ratio, world.cardiology, "2026", 8)
    with pytest.raises(PermissionDenied):
        target_approve(world.lead, card)  # proposes for Cardiology, may not approve it
    with pytest.raises(PermissionDenied):
        target_approve(world.viewer, card)
    with pytest.raises(Http404):
        target_approve(world.stranger, card)
    approved = target_approve(world.quality, card)  # unit lead or above on HOSP
    assert approved.approved_by == world.quality
    entry = _audit(card, AuditAction.STATUS).get()
    assert entry.actor == world.quality
    assert set(entry.changes) == {"approved_by", "approved_at"}

    hosp = target_set(world.quality, ratio, world.hospital, "2026", 9)
    with pytest.raises(PermissionDenied):
        target_approve(world.quality, hosp)  # the hospital's own: approved at the region
    assert target_approve(world.admin, hosp).approved_by == world.admin


def test_a_root_organisations_targets_are_approved_by_its_own_leads(world, ratio):
    colleague = user_create("colleague")
    role_give(colleague, world.other_org, Role.UNIT_LEAD)
    target = target_set(world.stranger, ratio, world.other_org, "2026", 8)
    assert target_approve(colleague, target).approved_by == colleague


def test_four_eyes_nobody_approves_a_target_they_set(world, ratio):
    target = target_set(world.quality, ratio, world.cardiology, "2026", 8)
    with pytest.raises(ValidationError) as error:
        target_approve(world.quality, target)
    assert error.value.code == "four_eyes"
    assert Target.objects.get().approved_at is None
    assert not _audit(target, AuditAction.STATUS).exists()
    assert target_approve(world.admin, target).approved_by == world.admin
    # whoever changes the value is its setter now
    target = target_set(world.admin, ratio, world.cardiology, "2026", 7)
    with pytest.raises(ValidationError):
        target_approve(world.admin, target)
    assert target_approve(world.quality, target).approved_by == world.quality


def test_may_approve_says_whether_the_approve_button_makes_sense(world, ratio):
    target = target_set(world.lead, ratio, world.cardiology, "2026", 8)
    assert [may_approve(getattr(world, u), target) for u in ("lead", "quality", "viewer")] == [
        False,
        True,
        False,
    ]
    target = target_approve(world.quality, target)
    assert not may_approve(world.admin, target)


def test_approving_twice_changes_nothing(world, ratio):
    target = target_approve(
        world.quality, target_set(world.lead, ratio, world.cardiology, "2026", 8)
    )
    first = target.approved_at
    assert target_approve(world.admin, target).approved_by == world.quality
    assert Target.objects.get().approved_at == first
    assert _audit(target, AuditAction.STATUS).count() == 1


# --- deleting, history -----------------------------------------------------------------------------


def test_deleting_is_for_unit_leads_and_the_history_keeps_everything(world, ratio):
    target = target_set(world.lead, ratio, world.cardiology, "2026", 8)
    target_approve(world.quality, target)
    target_set(world.lead, ratio, world.cardiology, "2026", 7)
    with pytest.raises(PermissionDenied):
        target_delete(world.viewer, target)
    with pytest.raises(Http404):
        target_delete(world.stranger, target)
    history = [(e.action, e.actor) for e in target_history(world.viewer, target)]
    assert history == [
        (AuditAction.UPDATE, world.lead),
        (AuditAction.STATUS, world.quality),
        (AuditAction.CREATE, world.lead),
    ]
    with pytest.raises(Http404):
        target_history(world.stranger, target)
    pk = target.pk
    target_delete(world.lead, target)
    assert not Target.objects.filter(pk=pk).exists()
    deleted = AuditEntry.objects.filter(content_type__model="target", object_id=str(pk)).first()
    assert deleted.action == AuditAction.DELETE and deleted.actor == world.lead
    assert deleted.changes["value"] == {"old": 7.0, "new": None}
    assert deleted.unit == world.cardiology


def test_targets_visible_lists_only_units_the_user_may_see(world, ratio):
    for unit in (world.hospital, world.cardiology, world.surgery, world.other_org):
        target_set(None, ratio, unit, "2026", 8)
    codes = lambda user: {t.unit.code for t in targets_visible(user, ratio)}  # noqa: E731
    assert codes(world.lead) == {"HOSP-CARD"}
    assert codes(world.viewer) == {"HOSP", "HOSP-CARD", "HOSP-SURG"}
    assert codes(world.stranger) == {"OTHER"}


# --- locks -----------------------------------------------------------------------------------------


def test_a_lock_on_the_unit_or_above_freezes_targets_of_overlapping_periods(world, ratio):
    before = target_set(world.lead, ratio, world.cardiology, "2026Q1", 8)
    target_set(world.lead, ratio, world.cardiology, "202604", 8)
    lock(world.hospital, "2026Q1")
    for code in ("202602", "2026Q1", "2026S1", "2026"):
        with pytest.raises(ValidationError) as error:
            target_set(world.lead, ratio, world.cardiology, code, 5)
        assert error.value.message_dict["period"] == [
            f"2026Q1 is locked for HOSP, so targets for {code} cannot change."
        ]
    with pytest.raises(ValidationError):
        target_approve(world.quality, before)
    with pytest.raises(ValidationError):
        target_delete(world.lead, before)
    assert Target.objects.get(pk=before.pk).value == 8
    # outside the locked period, and on units outside the locked subtree, all is as usual
    assert target_set(world.lead, ratio, world.cardiology, "2026Q2", 5).pk
    assert target_set(world.stranger, ratio, world.other_org, "2026Q1", 5).pk


def test_a_lock_on_a_sibling_changes_nothing_here(world, ratio):
    lock(world.surgery, "2026")
    assert target_set(world.lead, ratio, world.cardiology, "2026", 8).pk


# --- which target applies ----------------------------------------------------------------------


def test_containing_periods_narrowest_first():
    codes = lambda code: [p.code for p in containing_periods(periods.parse(code))]  # noqa: E731
    assert codes("202605") == ["2026Q2", "2026S1", "2026"]
    assert codes("2026Q3") == ["2026S2", "2026"]
    assert codes("2026S2") == ["2026"]
    assert codes("2026") == []


def test_own_target_beats_an_inherited_one(world, ratio):
    target_set(None, ratio, world.hospital, "2026", 10, 1)
    target_set(None, ratio, world.cardiology, "2026", 8, 2)
    own = target_for(ratio, world.cardiology, "2026")
    assert (own.value, own.tolerance, own.own, own.source_unit) == (8, 2, True, world.cardiology)
    assert own.describe() == "set for this unit and period"
    inherited = target_for(ratio, world.surgery, "2026")
    assert (inherited.value, inherited.tolerance) == (10, 1)
    assert inherited.inherited and not inherited.from_containing_period
    assert inherited.source_unit == world.hospital
    assert inherited.describe() == "inherited from HOSP"
    assert target_for(ratio, world.region, "2026") is None
    assert target_for(ratio, world.other_org, "2026") is None


def test_the_nearest_ancestor_wins(world, ratio):
    ward = unit_create("HOSP-CARD-W1", parent=world.cardiology, kind="ward")
    target_set(None, ratio, world.region, "2026", 12)
    assert target_for(ratio, ward, "2026").source_unit == world.region
    target_set(None, ratio, world.hospital, "2026", 10)
    assert target_for(ratio, ward, "2026").source_unit == world.hospital
    target_set(None, ratio, world.cardiology, "2026", 8)
    assert target_for(ratio, ward, "2026").value == 8


def test_the_exact_period_beats_the_narrowest_containing_one(world, ratio):
    for code, value in (("2026", 8), ("2026S1", 7.5), ("2026Q1", 7), ("202602", 6)):
        target_set(None, ratio, world.cardiology, code, value)
    found = {
        code: target_for(ratio, world.cardiology, code)
        for code in ("202602", "202603", "202605", "202608", "2026Q2", "2026S2", "2026")
    }
    assert {code: t.value for code, t in found.items()} == {
        "202602": 6,
        "202603": 7,  # from 2026Q1
        "202605": 7.5,  # from 2026S1
        "202608": 8,  # from 2026
        "2026Q2": 7.5,
        "2026S2": 8,
        "2026": 8,
    }
    assert found["202602"].own
    assert found["202603"].from_containing_period and not found["202603"].prorated
    assert found["202603"].source_period == "2026Q1"
    assert found["202603"].describe() == "from 2026Q1"
    assert target_for(ratio, world.cardiology, "2027") is None


def test_a_units_own_target_for_a_longer_period_beats_an_inherited_exact_one(world, ratio):
    """'Unless overridden': a unit that set its own year target is not overruled by a monthly
    target of the unit above."""
    target_set(None, ratio, world.hospital, "202602", 10)
    target_set(None, ratio, world.cardiology, "2026", 8)
    assert target_for(ratio, world.cardiology, "202602").value == 8
    assert target_for(ratio, world.surgery, "202602").value == 10
    from_above = target_for(ratio, world.surgery, "202603")
    assert from_above is None  # HOSP set February only


def test_counts_are_prorated_by_days_from_a_containing_period(world, count):
    target_set(None, count, world.hospital, "2026", 3650, 365)
    february = target_for(count, world.hospital, "202602")
    assert february.value == pytest.approx(3650 * 28 / 365)
    assert february.tolerance == pytest.approx(365 * 28 / 365)
    assert february.prorated and february.from_containing_period
    assert february.factor == pytest.approx(28 / 365)
    assert february.describe() == "from 2026, pro rata"
    assert target_for(count, world.hospital, "2026Q1").value == pytest.approx(3650 * 90 / 365)
    assert target_for(count, world.hospital, "2026S2").value == pytest.approx(3650 * 184 / 365)
    assert target_for(count, world.hospital, "2026").value == 3650


def test_a_leap_february_has_29_of_366_days(world, count):
    target_set(None, count, world.hospital, "2024", 366)
    assert target_for(count, world.hospital, "202402").value == pytest.approx(29)


def test_proration_uses_the_narrowest_containing_target(world, count):
    target_set(None, count, world.hospital, "2026", 3650)
    target_set(None, count, world.hospital, "2026Q1", 900)
    assert target_for(count, world.hospital, "202602").value == pytest.approx(900 * 28 / 90)


@pytest.mark.parametrize(
    "code",
    [
        "READMISSION_30D",  # share
        "ALOS",  # average (sum over count)
        "ED_WAIT_MEDIAN",  # percentile, no denominator
        "PATIENTS",  # distinct count: does not add up over months
    ],
)
def test_shares_averages_percentiles_and_distinct_counts_apply_as_they_are(world, code):
    definition = standard_indicator(code)
    assert not is_extensive(definition)
    target_set(None, definition, world.hospital, "2026", 40, 4)
    february = target_for(definition, world.hospital, "202602")
    assert (february.value, february.tolerance, february.prorated) == (40, 4, False)
    assert february.describe() == "from 2026"
    # and they are inherited down the tree
    inherited = target_for(definition, world.cardiology, "202602")
    assert (inherited.value, inherited.inherited) == (40, True)
    assert inherited.describe() == "inherited from HOSP, 2026"


def test_counts_and_sums_are_not_inherited_down_the_tree(world, count):
    """A hospital's 3,650 admissions say nothing about what Cardiology should reach."""
    target_set(None, count, world.hospital, "2026", 3650)
    assert target_for(count, world.cardiology, "2026") is None
    assert target_for(count, world.cardiology, "202602") is None
    target_set(None, count, world.cardiology, "2026", 365)
    assert target_for(count, world.cardiology, "202602").value == pytest.approx(28)
    bed_days = standard_indicator("BED_DAYS")  # a sum
    assert is_extensive(bed_days)
    target_set(None, bed_days, world.hospital, "2026", 365)
    assert target_for(bed_days, world.surgery, "2026") is None


def test_what_counts_as_extensive(world):
    assert is_extensive(standard_indicator("ADMISSIONS"))
    assert not is_extensive(standard_indicator("MORTALITY_INHOSPITAL"))
    by_ref = IndicatorDefinition.objects.create(
        code="ADM_COPY",
        name={"en": "Admissions again"},
        unit="count",
        direction="higher",
        numerator={"ref": "ADMISSIONS.numerator"},
    )
    assert is_extensive(by_ref)
    manual = dict(name={"en": "x"}, direction="higher", source=Source.MANUAL)
    assert is_extensive(IndicatorDefinition(code="M1", unit="count", **manual))
    assert is_extensive(IndicatorDefinition(code="M2", unit="currency", **manual))
    assert not is_extensive(IndicatorDefinition(code="M3", unit="score", **manual))
    assert not is_extensive(
        IndicatorDefinition(code="M4", unit="percent", denominator={"x": 1}, **manual)
    )


# --- in bulk ----------------------------------------------------------------------------------------


def _months(year):
    return [f"{year}{m:02d}" for m in range(1, 13)]


def test_the_bulk_selector_agrees_with_the_single_one(world, ratio, count):
    target_set(None, ratio, world.hospital, "2026", 10)
    target_set(None, ratio, world.cardiology, "2026Q2", 8)
    target_set(None, ratio, world.surgery, "202611", 7)
    target_set(None, count, world.hospital, "2026S1", 1810)
    units = [world.region, world.hospital, world.cardiology, world.surgery, world.other_org]
    for definition in (ratio, count):
        pairs = [(u, p) for u in units for p in [*_months(2026), "2026Q2", "2026"]]
        bulk = targets_for(definition, pairs)
        assert len(bulk) == len(pairs)
        for unit, code in pairs:
            single = target_for(definition, unit, code)
            got = bulk[(unit.pk, code)]
            assert (got and (got.value, got.source.pk, got.inherited, got.prorated)) == (
                single and (single.value, single.source.pk, single.inherited, single.prorated)
            ), (definition.code, unit.code, code)


def test_the_bulk_selector_needs_one_query_however_many_cells(
    world, ratio, django_assert_num_queries
):
    wards = [
        unit_create(f"HOSP-CARD-W{i}", parent=world.cardiology, kind="ward") for i in range(30)
    ]
    target_set(None, ratio, world.hospital, "2026", 10)
    target_set(None, ratio, world.cardiology, "2026Q1", 8)
    pairs = [(u, code) for u in wards for code in [*_months(2026), "2026Q1", "2026S1", "2026"]]
    assert len(pairs) == 450
    with django_assert_num_queries(1):
        result = targets_for(ratio, pairs)
    assert result[(wards[0].pk, "202602")].value == 8
    assert result[(wards[0].pk, "202605")].value == 10
    assert result[(wards[0].pk, "202605")].source_unit.code == "HOSP"  # no extra query


def test_following_a_reference_costs_one_more_query_not_one_per_cell(
    world, django_assert_num_queries
):
    by_ref = IndicatorDefinition.objects.create(
        code="ADM_COPY",
        name={"en": "Admissions again"},
        unit="count",
        direction="higher",
        numerator={"ref": "ADMISSIONS.numerator"},
    )
    target_set(None, by_ref, world.hospital, "2026", 365)
    units = [world.hospital, world.cardiology, world.surgery]
    with django_assert_num_queries(2):
        result = targets_for(by_ref, [(u, m) for u in units for m in _months(2026)])
    assert result[(world.hospital.pk, "202602")].value == pytest.approx(28)
    assert result[(world.cardiology.pk, "202602")] is None


def test_targets_for_many_spans_indicators(world, ratio, count, django_assert_num_queries):
    target_set(None, ratio, world.hospital, "2026", 10)
    target_set(None, count, world.cardiology, "2026", 365)
    triples = [(d, u, "202602") for d in (ratio, count) for u in (world.cardiology, world.surgery)]
    with django_assert_num_queries(1):
        result = targets_for_many(triples)
    assert result[(ratio.pk, world.surgery.pk, "202602")].value == 10
    assert result[(count.pk, world.cardiology.pk, "202602")].value == pytest.approx(28)
    assert result[(count.pk, world.surgery.pk, "202602")] is None
